public import Foundation
import RelatoriaCore
import RelatoriaReaders
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a directory entry is, without following a symbolic link.
public enum FileKind: Equatable, Sendable {
    case regular, folder, symlink
    /// A named pipe, socket or device: never opened. The payload says what it is.
    case special(String)

    /// The kind of a `stat` mode (`st_mode`).
    public init(mode: UInt32) {
        switch mode_t(truncatingIfNeeded: mode) & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .folder
        case S_IFLNK: self = .symlink
        case S_IFIFO: self = .special("a named pipe or FIFO")
        case S_IFSOCK: self = .special("a socket")
        case S_IFCHR, S_IFBLK: self = .special("a device")
        default: self = .special("not a regular file")
        }
    }

    /// Why an entry of this kind is not read, for a log or a summary (nil for files and folders).
    public var whySkipped: String? {
        switch self {
        case .regular, .folder: return nil
        case .symlink: return "a symbolic link, not followed"
        case .special(let what): return "\(what), never opened"
        }
    }
}

/// One walk of a folder tree by readdir(3): the kind of most entries comes with the entry
/// (`d_type`), so a file costs no call of its own (lstat only where the file system does not
/// say). Symbolic links are never followed. Used by `relatoria ingest` (where Foundation's
/// directory enumerator with its resource values cost 0.3 M instructions a file, before any
/// file could be read) and by the watcher's inbox scans.
public struct FolderWalk: Sendable {
    /// Every folder walked, the root first.
    public var folders: [String] = []
    /// Regular files, in the order met (not sorted).
    public var files: [String] = []
    /// Entries left out because `skip` returned true for their name (UTF-8 paths only;
    /// nothing under such a folder is listed).
    public var ignored: [String] = []
    /// Symbolic links and special files, with why they are not read.
    public var skipped: [(path: String, why: String)] = []
    /// Folders that could not be listed, with the system's reason.
    public var unlistable: [(path: String, reason: String)] = []
    /// Files and folders whose name is not UTF-8: no String path reaches them.
    public var foreignNames: [ForeignName] = []

    /// An entry whose path is not UTF-8: its name, or a folder above it, in another encoding
    /// (Latin-1 or Windows-1252 from an older system).
    public struct ForeignName: Sendable {
        /// The folder's path as bytes (UTF-8 unless a folder above is foreign too).
        public let parent: [UInt8]
        /// The name's bytes.
        public let bytes: [UInt8]
        public let isFolder: Bool

        /// Why the watcher leaves it where it stands when it cannot rename it.
        public static let reason = "its name is not UTF-8 (shown with \\xNN for its other bytes) and it could not be renamed: rename it to read it"

        /// The folder, when its own path is UTF-8 (nil: rename that folder first).
        public var folder: String? { String(validating: parent, as: UTF8.self) }
        /// The path shown (reaches no file): UTF-8 where the bytes are, `\xNN` for the others.
        public var path: String { FolderWalk.escaped(FolderWalk.joined(parent, bytes)) }
        /// The name read as Windows-1252 (which covers Latin-1's printable range).
        public var decoded: String { LegacyText.windows1252(bytes) }

        /// The path as the system takes it.
        public var rawPath: [CChar] { FolderWalk.cPath(FolderWalk.joined(parent, bytes)) }

        /// Renames the entry to its name read as Windows-1252 (with " (2)", " (3)"... before
        /// the extension when that name is taken; never over another file: a hard link made
        /// under the new name, then the old name removed; a folder renamed when the name is
        /// free). Returns the new path, or nil (with nothing changed) when it cannot, or when
        /// a folder above is foreign too.
        public func renameToDecoded() -> String? {
            guard let folder else { return nil }
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            let old = rawPath
            let name = decoded as NSString
            let stem = name.deletingPathExtension, ext = name.pathExtension
            for n in 1...50 {
                let candidate = n == 1 ? decoded : "\(stem) (\(n))" + (ext.isEmpty ? "" : ".\(ext)")
                let new = prefix + candidate
                if link(old, new) == 0 {
                    if unlink(old) != 0 { _ = unlink(new); return nil }
                    return new
                }
                if errno == EEXIST { continue }
                // A folder has no hard links: renamed when the name is free.
                guard errno == EPERM else { return nil }
                var st = stat()
                if lstat(new, &st) == 0 { continue }
                guard errno == ENOENT else { return nil }
                return rename(old, new) == 0 ? new : nil
            }
            return nil
        }
    }

