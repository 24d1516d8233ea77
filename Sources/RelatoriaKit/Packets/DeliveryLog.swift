import RelatoriaCore
public import Foundation
import Glibc

/// One packet made for a member, kept as `archive/deliveries/<time>-<member>.json`: the
/// delivery log is part of the archive's source of truth (not of the derived index), so
/// `reindex` never loses what was sent to whom.
///
/// Each packet has its own log file and its own folder (`packets/<member>/<packet>/`), so a
/// packet made and not sent is never replaced by a later one. Entries written before packets
/// had their own folders have no `packet` name; they still read, and say whether their files
/// are still the ones they logged (see ``DeliveryLog/Entry/State``).
public struct Delivery: Sendable, Codable, Equatable {
    public var member: String
    /// The packet's name, unique among the member's packets (`2026-12-06-233415`); nil in
    /// entries written before packets had their own folders.
    public var packet: String?
    public var records: [String]
    public var manifestSha256: String
    public var created: String
    public var folder: String
    public var zip: String
    public var eml: String?
    public var sent: Bool
    public var sentAt: String?
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case member, packet, records, created, folder, zip, eml, sent, error
        case manifestSha256 = "manifest_sha256"
        case sentAt = "sent_at"
    }
}

/// The delivery log's files.
public struct DeliveryLog: Sendable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    /// One packet of the log, with its log file's name and what became of it.
    public struct Entry: Sendable, Encodable {
        /// What became of a packet.
        public enum State: String, Sendable, Codable {
            /// Its message went out.
            case sent
            /// Made, not sent, and its files are still the ones logged: `--send` sends it.
            case waiting
            /// Not sent, and its files are gone or were replaced by a later packet (packets
            /// made before each had its own folder shared one per member): its records count
            /// as never sent, so the next packet holds them again.
            case gone
        }

        /// The log file's name in `archive/deliveries/`.
        public let file: String
        public var delivery: Delivery
        public var state: State

        public func encode(to encoder: any Encoder) throws {
            try delivery.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(state, forKey: .state)
            try c.encode(file, forKey: .logFile)
        }

        enum Keys: String, CodingKey {
            case state
            case logFile = "log_file"
        }
    }

    /// Every delivery, oldest first.
    public func all() throws -> [Delivery] { try entries().map(\.delivery) }

    /// Every packet logged, oldest first, with what became of it.
    /// - Throws: when a log file cannot be read or decoded.
    public func entries() throws -> [Entry] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        let entries = try names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { name in
            let d = try JSONDecoder().decode(Delivery.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
            return Entry(file: name, delivery: d, state: Self.state(of: d))
        }
        return entries.sorted { ($0.delivery.created, $0.file) < ($1.delivery.created, $1.file) }
    }

    /// `sent`, else `waiting` when the packet's manifest is still the one logged (and its
    /// message, when it has one, is there), else `gone`.
    static func state(of d: Delivery) -> Entry.State {
        if d.sent { return .sent }
        let manifest = URL(fileURLWithPath: d.folder).appendingPathComponent("manifest.json")
        guard let data = try? Data(contentsOf: manifest), RecordExtractor.sha256(data) == d.manifestSha256 else { return .gone }
        if let eml = d.eml, !FileManager.default.fileExists(atPath: eml) { return .gone }
        return .waiting
    }

    /// Runs `body` while holding the log's lock (`deliveries/.lock`), waiting for another
    /// run that holds it: two runs at once (a `--send` started twice) then neither make the
    /// same packet twice nor send one twice.
    public func exclusively<T>(_ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(".lock").path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw RelatoriaError(.inaccessiblePath, path: path, reason: "cannot be opened: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw RelatoriaError(.inaccessiblePath, path: path, reason: "cannot be locked: \(String(cString: strerror(errno)))")
            }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Logs a new packet; returns its log file's name.
    @discardableResult
    func add(_ d: Delivery) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stamp = d.created.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        var name = "\(stamp)-\(d.member).json"
        var n = 2
        while FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
            name = "\(stamp)-\(d.member)-\(n).json"
            n += 1
        }
        try save(d, to: folder.appendingPathComponent(name))
        return name
    }

    /// Marks the packet logged in `file` as sent (or not, with the error).
    func markSent(file: String, error: String?, at time: String) throws {
        let url = folder.appendingPathComponent(file)
        var d = try JSONDecoder().decode(Delivery.self, from: Data(contentsOf: url))
        d.sent = error == nil
        d.sentAt = error == nil ? time : nil
        d.error = error
        try save(d, to: url)
    }

    private func save(_ d: Delivery, to url: URL) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try enc.encode(d).write(to: url, options: .atomic)
    }
}
