import Foundation
@testable import RelatoriaWatch
import RelatoriaTestSupport
import Testing

/// What the watcher leaves in the inbox, and says about it: names it never takes, folders its
/// files leave empty, and its messages.
extension WatchTests {
    @Test func ignoredFilesAreLoggedOnceWithTheirRuleAndCounted() throws {
        let d = try Daemon()
        let fm = FileManager.default
        // Before the start (found by the first scan) and after it (told by inotify).
        try d.drop(".DS_Store", Data("x".utf8))
        try d.drop("descarga.part", Data("partial".utf8))
        try fm.createDirectory(at: d.inbox.appendingPathComponent("__MACOSX"), withIntermediateDirectories: true)
        try d.drop("__MACOSX/._acta.docx", Data("resource fork".utf8))  // under an ignored folder: not listed
        try d.start()
        try d.drop("~$acta.docx", Data("lock".utf8))
        try d.drop("copia.tmp", Data("temporary".utf8))
        try d.drop("acta.txt", try Self.corpusFile("01-acta-comision-seguimiento.txt"))
        #expect(Self.eventually(30) { d.lines("archived").count == 1 })
        usleep(5_000_000)  // two full rescans (every 2 s here) find them all again
        func rules(_ name: String) -> [String] {
            d.lines("ignored").filter { ($0["file"] ?? $0["folder"]) == d.inbox.path + "/" + name }.compactMap { $0["rule"] }
        }
        #expect(rules(".DS_Store") == [".*"])
        #expect(rules("descarga.part") == ["*.part"])
        #expect(rules("~$acta.docx") == ["~$*"])
        #expect(rules("copia.tmp") == ["*.tmp"])
        #expect(rules("__MACOSX") == ["__MACOSX"])
        #expect(d.lines("ignored").first { $0["folder"] != nil }?["folder"] == d.inbox.path + "/__MACOSX")
        #expect(d.lines("ignored").count == 5)
        #expect(d.inboxFiles == [".DS_Store", "__MACOSX/._acta.docx", "copia.tmp", "descarga.part", "~$acta.docx"])

        func ignoredCount() throws -> Int? {
            let out = try d.cli(["status", "--json"]).stdout
            let status = (try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])?["status"] as? [String: Any]
            return status?["ignored"] as? Int
        }
        #expect(try Self.eventually(10) { try ignoredCount() == 5 })
        #expect(try d.cli(["status"]).stdout.contains("1 archived, 0 duplicates, 0 failed, 5 ignored by name, 0 skipped"))

