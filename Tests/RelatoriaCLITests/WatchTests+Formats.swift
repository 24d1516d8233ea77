import Foundation
import RelatoriaTestSupport
import Testing

/// Issue 19 through the daemon and the command line: a scan read by OCR does not hold up the
/// other files, an HTML page named `.doc` goes to `failed/` with what to do, and
/// `ocr.languages` reaches the readers.
extension WatchTests {
    static let tools = ["pdftoppm", "tesseract"].allSatisfy { tool in
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
        }
    }

    /// The first page of scripts/make-format-fixtures.py's `name` as a greyscale PNG at `dpi`.
    static func scannedPage(_ name: String, dpi: Int = 300) throws -> Data {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        func run(_ args: [String]) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = args
            p.currentDirectoryURL = dir.url
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(args)")
        }
        try run(["python3", PackagePaths.root.appendingPathComponent("scripts/make-format-fixtures.py").path, dir.url.path])
        try run(["pdftoppm", "-r", String(dpi), "-f", "1", "-l", "1", "-gray", "-png", "-singlefile", name, "page"])
        return try Data(contentsOf: dir.url.appendingPathComponent("page.png"))
    }

    @Test(.enabled(if: tools, "needs tesseract-ocr and poppler-utils"))
    func aScanBeingReadDoesNotHoldUpTheOtherFiles() throws {
        let d = try Daemon()
        try d.start()
        // Two pages scanned at 400 dpi: seconds of OCR.
        try d.drop("escaneo.png", try Self.scannedPage("text.pdf", dpi: 400))
        #expect(Self.eventually(20) { d.lines("received").contains { $0["file"]?.hasSuffix("escaneo.png") == true } })
        try d.drop("acta.txt", try Self.corpusFile("05-orden-del-dia-comision-enlace.txt"))
        #expect(Self.eventually(120) { d.lines("archived").count == 2 })
        // The text file, dropped after the scan was taken, was archived first.
        #expect(d.lines("archived").compactMap { $0["file"].map { ($0 as NSString).lastPathComponent } } == ["acta.txt", "escaneo.png"])
        #expect(d.inboxFiles.isEmpty)
        #expect(d.terminate().0 == 0)
    }

    @Test func anHTMLPageNamedDocIsSetAsideWithWhatToDoAndTheOthersGoOn() throws {
        let d = try Daemon()
        try d.start()
        let page = Data("<html><head><title>Acta</title></head><body><h1>Acta de la sesión</h1><p>Fecha: 14 de marzo de 2006</p></body></html>".utf8)
        try d.drop("acta vieja.doc", page)
        try d.drop("acta.txt", try Self.corpusFile("05-orden-del-dia-comision-enlace.txt"))
        #expect(Self.eventually(60) { d.inboxFiles.isEmpty && d.lines("archived").count == 1 && d.lines("failed").count == 1 })
        let reason = "named .doc but an HTML page: rename it .html to archive it"
        #expect(d.lines("failed").first?["reason"] == reason)
        // Kept in failed/ as it was, with its reason beside it: nothing lost.
        let folder = d.archive.appendingPathComponent("failed")
        let kept = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix("-acta vieja.doc") })
        #expect(try Data(contentsOf: folder.appendingPathComponent(kept)) == page)
        let note = try String(contentsOf: folder.appendingPathComponent(kept + ".error.txt"), encoding: .utf8)
        #expect(note.contains("reason: \(reason)\n"))
        #expect(d.terminate().0 == 0)
    }
}

