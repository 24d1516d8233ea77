import Foundation
import Glibc
import RelatoriaCore

/// One watcher per archive: an exclusive lock on `archive/watch/lock`, held while it runs.
/// The holder writes its process id into the file, so that a second watcher can name it.
final class ArchiveLock: @unchecked Sendable {
    let folder: URL
    private let fd: Int32

    /// Takes the lock.
    /// - Throws: ``WatcherAlreadyRunning`` when another watcher holds it; a ``SystemError``
    ///   when the lock file cannot be opened.
    init(folder: URL) throws {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("lock").path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SystemError("cannot open the watcher's lock \(path)", errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let pid = Self.holder(fd) ?? WatchStatus.load(in: folder)?.pid
            close(fd)
            throw WatcherAlreadyRunning(archive: folder.deletingLastPathComponent().path, pid: pid)
        }
        let line = Array("\(getpid())\n".utf8)
        if ftruncate(fd, 0) == 0 { _ = line.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } }
    }

    deinit { close(fd) }

    /// The process id the lock's holder wrote into it (nil: none, or a watcher from before
    /// it wrote one).
    private static func holder(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = Int32(text), pid > 0 else { return nil }
        return pid
    }
}

/// A watcher was started on an archive another watcher already runs on.
///
/// The CLI exits with status 75 (temporary failure: it can start once the other stops).
public struct WatcherAlreadyRunning: Error, Sendable, CustomStringConvertible {
    /// The archive's folder.
    public var archive: String
    /// The running watcher's process id, when it is known.
    public var pid: Int32?

    public var description: String {
        "\(archive): another relatoria watch is already running on this archive"
            + (pid.map { ", pid \($0)" } ?? "") + "; stop it first or use another archive"
    }
}
