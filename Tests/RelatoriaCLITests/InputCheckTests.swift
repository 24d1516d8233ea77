import Foundation
import RelatoriaTestSupport
import Testing

/// Inputs are checked the same way by every command: a missing archive, a page's size and
/// offset, a period, a query's filters.
struct InputCheckTests {
    let cli = ExtractCommandTests()

    /// A folder holding an archive of one record (an acta with an attendee, a time and a link).
    final class OneRecord {
        let dir: TemporaryDirectory
        let archive: URL

        init() throws {
            dir = try TemporaryDirectory()
            archive = dir.url.appendingPathComponent("archive")
            let source = try dir.write("acta.txt", Data("""
                Acta de la reunión de la Comisión de Enlace

                Fecha: 3 de abril de 2008
                Lugar: Bogotá

                ASISTENTES

                - Liliana Marcela Duarte, Cancillería

                La sesión empezó a las 10:30. El informe está en https://www.cancilleria.gov.co/actas/enlace.
                """.utf8))
            let r = try ExtractCommandTests().run(["ingest", "--archive", archive.path, source])
            #expect(r.status == 0, "\(r.stderr)")
        }

        deinit { dir.remove() }

        func search(_ args: [String]) throws -> ExtractCommandTests.Run {
            try ExtractCommandTests().run(["search", "--no-daemon", "--archive", archive.path] + args)
        }
    }

