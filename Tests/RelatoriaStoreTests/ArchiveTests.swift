import Foundation
import GRDB
import RelatoriaCore
import RelatoriaExtractors
import RelatoriaKit
import RelatoriaStore
import RelatoriaTestSupport
import Testing

/// A count kept by several threads.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var count: Int { lock.withLock { n } }
}

/// Ingest, search, show, reindex and verify on a temporary archive of our own documents.
struct ArchiveTests {
    static let pipeline = try! ExtractionPipeline(configuration: PackagePaths.config)
    static let extractor = RecordExtractor(loader: DocumentLoader(), pipeline: pipeline)

    static let documents: [String: String] = [
        "acta-enlace.txt": """
            Acta de la reunión de la Comisión de Enlace

            Fecha: 8 de febrero de 2006
            Lugar: Bogotá

            ASISTENTES

            - Ingrid Sjöberg, Embajada de Suecia
            - Germán Ospina Lara, Acción Social

            ACUERDOS

            1. Aprobar la agenda de las reuniones del primer semestre.
            2. Revisar el informe sobre desplazamiento forzoso en Nariño.
            """,
        "acta-bosques.md": """
            # Acta de la tercera reunión del Bloque temático de Bosques

            **Fecha:** 5 de octubre de 2005

            ## Asistentes

            - Marieke Dijkstra, Embajada de los Países Bajos

            La reunión trató la ley forestal y la deforestación en la Amazonia.
            """,
        "minutes.html": """
            <html lang="en"><body><h1>Minutes of the G24 Plenary, 21 November 2006</h1>
            <h2>Present</h2><ul><li>Lars Engström, Sweden</li></ul>
            <p>The plenary discussed human rights defenders and the displacement of communities.</p></body></html>
            """,
    ]

    private func makeArchive() throws -> (TemporaryDirectory, Ingestor, [String]) {
        let dir = try TemporaryDirectory()
        let inbox = dir.url.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        var paths: [String] = []
        for (name, text) in Self.documents.sorted(by: { $0.key < $1.key }) {
            let u = inbox.appendingPathComponent(name)
            try Data(text.utf8).write(to: u)
            paths.append(u.path)
        }
        try Data("{\"not\": \"a document\"}".utf8).write(to: inbox.appendingPathComponent("data.json"))
        try Data().write(to: inbox.appendingPathComponent(".hidden.txt"))
        let ingestor = try Ingestor(extractor: Self.extractor, archiveRoot: dir.url.appendingPathComponent("archive"))
        return (dir, ingestor, paths)
    }

    /// An archive of `documents` with everything in `in/` ingested.
    private func makeIngestedArchive() throws -> (TemporaryDirectory, Ingestor) {
        let (dir, ingestor, _) = try makeArchive()
        _ = try ingestor.ingest(paths: [dir.url.appendingPathComponent("in").path])
        return (dir, ingestor)
    }

    private func search(_ ingestor: Ingestor, _ text: String) throws -> SearchResults {
        try search(ingestor.index, text)
    }

    private func search(_ index: RecordIndex, _ text: String) throws -> SearchResults {
        var q = SearchQuery()
        try q.parse(text)
        return try index.search(q)
    }

