import Foundation
import RelatoriaCore
import RelatoriaFollowUp
import RelatoriaKit
import RelatoriaStore
import RelatoriaTestSupport
import Testing

/// Closing and reopening by hand: recorded with who and when, append-only, and kept through
/// `reindex` and `reindex --reextract`.
@Suite(.serialized) struct ManualStatusTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func find(_ start: String, _ f: FollowUp, asOf: String = "2007-12-31") throws -> Commitment {
        try #require(try f.register(asOf: asOf).commitments.first { $0.text.hasPrefix(start) })
    }

    @Test func closeReopenAndReindexKeepManualStatuses() throws {
        let fx = try FollowUpFixture()
        defer { fx.remove() }
        var f = try fx.followUp()
        let map = try find("Elaborar un mapa de riesgos", f)
        let mission = try find("Present a proposal for a joint field mission", f)
        let plan = try find("Circular el plan de trabajo", f)
        #expect(map.status == .overdue)

        // Close by a prefix of the id, as done with a note; drop another; reopen one the minutes closed.
        let closed = try f.setStatus(String(map.id.prefix(22)), to: .done, note: "Entregado por correo", who: "ana", at: now, today: "2007-12-31")
        #expect(closed.id == map.id && closed.status == .done)
        #expect(closed.manual?.who == "ana" && closed.manual?.note == "Entregado por correo")
        #expect(closed.notes.contains { $0.contains("closed as done by ana") && $0.contains("Entregado por correo") })
        try f.setStatus(mission.id, to: .open, note: nil, who: "ana", at: now, today: "2007-12-31")
        try f.setStatus(plan.id, to: .open, note: "No llegó a todos", who: "luis", at: now.addingTimeInterval(60), today: "2007-12-31")
        #expect(try find("Circular el plan de trabajo", f).status == .overdue)
        #expect(try find("Present a proposal for a joint field mission", f).status == .overdue)

        let log = ManualStatusLog(archiveRoot: fx.archive.root)
        #expect(try log.entries().entries.count == 3)
        let lines = try String(contentsOf: log.url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains("\"who\":\"ana\"") && lines[0].contains("\"status\":\"done\"") && lines[0].contains("\"when\":\"2027-01-15T08:00:00Z\""))

        // Reindex, then re-extract: the file and every status stay.
        let maintenance = ArchiveMaintenance(archive: fx.archive)
        _ = try maintenance.reindex()
        f = try fx.followUp()
        #expect(try find("Elaborar un mapa de riesgos", f).status == .done)
        _ = try maintenance.reindex(extractor: FollowUpFixture.extractor, reextract: true)
        f = try fx.followUp()
        #expect(try find("Elaborar un mapa de riesgos", f).status == .done)
        #expect(try find("Present a proposal for a joint field mission", f).status == .overdue)
        #expect(try find("Circular el plan de trabajo", f).status == .overdue)
        #expect(try log.entries().entries.count == 3)

        // Reopened by hand after being closed by hand: open again; the history stays in the file.
        try f.setStatus(map.id, to: .open, note: nil, who: "luis", at: now.addingTimeInterval(120), today: "2007-12-31")
        #expect(try find("Elaborar un mapa de riesgos", f).status == .overdue)
        #expect(try log.entries().entries.map(\.status) == ["done", "open", "open", "open"])
    }

    @Test func aStatusFollowsItsCommitmentWhenReextractionRewordsIt() throws {
        let fx = try FollowUpFixture()
        defer { fx.remove() }
        let f = try fx.followUp()
        let map = try find("Elaborar un mapa de riesgos", f)
        let log = ManualStatusLog(archiveRoot: fx.archive.root)
        // As if the extractor of the day the status was set had worded (hence hashed) it differently.
        try log.append(.init(commitment: map.record + ":0badc0de", record: map.record, text: "Elaborar el mapa de riesgos de los líderes",
                             status: "dropped", note: nil, who: "ana", when: "2027-01-15T08:00:00Z"))
        // And a status whose commitment is gone from its record: kept, and reported.
        try log.append(.init(commitment: map.record + ":deadbeef", record: map.record, text: "Convocar una audiencia pública en Yondó",
                             status: "done", note: nil, who: "ana", when: "2027-01-15T08:01:00Z"))
        let result = try f.register(asOf: "2007-12-31")
        #expect(result.commitments.first { $0.id == map.id }?.status == .dropped)
        #expect(result.orphans.map(\.commitment) == [map.record + ":deadbeef"])
        let warnings = try f.warnings(result)
        #expect(warnings.contains { $0.contains(map.record + ":deadbeef") && $0.contains("kept in followup/status.jsonl") })
    }

    @Test func unknownAndAmbiguousIdsAreRefusedAndWriteNothing() throws {
        let fx = try FollowUpFixture()
        defer { fx.remove() }
        let f = try fx.followUp()
        #expect(throws: FollowUp.LookupError.self) { try f.setStatus("ffffffffffffffff:00000000", to: .done, note: nil, who: "ana", at: now, today: "2007-12-31") }
        #expect(throws: FollowUp.LookupError.self) { try f.setStatus("", to: .done, note: nil, who: "ana", at: now, today: "2007-12-31") }
        let list = try f.register(asOf: "2007-12-31").commitments
        // Two commitments of one record share its id as a prefix.
        let shared = try #require(Dictionary(grouping: list, by: \.record).first { $0.value.count > 1 }?.key)
        #expect(throws: FollowUp.LookupError.self) { try f.setStatus(shared, to: .done, note: nil, who: "ana", at: now, today: "2007-12-31") }
        #expect(!FileManager.default.fileExists(atPath: ManualStatusLog(archiveRoot: fx.archive.root).url.path))
    }

    @Test func aDamagedLineIsKeptAndReported() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = ManualStatusLog(archiveRoot: dir.url)
        try log.append(.init(commitment: "a:1", record: "a", text: "t", status: "done", note: nil, who: "ana", when: "2027-01-15T08:00:00Z"))
        let handle = try FileHandle(forWritingTo: log.url)
        handle.seekToEndOfFile()
        handle.write(Data("{\"cut short\n".utf8))
        try handle.close()
        try log.append(.init(commitment: "a:2", record: "a", text: "u", status: "dropped", note: "n", who: "luis", when: "2027-01-15T08:00:01Z"))
        let (entries, problems) = try log.entries()
        #expect(entries.map(\.commitment) == ["a:1", "a:2"])
        #expect(problems == ["followup/status.jsonl line 2 cannot be read; it is kept and ignored"])
    }
}

/// What a packet's digest will list: earlier meetings' outstanding commitments of its bodies.
struct OutstandingForPacketsTests {
    @Test func earlierMeetingsOutstandingCommitmentsOverdueAgainstToday() throws {
        let fx = try FollowUpFixture()
        defer { fx.remove() }
        let f = try fx.followUp()
        // A packet of the Mesa's fourth meeting, made on 2006-09-01: what the earlier meetings left open.
        let open = try f.outstanding(bodies: ["mesa regional de cooperacion del magdalena medio"], before: "2006-08-24", today: "2006-09-01")
        #expect(open.map(\.text) == ["Elaborar un mapa de riesgos de los líderes comunitarios", "Organizar la primera visita de campo al sur de Bolívar"])
        #expect(open.map(\.status) == [.overdue, .open])
        // Made later, the same packet finds the visit overdue too.
        let later = try f.outstanding(bodies: ["Mesa Regional de Cooperación del Magdalena Medio"], before: "2006-08-24", today: "2006-12-01")
        #expect(later.map(\.status) == [.overdue, .overdue])
        #expect(try f.outstanding(bodies: ["Working Group on Humanitarian Access"], before: "2007-01-18", today: "2007-12-31").isEmpty)
    }
}
