import Foundation
import RelatoriaCore
@testable import RelatoriaKit
import RelatoriaStore
import RelatoriaTestSupport
import Testing

/// What `relatoria packet` takes and refuses, and what it says.
@Suite(.serialized)
struct PacketInputTests {
    /// search's own message for a date it refuses.
    static func searchMessage(_ key: String, _ value: String) -> String? {
        var q = SearchQuery()
        do { try q.setFilter(key, value) } catch let e as SearchQuery.Invalid { return e.message } catch { return nil }
        return nil
    }

    @Test func datesAreReadAsSearchReadsThem() throws {
        let s = try PacketTests.Setup()
        for value in ["2005-13", "2006-02-30", "ayer"] {
            for option in ["--from", "--to"] {
                let message = try #require(Self.searchMessage(String(option.dropFirst(2)), value))
                let search = try s.cli(["search", option, value])
                #expect(search.status == 64)
                #expect(search.stderr == "relatoria: \(option): \(message)\n", "\(search.stderr)")
                let run = try s.cli(["packet", "--out", s.out.path, option, value])
                #expect(run.status == 64, "\(option) \(value): \(run.status) \(run.stderr)")
                // The same line, word for word.
                #expect(run.stderr == search.stderr, "\(run.stderr)")
                #expect(!FileManager.default.fileExists(atPath: s.out.path))
            }
        }
        // What search takes, packet takes: 2006-1 is January 2006, 2006-3-31 the 31st of March.
        let (run, json) = try s.packet(["--from", "2006-1", "--to", "2006-3-31", "--member", "secretaria"])
        #expect(run.status == 0, "\(run.stderr)")
        let dates = try s.records().filter { (PacketTests.packets(json)["secretaria"] ?? []).contains($0["id"] as? String ?? "") }.compactMap { $0["date"] as? String }
        #expect(!dates.isEmpty && dates.allSatisfy { $0 >= "2006-01-01" && $0 <= "2006-03-31" })
        let expected = try s.records().filter { ($0["date"] as? String).map { $0 >= "2006-01-01" && $0 <= "2006-03-31" } ?? false }
        #expect(dates.count == expected.count)
        // The cover writes the period at the precision given.
        let p = try #require(PacketTests.made(json)["secretaria"])
        let cover = try String(contentsOfFile: (p["folder"] as? String ?? "") + "/cover.txt", encoding: .utf8)
        #expect(cover.contains("del período enero de 2006 – 31 de marzo de 2006"), "\(cover)")
    }

