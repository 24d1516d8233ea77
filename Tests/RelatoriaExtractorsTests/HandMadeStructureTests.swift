import Foundation
import RelatoriaCore
@testable import RelatoriaExtractors
import Testing

/// Conventions of records typed by hand or by a parliament's staff (issue 18): parts numbered
/// and written in capitals, headings that name decisions and tasks together, owner and date
/// lines under an action, speakers named by honorific and surnames in capitals.
struct HandMadeStructureTests {
    @Test func aNumberedLineInCapitalsIsAHeadingAndAMixedHeadingSortsItsPoints() throws {
        // (Paragraphs as a word processor writes them: no heading style.)
        let r = try record("""
            <html><body><p>Acta de reunión del equipo de desarrollo</p>
            <p>Fecha: 12 de abril de 2022</p>
            <p>1- DESARROLLO DE LA REUNIÓN</p>
            <p>Se revisó el avance del prototipo con el cliente.</p>
            <p>2- ACUERDOS Y TAREAS</p>
            <p>En esta reunión se fijaron los siguientes puntos:</p>
            <ul><li>Redactar el manual de usuario del prototipo</li>
            <li>Preparación de la demostración para el cliente</li>
            <li>Aprobación del calendario de entregas</li></ul>
            <p>3- OBSERVACIONES</p>
            <p>Ninguna por el momento.</p></body></html>
            """, "acta.html")
        #expect(r.actions.map(\.text).contains("Redactar el manual de usuario del prototipo"))
        #expect(r.actions.map(\.text).contains("Preparación de la demostración para el cliente"))
        #expect(!r.actions.contains { $0.text.contains("calendario") })
        #expect(r.decisions.map(\.text).contains("Aprobación del calendario de entregas"))
    }

    @Test func onlyANumberedShortLineInCapitalsIsPromoted() {
        func role(_ text: String) -> Block.Role { HeadingLines.promoted(Block(role: .paragraph, text: text)).role }
        #expect(role("3- ACUERDOS Y TAREAS") == .heading)
        #expect(role("IV. COMPROMISOS") == .heading)
        #expect(HeadingLines.promoted(Block(role: .paragraph, text: "2.1 PRESUPUESTO")).level == 3)
        // Not: a sentence, a line in lower case, a table of contents' line, no number.
        #expect(role("3- Acuerdos y tareas") == .paragraph)
        #expect(role("3. SE APROBÓ EL ACTA.") == .paragraph)
        #expect(role("3- ACUERDOS Y TAREAS ……………… 4") == .paragraph)
        #expect(role("ACUERDOS Y TAREAS") == .paragraph)
        #expect(role("12 DE MARZO DE 2022") == .paragraph)
    }

    @Test func theOwnerAndDateLinesUnderAnActionLineBelongToIt() throws {
        let r = try record("""
            # Garden committee

            Date: 2 May 2023

            ## Actions

            Action: Repair the tool shed door
            Owner: Marta Lindqvist
            Due: 30 May 2023

            Action: Order compost for the spring beds
            Assigned: All
            """, "notes.md")
        #expect(r.actions.count == 2)
        #expect(r.actions.contains { $0.text == "Repair the tool shed door" && $0.owner == "Marta Lindqvist" && $0.due == "2023-05-30" })
        #expect(r.actions.contains { $0.text == "Order compost for the spring beds" && $0.owner == "All" })
    }

    @Test func aSpeakerNamedByHonorificAndSurnamesInCapitalsAttended() throws {
        let r = try record("""
            SESIÓN PLENARIA DEL CONCEJO MUNICIPAL

            Sesión celebrada el martes 8 de noviembre de 2022

            El señor PRESIDENTE: Buenos días. Se abre la sesión.

            La señora QUIROGA FUENTES: Gracias, presidente. Mi grupo presentó la moción.

            El señor ALDANA SOTO: Gracias. Tenemos reparos sobre el calendario.

            La señora QUIROGA FUENTES: Respondo brevemente al señor Aldana.

            El señor ALDANA SOTO: Nada más por mi parte.

            El señor PRESIDENTE: Se levanta la sesión.
            """, "pleno.txt")
        let names = r.attendees.map(\.name)
        #expect(names.contains("Quiroga Fuentes"))
        #expect(names.contains("Aldana Soto"))
        // A role is not a person's name.
        #expect(!names.contains { $0.localizedCaseInsensitiveContains("presidente") })
    }

    @Test func aConclusionIsAboutTheTitleLineNotAFragmentOfTheDiscussion() throws {
        let r = try record("""
            Storage working group notes
            May 9, 2022

            #41 lease renewal window

            need more data from the field on this

            kvaldez: we could shorten it to ten minutes

            opatel: fine by me

            conclusion: shorten the window to ten minutes
            """, "notes.txt")
        let texts = r.decisions.map(\.text)
        #expect(texts.contains { $0.hasPrefix("#41 lease renewal window") && $0.contains("shorten the window") })
        // The scribe's label is no part of the decision.
        #expect(!texts.contains { $0.lowercased().contains("conclusion") })
    }

