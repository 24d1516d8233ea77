import Foundation
import RelatoriaCore
@testable import RelatoriaExtractors
import Testing

/// Forms and tables laid out in ways many organizations share (issue 18): raw HTML inside
/// Markdown, a label cell beside its value, a table of points with an owner column.
struct FormLayoutTests {
    @Test func aRawHTMLFormInMarkdownKeepsItsRowsAndOneItemALine() throws {
        let r = try record("""
            # Actas del equipo

            ## Primera reunión

            <div style="max-width: 900px;">
              <table style="width: 100%;">
                <tbody>
                  <tr>
                    <td><b>📅 FECHA</b></td>
                    <td>03/02/2025 — 10:00</td>
                  </tr>
                  <tr>
                    <td><b>👥 ASISTENTES</b></td>
                    <td>
                      <ul>
                        <li>Marta Quiroga Salas</li>
                        <li>Tomás Ibarra Luque</li>
                      </ul>
                    </td>
                  </tr>
                  <tr>
                    <td><b>✅ ACUERDOS</b></td>
                    <td>
                      <div><b>1:</b> Usar Kotlin como lenguaje principal.</div>
                      <div><b>2:</b> Reunirse los jueves por la tarde.</div>
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>

            ## Segunda reunión

            Sin novedades.
            """, "actas.md")
        #expect(r.date == "2025-02-03")
        #expect(r.attendees.map(\.name) == ["Marta Quiroga Salas", "Tomás Ibarra Luque"])
        #expect(r.decisions.map(\.text) == ["Usar Kotlin como lenguaje principal", "Reunirse los jueves por la tarde"])
        #expect(r.decisions.first?.via == "section:✅ ACUERDOS")
        // The text after the block is read as Markdown again.
        #expect(r.text.contains("Sin novedades."))
    }

    @Test func aLabelCellBesideItsValueIsAFormField() throws {
        let r = try record("""
            <html><body><h1>Acta de reunión</h1><table>
            <tr><td>Fecha</td><td>12/05/2024</td></tr>
            <tr><td>Asistentes</td><td>Julia Morán Tello<br>Pablo Sanz Ortega</td></tr>
            <tr><td>Tema</td><td>Planificación del sprint</td></tr>
            </table></body></html>
            """, "acta.html")
        #expect(r.attendees.map(\.name) == ["Julia Morán Tello", "Pablo Sanz Ortega"])
        // A row of column titles is not a field ("Acuerdos | Responsable" heads a task table).
        let table = try record("""
            <html><body><h1>Acta de reunión</h1><table>
            <tr><td>Temas tratados y acuerdos</td><td>Responsables y Fecha</td></tr>
            <tr><td>Preparar la demo</td><td>Julia Morán Tello</td></tr>
            </table></body></html>
            """, "acta.html")
        #expect(table.actions.map(\.owner) == ["Julia Morán Tello"])
    }

    @Test func aFieldLabelledWithARoleNamesWhoHeldIt() throws {
        let r = try record("""
            ACTA DE LA REUNIÓN ORDINARIA DE LA JUNTA DIRECTIVA

            En Valencia, a 9 de febrero de 2022, se reúnen las personas siguientes:

            Presidenta: Rocío Llorente Pardo
            Secretario: Gaspar Andreu Vidal

            Se excusa: Nuria Vidal Soler

            1. Se aprueba el acta de la sesión anterior.
            """, "acta.txt")
        #expect(r.attendees.map(\.name) == ["Rocío Llorente Pardo", "Gaspar Andreu Vidal"])
        #expect(r.attendees.first?.role == "Presidenta")
        #expect(r.attendees.first?.via == "field:Presidenta")
    }

    @Test func aSectionHeadingUnderTheDocumentsHeadingIsNotItsTitle() throws {
        let r = try record("""
            # Community call 2024-02-01

            Attendees: Dana Ortiz, Eli Brandt

            ## Agenda

            1. Release 1.4

            ## Notes

            - Eli Brandt: rc1 is tagged
            """, "notes.md")
        #expect(r.title == "Community call 2024-02-01")
        #expect(r.kind == .minutes)
        #expect(r.attendees.map(\.name) == ["Dana Ortiz", "Eli Brandt"])
        // Nor is a deeper heading that names no kind of document ("## Updates").
        let sync = try record("# Sync 2023-03-05\n\nPresent: Dana Ortiz, Eli Brandt\n\n## Updates\n\n- Eli Brandt shipped the parser.", "sync.md")
        #expect(sync.title == "Sync 2023-03-05")
        // A document whose own heading is "Agenda" is still an agenda.
        let agenda = try record("# Agenda\n\n1. Release 1.4\n2. CI", "agenda.md")
        #expect(agenda.title == "Agenda" && agenda.kind == .agenda)
    }

    @Test func topicsDiscussedAreTheDiscussionNotTheAgenda() throws {
        let r = try record("""
            Acta de reunión nº 3

            Fecha: 5 de marzo de 2024

            Temas tratados:

            - Se revisó el diagrama de clases.
            - El equipo decidió usar PostgreSQL como base de datos.
            """, "acta.md")
        #expect(r.decisions.contains { $0.text.contains("PostgreSQL") })
    }

    @Test func taskTablesNameTheirOwnerColumnInManyWays() throws {
        let es = try record("""
            # Acta 5 de marzo de 2023

            Asistentes: Ana Gómez, Luis Pérez

            | Tarea | Quién | Cuándo |
            |---|---|---|
            | Reservar la sala | Luis Pérez | 10/03/2023 |
            """, "acta.md")
        #expect(es.actions.map(\.owner) == ["Luis Pérez"])
        #expect(es.actions.first?.due == "2023-03-10")
        let en = try record("""
            # Meeting 2023-03-05

            Present: Anna Berg, Tom Hale

            | Action item | Assignee | Target date |
            |---|---|---|
            | Send the minutes to members | Tom Hale | 2023-03-10 |
            """, "notes.md")
        #expect(en.actions.map(\.owner) == ["Tom Hale"])
        #expect(en.actions.first?.due == "2023-03-10")
    }

    @Test func aMarkdownFrontMattersTitleAndDateAreTheDocuments() throws {
        let r = try record("""
            ---
            layout: post
            title: "Library board meeting minutes"
            date: 2023-03-05
            nav_order: 4
            ---

            Present: Nadia Ferro, Oskar Lind

            ## Notes

            The board reviewed the opening hours.
            """, "minutes.md")
        #expect(r.title == "Library board meeting minutes")
        #expect(r.via?.title == "metadata")
        #expect(r.date == "2023-03-05")
        #expect(!r.text.contains("nav_order") && !r.text.contains("layout"))
        #expect(r.attendees.map(\.name) == ["Nadia Ferro", "Oskar Lind"])
    }
}
