import Glibc

/// The inbox's folders under inotify (STACK.md: Glibc's inotify, events parsed by hand).
///
/// Watches every folder of the tree; the caller adds the folders it finds (at start, when one
/// is created or moved in, on a rescan). Events come back with the folder's path.
final class Inotify {
    struct Event {
        enum Kind {
            /// A file was closed after writing, or renamed into a watched folder.
            case fileComplete
            /// A folder was created or moved in: watch it and scan it.
            case folderArrived
            /// A folder was moved out or away: paths under it are stale.
            case folderLeft
            /// The kernel dropped events: rescan everything.
            case overflow
            /// Something not a folder was created: a symbolic link or special file is reported
            /// now, a regular file waits for its close.
            case created
            /// Something arrived whose name is not UTF-8 (no String path reaches it): the
            /// event's path is its folder, to scan (the scan renames or reports it).
            case badName
        }
        var kind: Kind
        var path: String
    }

    let fd: Int32
    private var folders: [Int32: String] = [:]

    private static let folderMask: UInt32 = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE)
        | UInt32(IN_MOVED_FROM) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)
        | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW) | UInt32(IN_EXCL_UNLINK)

    init() throws {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw SystemError("cannot start watching folders", errno) }
    }

    deinit { close(fd) }

    var watchedFolders: Int { folders.count }

    /// Watches `folder` (idempotent: the kernel gives the same watch back for the same folder).
    func watch(_ folder: String) throws {
        let wd = inotify_add_watch(fd, folder, Self.folderMask)
        guard wd >= 0 else { throw SystemError("cannot watch \(folder)", errno) }
        folders[wd] = folder
    }

    /// Forgets every watch's path (before a full rescan re-adds them with current paths).
    func forgetPaths() {
        for wd in folders.keys { inotify_rm_watch(fd, wd) }
        folders.removeAll()
    }

    /// The events waiting on the descriptor (non-blocking; empty when none).
    func read() -> [Event] {
        var events: [Event] = []
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let n = Glibc.read(fd, buffer, size)
            if n <= 0 { break }
            var offset = 0
            while offset + 16 <= n {
                let wd = buffer.load(fromByteOffset: offset, as: Int32.self)
                let mask = buffer.load(fromByteOffset: offset + 4, as: UInt32.self)
                let len = Int(buffer.load(fromByteOffset: offset + 12, as: UInt32.self))
                var name = ""
                var badName = false
                if len > 0 {
                    let bytes = UnsafeRawBufferPointer(start: buffer + offset + 16, count: len).prefix { $0 != 0 }
                    if let valid = String(validating: bytes, as: UTF8.self) { name = valid } else { badName = true }
                }
                offset += 16 + len
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    events.append(Event(kind: .overflow, path: ""))
                    continue
                }
                guard let folder = folders[wd] else { continue }
                if mask & UInt32(IN_IGNORED) != 0 {
                    folders[wd] = nil
                    continue
                }
                if badName {
                    // A file once closed after writing or moved in (not while it is written); a
                    // folder once it is there.
                    let arrived = mask & (UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO)) != 0
                        || mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE) != 0
                    if arrived { events.append(Event(kind: .badName, path: folder)) }
                    continue
                }
                let path = name.isEmpty ? folder : folder + "/" + name
                let isDir = mask & UInt32(IN_ISDIR) != 0
                if mask & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)) != 0 {
                    events.append(Event(kind: .folderLeft, path: folder))
                } else if isDir, mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 {
                    events.append(Event(kind: .folderArrived, path: path))
                } else if isDir, mask & UInt32(IN_MOVED_FROM) != 0 {
                    events.append(Event(kind: .folderLeft, path: path))
                } else if !isDir, mask & (UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO)) != 0 {
                    events.append(Event(kind: .fileComplete, path: path))
                } else if !isDir, mask & UInt32(IN_CREATE) != 0 {
                    events.append(Event(kind: .created, path: path))
                }
            }
            if n < size { break }
        }
        return events
    }
}

/// A failed system call: what could not be done, in words, and the C library's message
/// ("cannot watch /srv/inbox/actas: No space left on device").
struct SystemError: Error, CustomStringConvertible {
    let what: String
    let code: Int32

    init(_ what: String, _ code: Int32) {
        self.what = what
        self.code = code
    }

    /// The C library's message alone ("Permission denied").
    static func message(_ code: Int32) -> String { String(cString: strerror(code)) }

    var description: String { "\(what): \(Self.message(code))" }
}
