import Foundation
@testable import RelatoriaKit
import RelatoriaTestSupport
import Testing
import ZIPFoundation

/// `relatoria packet` on an archive of the shared corpus, with the project's members file.
@Suite(.serialized)
struct PacketTests {
    /// An archive of ../shared/corpus and a configuration folder of its own.
    final class Setup {
        let dir: TemporaryDirectory
        let archive: URL
        let config: URL
        let out: URL

        init(settings: String = "") throws {
            dir = try TemporaryDirectory()
            archive = dir.url.appendingPathComponent("archive")
            config = dir.url.appendingPathComponent("config")
            out = dir.url.appendingPathComponent("packets")
            let fm = FileManager.default
            try fm.createDirectory(at: config, withIntermediateDirectories: true)
            for name in ["lexicon", "topics.yaml", "members.yaml", "templates", "parties.yaml"] {
                try fm.copyItem(at: PackagePaths.config.appendingPathComponent(name), to: config.appendingPathComponent(name))
            }
            try Data(settings.utf8).write(to: config.appendingPathComponent("relatoria.yaml"))
            let ingest = try cli(["ingest", WatchTests.corpus.path])
            #expect(ingest.stdout.contains("25 archived"))
        }

        deinit { dir.remove() }

        func cli(_ args: [String]) throws -> ExtractCommandTests.Run {
            try ExtractCommandTests().run(args + ["--archive", archive.path, "--config", config.path])
        }

        func packet(_ args: [String]) throws -> (ExtractCommandTests.Run, [String: Any]) {
            let r = try cli(["packet", "--json", "--out", out.path] + args)
            let json = (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any] ?? [:]
            return (r, json)
        }

