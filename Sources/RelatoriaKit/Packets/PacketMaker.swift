public import Foundation
public import RelatoriaCore
public import RelatoriaStore
import Mustache
import ZIPFoundation

/// Distribution packets: for each member, the records its subscriptions select, with a cover
/// note and a digest in its language, a manifest, the originals, a zip and a ready-to-send
/// e-mail. Every packet is logged in `archive/deliveries/`, so a re-run makes only what is new.
public struct PacketMaker: Sendable {
    public let archive: FileArchive
    public let index: RecordIndex
    public let members: [Member]
    public let templates: PacketTemplates
    public let settings: Settings.Packets

    public init(archive: FileArchive, index: RecordIndex, members: [Member], templates: PacketTemplates, settings: Settings.Packets) {
        self.archive = archive
        self.index = index
        self.members = members
        self.templates = templates
        self.settings = settings
    }

    /// Which records a run is about: explicit ids (prefixes), or a period with an optional
    /// body and topic.
    public struct Selection: Sendable {
        public var ids: [String] = []
        public var from: String?
        public var to: String?
        public var body: String?
        public var topic: String?

        public init(ids: [String] = [], from: String? = nil, to: String? = nil, body: String? = nil, topic: String? = nil) {
            self.ids = ids
            self.from = from
            self.to = to
            self.body = body
            self.topic = topic
        }
    }

    /// One packet made (and perhaps sent).
    public struct Made: Sendable, Codable {
        public var member: String
        public var records: [String]
        public var folder: String
        public var zip: String
        /// nil when the member has no e-mail address.
        public var eml: String?
        public var sent: Bool?
        public var error: String?
    }

    /// A member whose share was already delivered.
    public struct Unchanged: Sendable, Codable {
        public var member: String
        public var records: [String]
    }

    public struct Report: Sendable, Codable {
        public var packets: [Made] = []
        public var alreadyReceived: [Unchanged] = []
        /// Members with no record in the selection.
        public var nothingFor: [String] = []

        enum CodingKeys: String, CodingKey {
            case packets
            case alreadyReceived = "already_received"
            case nothingFor = "nothing_for"
        }
    }

    // MARK: - Selection

