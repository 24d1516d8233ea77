public import Foundation
import Dispatch
public import RelatoriaStore
import Synchronization

/// The archive as the server reads it: opened on first use (the watcher creates it when the
/// first document arrives), kept open after. Blocking work (SQLite, files, bcrypt) runs on
/// Dispatch's threads, never on the threads that serve connections.
public final class ArchiveAccess: Sendable {
    public let root: URL
    private let opened = Mutex<(FileArchive, RecordIndex)?>(nil)

    public init(root: URL) { self.root = root }

    /// The archive and its index; nil while no archive exists (no document has arrived yet).
    public func open() throws -> (FileArchive, RecordIndex)? {
        if let o = opened.withLock({ $0 }) { return o }
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("index.sqlite").path) else { return nil }
        let archive = try FileArchive(root: root)
        let index = try RecordIndex(path: archive.indexPath)
        return opened.withLock { current in
            if let c = current { return c }
            current = (archive, index)
            return (archive, index)
        }
    }
}

/// Runs `work` on a Dispatch thread and waits for it without holding a Swift concurrency thread.
func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { c in
        DispatchQueue.global().async { c.resume(with: Result { try work() }) }
    }
}