        // Another file under a logged name (a second download): logged again, once.
        let fresh = d.dir.url.appendingPathComponent("second.part")
        try Data("another partial download".utf8).write(to: fresh)
        #expect(rename(fresh.path, d.inbox.appendingPathComponent("descarga.part").path) == 0)
        #expect(Self.eventually(10) { rules("descarga.part").count == 2 })
        usleep(2_500_000)
        #expect(rules("descarga.part").count == 2)
        #expect(try Self.eventually(10) { try ignoredCount() == 6 })
        #expect(d.terminate().0 == 0)
    }

    @Test func emptyFoldersLeftByTakenFilesAreRemovedOthersStay() throws {
        let d = try Daemon()
        let fm = FileManager.default
        try d.start()
        // A folder someone just made, and one moved in, still empty, for files to come: theirs.
        try fm.createDirectory(at: d.inbox.appendingPathComponent("nueva"), withIntermediateDirectories: true)
        try fm.createDirectory(at: d.dir.url.appendingPathComponent("vacía"), withIntermediateDirectories: true)
        #expect(rename(d.dir.url.appendingPathComponent("vacía").path, d.inbox.appendingPathComponent("vacía").path) == 0)
        // A folder of documents with a folder inside, moved in: both go once their files are taken.
        let lote = d.dir.url.appendingPathComponent("lote")
        try fm.createDirectory(at: lote.appendingPathComponent("2006"), withIntermediateDirectories: true)
        try Self.corpusFile("03-memoria-gt-impunidad.txt").write(to: lote.appendingPathComponent("2006/memoria.txt"))
        try Self.corpusFile("05-orden-del-dia-comision-enlace.txt").write(to: lote.appendingPathComponent("orden.txt"))
        #expect(rename(lote.path, d.inbox.appendingPathComponent("lote").path) == 0)
        // A folder whose document is taken but which holds files never taken: stays, with them.
        let otro = d.dir.url.appendingPathComponent("otro")
        try fm.createDirectory(at: otro, withIntermediateDirectories: true)
        try Self.corpusFile("06-declaracion-consenso-cartagena.txt").write(to: otro.appendingPathComponent("declaracion.txt"))
        try Data("hidden".utf8).write(to: otro.appendingPathComponent(".notas"))
        try Data("partial".utf8).write(to: otro.appendingPathComponent("borrador.part"))
        #expect(rename(otro.path, d.inbox.appendingPathComponent("otro").path) == 0)
        // A document dropped in the inbox itself: the inbox stays.
        try d.drop("acta.txt", try Self.corpusFile("01-acta-comision-seguimiento.txt"))

        #expect(Self.eventually(30) { d.lines("archived").count == 4 })
        #expect(Self.eventually(10) { !fm.fileExists(atPath: d.inbox.appendingPathComponent("lote").path) })
        // The folders go first, the log lines right after: wait for the lines, not only the folders.
        #expect(Self.eventually(5) { d.lines("empty folder removed").count >= 2 })
        let removed = d.lines("empty folder removed").compactMap { $0["folder"] }
        #expect(Set(removed) == [d.inbox.path + "/lote/2006", d.inbox.path + "/lote"])
        #expect(removed.count == 2)
        usleep(3_000_000)  // well past the settle delay, and a full rescan
        #expect(d.lines("empty folder removed").count == 2)
        for kept in ["nueva", "vacía", "otro"] {
            #expect(fm.fileExists(atPath: d.inbox.appendingPathComponent(kept).path), "\(kept)")
        }
        #expect(d.inboxFiles == ["otro/.notas", "otro/borrador.part"])
        #expect(fm.fileExists(atPath: d.inbox.path))
        #expect(d.terminate().0 == 0)
    }

    /// A lower-case letter followed by a capital within a word (`missingEndOfCentralDirectoryRecord`)
    /// or parentheses within parentheses.
    static func readsAsCode(_ text: String) -> Bool {
        var depth = 0
        for c in text {
            if c == "(" { depth += 1; if depth > 1 { return true } }
            if c == ")" { depth -= 1 }
        }
        return text.split(whereSeparator: { !$0.isLetter }).contains { word in
            zip(word, word.dropFirst()).contains { $0.isLowercase && $1.isUppercase }
        }
    }

    @Test func messagesReadAsSentencesInTheSingularAndThePlural() throws {
        let d = try Daemon()
        d.arguments = ["--workers", "1"]
        try d.start()
        let acta = try Self.corpusFile("01-acta-comision-seguimiento.txt")
        try d.drop("acta.txt", acta)
        #expect(Self.eventually(30) { d.lines("archived").count == 1 })
        try d.drop("copia.txt", acta)
        // A Word file cut short: its ZIP directory is missing.
        let docx = try Self.corpusFile("12-acta-bloque-desplazamiento.docx")
        try d.drop("cortado.docx", docx.prefix(docx.count / 2))
        #expect(Self.eventually(30) { d.lines("duplicate").count == 1 && d.lines("failed").count == 1 })
        let reason = try #require(d.lines("failed").first?["reason"])
        #expect(reason.contains("not a readable ZIP container"))
        #expect(!Self.readsAsCode(reason), "\(reason)")
        #expect(Self.eventually(10) {  // the status file is rewritten at most once a second
            (try? d.cli(["status"]).stdout.contains("since start 3 received, 1 archived, 1 duplicate, 1 failed")) == true
        })
        let status = try d.cli(["status"]).stdout
        #expect(status.contains("1 worker,"), "\(status)")
        #expect(!Self.readsAsCode(status), "\(status)")
        #expect(d.terminate().0 == 0)
    }
}

