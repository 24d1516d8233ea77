import Foundation
@testable import RelatoriaKit
@testable import RelatoriaWatch
import RelatoriaTestSupport
import Testing

/// The real daemon on temporary folders, with real files dropped the ways people drop them.
@Suite(.serialized)
struct WatchTests {
    /// A `relatoria watch` process with its own inbox, archive and settings.
    final class Daemon {
        let dir: TemporaryDirectory
        let inbox: URL
        let archive: URL
        let config: URL
        let logURL: URL
        var process: Process?
        /// More arguments of `relatoria watch` (flags over the settings).
        var arguments: [String] = []

        init(settings: String = "") throws {
            dir = try TemporaryDirectory()
            inbox = dir.url.appendingPathComponent("inbox")
            archive = dir.url.appendingPathComponent("archive")
            config = dir.url.appendingPathComponent("config")
            logURL = dir.url.appendingPathComponent("watch.log")
            let fm = FileManager.default
            try fm.createDirectory(at: inbox, withIntermediateDirectories: true)
            try fm.createDirectory(at: config, withIntermediateDirectories: true)
            try fm.copyItem(at: PackagePaths.config.appendingPathComponent("lexicon"), to: config.appendingPathComponent("lexicon"))
            try fm.copyItem(at: PackagePaths.config.appendingPathComponent("topics.yaml"), to: config.appendingPathComponent("topics.yaml"))
            let yaml = """
                inbox: \(inbox.path)
                archive: \(archive.path)
                log_format: json
                watch:
                  settle_delay: 0.2
                  rescan_interval: 2
                  workers: 2
                \(settings)
                """
            try Data(yaml.utf8).write(to: config.appendingPathComponent("relatoria.yaml"))
        }

        deinit {
            if let p = process, p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
            dir.remove()
        }

        func start() throws {
            let p = Process()
            p.executableURL = ExtractCommandTests.binary
            p.arguments = ["watch", "--config", config.path] + arguments
            if !FileManager.default.fileExists(atPath: logURL.path) { FileManager.default.createFile(atPath: logURL.path, contents: nil) }
            let log = try FileHandle(forWritingTo: logURL)
            log.seekToEndOfFile()
            p.standardError = log
            p.standardOutput = log
            try p.run()
            process = p
            let started = lines("watching").count
            _ = WatchTests.eventually(20) { lines("watching").count > started }  // signal handlers are in place
        }

        /// SIGTERM; returns the exit status and the seconds it took.
        func terminate() -> (Int32, Double) {
            guard let p = process else { return (-1, 0) }
            let t0 = Date()
            kill(p.processIdentifier, SIGTERM)
            p.waitUntilExit()
            return (p.terminationStatus, Date().timeIntervalSince(t0))
        }

        func killHard() {
            guard let p = process else { return }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        }

        var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

