import Foundation
import RelatoriaTestSupport
import Testing

/// `relatoria retry`: the files kept in failed/, and one moved back to the inbox.
struct RetryCommandTests {
    let cli = ExtractCommandTests()

    @Test func listsFailedFilesAndMovesOneBackWithoutReplacingAny() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let source = dir.url.appendingPathComponent("source"), inbox = dir.url.appendingPathComponent("inbox")
        let archive = dir.url.appendingPathComponent("archive").path
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try Data("Acta de la Mesa\n\nFecha: 3 de marzo de 2007\n".utf8).write(to: source.appendingPathComponent("acta.txt"))
        try Data("no es un docx".utf8).write(to: source.appendingPathComponent("roto.docx"))
        _ = try cli.run(["ingest", "--archive", archive, source.path])

        let list = try cli.run(["retry", "--archive", archive, "--inbox", inbox.path])
        #expect(list.status == 0)
        let name = try #require(list.stdout.split(separator: " ").first.map(String.init))
        #expect(name.hasSuffix("-roto.docx") && list.stdout.contains("13 bytes"))
        let json = try cli.run(["retry", "--archive", archive, "--inbox", inbox.path, "--json"])
        #expect(json.stdout.contains("\"file\" : \"roto.docx\""))

        #expect(try cli.run(["retry", "--archive", archive, "--inbox", inbox.path, "../index.sqlite"]).status == 64)
        #expect(try cli.run(["retry", "--archive", archive, "--inbox", inbox.path, "nada.docx"]).status == 66)
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try Data("otro".utf8).write(to: inbox.appendingPathComponent("roto.docx"))
        let busy = try cli.run(["retry", "--archive", archive, "--inbox", inbox.path, name])
        #expect(busy.status == 75 && busy.stderr.contains("already in the inbox"))
        #expect(try String(contentsOf: inbox.appendingPathComponent("roto.docx"), encoding: .utf8) == "otro")
        try FileManager.default.removeItem(at: inbox.appendingPathComponent("roto.docx"))

        let moved = try cli.run(["retry", "--archive", archive, "--inbox", inbox.path, name])
        #expect(moved.status == 0 && moved.stdout.contains("is back in the inbox as roto.docx"))
        #expect(try String(contentsOf: inbox.appendingPathComponent("roto.docx"), encoding: .utf8) == "no es un docx")
        #expect(try cli.run(["retry", "--archive", archive, "--inbox", inbox.path]).stdout == "no file in failed/\n")
    }
}

/// `relatoria browse`: the archive by year and by body.
struct BrowseCommandTests {
    let cli = ExtractCommandTests()

    @Test func countsByYearAndBodyNewestFirst() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let source = dir.url.appendingPathComponent("source")
        let archive = dir.url.appendingPathComponent("archive").path
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try Data("Acta de la reunión de la Comisión de Enlace\n\nFecha: 8 de febrero de 2006\n\nACUERDOS\n\n1. Aprobar la agenda.\n".utf8)
            .write(to: source.appendingPathComponent("a.txt"))
        try Data("Acta de la reunión de la Comisión de Enlace\n\nFecha: 9 de mayo de 2007\n\nACUERDOS\n\n1. Aprobar el plan.\n".utf8)
            .write(to: source.appendingPathComponent("b.txt"))
        _ = try cli.run(["ingest", "--archive", archive, source.path])
        let r = try cli.run(["browse", "--archive", archive])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("2 records\n\nBy year\n  2007  1 record\n  2006  1 record\n"))
        #expect(r.stdout.contains("Comisión de Enlace  2 records: 2007 (1), 2006 (1)"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["browse", "--archive", archive, "--json"]).stdout.utf8)) as? [String: Any])
        #expect(json["total"] as? Int == 2)
        #expect(try cli.run(["browse", "--archive", dir.url.appendingPathComponent("none").path]).status == 66)
    }
}