    @Test func aDocumentOfPartsOnlyIsNotTitledByItsAgenda() throws {
        let r = try record("""
            ## Attendees

            - Rosa Delgado
            - Tomas Ekberg

            ## Agenda

            **1) Review of the glossary** - the glossary was approved as circulated.
            """, "notes.md")
        #expect(r.title == "Attendees")
        #expect(r.kind == .minutes)
        #expect(r.attendees.map(\.name) == ["Rosa Delgado", "Tomas Ekberg"])
    }

    @Test func councilMinutesListCouncillorsByTitleAfterADash() throws {
        let r = try record("""
            <html><body><p>MINUTES OF ELMSWORTH PARISH COUNCIL MEETING, 4 APRIL 2016</p>
            <p>Present – Cllr Harriet Vane - Chairman, Cllr P Wimsey, Cllr Mervyn Bunter.</p>
            <p>Those attending: Cllrs Alice Tarrant and Joan Murchison.</p>
            <p>1. The minutes of the last meeting were agreed.</p></body></html>
            """, "council.html")
        let names = r.attendees.map(\.name)
        #expect(names.contains("Harriet Vane"))
        #expect(names.contains("P Wimsey"))
        #expect(names.contains("Mervyn Bunter"))
        #expect(names.contains("Alice Tarrant"))
        #expect(r.attendees.first { $0.name == "Harriet Vane" }?.role == "Chairman")
    }

    @Test func aSurnameInCapitalsBesideAGivenNameIsAPerson() throws {
        let r = try record("""
            # Acta de la asamblea de socios

            Fecha: 5 de noviembre de 2022

            Los miembros presentes fueron los siguientes:

            - FONTAINE Mireille, Aurelio CASTELLS, BERGÉ Lucien

            ## Cuentas

            Se aprobaron las cuentas del ejercicio.
            """, "acta.md")
        let names = r.attendees.map(\.name)
        #expect(names.contains("FONTAINE Mireille"))
        #expect(names.contains("Aurelio CASTELLS"))
        #expect(names.contains("BERGÉ Lucien"))
        // Acronyms alone are no person.
        #expect(!PersonParser(lexicon: pipeline.lexicon).isPersonName("ONU OEA"))
    }

    @Test func aListOfPeopleWrittenSurnameFirstNamesThemGivenNameFirst() throws {
        let r = try record("""
            # Diario del equipo

            ## Miembros del grupo

            - Valderrama Oquendo, Lucía
            - Ng, Wei
            - Sotomayor de la Vega, Ana María

            ## Reunión 1

            Se acordó usar un repositorio común.
            """, "diario.md")
        #expect(r.attendees.map(\.name) == ["Lucía Valderrama Oquendo", "Wei Ng", "Ana María Sotomayor de la Vega"])
        // A surname that opens on its particle, a given name that holds one.
        let p = try record("""
            # Diario del equipo

            ## Asistentes

            - Ávila Maqueda, María del Mar
            - del Junco Obregón, Juan
            """, "diario.md")
        #expect(p.attendees.map(\.name) == ["María del Mar Ávila Maqueda", "Juan del Junco Obregón"])
        // A person with a role or an organization after the comma is not written surname first.
        let s = try record("""
            # Reunión del comité

            ## Asistentes

            - Lucía Valderrama, Directora
            - Wei Ng, Universidad del Valle
            """, "acta.md")
        #expect(s.attendees.map(\.name).contains("Lucía Valderrama"))
        #expect(!s.attendees.map(\.name).contains { $0.hasPrefix("Directora") || $0.hasPrefix("Universidad") })
    }