        /// Log lines (JSON objects) with `message`.
        func lines(_ message: String) -> [[String: String]] {
            log.split(separator: "\n").compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: String]
            }.filter { $0["message"] == message }
        }

        /// Files left in the inbox (recursively), by path relative to it.
        var inboxFiles: [String] {
            let e = FileManager.default.enumerator(atPath: inbox.path)
            var out: [String] = []
            while let name = e?.nextObject() as? String {
                var isDir: ObjCBool = false
                FileManager.default.fileExists(atPath: inbox.appendingPathComponent(name).path, isDirectory: &isDir)
                if !isDir.boolValue { out.append(name) }
            }
            return out.sorted()
        }

        func cli(_ args: [String]) throws -> ExtractCommandTests.Run {
            try ExtractCommandTests().run(args + ["--archive", archive.path, "--config", config.path])
        }

        func drop(_ name: String, _ data: Data) throws {
            try data.write(to: inbox.appendingPathComponent(name))
        }
    }

    static let corpus = PackagePaths.root.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    static func corpusFile(_ name: String) throws -> Data {
        try Data(contentsOf: corpus.appendingPathComponent(name))
    }

    /// Polls `condition` every 50 ms for up to `seconds`.
    static func eventually(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(50_000)
        }
        return try condition()
    }

    @Test func droppedFilesAreArchivedAndLeaveTheInbox() throws {
        let d = try Daemon()
        try d.start()
        let names = ["01-acta-comision-seguimiento.txt", "09-acta-gt-recomendaciones-oacnudh.md", "12-acta-bloque-desplazamiento.docx",
                     "17-debate-comision-seguimiento.xml", "23-g24-minutes.html"]
        for n in names { try d.drop(n, try Self.corpusFile(n)) }
        try d.drop("copia de 01.txt", try Self.corpusFile(names[0]))           // the same bytes again
        try d.drop("dañado.docx", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }))  // junk
        try d.drop("12.gold.json", try Self.corpusFile("12-acta-bloque-desplazamiento.gold.json"))  // unsupported
        try d.drop("~$acta.docx", Data("lock".utf8))                             // Word's lock file
        try d.drop(".oculto.txt", Data("hidden".utf8))
        try d.drop("descarga.part", Data("partial".utf8))
        #expect(mkfifo(d.inbox.appendingPathComponent("tubo").path, 0o644) == 0)
        let ignored = [".oculto.txt", "descarga.part", "tubo", "~$acta.docx"]
        #expect(Self.eventually(30) { d.inboxFiles == ignored })
        #expect(d.lines("archived").count == 5)
        #expect(d.lines("duplicate").count == 1)
        let failed = d.lines("failed")
        #expect(failed.count == 2)
        #expect(failed.contains { $0["file"]?.hasSuffix("12.gold.json") == true && $0["reason"]?.contains("unsupported format") == true })
        #expect(d.lines("skipped").contains { $0["file"]?.hasSuffix("tubo") == true && $0["reason"]?.contains("FIFO") == true })
        let kept = try FileManager.default.contentsOfDirectory(atPath: d.archive.appendingPathComponent("failed").path)
        #expect(kept.filter { !$0.hasSuffix(".error.txt") }.count == 2)

        let search = try d.cli(["search", "--json", "desplazamiento"])
        #expect(search.status == 0)
        #expect(search.stdout.contains("12-acta-bloque-desplazamiento.docx"))
        let status = try d.cli(["status", "--json"])
        let report = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        #expect(report?["running"] as? Bool == true)
        #expect(try Self.eventually(10) {  // the status file is rewritten at most once a second
            let r = try JSONSerialization.jsonObject(with: Data(try d.cli(["status", "--json"]).stdout.utf8)) as? [String: Any]
            return (r?["status"] as? [String: Any])?["archived"] as? Int == 5
        })
        // A name in Latin-1 ("reunión" with byte F3) reaches no String path: the file takes
        // its name read as Windows-1252, then is archived under it.
        #expect(writeFile(in: d.inbox.path, rawName: Array("reuni".utf8) + [0xF3] + Array("n.txt".utf8),
                          "Acta de la reunión del Bloque de Bosques\n\nFecha: 3 de marzo de 2006\n\nSe aprobó el informe forestal.\n"))
        #expect(Self.eventually(10) { d.lines("archived").contains { $0["file"]?.hasSuffix("/reunión.txt") == true } })
        #expect(d.lines("renamed").contains { $0["file"]?.hasSuffix("reuni\\xF3n.txt") == true && $0["to"]?.hasSuffix("/reunión.txt") == true })
        #expect(Self.eventually(5) { !d.inboxFiles.contains { $0.hasPrefix("reuni") } })
        #expect(try d.cli(["search", "forestal"]).stdout.contains("reunión.txt"))

        let (code, seconds) = d.terminate()
        #expect(code == 0)
        #expect(seconds < 10)
        #expect(try d.cli(["verify"]).status == 0)
        #expect(try d.cli(["status"]).stdout.contains("not running"))
    }

    @Test func aFileIsTakenOnlyOnceComplete() throws {
        let d = try Daemon()
        try d.start()
        // Half the bytes, a pause well past the settle delay with the file still open, the rest.
        let text = try Self.corpusFile("04-g24-plenary-minutes.txt") + Data("\nCLOSING-MARKER-7731\n".utf8)
        let path = d.inbox.appendingPathComponent("slow copy.txt")
        FileManager.default.createFile(atPath: path.path, contents: nil)
        let h = try FileHandle(forWritingTo: path)
        try h.write(contentsOf: text.prefix(text.count / 2))
        usleep(1_500_000)
        #expect(d.lines("received").isEmpty)
        try h.write(contentsOf: text.dropFirst(text.count / 2))
        try h.close()
        // Written elsewhere as a temporary name, then renamed in (an atomic save).
        try d.drop("acta.tmp", try Self.corpusFile("02-declaracion-plataformas-ddhh.txt"))
        usleep(600_000)
        #expect(FileManager.default.fileExists(atPath: d.inbox.appendingPathComponent("acta.tmp").path))
        #expect(rename(d.inbox.appendingPathComponent("acta.tmp").path, d.inbox.appendingPathComponent("acta.txt").path) == 0)
        // A folder of files moved in at once.
        let outside = d.dir.url.appendingPathComponent("lote/2006")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        for n in ["03-memoria-gt-impunidad.txt", "13-acta-bloque-bosques.docx"] {
            try Self.corpusFile(n).write(to: outside.appendingPathComponent(n))
        }
        #expect(rename(d.dir.url.appendingPathComponent("lote").path, d.inbox.appendingPathComponent("lote").path) == 0)

        #expect(Self.eventually(30) { d.inboxFiles.isEmpty && d.lines("archived").count == 4 })
        let slow = try #require(d.lines("archived").first { $0["file"]?.hasSuffix("slow copy.txt") == true })
        let show = try d.cli(["show", "--json", try #require(slow["id"])])
        #expect(show.stdout.contains("CLOSING-MARKER-7731"))
        #expect(d.lines("archived").contains { $0["file"]?.hasSuffix("lote/2006/13-acta-bloque-bosques.docx") == true })
        #expect(d.terminate().0 == 0)
    }

    @Test func aBurstOfAThousandFiles() throws {
        let d = try Daemon()
        try d.start()
        for i in 0..<1000 {
            let body = "ACTA \(i)\n\nFecha: \(i % 28 + 1) de mayo de 2007\n\nACUERDOS\n\n1. Acuerdo número \(i) sobre el punto \(i * 7).\n"
            try d.drop(String(format: "acta-%04d.txt", i), Data(body.utf8))
        }
        #expect(Self.eventually(240) { d.inboxFiles.isEmpty })
        #expect(d.lines("archived").count == 1000)
        #expect(d.terminate().0 == 0)
        #expect(try d.cli(["verify"]).status == 0)
        let search = try d.cli(["search", "--json", "--limit", "1", "acuerdo"])
        #expect(search.stdout.contains("\"total\":1000"))
    }

    @Test func killedMidwayAndRestartedLosesNothing() throws {
        let d = try Daemon()
        var dropped: [String] = []
        for i in 0..<120 {
            let name = String(format: "memoria-%03d.md", i)
            try d.drop(name, Data("# Memoria \(i)\n\nFecha: 2 de junio de 2006\n\n## Acuerdos\n\n- Se acordó el punto \(i).\n".utf8))
            dropped.append(name)
        }
        for _ in 0..<3 {
            try d.start()
            usleep(useconds_t.random(in: 300_000...1_200_000))
            d.killHard()
        }
        try d.start()
        #expect(Self.eventually(120) { d.inboxFiles.isEmpty })
        #expect(d.terminate().0 == 0)
        #expect(try d.cli(["verify"]).status == 0)
        let search = try d.cli(["search", "--json", "--limit", "1", "memoria"])
        #expect(search.stdout.contains("\"total\":120"))
        let failed = (try? FileManager.default.contentsOfDirectory(atPath: d.archive.appendingPathComponent("failed").path)) ?? []
        #expect(failed.isEmpty)
    }

    /// The daemon's extraction worker processes.
    static func workers(of pid: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { tid in
            ((try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/children", encoding: .utf8)) ?? "").split(separator: " ").compactMap { Int32($0) }
        }
    }

    /// 30,000 agreed points with an owner and a date (2.5 MB): some 15 s of work for the
    /// extractor in a debug build. (A 12 MB single line of one word, once minutes of work, is
    /// now read in under a second.)
    static func slowFile() -> Data {
        var big = Data("ACTA\n\n".utf8)
        for i in 0..<30_000 { big.append(Data("\(i). Se acordó que Ana Gil enviará el informe \(i) antes del 3 de mayo de 2021.\n\n".utf8)) }
        return big
    }

    @Test func aWorkerThatCrashesSetsItsFileAsideAndTheDaemonGoesOn() throws {
        let d = try Daemon()
        try d.start()
        try d.drop("enorme.txt", Self.slowFile())
        #expect(Self.eventually(20) { !d.lines("received").isEmpty })
        usleep(300_000)
        let pid = try #require(d.process?.processIdentifier)
        let children = Self.workers(of: pid)
        #expect(!children.isEmpty)
        for c in children { kill(c, SIGSEGV) }  // the busy one and the idle one
        #expect(Self.eventually(30) { d.inboxFiles.isEmpty })
        #expect(d.lines("failed").first?["reason"]?.contains("crashed on this file with signal SIGSEGV") == true)
        try d.drop("pequeña.txt", try Self.corpusFile("05-orden-del-dia-comision-enlace.txt"))
        #expect(Self.eventually(30) { d.inboxFiles.isEmpty && d.lines("archived").count == 1 })
        #expect(d.terminate().0 == 0)
    }

    @Test func aSlowFileIsSetAsideWhileTheOthersGoOn() throws {
        let d = try Daemon(settings: "  file_time_limit: 1\n")
        try d.start()
        try d.drop("enorme.txt", Self.slowFile())
        try d.drop("pequeña.txt", try Self.corpusFile("05-orden-del-dia-comision-enlace.txt"))
        #expect(Self.eventually(60) { d.inboxFiles.isEmpty })
        let failed = d.lines("failed")
        #expect(failed.count == 1)
        #expect(failed.first?["reason"]?.contains("took longer than 1 s") == true)
        #expect(d.lines("archived").first?["file"]?.hasSuffix("pequeña.txt") == true)
        #expect(d.terminate().0 == 0)
    }

    @Test func aFileOverTheSizeLimitIsCopiedAsideNotLost() throws {
        let d = try Daemon()
        try d.start()
        let big = Data(repeating: UInt8(ascii: "a"), count: 51 * 1024 * 1024)
        try d.drop("enorme.txt", big)
        #expect(Self.eventually(60) { d.inboxFiles.isEmpty })
        let failed = d.lines("failed")
        #expect(failed.first?["reason"]?.contains("over the") == true)
        let folder = d.archive.appendingPathComponent("failed")
        let kept = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix("-enorme.txt") }
        #expect(kept.count == 1)
        let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(kept[0]).path)[.size] as? NSNumber
        #expect(size?.intValue == big.count)
        #expect(d.terminate().0 == 0)
    }

    @Test func anUnwritableArchivePausesIntakeUntilFixed() throws {
        let d = try Daemon(settings: "  retry_interval: 0.5\n")
        try d.start()
        try d.drop("primera.txt", try Self.corpusFile("06-declaracion-consenso-cartagena.txt"))
        #expect(Self.eventually(30) { d.inboxFiles.isEmpty })
        // The records folder replaced by a file: nothing can be written under it.
        let records = d.archive.appendingPathComponent("records")
        let aside = d.archive.appendingPathComponent("records.aside")
        #expect(rename(records.path, aside.path) == 0)
        try Data("not a folder".utf8).write(to: records)
        try d.drop("segunda.txt", try Self.corpusFile("07-informe-secretaria-tecnica.txt"))
        #expect(Self.eventually(30) { d.log.contains("intake paused") })
        usleep(1_500_000)
        #expect(d.inboxFiles == ["segunda.txt"])
        // The status file is rewritten at most once a second, later on a loaded machine.
        #expect(try Self.eventually(10) { try d.cli(["status"]).stdout.contains("paused") })
        try FileManager.default.removeItem(at: records)
        #expect(rename(aside.path, records.path) == 0)
        #expect(Self.eventually(30) { d.inboxFiles.isEmpty })
        #expect(d.log.contains("intake resumed"))
        #expect(d.lines("archived").count == 2)
        #expect(d.terminate().0 == 0)
        #expect(try d.cli(["verify"]).status == 0)
    }

    @Test func theWatcherAnswersSearchesWithTheSameOutputAndFallsBackWhenGone() throws {
        let d = try Daemon()
        let names = ["01-acta-comision-seguimiento.txt", "09-acta-gt-recomendaciones-oacnudh.md", "12-acta-bloque-desplazamiento.docx",
                     "05-orden-del-dia-comision-enlace.txt", "17-debate-comision-seguimiento.xml", "20-decisiones-comision-enlace.xml",
                     "23-g24-minutes.html"]
        #expect(try d.cli(["ingest"] + names.map { Self.corpus.appendingPathComponent($0).path }).status == 0)
        try d.start()
        let socketPath = SearchSocket.path(archive: d.archive.path)
        #expect(Self.eventually(10) { FileManager.default.fileExists(atPath: socketPath) })

        let searches: [[String]] = [["reunion"], ["--json", "reunión enlace"], ["\"Comisión de Seguimiento\"", "--sort", "date"],
                                    ["--limit", "2", "--offset", "1", "desplaz*"], ["--body", "enlace"], ["attendee:sjoberg", "comisión", "-OACNUDH"],
                                    ["zzqxjv"], ["--json", "--topic", "desplazamiento", "--from", "2005"]]
        func same(_ args: [String]) throws -> Bool {
            let answered = try d.cli(["search"] + args), own = try d.cli(["search", "--no-daemon"] + args)
            return answered.status == 0 && answered.stdout == own.stdout && answered.stderr == own.stderr && !own.stdout.isEmpty
        }
        func answeredCount() throws -> Int? {
            let out = try d.cli(["status", "--json"]).stdout
            let status = (try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])?["status"] as? [String: Any]
            return status?["searches"] as? Int
        }
        for args in searches { #expect(try same(args), "search \(args)") }
        // Every one of those was answered by the watcher (the status counts them).
        #expect(try Self.eventually(5) { try answeredCount() == searches.count })

        // An invalid query is refused by the command itself, as without a watcher.
        let invalid = try d.cli(["search", "\"unclosed"])
        #expect(invalid.status == 64)
        #expect(invalid.stderr.contains("invalid query"))
        // Another program (here the test runner) gets no answer, nor does junk; the watcher goes on.
        var request = SearchRequest()
        request.text = "reunion"
        #expect(SearchSocket.ask(archive: d.archive.path, identity: FileStamp.programIdentity(version: "0.1.0"), request: request) == nil)
        let junk = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(SearchSocket.withAddress(socketPath, { connect(junk, $0, $1) }) == 0)
        #expect(SearchSocket.sendAll(junk, Array("GET / HTTP/1.0\r\n\r\n".utf8)))
        shutdown(junk, Int32(SHUT_WR))
        #expect(SearchSocket.receiveAll(junk, limit: 1000).map { String(decoding: $0, as: UTF8.self) } == "no not a search request\n")
        close(junk)
        #expect(try same(["reunion"]))
        #expect(try Self.eventually(5) { try answeredCount() == searches.count + 1 })

        // Connections that say nothing take at most SearchServer.maximumConnections threads;
        // the next one is told at once, and its search is done by the command.
        func connection() -> Int32 {
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            _ = SearchSocket.withAddress(socketPath, { connect(fd, $0, $1) })
            return fd
        }
        let idle = (0..<SearchServer.maximumConnections).map { _ in connection() }
        #expect(Self.eventually(5) {
            let extra = connection()
            defer { close(extra) }
            return SearchSocket.receiveAll(extra, limit: 100).map { String(decoding: $0, as: UTF8.self) } == "no busy\n"
        })
        #expect(try same(["acuerdos"]))
        idle.forEach { close($0) }
        // Then searches are answered again (the count grows; it is written once a second).
        #expect(try Self.eventually(5) { try same(["acuerdos"]) && (answeredCount() ?? 0) > searches.count + 1 })

        // Killed: the socket stays behind, searches do them themselves; a new watcher replaces it.
        d.killHard()
        #expect(FileManager.default.fileExists(atPath: socketPath))
        for args in searches.prefix(3) { #expect(try same(args)) }
        try d.start()
        #expect(Self.eventually(10) { FileManager.default.fileExists(atPath: socketPath) })
        #expect(try same(["reunion"]))
        #expect(try Self.eventually(5) { try answeredCount() == 1 })
        // Stopped: the socket is removed.
        #expect(d.terminate().0 == 0)
        #expect(!FileManager.default.fileExists(atPath: socketPath))
        #expect(try same(["--json", "reunión enlace"]))
    }

    @Test func oneWatcherPerArchiveAndBadSettingsAreRefused() throws {
        let d = try Daemon()
        try d.start()
        #expect(Self.eventually(10) { d.log.contains("watching") })
        let second = try ExtractCommandTests().run(["watch", "--config", d.config.path])
        // EX_TEMPFAIL, in one line naming the running watcher as `status` does.
        #expect(second.status == 75)
        let pid = try #require(d.process?.processIdentifier)
        #expect(second.stderr == "relatoria: \(d.archive.path): another relatoria watch is already running on this archive, pid \(pid); stop it first or use another archive\n")
        #expect(try d.cli(["status"]).stdout.contains("(pid \(pid),"))
        #expect(d.terminate().0 == 0)

        try Data("watch:\n  settle_delay: soon\n".utf8).write(to: d.config.appendingPathComponent("relatoria.yaml"))
        let bad = try ExtractCommandTests().run(["watch", "--config", d.config.path])
        #expect(bad.status == 78)
        #expect(bad.stderr.contains("line 2"))
        #expect(bad.stderr.contains("watch.settle_delay"))
    }
}

