import Foundation
import RelatoriaCore
import RelatoriaFollowUp
import RelatoriaTestSupport
import Testing

/// The period report and the positions ledger on the fixtures, against counts made from the
/// fixtures' text alone.
@Suite(.serialized) struct PeriodReportTests {
    /// The repository's configuration plus a workplan.
    func configuration(in dir: TemporaryDirectory) throws -> URL {
        let config = dir.url.appendingPathComponent("config")
        try FileManager.default.copyItem(at: PackagePaths.config, to: config)
        try? FileManager.default.removeItem(at: config.appendingPathComponent("workplan.yaml"))
        try Data("""
            plan:
              2006:
                Mesa Regional de Cooperación del Magdalena Medio: 6
              2007:
                working group on humanitarian access: [2007-01-18, 2007-03-22, 2007-05-24, 2007-09-20]
                Comisión de Seguimiento: 3
            """.utf8).write(to: config.appendingPathComponent("workplan.yaml"))
        return config
    }

    /// Meetings per title line of the fixtures, counted from their text.
    func meetingsInFixtures() throws -> [String: Int] {
        var out: [String: Int] = [:]
        for (_, text) in try FollowUpFixture.texts() {
            let first = String(text.split(separator: "\n")[0])
            let body = first.contains("MAGDALENA") ? "Mesa Regional de Cooperación del Magdalena Medio" : "Working Group on Humanitarian Access"
            out[body, default: 0] += 1
        }
        return out
    }

