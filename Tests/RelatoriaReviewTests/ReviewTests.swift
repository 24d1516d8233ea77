import Foundation
import GRDB
import RelatoriaCore
import RelatoriaExtractors
import RelatoriaFollowUp
import RelatoriaKit
@testable import RelatoriaReview
import RelatoriaStore
import RelatoriaTestSupport
import Testing

/// Corrections kept apart from the extracted record, the effective record everywhere, and
/// what survives `reindex` (issue 20).
struct ReviewTests {
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
        "acta-bosques.txt": """
            Acta de la Mesa de Bosques

            Fecha: 3 de marzo de 2007
            Lugar: Leticia

            ASISTENTES

            - Hanna Lindgren, Embajada de Suecia

            ACUERDOS

            1. Publicar el informe de deforestación y sus anexos.
            """,
    ]

    /// An archive of `documents`, ingested; the ids by file name.
    static func archive() throws -> (TemporaryDirectory, Ingestor, [String: String]) {
        let dir = try TemporaryDirectory()
        let inbox = dir.url.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        for (name, text) in documents { try Data(text.utf8).write(to: inbox.appendingPathComponent(name)) }
        let ingestor = try Ingestor(extractor: extractor, archiveRoot: dir.url.appendingPathComponent("archive"))
        _ = try ingestor.ingest(paths: [inbox.path])
        var ids: [String: String] = [:]
        for e in try ingestor.index.allEntries() {
            let r = try RecordEncoding.decode(try ingestor.archive.read(e.recordPath))
            ids[r.source.filename] = e.id
        }
        return (dir, ingestor, ids)
    }

    static func search(_ index: RecordIndex, _ text: String) throws -> [String] {
        var q = SearchQuery()
        try q.parse(text)
        return try index.search(q).hits.map(\.id)
    }

    @Test func aCorrectionIsLoggedAppliedAndSearchableWhileTheExtractedFileStays() throws {
        let (dir, ingestor, ids) = try Self.archive()
        defer { dir.remove() }
        let id = ids["acta-enlace.txt"]!
        let review = Review(archive: ingestor.archive, index: ingestor.index)
        let path = try review.resolve(id).recordPath
        let before = try ingestor.archive.read(path)
        let e0 = try review.effective(id)
        #expect(e0.record.date == "2006-02-08")
        var decisions = e0.json["decisions"]!.array!
        decisions[1] = .object(["text": .string("Revisar el informe sobre reasentamiento en Nariño.")])
        let e = try review.correct(id, fields: ["date": .string("2006-02-09"), "decisions": .array(decisions)], reviewed: true, user: "rita")
        #expect(e.record.date == "2006-02-09")
        #expect(e.record.decisions[1].text == "Revisar el informe sobre reasentamiento en Nariño.")
        #expect(e.reviewed?.user == "rita")
        #expect(e.corrections == 2)
        // The extracted record file is untouched; the log holds one line per change.
        #expect(try ingestor.archive.read(path) == before)
        let lines = try review.log.lines(id)
        #expect(lines.map(\.event) == [.set, .item, .reviewed])
        #expect(lines[0].from == .string("2006-02-08") && lines[0].to == .string("2006-02-09"))
        // Search sees the effective record: the new word, the new date.
        #expect(try Self.search(ingestor.index, "reasentamiento") == [id])
        #expect(try Self.search(ingestor.index, "from:2006-02-09 to:2006-02-09") == [id])
        #expect(try Self.search(ingestor.index, "from:2006-02-08 to:2006-02-08").isEmpty)
        // A record that did not change is not written again.
        let same = try review.correct(id, fields: ["date": .string("2006-02-09")], user: "rita")
        #expect(same.log.count == 3)
    }

    /// A date, title or body a person set carries confidence 1 and via `review`, not the
    /// extractor's guess; one a person emptied carries neither; the other fields keep theirs.
    @Test func aPersonsValueIsNotTheExtractorsGuess() throws {
        let (dir, ingestor, ids) = try Self.archive()
        defer { dir.remove() }
        let id = ids["acta-enlace.txt"]!
        let review = Review(archive: ingestor.archive, index: ingestor.index)
        let extracted = try review.effective(id).record
        #expect(extracted.confidence?.date != nil && extracted.via?.date != "review")
        let e = try review.correct(id, fields: ["date": .string("2006-02-09"), "body": .null], user: "rita")
        #expect(e.record.confidence?.date == 1 && e.record.via?.date == "review")
        #expect(e.record.body == nil && e.record.confidence?.body == nil && e.record.via?.body == nil)
        #expect(e.record.confidence?.title == extracted.confidence?.title && e.record.via?.title == extracted.via?.title)
        #expect(e.extracted.confidence?.date == extracted.confidence?.date)
    }

    /// A position sent without `parties` names none (it was a decoding error, a 500 in the API).
    @Test func aPositionWithoutPartiesHasNone() throws {
        let (dir, ingestor, ids) = try Self.archive()
        defer { dir.remove() }
        let review = Review(archive: ingestor.archive, index: ingestor.index)
        let e = try review.correct(ids["acta-enlace.txt"]!, fields: ["dissent": .array([.object(["text": .string("Suecia se opone")])])], user: "rita")
        #expect(e.record.dissent.first?.text == "Suecia se opone" && e.record.dissent.first?.parties == [])
    }

    @Test func aBadValueIsRefusedNamingTheFieldAndNothingIsSaved() throws {
        let (dir, ingestor, ids) = try Self.archive()
        defer { dir.remove() }
        let id = ids["acta-enlace.txt"]!
        let review = Review(archive: ingestor.archive, index: ingestor.index)
        for (field, value, named) in [("date", JSONValue.string("2006-02-30"), "date"), ("kind", .string("memo"), "kind"),
                                      ("actions", .array([.object(["text": .string("x"), "due": .string("mañana")])]), "actions"),
                                      ("decisions", .array([.object(["text": .string("x"), "anchor": .object(["start": .int(5), "end": .int(999_999)])])]), "decisions"),
                                      ("source", .string("x"), "source")] {
            #expect(throws: Review.Failure.self) { try review.correct(id, fields: ["title": .string("Nuevo"), field: value], user: "rita") }
            do { try review.correct(id, fields: [field: value], user: "rita") } catch let Review.Failure.invalid(i) {
                #expect(i.field == named)
            } catch { Issue.record("unexpected \(error)") }
        }
        #expect(try review.log.lines(id).isEmpty)
        #expect(throws: Review.Failure.unknown("no record with id abcdef")) { try review.effective("abcdef") }
    }

    @Test func reindexKeepsCorrectionsAndListsOrphans() throws {
        let (dir, ingestor, ids) = try Self.archive()
        defer { dir.remove() }
        let id = ids["acta-enlace.txt"]!
        let review = Review(archive: ingestor.archive, index: ingestor.index)
        try review.correct(id, fields: ["title": .string("Acta corregida de la Comisión de Enlace")], user: "rita")
        // A correction of an item the record no longer has (as after a re-extraction).
        try review.log.append([Correction(time: "2026-01-01T00:00:00.000Z", user: "rita", event: .item, field: "decisions",
                                          from: .object(["text": .string("Un acuerdo que ya no está")]), to: .object(["text": .string("Otro")]))], to: id)
        var notes: [String] = []
        let (n, problems) = try ArchiveMaintenance(archive: ingestor.archive).reindex(extractor: Self.extractor, reextract: true, notes: { notes.append($0) })
        #expect(n == 2 && problems.isEmpty)
        #expect(notes.count == 1 && notes[0].contains("orphaned") && notes[0].contains("Un acuerdo que ya no está"))
        let index = try RecordIndex(path: ingestor.archive.indexPath)
        #expect(try Self.search(index, "corregida") == [id])
        let e = try Review(archive: ingestor.archive, index: index).effective(id)
        #expect(e.record.title == "Acta corregida de la Comisión de Enlace")
        #expect(e.extracted.title != e.record.title)
        #expect(e.orphans.count == 1 && e.log.count == 2)
    }

    @Test func withdrawnAndSupersededRecordsLeaveSearchButStayReachable() throws {
        let (dir, ingestor, ids) = try Self.archive()
        defer { dir.remove() }
        let enlace = ids["acta-enlace.txt"]!, bosques = ids["acta-bosques.txt"]!
        let review = Review(archive: ingestor.archive, index: ingestor.index)
        #expect(try Self.search(ingestor.index, "suecia").count == 2)
        #expect(throws: Review.Failure.self) { try review.withdraw(enlace, reason: "  ", user: "ana") }
        try review.withdraw(enlace, reason: "Duplicado por error", user: "ana")
        #expect(try Self.search(ingestor.index, "suecia") == [bosques])
        #expect(throws: Review.Failure.self) { try review.withdraw(enlace, reason: "otra vez", user: "ana") }
        #expect(try review.effective(enlace).withdrawal?.reason == "Duplicado por error")
        #expect(throws: Review.Failure.self) { try review.correct(enlace, fields: ["title": .string("x")], user: "rita") }
        #expect(throws: Review.Failure.self) { try review.supersede(bosques, over: bosques, user: "ana") }
        // Superseding (here the other way round, for the test): the older leaves search.
        let (dir2, ingestor2, ids2) = try Self.archive()
        defer { dir2.remove() }
        let r2 = Review(archive: ingestor2.archive, index: ingestor2.index)
        _ = try r2.supersede(ids2["acta-bosques.txt"]!, over: ids2["acta-enlace.txt"]!, user: "ana")
        #expect(try Self.search(ingestor2.index, "suecia") == [ids2["acta-bosques.txt"]!])
        // Reachable by asking: superseded:yes (reemplazadas:sí in Spanish) finds the older too.
        #expect(try Set(Self.search(ingestor2.index, "suecia superseded:yes")) == Set(ids2.values))
        #expect(try Set(Self.search(ingestor2.index, "suecia reemplazadas:sí")) == Set(ids2.values))
        #expect(try Self.search(ingestor2.index, "suecia superseded:no") == [ids2["acta-bosques.txt"]!])
        // A withdrawn record is not among them (the first archive withdrew enlace).
        #expect(try Self.search(ingestor.index, "suecia superseded:yes") == [bosques])
        #expect(try r2.effective(ids2["acta-enlace.txt"]!).supersededBy == ids2["acta-bosques.txt"]!)
        #expect(try r2.effective(ids2["acta-bosques.txt"]!).supersedes == [ids2["acta-enlace.txt"]!])
        // Still hidden after a reindex.
        _ = try ArchiveMaintenance(archive: ingestor2.archive).reindex()
        #expect(try Self.search(try RecordIndex(path: ingestor2.archive.indexPath), "suecia") == [ids2["acta-bosques.txt"]!])
        #expect(try Set(Self.search(try RecordIndex(path: ingestor2.archive.indexPath), "suecia superseded:yes")) == Set(ids2.values))
        // The queue leaves out withdrawn, superseded and reviewed records.
        #expect(try ReviewQueue(review: review).all().map(\.id) == [bosques])
        try review.correct(bosques, fields: [:], reviewed: true, user: "rita")
        #expect(try ReviewQueue(review: review).all().isEmpty)
        // The hidden records: the withdrawn one with its reason, not the reviewed one (which has a log too).
        let hidden = try ReviewQueue(review: review).hidden()
        #expect(hidden.map(\.id) == [enlace] && hidden.first?.reason == "Duplicado por error" && hidden.first?.user == "ana")
        #expect(try ReviewQueue(review: r2).hidden().map(\.supersededBy) == [ids2["acta-bosques.txt"]!])
    }

    /// Packets and the follow-up read the effective record and leave withdrawn ones out.
    @Test func packetsAndTheFollowUpCarryCorrections() throws {
        let (dir, ingestor, ids) = try Self.archive()
        defer { dir.remove() }
        let enlace = ids["acta-enlace.txt"]!, bosques = ids["acta-bosques.txt"]!
        let review = Review(archive: ingestor.archive, index: ingestor.index)
        var actions = try review.effective(enlace).json["actions"]?.array ?? []
        actions.append(.object(["text": .string("Enviar el informe corregido"), "owner": .string("Acción Social"), "due": .string("2006-03-15")]))
        try review.correct(enlace, fields: ["title": .string("Acta corregida"), "actions": .array(actions)], user: "rita")
        try review.withdraw(bosques, reason: "Duplicado", user: "ana")
        let maker = PacketMaker(archive: ingestor.archive, index: ingestor.index, members: [],
                                templates: try PacketTemplates(folder: PackagePaths.config.appendingPathComponent("templates")),
                                settings: Settings.Packets())
        let selected = try maker.select(.init(from: "2006", to: "2007"))
        #expect(selected.map(\.id) == [enlace])
        #expect(selected.first?.title == "Acta corregida")
        #expect(try maker.select(.init(ids: [String(enlace.prefix(10))])).first?.actions.contains { $0.text == "Enviar el informe corregido" } == true)
        let (records, problems) = try EffectiveRecords(archive: ingestor.archive, index: ingestor.index).all()
        #expect(problems.isEmpty && records.map(\.id) == [enlace] && records[0].title == "Acta corregida")
        #expect(records[0].actions.contains { $0.owner == "Acción Social" && $0.due == "2006-03-15" })
    }

    /// Low-confidence items first, then warnings, then the newest: the order of the index's query.
    @Test func theQueueOrder() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let index = try RecordIndex(path: dir.url.appendingPathComponent("index.sqlite").path)
        func e(_ n: Int, _ date: String?, warnings: Int = 0, confidence: Double? = nil) -> RecordIndex.Entry {
            let id = String(repeating: String(n), count: 64)
            let r = Record(id: id, source: .init(filename: "\(n).txt", format: .txt, sha256: id, bytes: 1), kind: .minutes, title: "\(n)",
                           date: date, language: "es", decisions: [Decision(text: "a", confidence: confidence), Decision(text: "b")],
                           warnings: Array(repeating: "w", count: warnings))
            return .init(record: r, recordPath: "records/\(n).json", originalPath: "originals/\(n).txt")
        }
        try index.write(records: [e(1, "2009-01-01"), e(2, "2001-01-01", warnings: 2), e(3, "2005-01-01", confidence: 0.4),
                                  e(4, "2010-01-01", confidence: 0.9), e(5, nil), e(6, "2001-01-01", warnings: 1, confidence: 0.4)],
                        names: [], log: [])
        #expect(try index.reviewQueue(limit: 100, offset: 0).rows.map { $0.title } == ["6", "3", "4", "2", "1", "5"])
        #expect(try index.reviewQueue(limit: 2, offset: 1).rows.map { $0.title } == ["3", "4"])
        #expect(try index.reviewQueue(limit: 2, offset: 1).total == 6)
        #expect(try index.reviewQueue(limit: 1, offset: 0, excluding: String(repeating: "6", count: 64)).rows.map { $0.title } == ["3"])
        let json = try JSONValue.parse(Data(#"{"title": "T", "kind": "minutes", "date": null, "warnings": ["x"], "decisions": [{"text": "a", "confidence": 0.7}, {"text": "b", "confidence": 0.35}]}"#.utf8)).object!
        #expect(ReviewQueue.lowestConfidence(json) == 0.35)
        #expect(ReviewQueue.lowestConfidence(recordFile: try JSONValue.object(json).data()) == 0.35)
    }

    /// The queue is one query of the index: it reads no record file (it still lists every
    /// record with its record files gone), and corrections, reviews and reindex keep it.
    @Test func theQueueComesFromTheIndex() throws {
        let (dir, ingestor, ids) = try Self.archive()
        defer { dir.remove() }
        let enlace = ids["acta-enlace.txt"]!, bosques = ids["acta-bosques.txt"]!
        let review = Review(archive: ingestor.archive, index: ingestor.index)
        let queue = ReviewQueue(review: review)
        // Ingest keeps the lowest confidence the extractor gave the items.
        let fresh = try queue.all()
        #expect(fresh.contains { $0.confidence != nil })
        for e in fresh {
            #expect(e.confidence == ReviewQueue.lowestConfidence(recordFile: try ingestor.archive.read(try review.resolve(e.id).recordPath)))
        }
        // A low-confidence decision (as a person or a later extractor may give) puts enlace first.
        var decisions = try review.effective(enlace).json["decisions"]?.array ?? []
        decisions[0] = .object((decisions[0].object ?? [:]).merging(["confidence": .double(0.3)]) { $1 })
        try review.correct(enlace, fields: ["decisions": .array(decisions)], user: "rita")
        let records = ingestor.archive.root.appendingPathComponent("records")
        let aside = dir.url.appendingPathComponent("records-aside")
        try FileManager.default.moveItem(at: records, to: aside)
        let page = try queue.page(limit: 10, offset: 0)
        #expect(page.total == 2)
        #expect(page.entries.map(\.id) == [enlace, bosques])
        #expect(page.entries.first?.confidence == 0.3 && page.entries.first?.corrections == 1)
        #expect(page.entries.first?.title == "Acta de la reunión de la Comisión de Enlace")
        #expect(try queue.next(after: enlace) == bosques)
        try FileManager.default.moveItem(at: aside, to: records)
        try review.correct(enlace, fields: [:], reviewed: true, user: "rita")
        #expect(try queue.all().map(\.id) == [bosques])
        // reindex keeps the state: reviewed from the logs, confidence from the record files.
        _ = try ArchiveMaintenance(archive: ingestor.archive).reindex()
        let again = Review(archive: ingestor.archive, index: try RecordIndex(path: ingestor.archive.indexPath))
        #expect(try ReviewQueue(review: again).all().map(\.id) == [bosques])
        let bosquesPath = try again.resolve(bosques).recordPath
        var object = try JSONValue.parse(try ingestor.archive.read(bosquesPath)).object!
        var items = object["decisions"]?.array ?? []
        items[0] = .object((items[0].object ?? [:]).merging(["confidence": .double(0.55)]) { $1 })
        object["decisions"] = .array(items)
        try JSONValue.object(object).data().write(to: ingestor.archive.url(bosquesPath))
        _ = try ArchiveMaintenance(archive: ingestor.archive).reindex()
        let third = ReviewQueue(review: Review(archive: ingestor.archive, index: try RecordIndex(path: ingestor.archive.indexPath)))
        #expect(try third.all().first?.confidence == 0.55)
    }

    /// An index made before it kept the review state: the queue reads those records once, then
    /// answers from the index.
    @Test func anOlderIndexIsFilledOnce() throws {
        let (dir, ingestor, ids) = try Self.archive()
        defer { dir.remove() }
        let enlace = ids["acta-enlace.txt"]!, bosques = ids["acta-bosques.txt"]!
        let review = Review(archive: ingestor.archive, index: ingestor.index)
        try review.correct(bosques, fields: [:], reviewed: true, user: "rita")
        // As the migration leaves rows of records indexed before it.
        let db = try DatabaseQueue(path: ingestor.archive.indexPath)
        try db.write { try $0.execute(sql: "UPDATE reviewState SET stale = 1, reviewed = 0, warnings = 0, confidence = NULL, corrections = 0") }
        #expect(try ingestor.index.staleReviewStates().count == 2)
        #expect(try ReviewQueue(review: review).all().map(\.id) == [enlace])
        #expect(try ingestor.index.staleReviewStates().isEmpty)
    }

    @Test func listChangesReplayToTheEditedList() {
        let a: [JSONValue] = ["A", "B", "C", "D"].map { .object(["text": .string($0)]) }
        for b in [["B", "C", "D"], ["A", "X", "C"], ["X", "A", "B", "C", "D", "Y"], ["D", "C", "B", "A"], [], ["A", "B", "B2", "D"]] {
            let new = JSONValue.array(b.map { .object(["text": .string($0)]) })
            let lines = EffectiveRecord.changes("decisions", from: .array(a), to: new, user: "u", time: "t")
            var object: [String: JSONValue] = ["decisions": .array(a)]
            #expect(EffectiveRecord.apply(lines, to: &object).isEmpty)
            #expect(object["decisions"] == new, "\(b)")
        }
        // An edited item is one change from the old text to the new, not a removal and an addition.
        let edit = EffectiveRecord.changes("decisions", from: .array(a), to: .array([a[0], .object(["text": .string("B2")]), a[2], a[3]]), user: "u", time: "t")
        #expect(edit.count == 1 && edit[0].from == a[1] && edit[0].to == .object(["text": .string("B2")]))
    }

    @Test func evaluationScoresAsScorePy() {
        #expect(Evaluation.fold("  Reunión—Ñandú 2006! ") == "reunion nandu 2006")
        #expect(Evaluation.match("decisions", ["Aprobar la agenda del semestre"], ["Aprobar la agenda del primer semestre", "Otra cosa"]) == 1)
        #expect(Evaluation.nameSim("Dra. Ana María Pérez", "Ana Pérez") == 0.9)
        #expect(Evaluation.scalarOK("body", "Comisión de Enlace", "la comision de enlace"))
        #expect(!Evaluation.scalarOK("date", "2006-02-08", "2006-02-09"))
    }
}