/// A plain log line stays one line whatever a value holds (a file name may hold a line feed).
struct LogLineTests {
    @Test func valuesAreQuotedAndEscaped() {
        #expect(LineLogHandler.field("/inbox/acta.txt") == "/inbox/acta.txt")
        #expect(LineLogHandler.field("") == "\"\"")
        #expect(LineLogHandler.field("/inbox/acta final.txt") == "\"/inbox/acta final.txt\"")
        #expect(LineLogHandler.field("a\"b\\c") == "\"a\\\"b\\\\c\"")
        let forged = "/inbox/x\n2026-01-01T00:00:00.000Z info archived file=forged.txt"
        #expect(LineLogHandler.field(forged) == "\"/inbox/x\\n2026-01-01T00:00:00.000Z info archived file=forged.txt\"")
        // A quote or line feed that a combining mark after it joins into one Character.
        #expect(LineLogHandler.field("x\"\u{301}\n\u{301}y") == "\"x\\\"\u{301}\\n\u{301}y\"")
        #expect(LineLogHandler.field("a\u{85}b\u{2028}c\u{1}") == "\"a\\u{85}b\\u{2028}c\\u{1}\"")
        for value in [forged, "x\r\n\u{301}y", "\u{2029}", "é\u{7F}"] {
            let field = LineLogHandler.field(value)
            #expect(!field.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 })
        }
    }
}
