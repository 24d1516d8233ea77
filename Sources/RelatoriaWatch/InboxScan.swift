import RelatoriaKit
import CDispatch  // with CoreFoundation and Glibc: struct stat's fields, whichever declares them in this build
import CoreFoundation
import Foundation
import Glibc

/// What the file system says about one path, without following a symbolic link.
public struct FileStamp: Equatable, Sendable {
    typealias Kind = FileKind
    var kind: Kind
    var size: Int
    var mtime: Int64  // nanoseconds
    var device: UInt64
    var inode: UInt64

    /// The stamp of `path`, or nil when it no longer exists (or cannot be looked at).
    static func of(_ path: String) -> FileStamp? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return FileStamp(kind: FileKind(mode: UInt32(st.st_mode)), size: Int(st.st_size), mtime: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                         device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    /// The running program's file (following `/proc/self/exe`), as searches compare it:
    /// the version and the file's device, inode, size and modification time. After an
    /// upgrade, a watcher's file is another one than a new command's, so the watcher does not
    /// answer that command (see ``SearchSocket``). Read with stat(2) rather than
    /// FileManager, which costs a CLI search a third of a millisecond.
    public static func programIdentity(version: String) -> String {
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { return "\(version) unknown \(getpid())" }  // matches no other process
        return "\(version) \(st.st_dev):\(st.st_ino):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }

    /// Whether some process holds the file open for writing. Asked with a read lease, which
    /// the kernel refuses while a writer has the file open; nil when the file system or our
    /// permissions cannot tell (then only the settle delay decides).
    static func hasWriter(_ path: String) -> Bool? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let setLease: Int32 = 1024, readLock: Int32 = 0, unlock: Int32 = 2  // F_SETLEASE, F_RDLCK, F_UNLCK
        if fcntl(fd, setLease, readLock) == 0 {
            _ = fcntl(fd, setLease, unlock)
            return false
        }
        return errno == EAGAIN ? true : nil
    }
}

/// Names the watcher never takes: dotfiles, editors' lock and temporary files, partial
/// downloads, desktop litter (the configured shell patterns).
struct IgnoreRules: Sendable {
    var patterns: [String]

    /// The rule that keeps `name` out, as the log shows it: `.*` for a hidden name, else the
    /// first configured pattern it matches; nil for a name the watcher takes.
    func rule(for name: String) -> String? {
        if name.hasPrefix(".") { return ".*" }
        return patterns.first { fnmatch($0, name, 0) == 0 }
    }

    func ignores(_ name: String) -> Bool { rule(for: name) != nil }
}

/// One walk of the inbox tree.
struct InboxScan {
    var folders: [String] = []
    var files: [(path: String, stamp: FileStamp)] = []
    /// Symbolic links and special files, never followed or opened, and folders that cannot
    /// be listed.
    var skipped: [(path: String, why: String)] = []
    /// Files and folders whose name is not UTF-8.
    var foreignNames: [FolderWalk.ForeignName] = []
    /// Files and folders never taken for their name, with the rule that matched.
    var ignored: [(path: String, rule: String)] = []

    /// Walks `root` without following symbolic links, skipping ignored names.
    static func walk(_ root: String, rules: IgnoreRules) -> InboxScan {
        let walk = FolderWalk.walk(root, skip: rules.ignores)
        // A folder that cannot be listed is logged like a skipped file (its files wait for a
        // rescan after its permissions change).
        var scan = InboxScan(folders: walk.folders, skipped: walk.skipped + walk.unlistable.map { ($0.path, $0.reason) },
                             foreignNames: walk.foreignNames)
        scan.ignored = walk.ignored.compactMap { path in rules.rule(for: (path as NSString).lastPathComponent).map { (path, $0) } }
        for path in walk.files {
            guard let stamp = FileStamp.of(path) else { continue }  // gone meanwhile
            switch stamp.kind {
            case .regular: scan.files.append((path, stamp))
            case .folder: continue  // replaced by a folder since: the next scan walks it
            case .symlink, .special: scan.skipped.append((path, stamp.kind.whySkipped ?? ""))
            }
        }
        return scan
    }
}
