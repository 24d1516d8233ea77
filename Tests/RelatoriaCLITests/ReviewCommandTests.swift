import Foundation
import RelatoriaTestSupport
import Testing

/// `correct`, `history`, `show --extracted`, `withdraw`, `supersede`, `evaluate` (issue 20).
struct ReviewCommandTests {
    let cli = ExtractCommandTests()

    @Test func correctHistoryShowAndEvaluate() throws {
        let one = try InputCheckTests.OneRecord()
        let a = ["--archive", one.archive.path]
        let found = try one.search(["--json", "enlace"])
        let id = String(try #require(found.stdout.range(of: #""id":"[0-9a-f]+""#, options: .regularExpression).map { found.stdout[$0].dropFirst(6).dropLast() }))
        var r = try cli.run(["correct", "--user", "rita", "--set", "date=2008-04-04", "--set", "place=Cali", "--reviewed"] + a + [String(id.prefix(8))])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("date 2008-04-03 → 2008-04-04"))
        r = try cli.run(["show"] + a + [id])
        #expect(r.stdout.contains("2008-04-04") && r.stdout.contains("Cali") && r.stdout.contains("reviewed by rita"))
        r = try cli.run(["show", "--extracted"] + a + [id])
        #expect(r.stdout.contains("2008-04-03") && !r.stdout.contains("Cali"))
        r = try cli.run(["show", "--json"] + a + [id])
        #expect(r.stdout.contains(#""date" : "2008-04-04""#))
        r = try cli.run(["history", "--json"] + a + [id])
        #expect(r.status == 0 && r.stdout.contains(#""corrections":2"#) && r.stdout.contains(#""reviewed":true"#))
        r = try one.search(["from:2008-04-04", "to:2008-04-04"])
        #expect(r.stdout.contains(id))
        r = try cli.run(["evaluate"] + a)
        #expect(r.status == 0 && r.stdout.contains("date       accuracy 0/1 = 0.000") && r.stdout.contains("place      accuracy 0/1"), "\(r.stdout) \(r.stderr)")
        // Errors: one line, the field named, the right status.
        r = try cli.run(["correct", "--user", "rita", "--set", "date=2008-13-01"] + a + [id])
        #expect(r.status == 65 && r.stderr.contains("date") && r.stderr.split(separator: "\n").count == 1)
        r = try cli.run(["correct", "--user", "rita", "--set", "colour=red"] + a + [id])
        #expect(r.status == 64 && r.stderr.contains("colour"))
        r = try cli.run(["history"] + a + ["abcdef12"])
        #expect(r.status == 66 && r.stderr.split(separator: "\n").count == 1)
        // Withdrawn: kept, shown by id, gone from search.
        r = try cli.run(["withdraw", "--user", "ana", "--reason", "Subido por error"] + a + [id])
        #expect(r.status == 0, "\(r.stderr)")
        r = try one.search(["enlace"])
        #expect(!r.stdout.contains(id))
        r = try cli.run(["show"] + a + [id])
        #expect(r.status == 0 && r.stdout.contains("withdrawn by ana") && r.stdout.contains("Subido por error"))
        r = try cli.run(["supersede", "--user", "ana", "--over", id] + a + [id])
        #expect(r.status == 64)
        r = try cli.run(["withdraw", "--user", "ana", "--undo"] + a + [id])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try one.search(["enlace"]).stdout.contains(id))
        r = try cli.run(["withdraw", "--user", "ana", "--undo"] + a + [id])
        #expect(r.status == 64 && r.stderr.contains("not withdrawn"))
        r = try cli.run(["withdraw", "--user", "ana"] + a + [id])
        #expect(r.status == 64 && r.stderr.contains("--reason"))
    }

    /// `search --superseded` (and `superseded:yes` in the query) finds the record a newer
    /// version supersedes; by default only the newer is found.
    @Test func searchFindsSupersededRecordsWhenAsked() throws {
        let one = try InputCheckTests.OneRecord()
        let a = ["--archive", one.archive.path]
        let newer = try one.dir.write("acta-corregida.txt", Data("""
            Acta corregida de la reunión de la Comisión de Enlace

            Fecha: 3 de abril de 2008
            Lugar: Bogotá
            """.utf8))
        #expect(try cli.run(["ingest"] + a + [newer]).status == 0)
        func ids(_ r: ExtractCommandTests.Run) -> [String] {
            r.stdout.matches(of: /"id":"([0-9a-f]+)"/).map { String($0.1) }
        }
        let both = ids(try one.search(["--json", "enlace"]))
        #expect(both.count == 2)
        let old = try #require(ids(try one.search(["--json", "Liliana"])).first)
        let new = try #require(both.first { $0 != old })
        var r = try cli.run(["supersede", "--user", "ana", "--over", old] + a + [new])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(ids(try one.search(["--json", "enlace"])) == [new])
        #expect(Set(ids(try one.search(["--json", "--superseded", "enlace"]))) == Set([new, old]))
        #expect(Set(ids(try one.search(["--json", "enlace", "superseded:yes"]))) == Set([new, old]))
        r = try one.search(["enlace", "superseded:maybe"])
        #expect(r.status == 64 && r.stderr.contains("yes or no"))
        // Withdrawn records stay out even then.
        #expect(try cli.run(["withdraw", "--user", "ana", "--reason", "Duplicado"] + a + [old]).status == 0)
        #expect(ids(try one.search(["--json", "--superseded", "enlace"])) == [new])
    }
}