        /// Every archived record: id, body, topics, date.
        func records() throws -> [[String: Any]] {
            let e = FileManager.default.enumerator(at: archive.appendingPathComponent("records"), includingPropertiesForKeys: nil)
            var out: [[String: Any]] = []
            while let u = e?.nextObject() as? URL {
                guard u.pathExtension == "json" else { continue }
                out.append(try JSONSerialization.jsonObject(with: Data(contentsOf: u)) as? [String: Any] ?? [:])
            }
            return out
        }
    }

    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// The packets of a run's JSON, by member.
    static func made(_ json: [String: Any]) -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for p in json["packets"] as? [[String: Any]] ?? [] { out[p["member"] as? String ?? ""] = p }
        return out
    }

    /// Every file of a zip, by its path in the zip.
    static func zipFiles(_ url: URL) throws -> [String: Data] {
        let archive = try Archive(url: url, accessMode: .read)
        var files: [String: Data] = [:]
        for entry in archive where entry.type == .file {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            files[entry.path] = data
        }
        return files
    }

    static func packets(_ json: [String: Any]) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for p in json["packets"] as? [[String: Any]] ?? [] {
            out[p["member"] as? String ?? ""] = (p["records"] as? [String] ?? []).sorted()
        }
        return out
    }

    @Test func eachMemberGetsExactlyWhatItSubscribesToInItsLanguage() throws {
        let s = try Setup()
        let (run, json) = try s.packet(["--from", "2005", "--to", "2007"])
        #expect(run.status == 0, "\(run.stderr)")
        let made = Self.packets(json)
        // What each member should receive, worked out here from the records themselves.
        let members = try Member.load(s.config.appendingPathComponent("members.yaml"))
        let inPeriod = try s.records().filter { ($0["date"] as? String).map { $0 >= "2005" && $0 < "2008" } ?? false }
        #expect(members.count == 5)
        for m in members {
            let expected = inPeriod.filter { r in
                if m.all { return true }
                if let body = r["body"] as? String, m.bodies.map(Self.fold).contains(Self.fold(body)) { return true }
                return (r["topics"] as? [String] ?? []).contains { t in m.topics.map(Self.fold).contains(Self.fold(t)) }
            }.compactMap { $0["id"] as? String }.sorted()
            #expect(!expected.isEmpty)
            #expect(made[m.id] == expected, "member \(m.id)")
        }

        let byMember = Self.made(json)
        for m in members {
            // Each packet in a folder of its own: packets/<member>/<packet>/, the zip and the
            // message beside its files, the zip's files under a folder named as the zip.
            let p = try #require(byMember[m.id])
            let packet = try #require(p["packet"] as? String)
            let folder = s.out.appendingPathComponent(m.id).appendingPathComponent(packet)
            #expect(p["folder"] as? String == folder.path)
            let zipURL = folder.appendingPathComponent("\(m.id)-\(packet).zip")
            #expect(p["zip"] as? String == zipURL.path)
            #expect(p["eml"] as? String == folder.appendingPathComponent("\(m.id)-\(packet).eml").path)
            let top = "\(m.id)-\(packet)"
            let files = try Self.zipFiles(zipURL)
            let manifestData = try #require(files["\(top)/manifest.json"])
            let manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
            let listed = manifest["files"] as? [[String: Any]] ?? []
            #expect(listed.count == files.count - 1)  // every file but the manifest itself
            for f in listed {
                let data = try #require(files["\(top)/\(f["path"] as? String ?? "")"])
                #expect(RecordExtractor.sha256(data) == f["sha256"] as? String)
                #expect(data.count == f["bytes"] as? Int)
            }
            #expect((manifest["records"] as? [String])?.sorted() == made[m.id])
            #expect(try Data(contentsOf: folder.appendingPathComponent("manifest.json")) == manifestData)
            let cover = String(decoding: files["\(top)/cover.txt"] ?? Data(), as: UTF8.self)
            let digest = String(decoding: files["\(top)/digest.md"] ?? Data(), as: UTF8.self)
            if m.language == "en" {
                #expect(cover.contains("Dear colleagues"))
                #expect(digest.contains("# Digest for British Embassy"))
                #expect(digest.contains("**Commitments**"))
            } else {
                #expect(cover.contains("Estimados colegas"))
                #expect(digest.contains("# Resumen para \(m.name)"))
                #expect(digest.contains("**Decisiones**"))
            }
            try checkMessage(folder.appendingPathComponent("\(m.id)-\(packet).eml"), member: m, zip: Data(contentsOf: zipURL), name: "\(top).zip")
        }

        // The same selection again makes nothing new: every record waits in the packet made,
        // which was not sent, so none is said to be received.
        let (again, againJSON) = try s.packet(["--from", "2005", "--to", "2007"])
        #expect(again.status == 0)
        #expect(Self.packets(againJSON).isEmpty)
        #expect((againJSON["waiting"] as? [Any])?.count == 5)
        #expect((againJSON["already_received"] as? [Any])?.isEmpty == true)
        let log = try s.cli(["packet", "--log", "--member", "embassy-uk"])
        #expect(log.stdout.contains("embassy-uk"))
        #expect(!log.stdout.contains("secretaria"))
    }

    /// Parses the message with Python's standard `email` package.
    func checkMessage(_ eml: URL, member: Member, zip: Data, name: String) throws {
        let script = """
            import email, email.policy, json, sys
            m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
            att = list(m.iter_attachments())
            print(json.dumps({"to": str(m["To"]), "subject": str(m["Subject"]),
              "types": [p.get_content_type() for p in m.walk()],
              "text": m.get_body(("plain",)).get_content(), "html": m.get_body(("html",)).get_content(),
              "attachment": att[0].get_filename() if att else None,
              "zip": att[0].get_payload(decode=True).hex() if att else ""}))
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, eml.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let m = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((m["to"] as? String)?.contains(member.email ?? "?") == true)
        #expect(m["types"] as? [String] == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "application/zip"])
        #expect((m["text"] as? String)?.contains(member.name) == true)
        #expect((m["html"] as? String)?.contains("<html") == true)
        #expect(m["attachment"] as? String == name)
        #expect(m["zip"] as? String == zip.map { String(format: "%02x", $0) }.joined())
        #expect((m["subject"] as? String)?.hasPrefix("Relatoría:") == true)
    }

    @Test func aSendFailureIsReportedAndLoggedAsNotSent() throws {
        let s = try Setup(settings: "packets:\n  sendmail: \"echo refused by the relay >&2; exit 3\"\n")
        let (run, json) = try s.packet(["--from", "2006-01-01", "--to", "2006-03-31", "--member", "embassy-uk", "--send"])
        #expect(run.status == 75)
        let p = try #require((json["packets"] as? [[String: Any]])?.first)
        #expect(p["sent"] as? Bool == false)
        #expect((p["error"] as? String)?.contains("refused by the relay") == true)
        #expect(try s.cli(["packet", "--log"]).stdout.contains("not sent"))
    }

    static var mailTools: Bool {
        let ok = ["msmtp", "python3 -c 'import aiosmtpd'"].allSatisfy { tool in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", tool.contains(" ") ? "\(tool) 2>/dev/null" : "command -v \(tool) >/dev/null"]
            try? p.run()
            p.waitUntilExit()
            return p.terminationStatus == 0
        }
        return ok || ProcessInfo.processInfo.environment["RELATORIA_REQUIRE_MAIL_TEST"] == "1"
    }

    /// A real SMTP server (aiosmtpd) on loopback, storing what it receives in a maildir, and
    /// the sendmail command (msmtp, a real SMTP client) that delivers to it.
    final class MailServer {
        let port = Int.random(in: 20_000...40_000)
        let dir: TemporaryDirectory
        let process = Process()
        var box: URL { dir.url.appendingPathComponent("box/new") }
        var sendmail: String { "msmtp --file=/dev/null --host=127.0.0.1 --port=\(port) --auth=off --tls=off --from=st@pnud.example -t" }
        var settings: String { "packets:\n  from: \"Secretaría Técnica <st@pnud.example>\"\n  sendmail: \"\(sendmail)\"\n" }

        init() throws {
            dir = try TemporaryDirectory()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", dir.url.appendingPathComponent("box").path]
            try process.run()
            let port = self.port
            #expect(WatchTests.eventually(10) {
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                defer { close(fd) }
                var addr = sockaddr_in()
                addr.sin_family = sa_family_t(AF_INET)
                addr.sin_port = in_port_t(UInt16(port).bigEndian)
                addr.sin_addr.s_addr = inet_addr("127.0.0.1")
                return withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } } == 0
            })
        }

        deinit {
            kill(process.processIdentifier, SIGKILL)  // aiosmtpd ignores SIGTERM
            process.waitUntilExit()
            dir.remove()
        }

        /// The messages received, once `count` have arrived (within 10 s).
        func messages(_ count: Int) throws -> [String] {
            #expect(WatchTests.eventually(10) { ((try? FileManager.default.contentsOfDirectory(atPath: box.path)) ?? []).count == count })
            return try FileManager.default.contentsOfDirectory(atPath: box.path).map {
                try String(decoding: Data(contentsOf: box.appendingPathComponent($0)), as: UTF8.self)
            }
        }
    }

    /// Through msmtp (a real SMTP client, as the sendmail command) to aiosmtpd (a real SMTP
    /// server) on loopback; .ci/run installs both.
    @Test(.enabled(if: mailTools, "needs msmtp and aiosmtpd: apt-get install msmtp; pip install aiosmtpd"))
    func packetsAreDeliveredThroughARealMailServer() throws {
        let server = try MailServer()
        let s = try Setup(settings: server.settings)
        // Made first, reviewed, then sent by a second run that finds nothing new.
        let (made, madeJSON) = try s.packet(["--from", "2005", "--to", "2007", "--member", "embassy-uk", "--member", "plataformas-ddhh"])
        #expect(made.status == 0)
        let zips = Self.made(madeJSON).mapValues { URL(fileURLWithPath: $0["zip"] as? String ?? "").lastPathComponent }
        let (run, json) = try s.packet(["--from", "2005", "--to", "2007", "--member", "embassy-uk", "--member", "plataformas-ddhh", "--send"])
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        let sent = (json["packets"] as? [[String: Any]] ?? []).filter { $0["sent"] as? Bool == true }
        #expect(sent.count == 2)
        let delivered = try server.messages(2)
        #expect(delivered.contains { $0.contains("development@uk-embassy.example") && $0.contains(zips["embassy-uk"] ?? "?") })
        #expect(delivered.contains { $0.contains("enlace@plataformas.example") && $0.contains(zips["plataformas-ddhh"] ?? "?") })
        let log = try s.cli(["packet", "--log"])
        #expect(log.stdout.components(separatedBy: "  sent ").count - 1 == 2)
    }

    /// Two packets made for one member for two periods, then one --send: both go out, through
    /// msmtp to aiosmtpd, the older first, and the log shows both as sent. (The second run
    /// replaced the first packet's files, and --send said "already received" of records never
    /// delivered.)
    @Test(.enabled(if: mailTools, "needs msmtp and aiosmtpd: apt-get install msmtp; pip install aiosmtpd"))
    func twoPeriodsThenOneSendDeliverBothThroughARealMailServer() throws {
        let server = try MailServer()
        let s = try Setup(settings: server.settings)
        let (first, firstJSON) = try s.packet(["--from", "2005", "--to", "2005", "--member", "embassy-uk"])
        let (second, secondJSON) = try s.packet(["--from", "2006", "--to", "2006", "--member", "embassy-uk"])
        #expect(first.status == 0 && second.status == 0, "\(first.stderr) \(second.stderr)")
        let p1 = try #require(Self.made(firstJSON)["embassy-uk"]), p2 = try #require(Self.made(secondJSON)["embassy-uk"])
        #expect(p1["zip"] as? String != p2["zip"] as? String)
        let (run, json) = try s.packet(["--send"])
        #expect(run.status == 0, "\(run.stdout) \(run.stderr)")
        let sent = json["packets"] as? [[String: Any]] ?? []
        #expect(sent.map { $0["zip"] as? String } == [p1["zip"] as? String, p2["zip"] as? String])
        #expect(sent.allSatisfy { $0["sent"] as? Bool == true })
        let delivered = try server.messages(2)
        for p in [p1, p2] {
            let zip = URL(fileURLWithPath: p["zip"] as? String ?? "").lastPathComponent
            #expect(delivered.filter { $0.contains("development@uk-embassy.example") && $0.contains(zip) }.count == 1, "\(zip)")
        }
        let log = try s.cli(["packet", "--log"])
        #expect(log.stdout.split(separator: "\n").filter { $0.contains("embassy-uk") && $0.contains("  sent ") }.count == 2, "\(log.stdout)")
    }

    /// Originals named as Windows cannot write (a colon, a question mark; two names that
    /// differ only by case) come out of the packet's zip under portable names, which the
    /// cover gives too.
    @Test func originalsGetNamesWindowsCanWrite() throws {
        let setup = try Setup()
        let inbox = setup.dir.url.appendingPathComponent("more")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        for (name, day) in [("Acta 10:30?.txt", 3), ("acta 10:30?.TXT", 4)] {
            let text = "Acta de la reunión de la Comisión de Enlace\n\nFecha: \(day) de marzo de 2031\n\nSe acordó revisar el informe.\n"
            try Data(text.utf8).write(to: inbox.appendingPathComponent(name))
        }
        #expect(try setup.cli(["ingest", inbox.path]).stdout.contains("2 archived"))
        let (run, json) = try setup.packet(["--from", "2031", "--to", "2031"])
        #expect(run.status == 0, "\(run.stderr)")
        let p = try #require(Self.made(json)["secretaria"])
        let zip = try #require(try Archive(url: URL(fileURLWithPath: p["zip"] as? String ?? ""), accessMode: .read))
        let names = zip.map { ($0.path as NSString).lastPathComponent }
        #expect(names.contains("Acta 10_30_.txt"))
        #expect(names.contains("2-acta 10_30_.TXT"))
        #expect(!names.contains { $0.contains(":") || $0.contains("?") })
        let cover = try String(contentsOf: URL(fileURLWithPath: p["folder"] as? String ?? "").appendingPathComponent("cover.txt"), encoding: .utf8)
        #expect(cover.contains("Acta 10_30_.txt") && cover.contains("2-acta 10_30_.TXT"))
    }

    /// A digest lists the commitments still open that earlier meetings of its records' bodies
    /// made, and marks overdue against the day the packet is made; one closed by hand is no
    /// longer listed, in either section.
    @Test func digestsListCommitmentsStillOpenFromEarlierMeetings() throws {
        let s = try Setup()
        let records = try s.records()
        func id(_ date: String) throws -> String {
            try #require(records.first { $0["date"] as? String == date && ($0["body"] as? String) == "Comisión de Seguimiento" }?["id"] as? String)
        }
        func digest(_ record: String) throws -> String {
            let (run, json) = try s.packet(["--record", record, "--member", "secretaria", "--resend"])
            #expect(run.status == 0, "\(run.stderr)")
            let folder = try #require(Self.made(json)["secretaria"]?["folder"] as? String)
            return try String(contentsOfFile: folder + "/digest.md", encoding: .utf8)
        }
        let heading = "## Compromisos abiertos de reuniones anteriores"
        // The body's first meeting has nothing earlier; its own commitments due soon are
        // overdue against the day the packet is made (2026), not the meeting's date.
        let first = try digest(try id("2005-05-12"))
        #expect(!first.contains(heading))
        func upcoming(_ digest: String) -> String { digest.components(separatedBy: "## Compromisos vencidos").last ?? "" }
        #expect(upcoming(first).contains("- **31 de mayo de 2005** (vencido): Ajustar la matriz de seguimiento"), "\(upcoming(first))")
        let later = try digest(try id("2006-11-30"))
        #expect(later.contains(heading), "\(later)")
        #expect(later.contains("- Ajustar la matriz de seguimiento con los comentarios recibidos y circularla a las tres partes — responsable: Secretaría Técnica — vence el 31 de mayo de 2005 (vencido) — *Comisión de Seguimiento, 12 de mayo de 2005*"), "\(later)")
        // Closed by hand, it is no longer open.
        let list = try s.cli(["commitments", "--json", "--status", "all", "--body", "Comisión de Seguimiento"])
        let all = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let matrix = try #require(all.first { ($0["text"] as? String)?.hasPrefix("Ajustar la matriz") == true }?["id"] as? String)
        #expect(try s.cli(["commitments", "close", matrix, "--note", "circulada"]).status == 0)
        let after = try digest(try id("2006-11-30"))
        #expect(!after.contains("Ajustar la matriz"), "\(after)")
        // Closed, it is no longer due in its own meeting's packet either.
        let firstAgain = upcoming(try digest(try id("2005-05-12")))
        #expect(!firstAgain.contains("Ajustar la matriz") && firstAgain.contains("Presentar una propuesta escrita"), "\(firstAgain)")
        #expect(after.contains("Presentar una propuesta escrita sobre la inclusión de las recomendaciones de OACNUDH"))
    }

    @Test func membersFileProblemsNameTheLine() throws {
        let cases: [(String, String)] = [
            ("members:\n  - id: a\n    name: A\n    language: fr\n    all: true\n", "line 4: language must be es or en"),
            ("members:\n  - id: a\n    name: A\n    all: true\n  - id: a\n    name: B\n    all: true\n", "line 5: id \"a\" is used twice"),
            ("members:\n  - id: a\n    name: A\n    bodys: [X]\n", "line 4: unknown key bodys"),
            ("members:\n  - id: a\n    name: A\n", "line 2: member a subscribes to nothing"),
            ("members:\n  - id: ../x\n    name: A\n    all: true\n", "line 2: id \"../x\" must be letters"),
            ("members: [\n", "not valid YAML"),
        ]
        for (text, message) in cases {
            #expect(throws: (any Error).self) { try Member.parse(text, path: "members.yaml") }
            do { _ = try Member.parse(text, path: "members.yaml") } catch {
                #expect("\(error)".contains(message), "\(error)")
            }
        }
        let ok = try Member.parse("members:\n  - id: x\n    name: X\n    bodies: [Comisión de Enlace]\n", path: "m.yaml")
        #expect(ok.first?.language == "es")
    }
}

/// A packet's mail headers never carry a line break of a value (header injection).
struct MIMEHeaderTests {
    @Test func lineBreaksOfValuesBecomeSpaces() {
        for value in ["Acta\r\nBcc: x@example.com", "Acta\n\u{301}Bcc: x@example.com", "Acta\r\u{301}\nBcc: x", "Reunión\nBcc: x"] {
            let header = MIMEMessage.header(value)
            #expect(!header.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }, "\(Array(value.unicodeScalars))")
        }
        #expect(MIMEMessage.header("Acta\r\nBcc: x") == "Acta  Bcc: x")
        #expect(MIMEMessage.header("Acta\u{0}") != "Acta\u{0}")
    }

    @Test func addressNamesStayOneAddress() {
        #expect(MIMEMessage.address("British Embassy <uk@example.org>") == "\"British Embassy\" <uk@example.org>")
        // A comma in a name that is ASCII: quoted (it went out bare, read as two addresses).
        #expect(MIMEMessage.address("Embassy of Sweden, Political Section <se@example.org>") == "\"Embassy of Sweden, Political Section\" <se@example.org>")
        #expect(MIMEMessage.address("Secretaría Técnica <st@example.org>") == "=?UTF-8?B?U2VjcmV0YXLDrWEgVMOpY25pY2E=?= <st@example.org>")
        for value in ["O\"Neil, Ann <a@example.org>", "Ana\r\nBcc: x <a@example.org>", "Ana\\B <a@example.org>"] {
            let a = MIMEMessage.address(value)
            #expect(a.hasPrefix("=?UTF-8?B?") || !a.contains("\r") && !a.contains("\n"), "\(a)")
            #expect(a.hasSuffix(" <a@example.org>") && !a.dropLast(16).contains(","), "\(a)")
        }
    }

    @Test func attachmentNamesNeverBreakTheirHeader() {
        #expect(MIMEMessage.parameter("filename", "acta 12.txt") == "filename=\"acta 12.txt\"")
        #expect(MIMEMessage.parameter("filename", "reunión.txt") == "filename*=utf-8''reuni%C3%B3n.txt")
        for name in ["acta\r\nContent-Type: text/html.txt", "acta\n.txt", "a\"b.txt", "a\u{0}b", "a\tb"] {
            let p = MIMEMessage.parameter("filename", name)
            #expect(p.hasPrefix("filename*=utf-8''"), "\(p)")
            #expect(!p.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(p)")
        }
    }
}

/// The originals in a member's packet carry names that Windows can write.
struct PacketNameTests {
    @Test func namesArePortable() {
        #expect(PacketMaker.portableName("acta-enlace-2006.docx") == "acta-enlace-2006.docx")
        #expect(PacketMaker.portableName("Reunión de la Comisión.docx") == "Reunión de la Comisión.docx")
        #expect(PacketMaker.portableName("Acta 10:30.docx") == "Acta 10_30.docx")
        #expect(PacketMaker.portableName("¿Quórum?.txt") == "¿Quórum_.txt")
        #expect(PacketMaker.portableName("a<b>c\"d/e\\f|g*h.txt") == "a_b_c_d_e_f_g_h.txt")
        #expect(PacketMaker.portableName("acta\r\nX.txt") == "acta__X.txt")
        #expect(PacketMaker.portableName("notas. . ") == "notas")
        #expect(PacketMaker.portableName("...") == "document")
        #expect(PacketMaker.portableName("con.txt") == "_con.txt")
        #expect(PacketMaker.portableName("LPT1") == "_LPT1")
        #expect(PacketMaker.portableName("console.txt") == "console.txt")
    }
}