    /// `--body` and `--topic` select in packet the records they find in search: part of a
    /// body's name (accents and case aside), a topic word by word.
    @Test func bodyAndTopicSelectAsSearchFinds() throws {
        let s = try PacketTests.Setup()
        for (option, value) in [("--body", "seguimiento"), ("--body", "Comision de Enlace"), ("--topic", "desplazamiento")] {
            let search = try s.cli(["search", "--json", "--limit", "1000", "--from", "2005", "--to", "2007", option, value])
            let hits = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])
            let found = (hits["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }.sorted()
            #expect(!found.isEmpty, "\(option) \(value): \(search.stdout.prefix(300))")
            let (run, json) = try s.packet(["--from", "2005", "--to", "2007", option, value, "--member", "secretaria", "--resend"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(PacketTests.packets(json)["secretaria"] == found, "\(option) \(value)")
        }
    }

    @Test func aPeriodThatEndsBeforeItStartsIsRefused() throws {
        let s = try PacketTests.Setup()
        for (from, to) in [("2007", "2006"), ("2006-03-02", "2006-03-01"), ("2006-04", "2006-03-31")] {
            let run = try s.cli(["packet", "--out", s.out.path, "--from", from, "--to", to])
            #expect(run.status == 64, "\(from) \(to): \(run.stdout)")
            #expect(run.stderr == "relatoria: the period ends before it starts: --to \(to) is before --from \(from)\n", "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: s.out.path))
        // A period of one day, given as a month and a day of it, is a period.
        #expect(try s.cli(["packet", "--out", s.out.path, "--from", "2006-03", "--to", "2006-03-01"]).status == 0)
    }

    @Test func anUnknownMemberIsBadInputNotConfiguration() throws {
        let s = try PacketTests.Setup()
        let run = try s.cli(["packet", "--out", s.out.path, "--from", "2006", "--member", "nadie"])
        #expect(run.status == 64)
        #expect(run.stderr == "relatoria: no member with id nadie in members.yaml\n")
        let two = try s.cli(["packet", "--send", "--member", "nadie", "--member", "x", "--member", "secretaria"])
        #expect(two.status == 64)
        #expect(two.stderr == "relatoria: no member with the ids nadie, x in members.yaml\n")
        // A broken members file still is configuration.
        let bad = s.dir.url.appendingPathComponent("bad.yaml")
        try Data("members: [\n".utf8).write(to: bad)
        #expect(try s.cli(["packet", "--out", s.out.path, "--from", "2006", "--members", bad.path]).status == 78)
    }

    @Test func noSelectionPrintsThePacketCommandsUsage() throws {
        let s = try PacketTests.Setup()
        let run = try s.cli(["packet"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("choose the records: --record ID, or a period --from/--to"), "\(run.stderr)")
        #expect(run.stderr.contains("Usage: relatoria packet "), "\(run.stderr)")
        #expect(run.stderr.contains("See 'relatoria packet --help'"), "\(run.stderr)")
        #expect(!run.stderr.contains("<subcommand>"), "\(run.stderr)")
    }

    @Test func countsAreSingularOrPlural() throws {
        let s = try PacketTests.Setup()
        let records = try s.records().filter { $0["date"] as? String == "2006-01-20" }
        let id = try #require(records.first?["id"] as? String)
        let one = try s.cli(["packet", "--out", s.out.path, "--record", String(id.prefix(10)), "--member", "secretaria"])
        #expect(one.stdout.hasPrefix("secretaria: 1 record → "), "\(one.stdout)")
        let again = try s.cli(["packet", "--out", s.out.path, "--record", String(id.prefix(10)), "--member", "secretaria"])
        #expect(again.stdout.contains("secretaria: 1 record of this selection waits in a packet not sent yet, "), "\(again.stdout)")
        let log = try s.cli(["packet", "--log"])
        #expect(log.stdout.contains("  secretaria  ") && log.stdout.contains("  1 record  "), "\(log.stdout)")
        let two = try s.cli(["packet", "--out", s.out.path, "--from", "2006-01-20", "--to", "2006-02-08", "--member", "secretaria", "--resend"])
        #expect(two.stdout.hasPrefix("secretaria: 2 records → "), "\(two.stdout)")
        #expect(try s.cli(["packet", "--log"]).stdout.contains("  2 records  "))
    }

    /// Records of a period selection that have no date are named in the output and in the
    /// cover of each member who would receive them, in both languages.
    @Test func recordsWithNoDateAreNamedNotLeftOutInSilence() throws {
        let s = try PacketTests.Setup()
        let more = s.dir.url.appendingPathComponent("undated")
        try FileManager.default.createDirectory(at: more, withIntermediateDirectories: true)
        for (name, place) in [("notas sin fecha.txt", "Bogotá"), ("otras notas.txt", "Cali")] {
            let text = "Notas de trabajo de la Comisión de Enlace\n\nLugar: \(place)\n\nSe acordó revisar el informe de \(place).\n"
            try Data(text.utf8).write(to: more.appendingPathComponent(name))
        }
        #expect(try s.cli(["ingest", more.path]).stdout.contains("2 archived"))
        let undated = try s.records().filter { $0["date"] == nil || $0["date"] is NSNull }
        #expect(undated.count >= 2)
        let members = s.dir.url.appendingPathComponent("members.yaml")
        try Data("""
            members:
              - id: todo-es
                name: Todo
                email: es@example.org
                all: true
              - id: all-en
                name: All
                email: en@example.org
                language: en
                all: true
            """.utf8).write(to: members)
        let period = ["--from", "2006-01", "--to", "2006-02", "--members", members.path]
        let (run, json) = try s.packet(period)
        #expect(run.status == 0, "\(run.stderr)")
        let listed = json["undated"] as? [[String: Any]] ?? []
        #expect(Set(listed.compactMap { $0["id"] as? String }) == Set(undated.compactMap { $0["id"] as? String }))
        #expect(listed.contains { $0["file"] as? String == "notas sin fecha.txt" })
        let text = try s.cli(["packet", "--out", s.dir.url.appendingPathComponent("other").path, "--resend"] + period)
        #expect(text.stdout.contains("\(undated.count) records of this selection have no date, so no period holds them"), "\(text.stdout)")
        #expect(text.stdout.contains("notas sin fecha.txt") && text.stdout.contains("otras notas.txt"))
        let made = PacketTests.made(json)
        for (member, wording) in [("todo-es", "\(undated.count) documentos que corresponden a sus suscripciones no tienen fecha"),
                                  ("all-en", "\(undated.count) documents matching your subscriptions have no date")] {
            let folder = try #require(made[member]?["folder"] as? String)
            #expect((made[member]?["undated"] as? [String])?.count == undated.count)
            for name in ["cover.txt", "cover.html"] {
                let cover = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
                #expect(cover.contains(wording), "\(member) \(name): \(cover)")
                #expect(cover.contains("notas sin fecha.txt") && cover.contains("otras notas.txt"))
            }
        }
    }

    /// The covers' wording for one record with no date, in both languages.
    @Test func coversSayOneUndatedRecordInTheSingular() throws {
        let record = RelatoriaCore.Record(id: "0123456789abcdef", source: .init(filename: "notas.txt", format: .txt, sha256: "0123456789abcdef", bytes: 10),
                                          title: "Notas de trabajo")
        let templates = try PacketTemplates(folder: PackagePaths.config.appendingPathComponent("templates"))
        for (lang, wording) in [("es", "1 documento que corresponde a sus suscripciones no tiene fecha, por lo que no pudo ubicarse en este período y no se adjunta:"),
                                ("en", "1 document matching your subscriptions has no date, so it could not be placed in this period and is not enclosed:")] {
            let member = Member(id: "m", name: "M", language: lang, all: true)
            let context = PacketContext(member: member, records: [], undated: [record], selection: .init(from: "2006"), now: Date(), upcomingDays: 30)
            for name in ["cover.txt", "cover.html"] {
                let cover = try templates.render(name, language: lang, try context.values())
                #expect(cover.contains(wording), "\(lang) \(name): \(cover)")
                #expect(cover.contains("Notas de trabajo") && cover.contains("notas.txt"))
            }
        }
    }

    /// Every count in packet's messages, with one and with two.
    @Test func reportLinesAreSingularOrPlural() {
        var report = PacketMaker.Report()
        report.undated = [.init(id: "0123456789abcdef", title: "Notas", file: "notas.txt")]
        report.alreadyReceived = [.init(member: "a", records: ["x"])]
        report.waiting = [.init(member: "b", records: ["y"], packets: ["2026-01-01-000000"])]
        var lines = report.lines(sending: false)
        #expect(lines.contains("a: 1 record of this selection already received (--resend to send it again)"))
        #expect(lines.contains("b: 1 record of this selection waits in a packet not sent yet, 2026-01-01-000000 (--send to send it)"))
        #expect(lines.contains("1 record of this selection has no date, so no period holds it and no packet has it; --record ID sends one:"))
        #expect(lines.contains("  Notas — notas.txt — 0123456789ab"))
        report.undated.append(.init(id: "fedcba9876543210", title: "Otras", file: "otras.txt"))
        report.alreadyReceived = [.init(member: "a", records: ["x", "z"])]
        report.waiting = [.init(member: "b", records: ["y", "w"], packets: ["p1", "p2"])]
        lines = report.lines(sending: false)
        #expect(lines.contains("a: 2 records of this selection already received (--resend to send them again)"))
        #expect(lines.contains("b: 2 records of this selection wait in 2 packets not sent yet: p1, p2 (--send to send them)"))
        #expect(lines.contains("2 records of this selection have no date, so no period holds them and no packet has them; --record ID sends one:"))
    }
}
