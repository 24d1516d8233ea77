import Foundation
import RelatoriaCore
import RelatoriaKit
import RelatoriaStore
import RelatoriaTestSupport
import Testing

/// The query language as people write it: `AND`, `NOT`, names without their middle words,
/// kinds in Spanish, unknown filters, and periods that end before they start.
struct QueryLanguageTests {
    /// An archive of ``ArchiveTests/documents``.
    private func makeArchive() throws -> (TemporaryDirectory, Ingestor) {
        let dir = try TemporaryDirectory()
        let ingestor = try Ingestor(extractor: ArchiveTests.extractor, archiveRoot: dir.url.appendingPathComponent("archive"))
        var paths: [String] = []
        for (name, text) in ArchiveTests.documents { paths.append(try dir.write(name, Data(text.utf8))) }
        #expect(try ingestor.ingest(paths: paths).archived == 3)
        return (dir, ingestor)
    }

    private func search(_ ingestor: Ingestor, _ text: String) throws -> SearchResults {
        var q = SearchQuery()
        try q.parse(text)
        return try ingestor.index.search(q)
    }

    private func ids(_ ingestor: Ingestor, _ text: String) throws -> [String] {
        try search(ingestor, text).hits.map(\.id).sorted()
    }

    @Test func andBetweenWordsIsASpaceAndNotExcludes() throws {
        let (dir, ingestor) = try makeArchive()
        defer { dir.remove() }
        for (a, b) in [
            ("reunion AND acuerdos", "reunion acuerdos"), ("reunion AND bosques AND Amazonia", "reunion bosques Amazonia"),
            ("\"ley forestal\" AND reunion", "\"ley forestal\" reunion"), ("reunion NOT Amazonia", "reunion -Amazonia"),
            ("reunion NOT \"ley forestal\"", "reunion -\"ley forestal\""), ("kind:minutes NOT Amazonia", "kind:minutes -Amazonia"),
            ("bosques OR defenders AND reunion", "bosques OR defenders reunion"),
        ] {
            #expect(try ids(ingestor, a) == ids(ingestor, b), "\(a)")
        }
        #expect(try search(ingestor, "reunion AND acuerdos").total == 1)
        #expect(try search(ingestor, "reunion NOT Amazonia").total == 1)
        #expect(try search(ingestor, "reunion NOT \"ley forestal\"").total == 1)
        // Lower-case "and" and "not" are words, as before.
        #expect(try search(ingestor, "plenary and").total == 1)
    }

    @Test func misplacedOperatorsAndUnknownFiltersAreRefusedWithTheirNames() {
        for (bad, words) in [
            ("AND reunion", "AND must stand between"), ("reunion AND", "AND must stand between"), ("a AND AND b", "AND must stand between"),
            ("a OR AND b", "AND must stand between"), ("reunion NOT", "NOT must be followed"), ("NOT", "NOT must be followed"),
            ("NOT -reunion", "NOT and a minus sign"), ("a NOT OR b", "NOT must be followed"),
            ("a NOT NOT b", "NOT must be followed"), ("NOT kind:minutes", "cannot be excluded"),
            ("fecha:2006", "unknown filter 'fecha:'"), ("x:y", "unknown filter 'x:'"), ("reunion Fecha:\"marzo de 2006\"", "unknown filter 'Fecha:'"),
            ("from:2007 to:2006", "the period ends before it starts"), ("desde:2006-03 hasta:2006-02-28", "the period ends before it starts"),
            ("kind:carta", "unknown kind 'carta'"),
        ] {
            var q = SearchQuery()
            let error = #expect(throws: SearchQuery.Invalid.self, "\(bad)") { try q.parse(bad) }
            #expect(error?.message.contains(words) == true, "\(bad): \(error?.message ?? "")")
        }
        var q = SearchQuery()
        let error = #expect(throws: SearchQuery.Invalid.self) { try q.parse("x:y") }
        #expect(error?.message.contains("from:, to:, body:, topic:, kind:, attendee:, language:") == true)
    }