/// The watcher's memory of what it logged once: bounded, and forgetting what is gone.
struct LoggedOnceTests {
    @Test func logsEachPathOnceAgainForAnotherFileAndForgetsTheOldest() {
        var once = LoggedOnce(capacity: 3)
        let a = LoggedOnce.Identity(device: 1, inode: 10), b = LoggedOnce.Identity(device: 1, inode: 11)
        do { let r = once.first("/inbox/x.part", a); #expect(r) }
        do { let r = once.first("/inbox/x.part", a); #expect(!r) }    // the next rescan
        do { let r = once.first("/inbox/x.part", b); #expect(r) }     // another file under the name
        do { let r = once.first("/inbox/x.part", nil); #expect(!r) }  // identity unknown: not repeated
        do { let r = once.first("/inbox/enlace", nil); #expect(r) }
        do { let r = once.first("/inbox/enlace", nil); #expect(!r) }
        for name in ["y.tmp", "z.tmp"] { do { let r = once.first("/inbox/" + name, a); #expect(r) } }
        #expect(once.count == 3)                     // x.part, the oldest, forgotten
        do { let r = once.first("/inbox/x.part", b); #expect(r) }
        do { let r = once.first("/inbox/z.tmp", a); #expect(!r) }
        for i in 0..<5000 { _ = once.first("/inbox/\(i).tmp", a) }
        #expect(once.count == 3)
        once.keep(only: ["/inbox/4999.tmp", "/inbox/gone"])
        #expect(once.count == 1)
        do { let r = once.first("/inbox/4999.tmp", a); #expect(!r) }
        do { let r = once.first("/inbox/4998.tmp", a); #expect(r) }
    }
}

/// Which inbox folders go, and when (real folders, the clock passed in).
struct EmptyFoldersTests {
    @Test func onlyFoldersTakenFilesLeftEmptyGoOnceTheDelayHasPassed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fm = FileManager.default
        let inbox = dir.url.appendingPathComponent("inbox").path
        for folder in ["lote/2006", "lleno", "nueva"] {
            try fm.createDirectory(atPath: inbox + "/" + folder, withIntermediateDirectories: true)
        }
        try Data("x".utf8).write(to: URL(fileURLWithPath: inbox + "/lleno/.oculto"))
        var folders = EmptyFolders(inbox: inbox + "/", delay: 5)
        let now = Date()
        folders.took(inbox + "/acta.txt", now: now)           // in the inbox itself: never removed
        folders.took(inbox + "/lote/2006/acta.txt", now: now)
        folders.took(inbox + "/lleno/acta.txt", now: now)
        #expect(Set(folders.due.keys) == [inbox + "/lote/2006", inbox + "/lleno"])
        do { let r = folders.removeDue(now: now.addingTimeInterval(4)); #expect(r.isEmpty) }  // not yet
        // Changed within the delay (a file put in and taken out since): looked at again later.
        usleep(10_000)
        try Data("y".utf8).write(to: URL(fileURLWithPath: inbox + "/lote/2006/copia.txt"))
        try fm.removeItem(atPath: inbox + "/lote/2006/copia.txt")
        do { let r = folders.removeDue(now: now.addingTimeInterval(5)); #expect(r.isEmpty) }
        #expect(fm.fileExists(atPath: inbox + "/lote/2006"))
        #expect(folders.due[inbox + "/lote/2006"] != nil)
        let later = Date().addingTimeInterval(6)
        do { let r = folders.removeDue(now: later); #expect(r == [inbox + "/lote/2006"]) }
        #expect(!fm.fileExists(atPath: inbox + "/lote/2006"))
        #expect(fm.fileExists(atPath: inbox + "/lleno/.oculto"))         // holds a hidden file: stays, forgotten
        #expect(Set(folders.due.keys) == [inbox + "/lote"])             // its parent is next
        do { let r = folders.removeDue(now: later.addingTimeInterval(1)); #expect(r.isEmpty) }
        do { let r = folders.removeDue(now: later.addingTimeInterval(6)); #expect(r == [inbox + "/lote"]) }
        #expect(folders.due.isEmpty)
        #expect(fm.fileExists(atPath: inbox + "/nueva"))                // no file of it was taken
        #expect(fm.fileExists(atPath: inbox))
    }
}

/// Errors in the log and `status` as a person reads them.
struct ReadableErrorTests {
    enum Internal: Error { case missingEndOfCentralDirectoryRecord }

    @Test func errorsReadWithoutTypeOrCaseNames() {
        #expect(readable(Internal.missingEndOfCentralDirectoryRecord) == "an unexpected error")
        #expect(readable(CocoaError(.fileNoSuchFile)) == "The file doesn’t exist.")
        #expect(readable(SystemError("cannot watch /inbox/actas", ENOSPC)) == "cannot watch /inbox/actas: No space left on device")
        struct Database: Error, CustomStringConvertible {
            var description: String { "SQLite error 8: attempt to write a readonly database - while executing `INSERT INTO records VALUES (?)`" }
        }
        #expect(readable(Database()) == "the index: attempt to write a readonly database")
    }
}
