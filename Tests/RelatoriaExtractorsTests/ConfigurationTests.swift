import Foundation
import RelatoriaCore
import RelatoriaExtractors
import RelatoriaTestSupport
import Testing

struct ConfigurationTests {
    /// A copy of the repository's configuration in a temporary folder, to edit.
    private func copyOfConfiguration() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        for item in try FileManager.default.contentsOfDirectory(atPath: PackagePaths.config.path) {
            try FileManager.default.copyItem(at: PackagePaths.config.appendingPathComponent(item), to: dir.url.appendingPathComponent(item))
        }
        return dir
    }

    @Test func aCuePhraseAddedToTheLexiconTakesEffectWithoutRebuilding() throws {
        let dir = try copyOfConfiguration()
        defer { dir.remove() }
        let text = "Acta de la reunión del Comité\n\nFecha: 3 de mayo de 2007\n\nLa plenaria dejó en firme el reglamento interno."
        let before = try record(text, using: try ExtractionPipeline(configuration: dir.url))
        #expect(before.decisions.isEmpty)
        let es = dir.url.appendingPathComponent("lexicon/es.yaml")
        var yaml = try String(contentsOf: es, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "  decision: [", with: "  decision: [dejó en firme, ")
        try yaml.write(to: es, atomically: true, encoding: .utf8)
        let after = try record(text, using: try ExtractionPipeline(configuration: dir.url))
        #expect(after.decisions.map(\.text) == ["El reglamento interno"])
    }

    /// A lexicon may name its kinds in Spanish, as `search --kind` does.
    @Test func aLexiconNamesItsKindsInEnglishOrSpanish() throws {
        let dir = try copyOfConfiguration()
        defer { dir.remove() }
        let text = "Cuaderno del Comité\n\nFecha: 3 de mayo de 2007\n\nSe revisó el plan."
        #expect(try record(text, using: try ExtractionPipeline(configuration: dir.url)).kind == .other)
        let es = dir.url.appendingPathComponent("lexicon/es.yaml")
        var yaml = try String(contentsOf: es, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "  report: [informe, reporte, balance]", with: "  report: [informe, reporte, balance]\n  Acta: [cuaderno]")
        try yaml.write(to: es, atomically: true, encoding: .utf8)
        #expect(try record(text, using: try ExtractionPipeline(configuration: dir.url)).kind == .minutes)
    }

    @Test func aMalformedLexiconIsAClearErrorNamingTheFile() throws {
        let dir = try copyOfConfiguration()
        defer { dir.remove() }
        try "language: es\ncues: [unclosed".write(to: dir.url.appendingPathComponent("lexicon/es.yaml"), atomically: true, encoding: .utf8)
        #expect {
            _ = try ExtractionPipeline(configuration: dir.url)
        } throws: { error in
            let e = error as? RelatoriaError
            return e?.code == .invalidConfiguration && e?.path?.hasSuffix("es.yaml") == true && e?.description.contains("\n") == false
        }
    }

    @Test func topicsMatchByTheirRule() throws {
        let taxonomy = TopicTaxonomy(topics: [
            .init(label: "Bosques", match: "any", keywords: ["bosque", "forestal"], minHits: 2),
            .init(label: "Agua y saneamiento", match: "all", keywords: ["agua", "saneamiento"], minHits: nil),
            .init(label: "Leyes", match: "regex", keywords: [#"ley\s+\d+\s+de\s+\d{4}"#], minHits: nil),
            .init(label: "Minería", match: "phrase", keywords: ["minería ilegal"], minHits: nil),
        ])
        #expect(taxonomy.topics(for: "El BOSQUE y la ley forestal; la Ley 975 de 2005.") == ["Bosques", "Leyes"])
        #expect(taxonomy.topics(for: "Un bosque.") == [])
        #expect(taxonomy.topics(for: "Agua potable y SANEAMIENTO básico.") == ["Agua y saneamiento"])
        #expect(taxonomy.topics(for: "Agua potable.") == [])
        #expect(taxonomy.topics(for: "La mineria ilegal avanza; la minería legal no.") == ["Minería"])
    }

    @Test func theShippedTaxonomyTagsRecords() throws {
        let r = try record("Acta del bloque\n\nFecha: 1 de junio de 2006\n\nSe habló del desplazamiento forzoso y de la población desplazada en Nariño.")
        #expect(r.topics.contains("Desplazamiento forzoso y asistencia humanitaria"))
    }
}