    /// Text with a colon that is no filter is searched as text: a time, a link, a label.
    @Test func aColonThatIsNoFilterIsText() throws {
        for text in ["10:30", "a las 10:30", "https://www.cancilleria.gov.co/actas", "mailto:ana@example.org", "Acuerdos: revisar",
                     "ISO 9001:2015", "http://x.org/a?b=c:d"] {
            var q = SearchQuery()
            #expect(throws: Never.self, "\(text)") { try q.parse(text) }
            #expect(q.match != nil, "\(text)")
        }
        var q = SearchQuery()
        try q.parse("10:30")
        #expect(q.terms == ["10:30"])
    }

    @Test func attendeesAndTopicsAreFoundByTheirWordsInOrder() throws {
        let (dir, ingestor) = try makeArchive()
        defer { dir.remove() }
        for (query, total) in [
            ("attendee:\"Germán Lara\"", 1), ("attendee:\"german ospina lara\"", 1), ("attendee:\"GERMAN LARA\"", 1), ("attendee:lara", 1),
            ("attendee:\"Lara Germán\"", 0), ("attendee:\"Germán Sjöberg\"", 0), ("attendee:\"Ingrid Sjoberg\"", 1), ("attendee:ara", 0),
            ("topic:bosques", 1), ("topic:bosque", 1), ("tema:BOSQ", 1), ("topic:osques", 0),
        ] {
            #expect(try search(ingestor, query).total == total, "\(query)")
        }
        var q = SearchQuery()
        try q.setFilter("attendee", "Germán Lara")
        #expect(try ingestor.index.search(q).total == 1)
    }

    /// `packet --topic` selects the records `search --topic` finds.
    @Test func packetsSelectByTopicAsSearchDoes() throws {
        let (dir, ingestor) = try makeArchive()
        defer { dir.remove() }
        let maker = PacketMaker(archive: ingestor.archive, index: ingestor.index, members: [],
                                templates: try PacketTemplates(folder: PackagePaths.config.appendingPathComponent("templates")), settings: .init())
        let labels = Set(try maker.select(.init(from: "1900", to: "2100")).flatMap(\.topics))
        #expect(!labels.isEmpty)
        var given = ["bosque", "BOSQUES", "bosq", "osques", "tema que no existe"]
        for label in labels { given += [label, label.uppercased(), String(label.split(separator: " ").first ?? "")] }
        for topic in given {
            var q = SearchQuery()
            try q.setFilter("topic", topic)
            q.limit = 100
            let found = try ingestor.index.search(q).hits.map(\.id).sorted()
            let selected = try maker.select(.init(from: "1900", to: "2100", topic: topic)).map(\.id).sorted()
            #expect(found == selected, "\(topic)")
        }
        #expect(try maker.select(.init(from: "1900", to: "2100", topic: "bosque")).count == 1)
    }

    @Test func kindsAreNamedInEnglishOrSpanish() throws {
        let (dir, ingestor) = try makeArchive()
        defer { dir.remove() }
        for name in ["minutes", "acta", "Acta", "actas", "tipo:ACTA"] {
            #expect(try search(ingestor, name.contains(":") ? name : "kind:\(name)").total == 3, "\(name)")
        }
        for (name, kind) in [("declaración", Record.Kind.declaration), ("declaracion", .declaration), ("agenda", .agenda),
                             ("orden del día", .agenda), ("Orden del dia", .agenda), ("informe", .report), ("report", .report),
                             ("otro", .other), ("minutes", .minutes)] {
            #expect(Record.Kind(named: name) == kind, "\(name)")
            var q = SearchQuery()
            try q.parse("kind:\"\(name)\"")
            #expect(q.kind == kind.rawValue)
        }
        #expect(Record.Kind(named: "carta") == nil)
    }
}
