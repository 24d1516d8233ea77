import Foundation
import RelatoriaCore
import Testing

struct MinutesExtractionTests {
    @Test func extractsEveryFieldOfSpanishMinutes() throws {
        let r = try record(fixture: "acta-mesa.txt")
        #expect(r.kind == .minutes)
        #expect(r.title == "Acta No. 3 – Reunión de la Mesa de Cooperación del Pacífico")
        #expect(r.date == "2007-03-09")
        #expect(r.language == "es")
        #expect(r.body == "Mesa de Cooperación del Pacífico")
        #expect(r.place == "Tumaco")
        // Present people only: not the excused, not the "Copia a" list; honorifics removed.
        #expect(r.attendees.map(\.name) == ["Marta Inés Quiñones", "Jesús Alberto Caicedo", "Hanna Lindgren"])
        #expect(r.attendees[0].organization == "Acción Social")
        #expect(r.attendees[0].role == "Asesora")
        #expect(r.decisions.map(\.text) == ["Aprobar el acta de la reunión del 2 de febrero de 2007",
                                             "Encargar a la Secretaría Técnica la elaboración de un mapa de proyectos"])
        #expect(r.consensus.map(\.text) == ["Los proyectos deben concertarse con los consejos comunitarios"])
        #expect(r.consensus.first?.parties == ["Gobierno", "Sociedad civil", "G24"])
        #expect(r.dissent.count == 1)
        #expect(r.dissent.first?.parties == ["Sociedad civil"])
        #expect(r.dissent.first?.text.contains("cronograma de desembolsos") == true)
        let actions = r.actions.map { "\($0.text) | \($0.owner ?? "-") | \($0.due ?? "-")" }
        #expect(actions == [
            "Enviar el informe de desembolsos | Acción Social | 2007-03-30",
            // "próxima reunión" resolves to the announced date of the next meeting.
            "Presentar una propuesta de fondo rotatorio | Embajada de Suecia | 2007-04-13",
            // A decision that assigns a task is also an action.
            "La elaboración de un mapa de proyectos | Secretaría Técnica | -",
        ])
    }

    @Test func anchorsPointAtTheSourcePassage() throws {
        let r = try record(fixture: "acta-mesa.txt")
        for item in r.decisions { #expect(r.anchored(item.anchor).contains(item.text)) }
        #expect(r.anchored(r.attendees[2].anchor) == "Hanna Lindgren, Embajada de Suecia")
        #expect(r.anchored(r.consensus[0].anchor).hasPrefix("Las tres partes coincidieron"))
    }

    @Test func readsEnglishNarrativeNotes() throws {
        let r = try record(fixture: "notes-en.md")
        #expect(r.language == "en")
        #expect(r.kind == .minutes)
        #expect(r.date == "2006-03-14")  // month first in English
        #expect(r.place == "Bogotá")
        #expect(r.attendees.map(\.name) == ["Anna Berg", "Luis Ortega", "Tomás Ruiz"])
        #expect(r.attendees.map(\.organization) == ["Sweden", "Spain", "European Commission"])
        #expect(r.decisions.map(\.text) == ["The group will publish a joint statement on land restitution"])
        #expect(r.dissent.first?.parties == ["United States"])
        #expect(r.actions.contains { $0.owner == "Spain" && $0.due == "2006-03-24" && $0.text.hasPrefix("Circulate a first draft") })
    }

    @Test func readsStructuredXMLThroughItsElementNames() throws {
        let r = try record(fixture: "registro.xml")
        #expect(r.source.format == .xml)
        #expect(r.title == "Memoria del comité regional de seguimiento")
        #expect(r.date == "2008-02-20")
        #expect(r.place == "Pasto")
        #expect(r.body == "Comité Regional de Seguimiento de Nariño")
        #expect(r.attendees.map(\.name) == ["Luis Ernesto Pabón", "Rosa Elvira Guancha"])
        #expect(r.attendees[0].role == "Secretario de Gobierno")
        #expect(r.decisions.map(\.text) == ["Instalar la mesa de concertación regional en marzo"])
        #expect(r.dissent.first?.parties == ["Cabildo de Males"])
        #expect(r.actions.first?.owner == "Alcaldía de Pasto")
        #expect(r.actions.first?.due == "2008-03-05")
    }

    @Test func leavesAgendasAndReportsWithoutAttendees() throws {
        let agenda = try record("Orden del día de la reunión del Comité\n\nFecha: 5 de mayo de 2007\n\nInvitados:\n- Ana Gómez, Cancillería\n\n1. Apertura\n2. Varios")
        #expect(agenda.kind == .agenda)
        #expect(agenda.attendees.isEmpty)
        #expect(agenda.decisions.isEmpty)
    }

    @Test func countsSpeakersOfADebateAsPresent() throws {
        let akn = """
            <?xml version="1.0" encoding="UTF-8"?>
            <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><debate name="acta">
            <meta><references source="#st">
              <TLCPerson eId="rojas" href="/p/rojas" showAs="Ana María Rojas"/>
              <TLCPerson eId="vidal" href="/p/vidal" showAs="Tomás Vidal Ruiz"/>
            </references></meta>
            <preface><p><docTitle>Acta de la sesión de la Mesa Regional</docTitle></p>
            <p><docDate date="2008-05-06">6 de mayo de 2008</docDate></p></preface>
            <debateBody>
              <rollCall><heading>Asistencia</heading><blockList><item><p><person refersTo="#vidal">Tomás Vidal Ruiz</person>, Gobernación</p></item></blockList></rollCall>
              <debateSection name="debate"><heading>Debate</heading>
                <speech by="#rojas"><from>La señora Rojas:</from><p>Pido la palabra.</p></speech>
                <speech by="#vidal"><from>El señor Vidal:</from><p>Concedida.</p></speech>
              </debateSection>
            </debateBody></debate></akomaNtoso>
            """
        let r = try record(akn, "debate.xml")
        #expect(r.date == "2008-05-06")
        #expect(r.attendees.map(\.name) == ["Tomás Vidal Ruiz", "Ana María Rojas"])
    }

    /// A TEI session (ParlaMint's shape): the header's setting gives date and place, the org the
    /// sitting points at the body; the people who speak are the attendees, not the whole person
    /// list; a speaker holds the position stated in "our group"; stage directions give no item.
    @Test func readsATEISessionAsItsHeaderAndSpeakersSayIt() throws {
        let tei = """
            <TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="es">
              <teiHeader><fileDesc>
                <titleStmt><title type="main">Corpus de la Asamblea [ParlaMint]</title>
                  <title type="sub">Sesión plenaria núm. 4, 14 de junio de 2019</title><meeting corresp="#AN">Sesión 4</meeting></titleStmt>
                <publicationStmt><date when="2021-05-01"/></publicationStmt>
              </fileDesc>
              <profileDesc>
                <settingDesc><setting><name type="city">Ciudad Verde</name><date when="2019-06-14"/></setting></settingDesc>
                <particDesc>
                  <listOrg><org xml:id="AN"><orgName>Asamblea Nacional</orgName></org></listOrg>
                  <listPerson>
                    <person xml:id="a"><persName><forename>Ana</forename><surname>López</surname></persName></person>
                    <person xml:id="t"><persName><forename>Tomás</forename><surname>Vidal</surname></persName>
                      <affiliation ref="#AN"><roleName>Secretario</roleName></affiliation></person>
                    <person xml:id="m"><persName><forename>Marta</forename><surname>Ruiz</surname></persName></person>
                    <person xml:id="j"><persName><forename>Julio</forename><surname>Calla</surname></persName></person>
                  </listPerson>
                </particDesc>
              </profileDesc></teiHeader>
              <text><body><div>
                <u who="#a"><seg>Se somete a votación el acta anterior. Queda aprobada el acta por unanimidad.</seg></u>
                <vocal><desc>Aplausos</desc></vocal>
                <u who="#t"><seg>Yo me encargo de enviar el informe a la comisión.</seg></u>
                <u who="#m"><seg>Nuestro grupo vota en contra de la propuesta.</seg></u>
                <incident><desc>La señora Calla abandona el hemiciclo.</desc></incident>
              </div></body></text>
            </TEI>
            """
        let r = try record(tei, "sesion.xml")
        #expect(r.title == "Sesión plenaria núm. 4, 14 de junio de 2019")
        #expect(r.date == "2019-06-14")
        #expect(r.place == "Ciudad Verde")
        #expect(r.body == "Asamblea Nacional")
        #expect(r.kind == .minutes)
        #expect(r.attendees.map(\.name) == ["Ana López", "Tomás Vidal", "Marta Ruiz"])
        // The person list's affiliation gives the speaker's organization and role.
        #expect(r.attendees[1].organization == "Asamblea Nacional" && r.attendees[1].role == "Secretario")
        #expect(r.dissent.map(\.parties) == [["Marta Ruiz"]])
        #expect(r.actions.map { $0.owner } == ["Tomás Vidal"])
        #expect(r.decisions.count == 1)
        // Only the publication date: it is taken last, and the record says so.
        let published = try record(tei.replacingOccurrences(of: "<date when=\"2019-06-14\"/>", with: "")
            .replacingOccurrences(of: ", 14 de junio de 2019", with: ""), "sesion.xml")
        #expect(published.date == "2021-05-01")
        #expect(published.warnings.contains { $0.contains("publication date") })
    }

    /// An address that opens a speech ("My Lords, I will write ...") is no owner: the speaker is.
    @Test func aSpeakerWhoAddressesTheHouseOwnsWhatTheyUndertake() throws {
        let tei = """
            <TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc><titleStmt>
              <title type="sub">Minutes of the Upper House, Daily Session 2020-02-12</title></titleStmt></fileDesc>
              <profileDesc><settingDesc><setting><date when="2020-02-12"/></setting></settingDesc></profileDesc></teiHeader>
              <text><body><div>
                <u who="#JamesTodd"><seg>To ask the Government what progress has been made on the employment gap.</seg></u>
                <u who="#DianaBarr"><seg>My Lords, I will write to the noble Lord with the figures.</seg></u>
              </div></body></text></TEI>
            """
        let r = try record(tei, "lords.xml")
        #expect(r.attendees.map(\.name) == ["James Todd", "Diana Barr"])
        #expect(r.actions.map { $0.owner } == ["Diana Barr"])
    }
}