    /// The selected records, oldest first.
    /// - Throws: ``RelatoriaError`` for an unknown or ambiguous id, or a malformed date.
    public func select(_ s: Selection) throws -> [Record] {
        var entries: [(id: String, recordPath: String)] = []
        if !s.ids.isEmpty {
            for prefix in s.ids {
                let ids = try index.ids(withPrefix: prefix.lowercased())
                guard ids.count == 1, let entry = try index.entry(id: ids[0]) else {
                    throw RelatoriaError(.inaccessiblePath, path: nil, reason: ids.isEmpty ? "no record with id \(prefix)" : "id \(prefix) is ambiguous (\(ids.count) records)")
                }
                entries.append((ids[0], entry.recordPath))
            }
        } else {
            for d in [s.from, s.to].compactMap({ $0 }) where !Self.isDate(d) {
                throw RelatoriaError(.invalidConfiguration, path: nil, reason: "\"\(d)\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            }
            entries = try index.records(from: s.from, to: s.to.map { $0 + "~" }).map { ($0.id, $0.recordPath) }
        }
        var records: [Record] = []
        for e in entries {
            let data = try archive.read(e.recordPath)
            let record = try JSONDecoder().decode(Record.self, from: data)
            if let body = s.body, Folding.key(record.body ?? "") != Folding.key(body) { continue }
            if let topic = s.topic, !record.topics.contains(where: { NameMatch.matches(topic, $0) }) { continue }
            records.append(record)
        }
        var seen = Set<String>()
        return records.filter { seen.insert($0.id).inserted }.sorted { ($0.date ?? "", $0.id) < ($1.date ?? "", $1.id) }
    }

    static func isDate(_ s: String) -> Bool {
        s.range(of: #"^\d{4}(-\d{2}(-\d{2})?)?$"#, options: .regularExpression) != nil
    }

    // MARK: - Making

    /// Makes the packets of `selection` for `memberIDs` (all members when empty) under `out`.
    /// A member's records already delivered are left out unless `resend`.
    public func make(_ selection: Selection, memberIDs: [String] = [], out: URL, resend: Bool = false, now: Date = Date()) throws -> Report {
        let unknown = memberIDs.filter { id in !members.contains { $0.id == id } }
        guard unknown.isEmpty else {
            throw RelatoriaError(.invalidConfiguration, path: nil, reason: "no member with id \(unknown.joined(separator: ", ")) in members.yaml")
        }
        let chosen = memberIDs.isEmpty ? members : members.filter { memberIDs.contains($0.id) }
        let records = try select(selection)
        let log = DeliveryLog(folder: archive.root.appendingPathComponent("deliveries"))
        let delivered = try log.all()
        var report = Report()
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for member in chosen {
            let share = records.filter(member.receives)
            guard !share.isEmpty else {
                report.nothingFor.append(member.id)
                continue
            }
            let before = Set(delivered.filter { $0.member == member.id }.flatMap(\.records))
            let new = resend ? share : share.filter { !before.contains($0.id) }
            guard !new.isEmpty else {
                report.alreadyReceived.append(Unchanged(member: member.id, records: share.map(\.id)))
                continue
            }
            report.packets.append(try makePacket(for: member, records: new, selection: selection, out: out, now: now, log: log))
        }
        return report
    }

    private func makePacket(for member: Member, records: [Record], selection: Selection, out: URL, now: Date, log: DeliveryLog) throws -> Made {
        let fm = FileManager.default
        let folder = out.appendingPathComponent(member.id)
        if fm.fileExists(atPath: folder.path) {
            guard fm.fileExists(atPath: folder.appendingPathComponent("manifest.json").path) else {
                throw RelatoriaError(.inaccessiblePath, path: folder.path, reason: "exists and is not a packet; choose another --out")
            }
            try fm.removeItem(at: folder)
        }
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        // Each original's name in the packet (portable, told apart without regard to case, as
        // Windows and macOS tell names apart), which the cover and digest give too.
        var used: Set<String> = ["cover.html", "cover.txt", "digest.html", "digest.md", "manifest.json"]
        var names: [String: String] = [:]
        for r in records {
            let portable = Self.portableName(r.source.filename)
            var name = portable
            var n = 2
            while used.contains(name.lowercased()) {
                name = "\(n)-" + portable
                n += 1
            }
            used.insert(name.lowercased())
            names[r.id] = name
        }
        let context = PacketContext(member: member, records: records, selection: selection, now: now, upcomingDays: settings.upcomingDays,
                                    fileNames: names)
        let values = context.values()
        let lang = member.language
        // The cover's text and HTML are also the message's two alternatives.
        let coverHTML = try templates.render("cover.html", language: lang, values)
        let coverText = try templates.render("cover.txt", language: lang, values)
        var files: [(name: String, data: Data)] = [("cover.html", Data(coverHTML.utf8)), ("cover.txt", Data(coverText.utf8))]
        for name in ["digest.html", "digest.md"] {
            files.append((name, Data(try templates.render(name, language: lang, values).utf8)))
        }
        for r in records {
            guard let entry = try index.entry(id: r.id), let name = names[r.id] else { continue }
            files.append((name, try archive.read(entry.originalPath)))
        }
        for f in files { try f.data.write(to: folder.appendingPathComponent(f.name)) }
        let manifest = Manifest(member: .init(id: member.id, name: member.name, email: member.email), created: RecordIndex.timestamp(now),
                                records: records.map(\.id),
                                files: files.map { .init(path: $0.name, sha256: RecordExtractor.sha256($0.data), bytes: $0.data.count) })
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let manifestData = try enc.encode(manifest)
        try manifestData.write(to: folder.appendingPathComponent("manifest.json"))

        let zip = out.appendingPathComponent(member.id + ".zip")
        if fm.fileExists(atPath: zip.path) { try fm.removeItem(at: zip) }
        try fm.zipItem(at: folder, to: zip, shouldKeepParent: true, compressionMethod: .deflate)
        var eml: URL?
        if let email = member.email {
            let to = member.contact.map { "\($0) <\(email)>" } ?? "\(member.name) <\(email)>"
            let message = MIMEMessage(
                from: settings.from, to: to,
                subject: try templates.render("subject.txt", language: lang, values).trimmingSpacesAndNewlines(),
                text: coverText, html: coverHTML,
                attachments: [.init(filename: member.id + ".zip", contentType: "application/zip", data: try Data(contentsOf: zip))],
                date: now, messageID: "\(UUID().uuidString.lowercased())@relatoria")
            let url = out.appendingPathComponent(member.id + ".eml")
            try message.encoded().write(to: url)
            eml = url
        }
        let made = Made(member: member.id, records: records.map(\.id), folder: folder.path, zip: zip.path, eml: eml?.path)
        try log.add(Delivery(member: member.id, records: made.records, manifestSha256: RecordExtractor.sha256(manifestData), created: manifest.created,
                             folder: made.folder, zip: made.zip, eml: made.eml, sent: false, sentAt: nil, error: nil))
        return made
    }

    // MARK: - Sending

    /// Packets made earlier for `memberIDs` and not sent yet (the latest per member whose
    /// message file still exists): a run that finds nothing new can still send what was made
    /// and reviewed before.
    public func unsent(for memberIDs: [String]) throws -> [Made] {
        let log = DeliveryLog(folder: archive.root.appendingPathComponent("deliveries"))
        var latest: [String: Delivery] = [:]
        for d in try log.all() where memberIDs.contains(d.member) { latest[d.member] = d }
        return memberIDs.compactMap { id in
            guard let d = latest[id], !d.sent, let eml = d.eml, FileManager.default.fileExists(atPath: eml) else { return nil }
            return Made(member: d.member, records: d.records, folder: d.folder, zip: d.zip, eml: eml)
        }
    }

    /// Sends each packet's message through the sendmail command; a failure is reported for
    /// that member and logged as not sent, and the others go on.
    public func send(_ report: inout Report, now: Date = Date()) {
        let log = DeliveryLog(folder: archive.root.appendingPathComponent("deliveries"))
        for i in report.packets.indices {
            guard let eml = report.packets[i].eml else {
                report.packets[i].sent = false
                report.packets[i].error = "the member has no email in members.yaml"
                continue
            }
            let result = Sendmail(command: settings.sendmail).send(URL(fileURLWithPath: eml))
            report.packets[i].sent = result == nil
            report.packets[i].error = result
            try? log.markSent(member: report.packets[i].member, zip: report.packets[i].zip, error: result, at: RecordIndex.timestamp(now))
        }
    }
}

/// `manifest.json` of a packet.
struct Manifest: Codable {
    struct Who: Codable {
        var id: String
        var name: String
        var email: String?
    }
    struct File: Codable {
        var path: String
        var sha256: String
        var bytes: Int
    }
    var member: Who
    var created: String
    var records: [String]
    var files: [File]
}

/// The Mustache templates of cover notes, digests and subjects, per language
/// (`config/templates/<language>/<name>.mustache`), read at run time.
public struct PacketTemplates: Sendable {
    let templates: [String: MustacheTemplate]

    /// Loads every `*.mustache` under `folder/<language>/`.
    public init(folder: URL) throws {
        var t: [String: MustacheTemplate] = [:]
        for lang in Member.languages {
            for name in ["cover.html", "cover.txt", "digest.html", "digest.md", "subject.txt"] {
                let url = folder.appendingPathComponent(lang).appendingPathComponent(name + ".mustache")
                let text: String
                do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                    throw RelatoriaError(.invalidConfiguration, path: url.path, reason: "template missing or unreadable")
                }
                do { t["\(lang)/\(name)"] = try MustacheTemplate(string: text) } catch {
                    throw RelatoriaError(.invalidConfiguration, path: url.path, reason: "not a valid Mustache template: \(error)")
                }
            }
        }
        templates = t
    }

    func render(_ name: String, language: String, _ values: [String: Any]) throws -> String {
        guard let t = templates["\(language)/\(name)"] else {
            throw RelatoriaError(.invalidConfiguration, path: nil, reason: "no template \(language)/\(name).mustache")
        }
        return t.render(values)
    }
}

extension PacketMaker {
    /// An original's name as a packet holds it: one that Windows, where most members open
    /// their packets, can write. Its forbidden characters (`< > : " / \\ | ? *`) and control
    /// characters become `_`, trailing dots and spaces go, and a device name (`CON`, `NUL`,
    /// `COM1`... with any extension) gets a `_` in front; accents and other letters stay.
    /// Windows cannot write a name like `Acta 10:30.docx` or `¿Quórum?.txt`, so such an
    /// original would not come out of the zip there.
    static func portableName(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for s in name.unicodeScalars {
            scalars.append(ControlEscapes.isControl(s) || "<>:\"/\\|?*".unicodeScalars.contains(s) ? "_" : s)
        }
        var out = String(scalars)
        while let last = out.unicodeScalars.last, last == "." || last == " " { out.unicodeScalars.removeLast() }
        if out.isEmpty { return "document" }
        let stem = String(out.prefix { $0 != "." }).trimmingSpaces().uppercased()
        let devices = ["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] }
        return devices.contains(stem) ? "_" + out : out
    }
}