    /// Every command but `ingest` and `watch` refuses an archive folder that does not exist,
    /// in one line, with status 66, and creates nothing there.
    @Test(arguments: [
        ["search", "reunion"], ["show", "abc"], ["log"], ["status"], ["reindex"], ["verify"], ["packet", "--log"],
        ["packet", "--from", "2006"], ["benchmark-search", "--repeat", "1", "reunion"],
    ])
    func aMissingArchiveIsAnErrorAndIsNotCreated(_ command: [String]) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let missing = dir.url.appendingPathComponent("archivo").path
        let r = try cli.run(command + ["--archive", missing])
        #expect(r.status == 66, "\(command): \(r.stdout) \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(command): \(r.stderr)")
        #expect(r.stderr.contains(missing))
        #expect(!FileManager.default.fileExists(atPath: missing), "\(command) created the archive folder")
    }

    /// `reindex` on a folder that exists but holds no archive makes none there either.
    @Test func reindexMakesNoArchiveInAnEmptyFolder() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try cli.run(["reindex", "--archive", dir.url.path])
        #expect(r.status == 66)
        #expect(r.stderr.contains("no archive here"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty)
    }

    /// `ingest` says first that it makes a new archive, and only when it does.
    @Test func ingestSaysItCreatesANewArchive() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let archive = dir.url.appendingPathComponent("nuevo archivo")
        let source = try dir.write("acta.txt", Data("Acta de la reunión\n\nFecha: 3 de abril de 2008\n".utf8))
        let first = try cli.run(["ingest", "--archive", archive.path, source])
        #expect(first.status == 0)
        #expect(first.stderr.split(separator: "\n").first == "relatoria: creating a new archive at \(archive.path)")
        let second = try cli.run(["ingest", "--archive", archive.path, source])
        #expect(second.status == 0)
        #expect(!second.stderr.contains("creating"))
    }

    /// `watch` says first that it makes a new archive.
    @Test func watchSaysItCreatesANewArchive() throws {
        let d = try WatchTests.Daemon()
        try d.start()
        #expect(d.terminate().0 == 0)
        #expect(d.log.split(separator: "\n").first == "relatoria: creating a new archive at \(d.archive.path)")
        try d.start()
        #expect(d.terminate().0 == 0)
        #expect(d.log.components(separatedBy: "creating a new archive").count == 2)
    }

    /// A page's size and offset are checked in the options' own words, before anything else.
    @Test func limitAndOffsetAreCheckedInTheirOwnWords() throws {
        let a = try OneRecord()
        for (args, message) in [
            (["--limit", "0"], "--limit must be a positive number, got 0"),
            (["--limit", "-5"], "--limit must be a positive number, got -5"),
            (["--limit=-5"], "--limit must be a positive number, got -5"),
            (["--limit", "5000"], "--limit must be at most 1000, got 5000"),
            (["--offset", "-1"], "--offset must be 0 or more, got -1"),
        ] {
            let r = try a.search(args + ["reunion"])
            #expect(r.status == 64, "\(args)")
            #expect(r.stderr == "relatoria: \(message)\n", "\(args)")
        }
        for args in [["--limit", "0"], ["--limit", "-3"]] {
            let r = try cli.run(["log", "--archive", a.archive.path] + args)
            #expect(r.status == 64)
            #expect(r.stderr == "relatoria: --limit must be a positive number, got \(args[1])\n")
        }
        #expect(try cli.run(["log", "--archive", a.archive.path, "--limit", "1"]).stdout.split(separator: "\n").count == 1)
    }

    /// The other counts a command takes are checked the same way.
    @Test func otherCountsAreCheckedInTheirOwnWords() throws {
        let a = try OneRecord()
        let status = try cli.run(["status", "--archive", a.archive.path, "--failures", "-1"])
        #expect(status.status == 64)
        #expect(status.stderr == "relatoria: --failures must be 0 or more, got -1\n")
        #expect(try cli.run(["status", "--archive", a.archive.path, "--failures", "0"]).status == 0)
        let fresh = a.dir.url.appendingPathComponent("otro archivo")
        let ingest = try cli.run(["ingest", "--archive", fresh.path, "--jobs", "0", a.dir.url.appendingPathComponent("acta.txt").path])
        #expect(ingest.status == 64)
        #expect(ingest.stderr == "relatoria: --jobs must be a positive number, got 0\n")
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
        let bench = try cli.run(["benchmark-search", "--archive", a.archive.path, "--repeat", "0", "reunion"])
        #expect(bench.status == 64)
        #expect(bench.stderr == "relatoria: --repeat must be a positive number, got 0\n")
    }

    /// An offset past the last record: an empty page that says so, in text and in JSON.
    @Test func anOffsetPastTheEndGivesAnEmptyPageThatSaysSo() throws {
        let a = try OneRecord()
        let text = try a.search(["--offset", "5", "reunion"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("no records at offset 5 of 1\n"))
        let far = try a.search(["--offset", String(Int.max), "reunion"])
        #expect(far.status == 0)
        #expect(far.stdout.hasPrefix("no records at offset \(Int.max) of 1\n"))
        let json = try a.search(["--json", "--offset", "1", "reunion"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["total"] as? Int == 1)
        #expect((object["hits"] as? [Any])?.isEmpty == true)
    }

    /// A period that ends before it starts is refused, given as options or inline.
    @Test func aPeriodThatEndsBeforeItStartsIsRefused() throws {
        let a = try OneRecord()
        let options = try a.search(["--from", "2008-05", "--to", "2008-04", "reunion"])
        #expect(options.status == 64)
        #expect(options.stderr == "relatoria: the period ends before it starts: --to 2008-04 is before --from 2008-05\n")
        let inline = try a.search(["desde:2009 hasta:2008"])
        #expect(inline.status == 64)
        #expect(inline.stderr.contains("the period ends before it starts"))
        // The same month from and to is a period of a month.
        #expect(try a.search(["--from", "2008-04", "--to", "2008-04"]).stdout.hasPrefix("1 record\n"))
    }

    /// The query language as people write it: AND, NOT, an attendee's name without its middle
    /// name, Spanish kinds; an unknown filter is an error naming the filters, while a time or a
    /// link is searched as text.
    @Test func theQueryLanguageReadsAsPeopleWriteIt() throws {
        let a = try OneRecord()
        func total(_ args: [String]) throws -> String {
            let r = try a.search(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            return String(r.stdout.prefix { $0 != "\n" })
        }
        #expect(try total(["reunion AND sesion"]) == "1 record")
        #expect(try total(["reunion AND Amazonia"]) == "0 records")
        #expect(try total(["reunion NOT sesion"]) == "0 records")
        #expect(try total(["reunion NOT \"a las 10:30\""]) == "0 records")
        #expect(try total(["reunion NOT Amazonia"]) == "1 record")
        #expect(try total(["--attendee", "Liliana Duarte"]) == "1 record")
        #expect(try total(["attendee:\"liliana duarte\""]) == "1 record")
        #expect(try total(["--attendee", "Duarte Liliana"]) == "0 records")
        #expect(try total(["--kind", "acta"]) == "1 record")
        #expect(try total(["tipo:declaración"]) == "0 records")
        #expect(try total(["10:30"]) == "1 record")
        #expect(try total(["https://www.cancilleria.gov.co/actas/enlace"]) == "1 record")
        #expect(try total(["Asistentes: Liliana"]) == "1 record")
        for bad in ["fecha:2006", "x:y", "reunion fecha:\"abril de 2008\""] {
            let r = try a.search([bad])
            #expect(r.status == 64, "\(bad)")
            #expect(r.stderr.hasPrefix("relatoria: invalid query: unknown filter"), "\(bad)")
            #expect(r.stderr.contains("from:, to:, body:, topic:, kind:, attendee:, language:"), "\(bad)")
        }
        let kind = try a.search(["--kind", "carta"])
        #expect(kind.status == 64)
        #expect(kind.stderr.contains("--kind: unknown kind 'carta'") && kind.stderr.contains("minutes or acta"))
    }
}
