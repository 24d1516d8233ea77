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
        case S_IFIFO: self = .special("a named pipe (FIFO)")
        case S_IFSOCK: self = .special("a socket")
        case S_IFCHR, S_IFBLK: self = .special("a device")
        default: self = .special("not a regular file")
        }
    }

    /// The kind of `path` by lstat(2), or nil when it no longer exists (or cannot be looked at).
    public static func of(_ path: String) -> FileKind? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return FileKind(mode: UInt32(st.st_mode))
    }

    /// Why an entry of this kind is not read, for a log or a summary (nil for files and folders).
    public var whySkipped: String? {
        switch self {
        case .regular, .folder: return nil
        case .symlink: return "a symbolic link (not followed)"
        case .special(let what): return "\(what) (never opened)"
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
    /// Symbolic links and special files, with why they are not read.
    public var skipped: [(path: String, why: String)] = []
    /// Folders that could not be listed, with the system's reason.
    public var unlistable: [(path: String, reason: String)] = []
    /// Files and folders whose name is not UTF-8: no String path reaches them.
    public var foreignNames: [ForeignName] = []

    /// An entry whose name is not UTF-8 (Latin-1 or Windows-1252 from an older system).
    public struct ForeignName: Sendable {
        public let folder: String
        /// The name's bytes.
        public let bytes: [UInt8]

        /// Why it is not read where it stands.
        public static let reason = "its name is not UTF-8 (shown with \\xNN for its other bytes): rename it to read it"

        /// The name shown: UTF-8 where the bytes are, `\xNN` for the others.
        public var shown: String { FolderWalk.escaped(bytes) }
        /// The path shown (reaches no file).
        public var path: String { (folder.hasSuffix("/") ? folder : folder + "/") + shown }
        /// The name read as Windows-1252 (which covers Latin-1's printable range).
        public var decoded: String { LegacyText.windows1252(bytes) }

        /// The file's bytes, read by its name's own bytes: only a regular file (never through
        /// a symbolic link) of at most `limit` bytes.
        public func read(limit: Int) throws -> Data {
            let raw = Array((folder.hasSuffix("/") ? folder : folder + "/").utf8) + bytes + [0]
            let fd = raw.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK) }
            guard fd >= 0 else { throw RelatoriaError(.inaccessiblePath, path: path, reason: "cannot be opened (\(String(cString: strerror(errno))))") }
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0, FileKind(mode: UInt32(st.st_mode)) == .regular else {
                throw RelatoriaError(.inaccessiblePath, path: path, reason: "not a regular file; not read")
            }
            guard Int(st.st_size) <= limit else {
                throw RelatoriaError(.unreadableDocument, path: path, reason: "file is \(st.st_size) bytes, over the \(limit)-byte limit (limits.maxInputBytes)")
            }
            var data = Data(count: Int(st.st_size))
            var total = 0
            while total < data.count {
                let n = data.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + total, $0.count - total) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                total += n
            }
            guard total == data.count else { throw RelatoriaError(.inaccessiblePath, path: path, reason: "cannot be read (it changed while read)") }
            return data
        }

        /// Renames the entry to its name read as Windows-1252 (with " (2)", " (3)"... before
        /// the extension when that name is taken; never over another file: a hard link made
        /// under the new name, then the old name removed; a folder renamed when the name is
        /// free). Returns the new path, or nil (with nothing changed) when it cannot.
        public func renameToDecoded() -> String? {
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            let old = Array(prefix.utf8) + bytes + [0]
            let name = decoded as NSString
            let stem = name.deletingPathExtension, ext = name.pathExtension
            for n in 1...50 {
                let candidate = n == 1 ? decoded : "\(stem) (\(n))" + (ext.isEmpty ? "" : ".\(ext)")
                let new = prefix + candidate
                let linked = old.withUnsafeBufferPointer { o in
                    link(UnsafeRawPointer(o.baseAddress!).assumingMemoryBound(to: CChar.self), new)
                }
                if linked == 0 {
                    let removed = old.withUnsafeBufferPointer { o in unlink(UnsafeRawPointer(o.baseAddress!).assumingMemoryBound(to: CChar.self)) }
                    if removed != 0 { _ = unlink(new); return nil }
                    return new
                }
                if errno == EEXIST { continue }
                // A folder has no hard links: renamed when the name is free.
                guard errno == EPERM else { return nil }
                var st = stat()
                if lstat(new, &st) == 0 { continue }
                guard errno == ENOENT else { return nil }
                let moved = old.withUnsafeBufferPointer { o in rename(UnsafeRawPointer(o.baseAddress!).assumingMemoryBound(to: CChar.self), new) }
                return moved == 0 ? new : nil
            }
            return nil
        }
    }

    /// Walks `root`, leaving out the entries whose name `skip` returns true for (and
    /// everything under such a folder).
    public static func walk(_ root: String, skip: (String) -> Bool) -> FolderWalk {
        var walk = FolderWalk()
        var pending = [root]
        while let folder = pending.popLast() {
            walk.folders.append(folder)
            guard let dir = opendir(folder) else {
                walk.unlistable.append((folder, "cannot list the folder: \(String(cString: strerror(errno)))"))
                continue
            }
            defer { closedir(dir) }
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            while let entry = readdir(dir) {
                let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
                guard let name = String(validating: bytes, as: UTF8.self) else {
                    // A name in another encoding (Latin-1 from an old system): a String path
                    // would not reach it, so it is reported, never silently passed over.
                    let foreign = ForeignName(folder: folder, bytes: bytes)
                    if !skip(foreign.shown) { walk.foreignNames.append(foreign) }
                    continue
                }
                if name == "." || name == ".." || skip(name) { continue }
                let path = prefix + name
                let kind: FileKind
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_REG): kind = .regular
                case Int32(DT_DIR): kind = .folder
                case Int32(DT_LNK): kind = .symlink
                default:
                    guard let k = FileKind.of(path) else { continue }  // gone meanwhile
                    kind = k
                }
                switch kind {
                case .regular: walk.files.append(path)
                case .folder: pending.append(path)
                case .symlink, .special: walk.skipped.append((path, kind.whySkipped ?? ""))
                }
            }
        }
        return walk
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
                out += "\\x" + String(bytes[i], radix: 16, uppercase: true).leftPadded(to: 2)
                i += 1
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