    /// Walks `root`, leaving out the entries whose name `skip` returns true for (and
    /// everything under such a folder). Folders whose name is not UTF-8 are walked too (their
    /// entries are all foreign names).
    public static func walk(_ root: String, skip: (String) -> Bool) -> FolderWalk {
        var walk = FolderWalk()
        var pending = [Array(root.utf8)]
        while let raw = pending.popLast() {
            // A folder of a UTF-8 path, or one under a foreign name (listed with it).
            let folder = String(validating: raw, as: UTF8.self)
            if let folder { walk.folders.append(folder) }
            guard let dir = opendir(cPath(raw)) else {
                walk.unlistable.append((escaped(raw), "cannot list the folder: \(String(cString: strerror(errno)))"))
                continue
            }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
                let name = String(validating: bytes, as: UTF8.self)
                if name == "." || name == ".." { continue }
                if skip(name ?? escaped(bytes)) {
                    if let folder, let name { walk.ignored.append((folder.hasSuffix("/") ? folder : folder + "/") + name) }
                    continue
                }
                let full = joined(raw, bytes)
                let kind: FileKind
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_REG): kind = .regular
                case Int32(DT_DIR): kind = .folder
                case Int32(DT_LNK): kind = .symlink
                default:
                    var st = stat()
                    guard lstat(cPath(full), &st) == 0 else { continue }  // gone meanwhile
                    kind = FileKind(mode: UInt32(st.st_mode))
                }
                guard let folder, let name else {
                    // A name in another encoding (Latin-1 from an old system), here or above:
                    // no String path reaches it, so it is listed apart (ingest reads it by its
                    // bytes, the watcher renames it), never silently passed over.
                    switch kind {
                    case .regular: walk.foreignNames.append(ForeignName(parent: raw, bytes: bytes, isFolder: false))
                    case .folder:
                        walk.foreignNames.append(ForeignName(parent: raw, bytes: bytes, isFolder: true))
                        pending.append(full)
                    case .symlink, .special: walk.skipped.append((escaped(full), kind.whySkipped ?? ""))
                    }
                    continue
                }
                let path = (folder.hasSuffix("/") ? folder : folder + "/") + name
                switch kind {
                case .regular: walk.files.append(path)
                case .folder: pending.append(full)
                case .symlink, .special: walk.skipped.append((path, kind.whySkipped ?? ""))
                }
            }
        }
        return walk
    }

    /// A path's bytes as the C library takes them (NUL-terminated).
    static func cPath(_ bytes: [UInt8]) -> [CChar] { (bytes + [0]).map { CChar(bitPattern: $0) } }

    /// `folder/name` as bytes (no doubled slash).
    static func joined(_ folder: [UInt8], _ name: [UInt8]) -> [UInt8] {
        folder.last == UInt8(ascii: "/") ? folder + name : folder + [UInt8(ascii: "/")] + name
    }

    /// A file name's bytes as text: UTF-8 where they are, other bytes as `\xNN`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            // The longest valid UTF-8 sequence here (1 to 4 bytes), else one escaped byte.
            var taken = false
            for length in (1...min(4, bytes.count - i)).reversed() {
                if let s = String(validating: bytes[i..<(i + length)], as: UTF8.self), s.unicodeScalars.count == 1 {
                    out += s
                    i += length
                    taken = true
                    break
                }
            }
            if !taken {
                out += String(format: "\\x%02X", bytes[i])
                i += 1
            }
        }
        return out
    }
}
