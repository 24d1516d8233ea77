public import Foundation
public import RelatoriaCore
#if canImport(Glibc)
import Glibc
#endif

/// Statuses set by hand (`relatoria commitments close` and `reopen`), kept in the archive in
/// an append-only file, `followup/status.jsonl`, one JSON object a line. Nothing is ever
/// rewritten or removed: the latest line for a commitment is its manual status, and the
/// history stays. `reindex` and `reindex --reextract` leave the file alone; a commitment
/// whose id changed on re-extraction is found again by its record and text (see
/// ``CommitmentRegister``).
public struct ManualStatusLog: Sendable {
    /// One status set by hand.
    public struct Entry: Sendable, Hashable, Codable {
        /// The commitment's id when the status was set.
        public var commitment: String
        /// The record that made the commitment, and its text then (to find it again after a
        /// re-extraction changed its id).
        public var record: String
        public var text: String
        /// `done`, `dropped`, or `open` (reopened).
        public var status: String
        public var note: String?
        /// The operating-system user who set it.
        public var who: String
        /// When, ISO 8601 in UTC.
        public var when: String

        public init(commitment: String, record: String, text: String, status: String, note: String?, who: String, when: String) {
            self.commitment = commitment
            self.record = record
            self.text = text
            self.status = status
            self.note = note
            self.who = who
            self.when = when
        }
    }

    public static let relativePath = "followup/status.jsonl"
    public let url: URL

    public init(archiveRoot: URL) {
        url = archiveRoot.appendingPathComponent(Self.relativePath)
    }

    /// Every entry in file order, and the lines that could not be read (named by number;
    /// they stay in the file).
    public func entries() throws -> (entries: [Entry], problems: [String]) {
        guard FileManager.default.fileExists(atPath: url.path) else { return ([], []) }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw RelatoriaError(.inaccessiblePath, path: url.path, reason: "cannot be read: \(error.localizedDescription)")
        }
        var out: [Entry] = []
        var problems: [String] = []
        for (n, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            if let e = try? JSONDecoder().decode(Entry.self, from: Data(line)) { out.append(e) } else {
                problems.append("\(Self.relativePath) line \(n + 1) cannot be read; it is kept and ignored")
            }
        }
        return (out, problems)
    }

    /// Appends `entry` as one line and flushes it to disk before returning.
    public func append(_ entry: Entry) throws {
        let folder = url.deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw RelatoriaError(.inaccessiblePath, path: folder.path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(entry)
        line.append(UInt8(ascii: "\n"))
        let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            throw RelatoriaError(.inaccessiblePath, path: url.path, reason: "cannot be written: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        guard written == line.count, fsync(fd) == 0 else {
            throw RelatoriaError(.inaccessiblePath, path: url.path, reason: "cannot be written: \(String(cString: strerror(errno)))")
        }
    }

    /// The name of the operating-system user running this process.
    public static func currentUser() -> String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }

    /// `date` as ISO 8601 in UTC, to the second.
    public static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
