import Foundation
import RelatoriaCore
import RelatoriaExtractors
import Testing

/// Every item, and the title, date and body, say what found them and how sure the extractor
/// is (issue 18, section 3): `via` and `confidence`, extra keys the contract allows.
struct ConfidenceTests {
    private static let minutes = """
        Acta de la reunión de la Comisión de Enlace

        Fecha: 14 de marzo de 2006

        Asistentes:

        - Ana Gómez
        - Luis Pérez

        Desarrollo

        La propuesta de calendario fue aprobada con 5 votos a favor, 1 en contra y 0 abstenciones.

        Se acordó revisar el reglamento interno en la próxima sesión.

        Compromisos

        1. Enviar el informe final. Responsable: Luis Pérez. Fecha: 31 de marzo de 2006.
        """

    @Test func aSectionOrATallyIsSurerThanACuePhrase() throws {
        let r = try record(Self.minutes)
        // (A document with a decisions section is not mined for cue phrases: another one.)
        let listed = try record("Acta de la Comisión de Enlace\n\nFecha: 14 de marzo de 2006\n\n3. ACUERDOS:\n\n1. Aprobar el plan de trabajo para 2006.")
        let section = try #require(listed.decisions.first { $0.text.contains("plan de trabajo") })
        #expect(section.via == "section:ACUERDOS")
        let tally = try #require(r.decisions.first { $0.text.contains("calendario") })
        // (Its sentence has a cue phrase too: both are named.)
        #expect(tally.via == "cue:fue aprobada+tally" && tally.confidence == 0.85)
        let cue = try #require(r.decisions.first { $0.text.contains("reglamento") })
        #expect(cue.via == "cue:se acordo" || cue.via == "cue:se acordó")
        #expect(try #require(section.confidence) > #require(cue.confidence))
        #expect(try #require(tally.confidence) > #require(cue.confidence))
        let dissent = try #require(r.dissent.first)
        #expect(dissent.via == "tally" && dissent.confidence == 0.85)
        let action = try #require(r.actions.first)
        #expect(action.via == "section:Compromisos" && action.owner == "Luis Pérez")
        #expect(r.attendees.count == 2 && r.attendees.allSatisfy { $0.via == "section:Asistentes" && $0.confidence == 0.9 })
        #expect(r.via?.date == "field:Fecha" && r.confidence?.date == 0.95)
        #expect(r.via?.body == "title:organ" && r.via?.title == "first-lines+kind-word")
        #expect(r.confidence?.title == 0.8 && r.confidence?.body == 0.8)
    }

    @Test func aDateFromTheFileNameIsTheLeastSure() throws {
        let r = try record("Notas de trabajo\n\nSe revisó el avance del proyecto.", "ActaREI_02ago07.txt")
        #expect(r.date == "2007-08-02")
        #expect(r.via?.date == "filename")
        #expect(try #require(r.confidence?.date) < 0.5)
        // A field the record leaves empty has neither.
        #expect(r.body == nil && r.via?.body == nil && r.confidence?.body == nil)
    }

    @Test func everyItemOfAFixtureCarriesBoth() throws {
        for name in ["acta-mesa.txt", "notes-en.md", "registro.xml"] {
            let r = try record(fixture: name)
            let items: [(Double?, String?)] = r.attendees.map { ($0.confidence, $0.via) } + r.decisions.map { ($0.confidence, $0.via) }
                + (r.consensus + r.dissent).map { ($0.confidence, $0.via) } + r.actions.map { ($0.confidence, $0.via) }
            #expect(!items.isEmpty, "\(name)")
            for (c, v) in items {
                #expect(c.map { (0.0...1.0).contains($0) } == true && v?.isEmpty == false, "\(name)")
            }
        }
    }

    @Test func writtenAsTheContractsExtraKeysAndReadBack() throws {
        let r = try record(Self.minutes)
        let json = String(decoding: RecordWriter.bytes(r, pretty: false), as: UTF8.self)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["confidence"] as? [String: Any])?["date"] as? Double == 0.95)
        #expect((object["via"] as? [String: Any])?["date"] as? String == "field:Fecha")
        let decision = try #require((object["decisions"] as? [[String: Any]])?.first)
        #expect(decision["via"] is String && decision["confidence"] is Double)
        let e = JSONEncoder()
        e.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        #expect(RecordWriter.bytes(r, pretty: false) == Array(try e.encode(r)))
        #expect(try JSONDecoder().decode(Record.self, from: Data(json.utf8)) == r)
    }
}
