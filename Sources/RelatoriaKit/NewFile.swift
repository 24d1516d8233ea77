public import Foundation

/// Writing a file that must not exist yet: created with `O_EXCL` (so nothing is ever replaced),
/// written whole, flushed to disk and closed; on a failed write the partial file is removed.
/// Used wherever a file is put into the inbox (an upload, a retried failed file).
public enum NewFile {
    /// What became of a write.
    public enum Outcome: Sendable, Equatable {
        /// The file was created and holds every byte.
        case written
        /// A file of that name exists; it was left as it is.
        case exists
        /// The file could not be created (the `errno`).
        case cannotCreate(Int32)
        /// The file was created but not written whole (the `errno`); it was removed.
        case cannotWrite(Int32)
    }

    /// Writes `data` to `path`, which must not exist.
    public static func write(_ data: Data, to path: String) -> Outcome {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 { return errno == EEXIST ? .exists : .cannotCreate(errno) }
        var failure: Int32 = 0
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var at = 0
            while at < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + at, raw.count - at)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                at += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        guard failure == 0 else {
            unlink(path)
            return .cannotWrite(failure)
        }
        return .written
    }

    /// The words of an `errno`.
    public static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
