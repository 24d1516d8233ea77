import Foundation
import RelatoriaTestSupport
import Testing

/// `relatoria commitments`, `close`, `reopen`, `parties`, `positions` and `report` as a user
/// runs them, on an archive of the follow-up fixtures.
@Suite(.serialized) struct FollowUpCommandTests {
    let cli = ExtractCommandTests()
    static let fixtures = PackagePaths.root.appendingPathComponent("Tests/RelatoriaFollowUpTests/Fixtures")

    func archive(in dir: TemporaryDirectory) throws -> String {
        let path = dir.url.appendingPathComponent("archive").path
        let ingest = try cli.run(["ingest", "--archive", path, Self.fixtures.path])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return path
    }

    func json(_ r: ExtractCommandTests.Run) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    }

    @Test func listCloseReopenAndJSON() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = try archive(in: dir)

        let all = try json(try cli.run(["commitments", "--archive", a, "--as-of", "2007-12-31", "--json"]))
        #expect(all.count == 9)
        for c in all {
            for key in ["id", "text", "owner", "due", "status", "record", "body", "date", "evidence"] { #expect(c.keys.contains(key), "\(key)") }
        }
        #expect(all.first?["status"] as? String == "overdue")
        let evidence = try #require((all.first { ($0["text"] as? String)?.hasPrefix("Enviar el inventario") == true })?["evidence"] as? [[String: Any]])
        #expect(evidence.count == 2 && evidence.allSatisfy { $0["record"] is String && $0["anchor"] is [String: Any] && $0["text"] is String })

        let text = try cli.run(["commitments", "--archive", a, "--as-of", "2007-12-31", "--status", "overdue"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("3 commitments as of 2007-12-31: 3 overdue\n"))
        #expect(text.stdout.contains("Países Bajos (1)\n  OVERDUE  Organizar la primera visita de campo al sur de Bolívar"))

        let map = try #require(all.first { ($0["text"] as? String)?.hasPrefix("Elaborar un mapa") == true }?["id"] as? String)
        let close = try cli.run(["commitments", "close", "--archive", a, map, "--note", "Entregado en julio"])
        #expect(close.status == 0, "\(close.stderr)")
        #expect(close.stdout.hasPrefix("\(map) is now done"))
        let again = try cli.run(["commitments", "close", "--archive", a, map])
        #expect(again.stdout.contains("already done; nothing changed"))
        let log = try String(contentsOfFile: a + "/followup/status.jsonl", encoding: .utf8)
        #expect(log.split(separator: "\n").count == 1 && log.contains("\"note\":\"Entregado en julio\"") && log.contains("\"who\":\""))

        #expect(try cli.run(["reindex", "--archive", a, "--reextract"]).status == 0)
        let done = try cli.run(["commitments", "--archive", a, "--status", "done", "--owner", "Mesa Nacional de Organizaciones de Derechos Humanos"])
        #expect(done.stdout.contains("DONE     Elaborar un mapa de riesgos") && done.stdout.contains("Entregado en julio"))

        let reopen = try cli.run(["commitments", "reopen", "--archive", a, map])
        #expect(reopen.stdout.hasPrefix("\(map) is now overdue"))
        #expect(try String(contentsOfFile: a + "/followup/status.jsonl", encoding: .utf8).split(separator: "\n").count == 2)
    }

    @Test func badInputGetsOneReadableLineAndItsStatus() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = try archive(in: dir)
        let unknown = try cli.run(["commitments", "close", "--archive", a, "ffffffffffffffff:00000000"])
        #expect(unknown.status == 66 && unknown.stderr == "relatoria: no commitment with id ffffffffffffffff:00000000\n")
        let wrongAs = try cli.run(["commitments", "close", "--archive", a, "x", "--as", "finished"])
        #expect(wrongAs.status == 64 && wrongAs.stderr == "relatoria: --as finished is not done or dropped\n")
        let badDay = try cli.run(["commitments", "--archive", a, "--as-of", "2007-02-30"])
        #expect(badDay.status == 64 && badDay.stderr == "relatoria: --as-of 2007-02-30 is not a date written YYYY-MM-DD\n")
        let badStatus = try cli.run(["commitments", "--archive", a, "--status", "late"])
        #expect(badStatus.status == 64)
        let backwards = try cli.run(["report", "--archive", a, "--from", "2007-01-01", "--to", "2006-01-01"])
        #expect(backwards.status == 64 && backwards.stderr == "relatoria: the period ends (2006-01-01) before it starts (2007-01-01)\n")
        let none = try cli.run(["commitments", "--archive", dir.url.appendingPathComponent("none").path])
        #expect(none.status == 66)
    }

    @Test func aBadConfigurationFileStopsWithStatus78NamingIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = try archive(in: dir)
        let config = dir.url.appendingPathComponent("config")
        try FileManager.default.copyItem(at: PackagePaths.config, to: config)
        try Data("groups: [{id: g, name: G}]\nparties: [{name: A, group: nowhere}]\n".utf8).write(to: config.appendingPathComponent("parties.yaml"))
        let r = try cli.run(["commitments", "--archive", a, "--config", config.path])
        #expect(r.status == 78)
        #expect(r.stderr == "relatoria: \(config.path)/parties.yaml: the party A is in the group nowhere, which the file's groups do not list\n")
        try Data("plan:\n  2006:\n    Mesa: many\n".utf8).write(to: config.appendingPathComponent("workplan.yaml"))
        try FileManager.default.removeItem(at: config.appendingPathComponent("parties.yaml"))
        let w = try cli.run(["report", "--archive", a, "--config", config.path, "--from", "2006-01-01", "--to", "2006-12-31", "--out", dir.url.appendingPathComponent("r").path])
        #expect(w.status == 78 && w.stderr.contains("workplan.yaml: line 3: the plan of Mesa must be a count or a list of dates"))
    }

    @Test func partiesPositionsAndReport() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = try archive(in: dir)
        let parties = try cli.run(["parties", "--archive", a])
        #expect(parties.status == 0 && parties.stdout.contains("Gobierno (Government)") && parties.stdout.contains("  Suecia / Sweden  — 6 mentions"))
        let unknown = try cli.run(["parties", "--archive", a, "--unknown", "--json"])
        let names = try #require(try JSONSerialization.jsonObject(with: Data(unknown.stdout.utf8)) as? [[String: Any]]).compactMap { $0["name"] as? String }
        // (A report under "Follow-up of action points" is no new task, so its sentence,
        // "The report on access incidents is still pending", is no longer taken for an owner
        // nobody knows: every party these minutes name is in the directory.)
        #expect(unknown.status == 0 && names.isEmpty)

        let positions = try cli.run(["positions", "--archive", a, "--party", "Government"])
        #expect(positions.status == 0 && positions.stdout.contains("  Gobierno: "))
        #expect(positions.stdout.contains("Points that moved (dissent later followed by consensus): "))

        let out = dir.url.appendingPathComponent("report").path
        let report = try cli.run(["report", "--archive", a, "--from", "2006-01-01", "--to", "2007-12-31", "--lang", "en", "--out", out, "--as-of", "2007-12-31"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.hasPrefix("7 meetings of 2 bodies, 9 commitments (3 overdue)\n"))
        for name in ["report.html", "report.md", "report.json"] { #expect(FileManager.default.fileExists(atPath: out + "/" + name)) }
    }
}