    @Test func reportCountsMatchTheFixtures() throws {
        let fx = try FollowUpFixture()
        defer { fx.remove() }
        let config = try configuration(in: fx.dir)
        let followUp = try fx.followUp(config: config)
        let report = try PeriodReport(followUp: followUp, from: "2006-01-01", to: "2007-12-31", language: "en", asOf: "2007-12-31")

        let expected = try meetingsInFixtures()
        #expect(report.bodies.filter { $0.meetings > 0 }.count == expected.count)
        for b in report.bodies where b.meetings > 0 {
            let key = expected.keys.first { FollowUpText.key($0) == FollowUpText.key(b.name) }
            #expect(key.map { expected[$0] } == b.meetings, "\(b.name)")
        }
        let mesa = try #require(report.bodies.first { $0.name.hasPrefix("Mesa Regional") })
        #expect(mesa.planned == 6)
        #expect(mesa.byMonth == ["2006-02": 1, "2006-04": 1, "2006-06": 1, "2006-08": 1])
        let wg = try #require(report.bodies.first { $0.name.contains("Humanitarian") })
        #expect(wg.planned == 4)
        // Planned but not held: listed with none held.
        let planned = try #require(report.bodies.first { $0.name == "Comisión de Seguimiento" })
        #expect(planned.meetings == 0 && planned.planned == 3)

        // Commitments: the same count as the fixtures' distinct commitment lines.
        let independent = try FollowUpFixture.independentCommitments()
        #expect(report.commitments.total == independent.count)
        #expect(report.commitments.byStatus == ["done": 5, "open": 0, "overdue": 3, "dropped": 1])
        #expect(report.commitments.overdue.count == 3)
        let accionCommitments = try #require(report.commitments.byOwner.first { $0.owner == "Acción Social" })
        #expect(accionCommitments.done == 1 && accionCommitments.overdue == 0)

        // Attendance: Acción Social came to all seven meetings; Sweden to three of the Mesa and two of the group.
        let accion = try #require(report.attendance.first { $0.organization == "Acción Social" })
        #expect(accion.total == 7)
        // In an English report, parties go by their English names.
        let sweden = try #require(report.attendance.first { $0.organization == "Sweden" })
        #expect(report.attendance.contains { $0.organization == "Netherlands" } && !report.attendance.contains { $0.organization == "Suecia" })
        #expect(report.commitments.overdue.map(\.owner).contains("Netherlands"))
        #expect(sweden.byBody == [mesa.name: 3, wg.name: 2])
        #expect(sweden.group == "G24")

        // One body only, in Spanish; the files are written.
        let one = try PeriodReport(followUp: followUp, from: "2006-01-01", to: "2006-12-31", body: "magdalena", language: "es", asOf: "2007-12-31")
        #expect(one.bodies.map(\.name) == [mesa.name])
        #expect(one.commitments.total == 5)
        let out = fx.dir.url.appendingPathComponent("out")
        let written = try ReportWriter(report: one).write(to: out)
        #expect(written.map(\.lastPathComponent) == ["report.html", "report.md", "report.json"])
        // A second run replaces the files, leaving nothing else behind.
        try ReportWriter(report: one).write(to: out)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["report.html", "report.json", "report.md"])
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("4 de 6 planeadas"))
        #expect(!html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src=\""))
        let md = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(md.contains("| Mesa Regional de Cooperación del Magdalena Medio | 4 de 6 planeadas |"))
        // Positions: a line per topic, each item counted once, each party's consensus/dissent.
        #expect(md.contains("| Defensores de derechos humanos | 1 | 1 | Gobierno 1/1, Sociedad civil 1/1, G24 1/0 |"))
        let unplanned = try PeriodReport(followUp: try fx.followUp(), from: "2007-05-01", to: "2007-12-31", language: "es", asOf: "2007-12-31")
        #expect(ReportWriter(report: unplanned).markdown().contains("| Working Group on Humanitarian Access | 1 realizada |"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any])
        let bodies = try #require(json["bodies"] as? [[String: Any]])
        #expect(bodies.count == 1 && bodies[0]["name"] as? String == mesa.name && bodies[0]["meetings"] as? Int == 4 && bodies[0]["planned"] as? Int == 6)
        let plain = try JSONSerialization.jsonObject(with: ReportWriter(report: unplanned).json()) as? [String: Any]
        #expect((plain?["bodies"] as? [[String: Any]])?.first?["planned"] is NSNull)
    }

    @Test func ledgerCountsMatchTheFixturesAndPointsThatMoved() throws {
        let fx = try FollowUpFixture()
        defer { fx.remove() }
        let followUp = try fx.followUp()
        let ledger = PositionsLedger(records: followUp.records, parties: followUp.parties, stopwords: followUp.lexicon.stopwords)
        // Counted from the text: sentences of agreement and of disagreement.
        var consensus = 0, dissent = 0
        for (_, text) in try FollowUpFixture.texts() {
            for cue in ["coincidieron en", "All parties agreed"] { consensus += text.components(separatedBy: cue).count - 1 }
            for cue in ["manifestó su desacuerdo", "No hubo acuerdo", "could not agree", "objected to the proposal"] { dissent += text.components(separatedBy: cue).count - 1 }
        }
        #expect(ledger.entries.filter { $0.kind == .consensus }.count == consensus)
        #expect(ledger.entries.filter { $0.kind == .dissent }.count == dissent)
        // The protection scheme: no agreement in June, consensus of the three sides in August.
        let moved = ledger.moved.filter { $0.dissent.text.contains("protección") }
        #expect(moved.count == 1)
        #expect(moved.first?.dissent.date == "2006-06-22" && moved.first?.consensus.date == "2006-08-24")
        #expect(Set(moved.first?.parties ?? []) == ["Gobierno", "Sociedad civil"])
        // The field visits' calendar: civil society's objection in February, agreed in April
        // (records without a topic: within the same body).
        let calendar = ledger.moved.filter { $0.dissent.text.contains("calendario") }
        #expect(calendar.map(\.consensus.date) == ["2006-04-20"])
        #expect(calendar.first?.parties == ["Sociedad civil"])
        // Nothing else moved in the Mesa: its other consensus items are on other points.
        #expect(ledger.moved.filter { $0.dissent.body?.hasPrefix("Mesa") == true }.count == 2)

        // Filtered by party: only its items, and lines of that party only.
        let civil = PositionsLedger(records: followUp.records, parties: followUp.parties, party: "civil society", stopwords: followUp.lexicon.stopwords)
        #expect(!civil.lines.isEmpty && civil.lines.allSatisfy { $0.party == "Sociedad civil" })
        #expect(civil.entries.allSatisfy { $0.parties.contains("Sociedad civil") })
    }

    @Test func attendeesWithoutOrganizationCountOnlyAsDelegations() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let source = Record.Source(filename: "a.txt", format: .txt, sha256: "00", bytes: 1)
        let r = Record(id: "r1", source: source, kind: .minutes, date: "2006-05-02", body: "Mesa",
                       attendees: [Attendee(name: "Embajada de Noruega"), Attendee(name: "Lars Engström"), Attendee(name: "Ana Ruiz", organization: "Grupo de redacción")])
        let f = FollowUp(parties: PartiesTests.directory, lexicon: FollowUpLexicon(), records: [r], log: ManualStatusLog(archiveRoot: dir.url))
        let report = try PeriodReport(followUp: f, from: "2006-01-01", to: "2006-12-31", language: "es", asOf: "2006-12-31")
        #expect(report.attendance.map(\.organization).sorted() == ["Grupo de redacción", "Noruega"])
    }

    @Test func workplanProblemsNameTheLine() throws {
        #expect { try Workplan.parse("plan:\n  2006:\n    Mesa: [2006-02-30]\n", path: "w.yaml") } throws: { "\($0)".contains("line 3") && "\($0)".contains("2006-02-30 is not a date of 2006") }
        #expect { try Workplan.parse("plans: {}\n", path: "w.yaml") } throws: { "\($0)".contains("unknown key plans") }
        #expect(try Workplan.parse("plan:\n  2006:\n    Mesa: 2\n", path: "w.yaml").planned(body: "mesa", from: "2006-06-01", to: "2006-06-30") == 2)
    }
}