    /// A folder is listed recursively in path order; hidden names are left out; symbolic links,
    /// pipes and unknown paths are reported with their reason, never followed or opened.
    @Test func listsFoldersAndReportsWhatItDoesNotRead() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fm = FileManager.default
        let root = dir.url.appendingPathComponent("in").path
        for folder in ["b/c", "a", ".oculta"] { try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true) }
        for file in ["z.txt", "b/c/y.md", "a/x.txt", "b/w.txt", ".punto.txt", ".oculta/v.txt"] {
            try Data("acta".utf8).write(to: URL(fileURLWithPath: root + "/" + file))
        }
        try fm.createSymbolicLink(atPath: root + "/enlace.txt", withDestinationPath: root + "/z.txt")
        try fm.createSymbolicLink(atPath: root + "/carpeta", withDestinationPath: root + "/a")
        #expect(mkfifo(root + "/tubo", 0o600) == 0)
        // A name in Latin-1 ("reunión" with byte F3): no String reaches it; reported.
        #expect(writeFile(in: root + "/b", rawName: Array("reuni".utf8) + [0xF3] + Array("n.txt".utf8), "acta"))
        let listing = Ingestor.listing([root, root + "/b/w.txt", root + "/falta.txt"])
        let (files, unreadable) = (listing.files, listing.unreadable)
        // The Latin-1 name is listed as shown, and read by its bytes (see the next test).
        #expect(files == ["a/x.txt", "b/c/y.md", "b/reuni\\xF3n.txt", "b/w.txt", "z.txt", "b/w.txt"].map { root + "/" + $0 })
        #expect(listing.foreign[root + "/b/reuni\\xF3n.txt"]?.decoded == "reunión.txt")
        let reasons = Dictionary(unreadable, uniquingKeysWith: { a, _ in a })
        #expect(reasons.count == 4)
        #expect(reasons[root + "/enlace.txt"] == "a symbolic link, not followed")
        #expect(reasons[root + "/carpeta"] == "a symbolic link, not followed")
        #expect(reasons[root + "/tubo"] == "a named pipe or FIFO, never opened")
        #expect(reasons[root + "/falta.txt"] == "no such file or folder")
    }

    /// A name that is not UTF-8 takes its name read as Windows-1252, never over another file.
    @Test func foreignNamesAreRenamedNeverOverAnotherFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let root = dir.url.path
        try Data("ya estaba".utf8).write(to: URL(fileURLWithPath: root + "/reunión.txt"))
        #expect(writeFile(in: root, rawName: Array("reuni".utf8) + [0xF3] + Array("n.txt".utf8), "nuevo"))
        let walk = FolderWalk.walk(root) { $0.hasPrefix(".") }
        #expect(walk.files == [root + "/reunión.txt"])
        let foreign = try #require(walk.foreignNames.first)
        #expect(foreign.path == root + "/reuni\\xF3n.txt" && foreign.decoded == "reunión.txt")
        #expect(foreign.renameToDecoded() == root + "/reunión (2).txt")
        #expect(try String(contentsOfFile: root + "/reunión.txt", encoding: .utf8) == "ya estaba")
        #expect(try String(contentsOfFile: root + "/reunión (2).txt", encoding: .utf8) == "nuevo")
        #expect(FolderWalk.walk(root) { $0.hasPrefix(".") }.foreignNames.isEmpty)
    }

    /// `ingest` reads a file whose name is not UTF-8 by its bytes, never renaming it, and
    /// records it under its name read as Windows-1252.
    @Test func ingestReadsAFileWhoseNameIsNotUTF8() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let source = dir.url.appendingPathComponent("viejos").path
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        let name = Array("acta-reuni".utf8) + [0xF3] + Array("n.txt".utf8)
        #expect(writeFile(in: source, rawName: name, "Acta de la reunión del Bloque de Bosques\n\nFecha: 3 de marzo de 2006\n\nSe aprobó el informe forestal.\n"))
        // A folder of a Latin-1 name ("Comisión" with byte F3) is walked too.
        let folder = Array("Comisi".utf8) + [0xF3] + Array("n".utf8)
        #expect(makeFolder(in: source, rawName: folder))
        #expect(writeFile(at: Array(source.utf8) + [UInt8(ascii: "/")] + folder + Array("/enlace.txt".utf8),
                          "Acta de la Comisión de Enlace\n\nFecha: 4 de marzo de 2006\n\nSe acordó revisar el plan hídrico.\n"))
        let ingestor = try Ingestor(extractor: Self.extractor, archiveRoot: dir.url.appendingPathComponent("archive"))
        let summary = try ingestor.ingest(paths: [source])
        #expect(summary.archived == 2 && summary.failed == 0)
        #expect(summary.items.map(\.file) == [source + "/Comisi\\xF3n/enlace.txt", source + "/acta-reuni\\xF3n.txt"])
        let hits = try search(ingestor, "forestal").hits
        #expect(hits.map(\.filename) == ["acta-reunión.txt"])
        #expect(try search(ingestor, "hidrico").hits.map(\.filename) == ["enlace.txt"])
        // The source is left as it was, under its own bytes.
        #expect(Set(FolderWalk.walk(source) { _ in false }.foreignNames.map(\.bytes)) == [name, folder, Array("enlace.txt".utf8)])
        #expect(try ingestor.ingest(paths: [source]).duplicates == 2)
    }

    @Test func ingestsOnceAndRemembersEveryName() throws {
        let (dir, ingestor, paths) = try makeArchive()
        defer { dir.remove() }
        let first = try ingestor.ingest(paths: [dir.url.appendingPathComponent("in").path])
        #expect(first.archived == 3)
        #expect(first.failed == 1)  // data.json: unsupported, reported, kept aside
        #expect(first.items.contains { $0.file.hasSuffix("data.json") && $0.reason?.contains("unsupported format .json") == true })
        #expect(!first.items.contains { $0.file.hasSuffix(".hidden.txt") })
        let again = try ingestor.ingest(paths: [dir.url.appendingPathComponent("in").path])
        #expect(again.archived == 0 && again.duplicates == 3)
        // The same bytes under another name: one record, both names remembered.
        let copy = dir.url.appendingPathComponent("copia del acta.txt")
        try FileManager.default.copyItem(atPath: paths[0], toPath: copy.path)
        let third = try ingestor.ingest(paths: [copy.path])
        #expect(third.duplicates == 1)
        let id = try #require(third.items.first?.id)
        let entry = try #require(try ingestor.index.entry(id: id))
        #expect(entry.filenames.count == 2)
        // Originals are stored unmodified, under the record's date; failed files are kept with a reason.
        let original = try ingestor.archive.read(entry.originalPath)
        #expect(original == (try Data(contentsOf: URL(fileURLWithPath: paths[0]))))
        #expect(entry.originalPath.hasPrefix("originals/2005/10/") || entry.originalPath.hasPrefix("originals/2006/"))
        let failed = try FileManager.default.contentsOfDirectory(atPath: ingestor.archive.url("failed").path)
        #expect(failed.contains { $0.hasSuffix("data.json") } && failed.contains { $0.hasSuffix("data.json.error.txt") })
        // Source files are never removed.
        #expect(paths.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        #expect(try ingestor.index.log(limit: 100).count == 4 + 4 + 1)
    }

    @Test func findsWordsWithoutAccentsAndByStem() throws {
        let (dir, ingestor) = try makeIngestedArchive()
        defer { dir.remove() }
        // "reunion" finds "reunión" and "reuniones"; "acuerdos" finds "acuerdo"s; case folds.
        #expect(try search(ingestor, "reunion").total == 2)
        #expect(try search(ingestor, "REUNIONES").total == 2)
        #expect(try search(ingestor, "acuerdo").total == 1)
        #expect(try search(ingestor, "defender").total == 1)
        #expect(try search(ingestor, "\"ley forestal\"").total == 1)
        #expect(try search(ingestor, "\"forestal ley\"").total == 0)
        #expect(try search(ingestor, "desplaz*").total == 1)
        #expect(try search(ingestor, "reun*").total == 2)
        #expect(try search(ingestor, "desplazamiento -Nariño").total == 0)
        #expect(try search(ingestor, "bosques OR defenders").total == 2)
        let hit = try #require(try search(ingestor, "deforestacion").hits.first)
        #expect(hit.title == "Acta de la tercera reunión del Bloque temático de Bosques")
        #expect(hit.snippet.contains("\u{1}deforestación\u{2}"))
    }

    @Test func filtersByDateBodyTopicKindAttendeeAndLanguage() throws {
        let (dir, ingestor) = try makeIngestedArchive()
        defer { dir.remove() }
        #expect(try search(ingestor, "from:2006-01-01").total == 2)
        #expect(try search(ingestor, "from:2006 to:2006-06").hits.map(\.title) == ["Acta de la reunión de la Comisión de Enlace"])
        #expect(try search(ingestor, "body:\"comision de enlace\"").total == 1)
        #expect(try search(ingestor, "topic:bosques").total == 1)
        #expect(try search(ingestor, "kind:minutes").total == 3)
        #expect(try search(ingestor, "attendee:sjoberg").total == 1)
        #expect(try search(ingestor, "language:en").total == 1)
        // Filters alone list newest first; facets count every match.
        let all = try search(ingestor, "kind:minutes")
        #expect(all.hits.map(\.date) == ["2006-11-21", "2006-02-08", "2005-10-05"])
        #expect(all.facets["year"]?.map(\.value) == ["2006", "2005"])
        // Filters with an excluded word only: the filters' records where the word is not.
        #expect(try search(ingestor, "kind:minutes -Amazonia").hits.map(\.date) == ["2006-11-21", "2006-02-08"])
    }

    @Test func rejectsMalformedQueriesWithAClearMessage() {
        // ("-only", excluded words alone, lists the records without them: see the ranking test.)
        for bad in ["\"unclosed", "OR word", "word OR", "word -", "from:2006-13", "kind:carta", "from:"] {
            var q = SearchQuery()
            #expect(throws: SearchQuery.Invalid.self, "\(bad)") { try q.parse(bad) }
        }
        // FTS5 and SQL syntax in user input is just text.
        var q = SearchQuery()
        #expect(throws: Never.self) { try q.parse("NEAR(a b) ' ; DROP TABLE record; -- x*y \"a\"\"b\"") }
    }

    @Test func reindexGivesTheSameResultsAndVerifyFindsDamage() throws {
        let (dir, ingestor) = try makeIngestedArchive()
        defer { dir.remove() }
        let before = try search(ingestor, "reunion")
        let maintenance = ArchiveMaintenance(archive: ingestor.archive)
        #expect(try maintenance.verify().problems.isEmpty)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ingestor.archive.indexPath + suffix) }
        let rebuilt = try maintenance.reindex(extractor: Self.extractor)
        #expect(rebuilt.records == 3 && rebuilt.problems.isEmpty)
        let index = try RecordIndex(path: ingestor.archive.indexPath)
        var q = SearchQuery()
        try q.parse("reunion")
        #expect(try index.search(q) == before)
        #expect(try maintenance.verify().problems.isEmpty)
        // A changed original and a missing record file are reported.
        let entries = try index.allEntries()
        try Data("changed".utf8).write(to: ingestor.archive.url(entries[0].originalPath))
        try FileManager.default.removeItem(at: ingestor.archive.url(entries[1].recordPath))
        let problems = try maintenance.verify().problems
        #expect(problems.contains { $0.contains("has changed") })
        #expect(problems.contains { $0.contains("record file") && $0.contains("missing") })
    }

    @Test func ranksTitleAndDecisionHitsAboveTextHitsAndPhrasesStayExact() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let inbox = dir.url.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let texts = [
            "texto.txt": "Acta de la reunión del Bloque de Bosques\n\nFecha: 3 de marzo de 2006\n\nSe habló de la agenda y, al final, de la biodiversidad de la región.",
            "titulo.txt": "Informe sobre biodiversidad\n\nFecha: 1 de marzo de 2006\n\nEl informe describe los ecosistemas de la región.",
            "acuerdo.txt": "Acta de la reunión de la Comisión de Enlace\n\nFecha: 2 de marzo de 2006\n\nACUERDOS\n\n1. Financiar un estudio de biodiversidad en la Amazonia.",
        ]
        for (name, text) in texts { try Data(text.utf8).write(to: inbox.appendingPathComponent(name)) }
        let ingestor = try Ingestor(extractor: Self.extractor, archiveRoot: dir.url.appendingPathComponent("archive"))
        _ = try ingestor.ingest(paths: [inbox.path])
        let ranked = try search(ingestor, "biodiversidad")
        #expect(ranked.hits.map(\.filename) == ["titulo.txt", "acuerdo.txt", "texto.txt"])
        #expect(ranked.hits.map(\.score) == ranked.hits.map(\.score).sorted(by: >))
        #expect(ranked.hits.allSatisfy { $0.score > 0 })
        // Sorted by date, newest first, whatever the score.
        var byDate = SearchQuery()
        try byDate.parse("biodiversidad")
        byDate.sort = .date
        #expect(try ingestor.index.search(byDate).hits.map(\.filename) == ["texto.txt", "acuerdo.txt", "titulo.txt"])
        // A phrase matches its words in order only; an excluded word removes its records.
        #expect(try search(ingestor, "\"estudio de biodiversidad\"").hits.map(\.filename) == ["acuerdo.txt"])
        #expect(try search(ingestor, "\"biodiversidad de estudio\"").total == 0)
        #expect(try search(ingestor, "\"estudio biodiversidad\"").total == 0)
        #expect(try search(ingestor, "\"financiar un estudio de biodiversidad\"").total == 1)
        // Phrases of content words only are verified word by word too: in order, side by side.
        #expect(try search(ingestor, "\"informe sobre biodiversidad\"").hits.map(\.filename) == ["titulo.txt"])
        #expect(try search(ingestor, "\"biodiversidad informe\"").total == 0)
        #expect(try search(ingestor, "\"informe biodiversidad\"").total == 0)
        #expect(try search(ingestor, "\"ecosistemas región\" OR \"financiar estudio\"").total == 0)
        // Function words in a phrase stand for any one word: the other words are looked for
        // together (AND) and kept only at their offsets.
        #expect(try search(ingestor, "\"estudio la biodiversidad\"").total == 1)
        #expect(try search(ingestor, "\"estudio de la biodiversidad\"").total == 0)
        var q = SearchQuery()
        try q.parse("\"Ley de Justicia y Paz\" -\"Comisión de Enlace\" reunión")
        #expect(q.match == "((\"Ley\" AND \"Justicia\" AND \"Paz\") AND \"reunión\") NOT \"Comisión de Enlace\"")
        // A quote inside a word is doubled in the FTS5 string, also when a combining mark
        // after it makes one Character of them.
        var quotes = SearchQuery()
        try quotes.parse("o\"neil x\"\u{301}y*")
        #expect(quotes.match == "\"o\"\"neil\" AND \"x\"\"\u{301}y\" *")
        #expect(try search(ingestor, "o\"neil x\"\u{301}y*").total == 0)
        #expect(try search(ingestor, "biodiversidad -Amazonia").total == 2)
        // Excluded words alone leave out their records from what the filters (or nothing) list.
        let all = try search(ingestor, "").total
        #expect(try search(ingestor, "-Amazonia").total == all - 1)
        #expect(try search(ingestor, "-Amazonia -\"informe sobre biodiversidad\"").total == all - 2)
        #expect(try search(ingestor, "-Amazonia").hits.allSatisfy { $0.filename != "acuerdo.txt" })
        #expect(all == 3)
        #expect(try search(ingestor, "from:2006-03-02").hits.map(\.filename) == ["texto.txt", "acuerdo.txt"])
        #expect(try search(ingestor, "from:2006-03-02 -Amazonia").hits.map(\.filename) == ["texto.txt"])
        #expect(try search(ingestor, "from:2006-03-02 -biodiversidad").total == 0)
        // OR: either word; a record with both ranks first.
        let either = try search(ingestor, "ecosistemas OR Amazonia")
        #expect(Set(either.hits.map(\.filename)) == ["titulo.txt", "acuerdo.txt"])
    }

    /// A large index's matches are scanned in two halves on two connections at once: the same
    /// results as one scan, on a read-only index (a connection of its own for the second half)
    /// and a writable one (the pool's readers).
    @Test func aSearchScannedInTwoHalvesFindsWhatOneScanFinds() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let inbox = dir.url.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        var random = Xorshift(seed: 7)
        let words = ["reunión", "acción", "social", "Ley", "de", "Justicia", "y", "Paz", "desplazamiento", "acuerdo", "Bogotá", "bosques",
                     "Ley de Justicia y Paz", "Acción Social"]
        for n in 0..<40 {
            let body = (0..<12).map { _ in words[random.next(words.count)] }.joined(separator: " ")
            let text = "Acta \(n) de la Comisión de Enlace\n\nFecha: \(n % 28 + 1) de marzo de 200\(5 + n % 3)\n\n\(body)."
            try Data(text.utf8).write(to: inbox.appendingPathComponent("acta-\(n).txt"))
        }
        let ingestor = try Ingestor(extractor: Self.extractor, archiveRoot: dir.url.appendingPathComponent("archive"))
        #expect(try ingestor.ingest(paths: [inbox.path]).archived == 40)
        let queries = ["reunion", "\"acción social\"", "\"Ley de Justicia y Paz\"", "acuerdo OR bosques", "social -Bogotá", "desplaz*",
                       "\"justicia y paz\" from:2006", "zzqxjv", "\"social acción\" OR Paz"]
        for readOnly in [true, false] {
            var one = try RecordIndex(path: ingestor.archive.indexPath, readOnly: readOnly)
            one.searchSplitAt = .max
            var halves = one
            halves.searchSplitAt = 2
            for text in queries {
                for sort in SearchQuery.Sort.allCases {
                    var q = SearchQuery()
                    try q.parse(text)
                    q.sort = sort
                    q.limit = 50
                    let expected = try one.search(q)
                    #expect(try halves.search(q) == expected, "\(text), \(sort), read-only: \(readOnly)")
                    if text != "zzqxjv" { #expect(expected.total > 0, "\(text)") }
                }
            }
            // Searches at once from several threads: the second connection serves one at a
            // time, the others scan both halves themselves; all find the same.
            var parsed = SearchQuery()
            try parsed.parse("\"acción social\" OR reunion")
            let q = parsed, expected = try one.search(q), split = halves
            let same = Tally()
            DispatchQueue.concurrentPerform(iterations: 16) { _ in
                if (try? split.search(q)) == expected { same.add() }
            }
            #expect(same.count == 16)
            // More searches at once than the pool has readers (5), each on a thread of its own
            // as the web server's are, started together: none may wait for ever for a reader
            // for its second half while every reader is held by another search's first half.
            let done = DispatchGroup(), start = DispatchSemaphore(value: 0), alike = Tally()
            for _ in 0..<12 {
                done.enter()
                Thread.detachNewThread {
                    start.wait()
                    for _ in 0..<20 where (try? split.search(q)) == expected { alike.add() }
                    done.leave()
                }
            }
            for _ in 0..<12 { start.signal() }
            #expect(done.wait(timeout: .now() + 60) == .success, "searches at once never ended, read-only: \(readOnly)")
            #expect(alike.count == 240)
        }
    }

    @Test func searchesSeeRecordsArchivedSinceTheLastSearch() throws {
        let (dir, ingestor) = try makeIngestedArchive()
        defer { dir.remove() }
        // The search packs are built and kept by these searches...
        #expect(try search(ingestor, "attendee:engstrom").total == 1)
        #expect(try search(ingestor, "topic:bosques").total == 1)
        // ...and are stale once another record arrives, in this process and in a new one.
        let more = dir.url.appendingPathComponent("more.txt")
        try Data("Acta del Bloque de Bosques\n\nFecha: 9 de mayo de 2007\n\nAsistentes:\n\n- Lars Engström, Embajada de Suecia\n\nLa reunión trató la deforestación.".utf8).write(to: more)
        #expect(try ingestor.ingest(paths: [more.path]).archived == 1)
        #expect(try search(ingestor, "attendee:engstrom").total == 2)
        #expect(try search(ingestor, "topic:bosques").total == 2)
        let fresh = try Ingestor(extractor: Self.extractor, archiveRoot: dir.url.appendingPathComponent("archive"))
        #expect(try search(fresh, "attendee:engstrom from:2007").total == 1)
    }

    @Test func aReadOnlySearchKeepsItsPacksWithoutLeavingAWriteAheadLog() throws {
        let (dir, ingestor) = try makeIngestedArchive()
        defer { dir.remove() }
        let path = ingestor.archive.indexPath
        func wal() -> Int { (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0 }
        let queries = ["reunión", "attendee:engstrom", "topic:bosques", "acta from:2006", "desplazamiento OR Amazonia"]
        // As a CLI search does: a read-only index that builds the packs and stores them.
        let first = try RecordIndex(path: path, readOnly: true)
        let expected = try queries.map { try search(first, $0) }
        #expect(expected.map(\.total) == [2, 1, 1, 1, 2])
        #expect(wal() == 0)
        let generation = { (db: Database) in try Int64.fetchOne(db, sql: "SELECT generation FROM searchPack WHERE id = 1") }
        let stored = try DatabaseQueue(path: path).read(generation)
        #expect(stored != nil)
        // A later process reads the stored packs and finds the same.
        #expect(try queries.map { try search(RecordIndex(path: path, readOnly: true), $0) } == expected)
        // Damaged packs (cut short, overwritten, or empty) are not trusted: rebuilt, same results.
        for damage in ["substr(data, 1, length(data) / 2)", "randomblob(length(data))", "x''"] {
            try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE searchPack SET data = \(damage)") }
            #expect(try queries.map { try search(RecordIndex(path: path, readOnly: true), $0) } == expected)
        }
    }

    @Test func anInterruptedIngestIsRepairedByRunningItAgain() throws {
        let (dir, ingestor, paths) = try makeArchive()
        defer { dir.remove() }
        // Simulate a kill after the files were renamed into place but before the index was
        // written, plus a temporary file left half-written.
        let record = try Self.extractor.record(at: paths[0])
        try ingestor.archive.commit(try ingestor.archive.stage(original: try Data(contentsOf: URL(fileURLWithPath: paths[0])), record: record))
        try Data("partial".utf8).write(to: ingestor.archive.root.appendingPathComponent(".tmp/leftover"))
        let maintenance = ArchiveMaintenance(archive: ingestor.archive)
        #expect(!(try maintenance.verify().problems.isEmpty))
        let reopened = try Ingestor(extractor: Self.extractor, archiveRoot: ingestor.archive.root)
        #expect(!FileManager.default.fileExists(atPath: ingestor.archive.root.appendingPathComponent(".tmp/leftover").path))
        let summary = try reopened.ingest(paths: paths)
        #expect(summary.archived == 3)
        #expect(try maintenance.verify().problems.isEmpty)
    }
}
