import Foundation
import RelatoriaTestSupport
import Testing

/// Runs the real `relatoria` binary, as a user would.
struct ExtractCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [here, here.deletingLastPathComponent(), Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("relatoria")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return PackagePaths.root.appendingPathComponent(".build/debug/relatoria")
    }

    func run(_ args: [String], cwd: URL? = nil) throws -> Run {
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["RELATORIA_CONFIG"] = PackagePaths.config.path
        p.environment = env
        if let cwd { p.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static let acta = """
        ACTA DE LA REUNIÓN DEL COMITÉ DE ENLACE REGIONAL

        Fecha: 3 de abril de 2008
        Lugar: Pasto

        ASISTENTES

        - Rosa Elvira Guancha, Cabildo de Males
        - Luis Ernesto Pabón, Secretario de Gobierno, Alcaldía de Pasto

        ACUERDOS

        1. Instalar la mesa de concertación en mayo.
        """

    @Test func extractPrintsContractJSON() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("acta comité ñandú.txt", Data(Self.acta.utf8))
        let r = try run(["extract", "--json", path])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        for key in ["id", "source", "kind", "title", "date", "language", "body", "place", "attendees", "decisions", "consensus",
                    "dissent", "actions", "topics", "text"] {
            #expect(json.keys.contains(key), "missing \(key)")
        }
        #expect(json["date"] as? String == "2008-04-03")
        #expect(json["kind"] as? String == "minutes")
        #expect(json["place"] as? String == "Pasto")
        #expect((json["id"] as? String)?.count == 16)
        let source = try #require(json["source"] as? [String: Any])
        #expect(source["filename"] as? String == "acta comité ñandú.txt")
        #expect(source["format"] as? String == "txt")
        #expect((source["sha256"] as? String)?.hasPrefix(json["id"] as! String) == true)
        #expect((json["attendees"] as? [[String: Any]])?.count == 2)
        #expect((json["decisions"] as? [[String: Any]])?.first?["text"] as? String == "Instalar la mesa de concertación en mayo")
    }

    @Test func extractWritesJSONLinesForSeveralFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = try dir.write("a.txt", Data(Self.acta.utf8))
        let b = try dir.write("b.md", Data("# Agenda de la reunión\n\n1. Apertura".utf8))
        let r = try run(["extract", "--json", a, b])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for l in lines { #expect((try? JSONSerialization.jsonObject(with: Data(l.utf8))) != nil) }
    }

    @Test func extractReportsBadFilesWithExitStatusAndGoesOn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let good = try dir.write("good.txt", Data(Self.acta.utf8))
        let bad = try dir.write("bad.docx", Data("not a zip".utf8))
        let r = try run(["extract", "--json", bad, good])
        #expect(r.status == 65)
        #expect(r.stderr.contains("bad.docx: named .docx but not a ZIP container"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stdout.split(separator: "\n").count == 1)  // the good file still gave its record
        let missing = try run(["extract", dir.url.appendingPathComponent("nope.txt").path])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("nope.txt: no such file"))
        let folder = try run(["extract", dir.url.path])
        #expect(folder.status == 66)
    }

    @Test func extractRefusesUnreadableFilesAndSpecialFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let locked = try dir.write("locked.txt", Data(Self.acta.utf8))
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: locked) }
        if getuid() != 0 {  // root reads anything
            let r = try run(["extract", locked])
            #expect(r.status == 66)
            #expect(r.stderr.contains("permission denied"))
        }
        let fifo = dir.url.appendingPathComponent("pipe.txt").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let r = try run(["extract", fifo])
        #expect(r.status == 66)
        #expect(r.stderr.contains("not a regular file"))
    }

    @Test func extractAcceptsNamesWithALeadingDash() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("-acta.txt", Data(Self.acta.utf8))
        let r = try run(["extract", "--json", "--", "-acta.txt"], cwd: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"filename\":\"-acta.txt\""))
    }

    @Test func extractSaysWhenTheDateCannotBeResolved() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("sin-fecha.txt", Data("Acta de la reunión del grupo\n\nSe acordó revisar el plan.".utf8))
        let r = try run(["extract", "--json", path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["date"] is NSNull)
        #expect((json["warnings"] as? [String])?.contains { $0.contains("no meeting date") } == true)
    }
}
