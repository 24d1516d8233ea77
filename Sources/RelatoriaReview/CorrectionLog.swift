public import Foundation
public import RelatoriaStore
#if canImport(Glibc)
import Glibc
#endif

/// The correction logs of an archive: `archive/corrections/<id>.jsonl`, one JSON line per
/// change, appended and flushed, never rewritten. Kept apart from the record files (which stay
/// as extracted) and from the index (derived: `reindex` reads the logs again).
public struct CorrectionLog: Sendable {
    public let folder: URL

    public init(archive: FileArchive) {
        folder = archive.root.appendingPathComponent("corrections")
    }

    /// The log file of record `id`.
    public func url(_ id: String) -> URL { folder.appendingPathComponent("\(id).jsonl") }

    /// The lines of record `id`'s log, oldest first (none when it was never corrected). A line
    /// that does not decode (cut off by a crash mid-write) is left out and counted.
    public func read(_ id: String) throws -> (lines: [Correction], unreadable: Int) {
        let u = url(id)
        guard FileManager.default.fileExists(atPath: u.path) else { return ([], 0) }
        let data = try Data(contentsOf: u)
        var lines: [Correction] = []
        var unreadable = 0
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.allSatisfy({ $0 == 32 || $0 == 13 }) {
            if let c = try? JSONDecoder().decode(Correction.self, from: Data(line)) { lines.append(c) } else { unreadable += 1 }
        }
        return (lines, unreadable)
    }

    /// The lines of record `id`'s log, oldest first.
    public func lines(_ id: String) throws -> [Correction] { try read(id).lines }

    /// Appends `lines` to record `id`'s log in one write, then flushes it to disk.
    public func append(_ lines: [Correction], to id: String) throws {
        guard !lines.isEmpty else { return }
        guard id.allSatisfy(\.isHexDigit), !id.isEmpty else { throw FieldRules.Invalid("id", "not a record id") }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for l in lines {
            data.append(try encoder.encode(l))
            data.append(UInt8(ascii: "\n"))
        }
        let fd = open(url(id).path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url(id).path]) }
        defer { close(fd) }
        let ok = data.withUnsafeBytes { raw -> Bool in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        guard ok, fsync(fd) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url(id).path]) }
    }

    /// The ids of every record that has a log.
    public func ids() -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return Set(names.filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) })
    }
}
