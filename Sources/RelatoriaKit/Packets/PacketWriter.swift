import Foundation
import RelatoriaCore
import RelatoriaStore
import ZIPFoundation

extension PacketMaker {
    /// Writes one packet in a folder of its own, `out/<member>/<packet>/` (its cover, digest,
    /// manifest and originals, with the zip of those and the message carrying the zip), and
    /// logs it as not sent. Nothing made before is touched: each packet stays until it is
    /// sent, and after.
    func makePacket(for member: Member, records: [Record], undated: [Record], selection: Selection, out: URL, now: Date,
                    log: DeliveryLog) throws -> Made {
        let fm = FileManager.default
        let memberFolder = out.appendingPathComponent(member.id)
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: memberFolder.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw RelatoriaError(.inaccessiblePath, path: memberFolder.path, reason: "exists and is not a folder; choose another --out")
        }
        try fm.createDirectory(at: memberFolder, withIntermediateDirectories: true)
        let (packet, folder) = try Self.newFolder(in: memberFolder, now: now)
        let zipName = "\(member.id)-\(packet).zip", emlName = "\(member.id)-\(packet).eml"
        let names = Self.fileNames(records, zipName: zipName, emlName: emlName)
        let rendered = try render(for: member, records: records, undated: undated, selection: selection, now: now, fileNames: names)
        let (coverHTML, coverText) = (rendered.coverHTML, rendered.coverText)
        var files: [(name: String, data: Data)] = [("cover.html", Data(coverHTML.utf8)), ("cover.txt", Data(coverText.utf8)),
                                                   ("digest.html", Data(rendered.digestHTML.utf8)), ("digest.md", Data(rendered.digestMarkdown.utf8))]
        for r in records {
            guard let entry = try index.entry(id: r.id), let name = names[r.id] else { continue }
            files.append((name, try archive.read(entry.originalPath)))
        }
        for f in files { try f.data.write(to: folder.appendingPathComponent(f.name)) }
        let manifest = Manifest(member: .init(id: member.id, name: member.name, email: member.email), packet: packet,
                                created: RecordIndex.timestamp(now), records: records.map(\.id),
                                files: files.map { .init(path: $0.name, sha256: RecordExtractor.sha256($0.data), bytes: $0.data.count) })
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let manifestData = try enc.encode(manifest)
        try manifestData.write(to: folder.appendingPathComponent("manifest.json"))

        // The zip holds the files under one folder named as the zip, so two packets a member
        // unpacks side by side do not mix.
        let zip = folder.appendingPathComponent(zipName)
        let top = "\(member.id)-\(packet)/"
        let archiveFile = try Archive(url: zip, accessMode: .create)
        for name in files.map(\.name) + ["manifest.json"] {
            try archiveFile.addEntry(with: top + name, fileURL: folder.appendingPathComponent(name), compressionMethod: .deflate)
        }
        var eml: URL?
        if let email = member.email {
            let to = member.contact.map { "\($0) <\(email)>" } ?? "\(member.name) <\(email)>"
            let message = MIMEMessage(
                from: settings.from, to: to,
                subject: rendered.subject,
                text: coverText, html: coverHTML,
                attachments: [.init(filename: zipName, contentType: "application/zip", data: try Data(contentsOf: zip))],
                date: now, messageID: "\(UUID().uuidString.lowercased())@relatoria")
            let url = folder.appendingPathComponent(emlName)
            try message.encoded().write(to: url)
            eml = url
        }
        let delivery = Delivery(member: member.id, packet: packet, records: records.map(\.id), manifestSha256: RecordExtractor.sha256(manifestData),
                                created: manifest.created, folder: folder.path, zip: zip.path, eml: eml?.path, sent: false, sentAt: nil, error: nil)
        let file = try log.add(delivery)
        var made = Made(delivery, logFile: file)
        made.undated = undated.map(\.id)
        return made
    }

    /// Each original's name in the packet (portable, told apart without regard to case, as
    /// Windows and macOS tell names apart), which the cover and digest give too; by record id.
    static func fileNames(_ records: [Record], zipName: String, emlName: String) -> [String: String] {
        var used: Set<String> = ["cover.html", "cover.txt", "digest.html", "digest.md", "manifest.json", zipName.lowercased(), emlName.lowercased()]
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
        return names
    }

    /// A packet's texts as `member` receives them: the templates' values, the cover (HTML and
    /// text) and the digest (HTML and Markdown), in the member's language. What a packet is
    /// made of and what the web application previews.
    func render(for member: Member, records: [Record], undated: [Record], selection: Selection, now: Date,
                fileNames names: [String: String]) throws -> Rendered {
        // Commitments still open that earlier meetings of these records' bodies made.
        let bodies = Array(Set(records.compactMap(\.body))).sorted()
        var open: [EarlierCommitment] = []
        if let earlier, let first = records.compactMap(\.date).min(), !bodies.isEmpty {
            open = try earlier.open(bodies: bodies, before: first, today: RecordIndex.day(now))
        }
        // The records' own commitments that later minutes or a person closed are not due.
        var closed: Set<String> = []
        if let earlier {
            for r in records {
                for a in r.actions where try earlier.isOpen(record: r.id, text: a.text, today: RecordIndex.day(now)) == false {
                    closed.insert(PacketContext.key(r, a))
                }
            }
        }
        let context = PacketContext(member: member, records: records, undated: undated, selection: selection, now: now,
                                    upcomingDays: settings.upcomingDays, fileNames: names, earlier: open, closed: closed)
        let values = try context.values()
        let lang = member.language
        // The cover's text and HTML are also the message's two alternatives.
        let coverHTML = try templates.render("cover.html", language: lang, values)
        let coverText = try templates.render("cover.txt", language: lang, values)
        let digestHTML = try templates.render("digest.html", language: lang, values)
        let digestMarkdown = try templates.render("digest.md", language: lang, values)
        let subject = try templates.render("subject.txt", language: lang, values).trimmingSpacesAndNewlines()
        return Rendered(values: values, coverHTML: coverHTML, coverText: coverText, digestHTML: digestHTML, digestMarkdown: digestMarkdown, subject: subject)
    }

    /// The texts of a packet (``render(for:records:undated:selection:now:fileNames:)``).
    struct Rendered: @unchecked Sendable {
        var values: [String: Any]
        var coverHTML: String
        var coverText: String
        var digestHTML: String
        var digestMarkdown: String
        var subject: String
    }

    /// A new folder in `memberFolder` named after `now` (`2026-12-06-233415`, then `-2`,
    /// `-3`... when a packet of that second exists): created here, so two runs never share one.
    static func newFolder(in memberFolder: URL, now: Date) throws -> (name: String, url: URL) {
        let t = RecordIndex.timestamp(now)  // 2026-12-06T23:34:15.123Z
        let base = String(t.prefix(10)) + "-" + t.dropFirst(11).prefix(8).replacingOccurrences(of: ":", with: "")
        var name = base
        var n = 2
        while true {
            let url = memberFolder.appendingPathComponent(name)
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
                return (name, url)
            } catch where FileManager.default.fileExists(atPath: url.path) {
                name = "\(base)-\(n)"
                n += 1
            }
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
    var packet: String
    var created: String
    var records: [String]
    var files: [File]
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