/// `ocr.languages` in `relatoria.yaml`, as `relatoria extract` reads it.
struct OCRLanguageSettingTests {
    private func config(_ yaml: String) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for name in ["lexicon", "topics.yaml"] {
            try FileManager.default.copyItem(at: PackagePaths.config.appendingPathComponent(name), to: dir.url.appendingPathComponent(name))
        }
        try Data(yaml.utf8).write(to: dir.url.appendingPathComponent("relatoria.yaml"))
        return dir
    }

    @Test(.enabled(if: WatchTests.tools, "needs tesseract-ocr and poppler-utils"))
    func theSettingChoosesTheLanguagesAndTheRecordSaysWhich() throws {
        let scan = try WatchTests.scannedPage("english.pdf")
        // The default (no ocr key), a language set, and auto.
        for (setting, line) in [(nil, "read by OCR in spa+eng: "), ("eng", "read by OCR in eng: "), ("auto", "read by OCR in eng (guessed from page 1): ")] {
            let dir = try config(setting.map { "ocr:\n  languages: \($0)\n" } ?? "inbox: inbox\n")
            defer { dir.remove() }
            let path = try dir.write("minutes.png", scan)
            let r = try ExtractCommandTests().run(["extract", "--json", "--config", dir.url.path, path])
            #expect(r.status == 0, "\(r.stderr)")
            let record = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let warnings = record["warnings"] as? [String] ?? []
            #expect(warnings.contains { $0.hasPrefix(line) }, "\(setting ?? "default"): \(warnings)")
        }
    }

    @Test func aBadValueStopsTheCommandNamingTheLine() throws {
        let dir = try config("inbox: inbox\nocr:\n  languages: spanish english\n")
        defer { dir.remove() }
        let path = try dir.write("acta.txt", Data("Acta de la reunión\n\nFecha: 3 de marzo de 2006\n".utf8))
        let r = try ExtractCommandTests().run(["extract", "--config", dir.url.path, path])
        #expect(r.status == 78)
        #expect(r.stderr.contains("line 3: ocr.languages must be auto or Tesseract's language names joined by + (spa, eng, spa+eng), not \"spanish english\""),
                "\(r.stderr)")
    }
}

/// The issue's bad inputs, all in one folder with a good file, through `relatoria ingest`:
/// each goes to `failed/` with a one-line reason, quickly, and the good file is archived.
struct BadFormatIngestTests {
    @Test(.enabled(if: WatchTests.tools, "needs tesseract-ocr and poppler-utils"), .timeLimit(.minutes(5)))
    func everyBadInputGoesToFailedWithOneLineAndTheOthersGoOn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let inbox = dir.url.appendingPathComponent("in")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", PackagePaths.root.appendingPathComponent("scripts/make-format-fixtures.py").path, inbox.path]
        try p.run()
        p.waitUntilExit()
        let bad = ["encrypted.pdf", "huge-page.pdf", "loop.pdf", "truncated.pdf", "blank-5000.pdf", "huge.png", "really-html.doc",
                   "nested.rtf", "random.pdf"]
        for name in try FileManager.default.contentsOfDirectory(atPath: inbox.path) where !bad.contains(name) {
            try FileManager.default.removeItem(at: inbox.appendingPathComponent(name))
        }
        _ = try dir.write("in/acta.txt", Data("Acta de la reunión del Comité\n\nFecha: 3 de marzo de 2006\n\nSe aprobó el informe.\n".utf8))
        let archive = dir.url.appendingPathComponent("archive").path
        let start = Date()
        let r = try ExtractCommandTests().run(["ingest", "--json", "--archive", archive, inbox.path])
        #expect(Date().timeIntervalSince(start) < 120)
        let items = r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .flatMap { ($0["items"] as? [[String: Any]]) ?? [$0] }
        let outcome = Dictionary(items.compactMap { i in (i["file"] as? String).map { (($0 as NSString).lastPathComponent, i) } }) { a, _ in a }
        #expect(outcome["acta.txt"]?["outcome"] as? String == "archived", "\(r.stdout) \(r.stderr)")
        for name in bad {
            let reason = outcome[name]?["reason"] as? String ?? ""
            #expect(outcome[name]?["outcome"] as? String == "failed" && !reason.isEmpty && !reason.contains("\n"), "\(name): \(reason)")
        }
        let kept = try FileManager.default.contentsOfDirectory(atPath: archive + "/failed")
        #expect(bad.allSatisfy { name in kept.contains { $0.hasSuffix("-" + name) } && kept.contains { $0.hasSuffix("-" + name + ".error.txt") } }, "\(kept)")
    }
}
