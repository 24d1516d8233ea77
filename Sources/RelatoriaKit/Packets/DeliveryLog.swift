import RelatoriaCore
public import Foundation
import Glibc

/// One packet made for a member, kept as `archive/deliveries/<time>-<member>.json`: the
/// delivery log is part of the archive's source of truth (not of the derived index), so
/// `reindex` never loses what was sent to whom.
public struct Delivery: Sendable, Codable, Equatable {
    public var member: String
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
        case member, records, created, folder, zip, eml, sent, error
        case manifestSha256 = "manifest_sha256"
        case sentAt = "sent_at"
    }
}

/// The delivery log's files.
public struct DeliveryLog: Sendable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    /// Every delivery, oldest first.
    public func all() throws -> [Delivery] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return try names.filter { $0.hasSuffix(".json") }.sorted().map { name in
            try JSONDecoder().decode(Delivery.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
        }
    }

    func add(_ d: Delivery) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stamp = d.created.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        var url = folder.appendingPathComponent("\(stamp)-\(d.member).json")
        var n = 2
        while FileManager.default.fileExists(atPath: url.path) {
            url = folder.appendingPathComponent("\(stamp)-\(d.member)-\(n).json")
            n += 1
        }
        try save(d, to: url)
    }

    /// Marks the latest delivery of `member` with this zip as sent (or not, with the error).
    func markSent(member: String, zip: String, error: String?, at time: String) throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names.filter({ $0.hasSuffix(".json") }).sorted().reversed() {
            let url = folder.appendingPathComponent(name)
            var d = try JSONDecoder().decode(Delivery.self, from: Data(contentsOf: url))
            guard d.member == member, d.zip == zip else { continue }
            d.sent = error == nil
            d.sentAt = error == nil ? time : nil
            d.error = error
            try save(d, to: url)
            return
        }
    }

    private func save(_ d: Delivery, to url: URL) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try enc.encode(d).write(to: url, options: .atomic)
    }
}

/// A sendmail-compatible command (`/usr/sbin/sendmail -t -i`, `msmtp -t`, ...): the message
/// on standard input, recipients from its headers.
struct Sendmail {
    let command: String
    var timeLimit: Double = 120

    /// nil when sent, else why not.
    func send(_ eml: URL) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = err
        do { p.standardInput = try FileHandle(forReadingFrom: eml) } catch { return "cannot read \(eml.path): \(error.localizedDescription)" }
        do { try p.run() } catch { return "cannot run \(command): \(error.localizedDescription)" }
        let deadline = Date().addingTimeInterval(timeLimit)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        if p.isRunning {
            p.terminate()
            p.waitUntilExit()
            return "\(command) did not finish within \(Int(timeLimit)) s"
        }
        let output = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingSpacesAndNewlines()
        guard p.terminationStatus == 0 else {
            return "\(command) exited with status \(p.terminationStatus)" + (output.isEmpty ? "" : ": \(output.split(separator: "\n").last ?? "")")
        }
        return nil
    }
}