    /// Names set apart by dashes, each with its handle in brackets; an rST label closed by "::";
    /// an rST rubric heading a list; an acronym after a name is its organization, not a first
    /// name ("Ben Watts, SLS, PSI"), while two capitals among first names may be one ("LJ").
    @Test func handlesDashesRubricsAndAcronymsInAttendeeLists() throws {
        let dashes = try record("# Reunión de VaSlibre\n\nFecha: 1 de febrero de 2014\n\n**Asistentes:**  \nHéctor A. Mantellini ([@xombra](https://twitter.com/@xombra)) - Jesús Palencia ([@sinfallas](https://twitter.com/@sinfallas)) - Alejandra Ortiz\n\n**Puntos tratados:**\n\n1. Flisol 2014.\n", "v.md")
        #expect(dashes.attendees.map(\.name) == ["Héctor A. Mantellini", "Jesús Palencia", "Alejandra Ortiz"])
        let literal = try record("Developer meeting 8th September 2005\n\nAttendees::\n\n         Holger Krekel,\n         Armin Rigo (minutes/moderation),\n         Michael Hudson (lurking)\n\nTopics\n======\n\nNo conflicts were discovered.\n", "m.rst")
        #expect(literal.attendees.map(\.name) == ["Holger Krekel", "Armin Rigo", "Michael Hudson"])
        let rubric = try record("""
            ===============
            NIAC Minutes
            ===============

            .. container:: content

               October 13, 2016 in Copenhagen

               .. rubric:: Participants
                  :name: participants

               -  Ben Watts, SLS, PSI
               -  Jiro Suzuki, KEK

               The code was merged.
            """, "niac.rst")
        #expect(rubric.attendees.map(\.name) == ["Ben Watts", "Jiro Suzuki"])
        let initials = try record("## Plenum 2014-06-12 Minutes\n\n- Present: Gibson, Nicholas, Will Myers, LJ, Valentine, CJ\n\n### Finances\n\nNo items received.\n", "p.md")
        #expect(initials.attendees.map(\.name) == ["Gibson", "Nicholas", "Will Myers", "LJ", "Valentine", "CJ"])
    }

    /// A report that holds a meeting's attendee list names its people; the same person written
    /// surname first in a table and given name first in a list is one attendee.
    @Test func aReportWithAnAttendeeListNamesItsPeopleOnce() throws {
        let r = try record("""
            # Informe del Proyecto: PUCHERO-HUB

            ## Miembros del Equipo

            | Miembro | Implicación |
            | :---- | :---- |
            | Ávila Maqueda, María del Mar | 10 |
            | Blanco Mora, David | 6 |

            ## Actas

            ### ACTA 2024-01

            - **Fecha**: 16/10/2024
            - **Asistentes**:
              - Ávila Maqueda, María del Mar
              - Blanco Mora, David
            """, "informe.md")
        #expect(r.kind == .report)
        #expect(r.attendees.map(\.name) == ["Ávila Maqueda, María del Mar", "Blanco Mora, David"])
        // A report without such a list names no one.
        #expect(try record("# Informe anual\n\nEl proyecto avanzó según lo previsto.\n", "i.md").attendees.isEmpty)
    }

    /// Full names typed in capitals ("ENRIQUE NUÑEZ OLARTE"), three words or more, are people;
    /// a heading in capitals is not ("ORDEN DEL DÍA").
    @Test func fullNamesTypedInCapitalsArePeople() throws {
        let r = try record("Acta No. 10\n\nMarzo 13 de 1996\n\nAsistieron los doctores ENRIQUE NUÑEZ OLARTE, JORGE OLARTE CARO y Dra. CLEMENCIA LASERNA GUTIERREZ.\n\nORDEN DEL DÍA\n\n1. Verificación del quórum.\n")
        #expect(r.attendees.map(\.name) == ["ENRIQUE NUÑEZ OLARTE", "JORGE OLARTE CARO", "CLEMENCIA LASERNA GUTIERREZ"])
        #expect(!PersonParser(lexicon: pipeline.lexicon).isPersonName("ORDEN DEL DÍA"))
        #expect(!PersonParser(lexicon: pipeline.lexicon).isPersonName("JUNTA DIRECTIVA NACIONAL"))
    }

    /// A heading in two languages ("Signataires / Signatories") opens the section either names;
    /// a table whose separator row has one dash a cell ("|-|-|") is a table.
    @Test func aBilingualHeadingOverATableOfSignatories() throws {
        let r = try record("""
            # Open letter to the European Commission

            We, the undersigned, ask the Commission to keep funding free software.

            # Signataires / Signatories

            | Nom / Name | Statut / Organization type | Pays / Country |
            |-|-|-|
            | petites singularités | ASBL | Belgique |
            | John Livingston | AutoEntrepreneur | France |
            """, "letter.md")
        #expect(r.attendees.map(\.name) == ["petites singularités", "John Livingston"])
    }

    /// Notes whose list items name the sections of their sub-items, in Markdown and plain text.
    @Test(arguments: [("- ", "  - ", "notes.md"), ("* ", "  * ", "notes.txt")])
    func aListItemNamingASectionOverDeeperItemsOpensIt(top: String, sub: String, name: String) throws {
        let r = try record("""
            Team meeting, 3 March 2021

            \(top)Attendees
            \(sub)Ann Lee
            \(sub)Bob Roe
            \(top)Decisions
            \(sub)Move the release to Friday
            \(sub)Drop the old API
            \(top)Lunch was good
            """, name)
        #expect(r.attendees.map(\.name) == ["Ann Lee", "Bob Roe"])
        #expect(r.decisions.map(\.text) == ["Move the release to Friday", "Drop the old API"])
    }
}
