import Foundation
import RelatoriaCore
@testable import RelatoriaExtractors
import Testing

/// Conventions of structure that hold across organizations (issue 18): lead-in lines over
/// lists, forms laid out as one-cell table rows.
struct StructureExtractionTests {
    @Test func aLeadInLineOverAListOpensTheSectionItNames() throws {
        let r = try record("""
            # Board monthly meeting, October 12, 2023

            The meeting was led by Chaim Kirby.

            Board members in attendance were:

            - Peter Baumgartner
            - Katie McLaughlin

            ## Finances

            - Balance: USD 228,218.00
            """, "board.md")
        let names = r.attendees.map(\.name)
        #expect(names.contains("Peter Baumgartner"))
        #expect(names.contains("Katie McLaughlin"))
        #expect(!names.contains { $0.contains("Balance") })
    }

    /// A heading is the section of the longest phrase it starts with ("Resolución de dudas" is
    /// the discussion, not the decisions' "Resolución"); a point that says there was none
    /// ("(none)", "N/A") is no item.
    @Test func theLongestSectionPhraseNamesTheHeadingAndNoneIsNoItem() throws {
        let r = try record("""
            # Acta de la reunión del equipo, 1 de febrero de 2026

            ## Resolución de dudas

            - Ana consulta sobre el turno de tarde. Luis aclara que el cambio se pide en secretaría.

            ## Acuerdos

            - Usar GitHub para el código.

            ## Tareas

            - N/A
            """, "acta.md")
        #expect(r.decisions.map(\.text) == ["Usar GitHub para el código"])
        #expect(r.actions.isEmpty)
        let en = try record("# Board minutes, 1 March 2024\n\n## Resolved\n\n- (none)\n\n## Actions\n\n- Ann: book the hall\n", "m.md")
        #expect(en.decisions.isEmpty)
        #expect(en.actions.count == 1)
    }

    /// "Follow-up" alone heads the tasks; "Follow up on the cardiac proposal" is a matter
    /// followed up, whose discussion is no list of tasks.
    @Test func aFollowUpOnAMatterIsATopicNotTheTasks() throws {
        let topic = try record("# Steering call 2025-03-27\n\nAttendees: Ana Gil, Luis Pérez\n\n## Follow up on the cardiac proposal\n\n- Where is this standing currently?\n- Discussed in the maintainers meeting last week\n", "n.md")
        #expect(topic.actions.isEmpty)
        let tasks = try record("# Steering call 2025-03-27\n\nAttendees: Ana Gil, Luis Pérez\n\n## Follow-up\n\n- Ana Gil to write to the leads\n", "n.md")
        #expect(tasks.actions.map(\.text) == ["Write to the leads"])
    }

    @Test func aFormFieldInATableRowGoesOnOverItsBareRows() throws {
        let r = try record("""
            <html><body><table>
            <tr><td>FECHA: 13 DE SEPTIEMBRE DE 2019</td></tr>
            <tr><td>PARTICIPANTES: Nancy Alejandra Sánchez Serrato</td></tr>
            <tr><td>Andrés Leonardo García Rincón</td></tr>
            <tr><td>TEMA GENERAL: Planeación de reunión con docente</td></tr>
            <tr><td>Estipulación de fecha de reunión</td></tr>
            </table></body></html>
            """, "acta.html")
        #expect(r.date == "2019-09-13")
        let names = r.attendees.map(\.name)
        #expect(names == ["Nancy Alejandra Sánchez Serrato", "Andrés Leonardo García Rincón"])
    }

    @Test func aFieldOverAListOfSomethingElseDoesNotSwallowIt() throws {
        // "AI: Greg: follow up" is one action; the list of reports after it is not.
        let r = try record("""
            Board meeting minutes

            Date: February 19, 2014

            Reports

            * Apache Cassandra Project [Jonathan Ellis / Greg]
            AI: Greg: follow up
            * Apache Clerezza Project [Hasan Hasan / Jim]
            * Apache Click Project [Malcolm Edgar / Chris]
            """)
        #expect(!r.actions.contains { $0.text.contains("Clerezza") })
    }

    @Test func aRecurringNameLabelIsASpeakerWhoOwnsWhatTheyCommitTo() throws {
        let r = try record("""
            # QUIC WG meeting

            ## Tuesday, March 19, 2024

            Ted Hardie: Please email the chairs with what extension points you would like.

            Robin Marx: I will send the updated draft to the list.

            Ted Hardie: Thanks, that works for everyone here.

            Robin Marx: We should also look at the test vectors again.

            Last Committer: David Vittor, on 23rd Dec, 2014
            """, "quic.md")
        let names = r.attendees.map(\.name)
        #expect(names.contains("Ted Hardie"))
        #expect(names.contains("Robin Marx"))
        // A label met once is a field, not a speaker.
        #expect(!names.contains("Last Committer"))
        #expect(r.actions.contains { $0.owner == "Robin Marx" && $0.text.contains("draft") })
        #expect(r.kind == .minutes)
    }

    @Test func recitalsAreNeitherPositionsNorDecisions() throws {
        let r = try record("""
            # Declaración conjunta de la Comisión

            ## Considerando:

            - Que no hubo acuerdo sobre el calendario en la reunión de marzo;
            - Que las partes coinciden en la importancia del seguimiento;

            ## Acordamos:

            1. Convocar una mesa regional en Pasto.
            """, "declaracion.md")
        #expect(r.dissent.isEmpty)
        #expect(r.consensus.isEmpty)
        #expect(r.decisions.map(\.text).contains { $0.contains("mesa regional") })
        #expect(!r.decisions.contains { $0.text.contains("calendario") })
    }

    @Test func aTickedChecklistItemIsNotACommitment() throws {
        let r = try record("""
            # Team meeting notes

            Date: 3 March 2024

            ## Action items

            - [x] Ana will send the invitations
            - [ ] Luis will book the room
            """, "notes.md")
        #expect(!r.actions.contains { $0.text.contains("invitations") })
        #expect(r.actions.contains { $0.text.contains("room") && !$0.text.contains("[") })
    }

    @Test func aTaskTableIsReadWhereverItStands() throws {
        // No "Tareas" heading: the owner column makes the table a task table.
        let r = try record("""
            <html><body><h1>Acta de reunión del equipo</h1><p>Fecha: 23/03/2026</p>
            <table><tr><td>Temas tratados y acuerdos</td><td>Responsables</td></tr>
            <tr><td>Entorno y makefile</td><td>Jorge Torrijos de la Cruz</td></tr>
            <tr><td>TAD Inventory</td><td>Alvaro Bravo González</td></tr></table></body></html>
            """, "acta.html")
        #expect(r.actions.contains { $0.owner == "Jorge Torrijos de la Cruz" && $0.text == "Entorno y makefile" })
        #expect(r.actions.contains { $0.owner == "Alvaro Bravo González" && $0.text == "TAD Inventory" })
    }

    @Test func aFormListEndsWhereTheFormsNextPartBegins() throws {
        // "Asistentes:" over one-cell rows of names; the task table after it is not attendees.
        let r = try record("""
            <html><body><table>
            <tr><td>Fecha: 23/03/26</td></tr>
            <tr><td>Asistentes:</td></tr>
            <tr><td>Jorge Torrijos de la Cruz</td></tr>
            <tr><td>Orden del día (temas a tratar): revisión de tareas</td></tr>
            <tr><td>Temas tratados y acuerdos</td><td>Responsables y Fecha</td></tr>
            <tr><td>TAD Inventory</td><td>Alvaro Bravo González</td></tr>
            <tr><td>Temas a tratar en la próxima reunión: visualización general</td></tr>
            </table></body></html>
            """, "acta.html")
        #expect(r.attendees.map(\.name) == ["Jorge Torrijos de la Cruz"])
        #expect(r.actions.map(\.text) == ["TAD Inventory"])
        #expect(r.actions.first?.owner == "Alvaro Bravo González")
    }

    @Test func aShortTitleEndingInASectionNameOpensIt() throws {
        // The title of a collapsible box over the attendee list.
        let r = try record("""
            # Minutes 2024-03-15

            TipView Attendee List

            - Martin Brown
            - Michael Cartwright

            ## Training Courses

            - Plan to highlight our materials
            """, "minutes.md")
        #expect(r.attendees.map(\.name) == ["Martin Brown", "Michael Cartwright"])
    }

    @Test func aFormsProjectFieldNamesTheBodyAndItsPlaceFieldThePlace() throws {
        let r = try record("""
            Actas de reunión.

            Proyecto: ISU

            Fecha y hora de reunión: 29 de junio del 2016, a la 16:40

            Lugar o medio de reunión: Aquiles Lanza 1119/001.
            """)
        #expect(r.body == "ISU")
        #expect(r.via?.body == "field:Proyecto")
        // A place label joined to more words; an address, not only a city, as the form gives it.
        #expect(r.place == "Aquiles Lanza 1119/001")
    }

    @Test func aPlaceRowOfAHeaderTableIsThePlace() throws {
        let r = try record("""
            <html><body><h1>Minuta de Reunión</h1><table>
            <tr><td>Fecha</td><td>24/03/2019</td></tr>
            <tr><td>Lugar</td><td>Centro Académico de San José, Laboratorio del tercer piso</td></tr>
            </table></body></html>
            """, "minuta.html")
        #expect(r.place == "Centro Académico de San José, Laboratorio del tercer piso")
        // The next meeting's place is not this one's.
        let next = try record("Acta de reunión\n\nFecha: 3 de mayo de 2019\n\nLugar de la próxima reunión: Sala 4")
        #expect(next.place == nil)
    }

    @Test func aLabelASectionHeadingOrATableOfContentsIsNoTitle() throws {
        let r = try record("""
            ### Chairs:

            - Marco Tiloca
            """, "notes.md")
        #expect(r.title != "Chairs")
        let toc = try record("""
            ÍNDICE

            1- Lista de Convocados ………………………………….. 3

            2- Desarrollo de la Reunión ……………………………. 3

            Acta de Reunión Práctica 3
            """)
        #expect(r.title != "ÍNDICE" && !toc.title.contains("Desarrollo"))
        #expect(toc.title == "Acta de Reunión Práctica 3")
    }

    @Test func theKindFromACoverTableSpeakersOrTheFileName() throws {
        // A kind word that opens a cover table's cell.
        let cover = try record("<html><body><table><tr><td>Entregable</td><td>Acta de Reunión</td></tr></table><p>Se revisó el avance.</p></body></html>", "hoja.html")
        #expect(cover.kind == .minutes)
        // Speaker-led notes record a meeting.
        let transcript = try record("""
            Ana Gómez: Buenos días a todos, empezamos.

            Luis Pérez: Gracias, tengo dos puntos.

            Ana Gómez: Adelante con el primero.

            Luis Pérez: El presupuesto está listo para revisión.
            """, "sesion.txt")
        #expect(transcript.kind == .minutes)
        // Last, the file name's kind word.
        #expect(try record("Requisitos del sistema de gestión de datos.", "gestion-datos-minuta-requisitos.txt").kind == .minutes)
        #expect(try record("Requisitos del sistema de gestión de datos.", "requisitos.txt").kind == .other)
        // A document that names no kind but records an outcome is a meeting's record.
        #expect(try record("# Relaxed voting rules\n\nThe change to the voting rules was unanimously approved.\n", "vote.md").kind == .minutes)
        #expect(try record("# Relaxed voting rules\n\nThe voting rules are in the handbook.\n", "rules.md").kind == .other)
        // A page titled by the event that invites to the next one is still minutes when a
        // heading at its top names the record ("Resumen de ...").
        let summary = try record("""
            ---
            title: Última reunión del grupo
            ---

            #Resumen de la última reunión del grupo

            Se dieron ideas de charlas para el nuevo año.

            La próxima reunión será el sábado 14 de enero, y estáis todos invitados.
            """, "resumen.md")
        #expect(summary.kind == .minutes)
        // An agenda the same page turns into the record is minutes.
        #expect(try record("## Plenum 2014-06-12 Agenda/Minutes\n\n### Finances\n\nWe looked at the accounts.\n", "p.md").kind == .minutes)
        #expect(try record("# Agenda\n\n1. Release\n\n# Minutes\n\nThe release slips a week.\n", "p.md").kind == .minutes)
        #expect(try record("# Agenda\n\n1. Release\n2. Budget\n", "p.md").kind == .agenda)
    }

    @Test func inSpeakerLedNotesANameMetOnceIsASpeakerToo() throws {
        let r = try record("""
            # QUIC WG meeting

            Ted Hardie: Please email the chairs with the extension points you need.

            Robin Marx: We will do that this week.

            Lucas Pardue: The extensibility story is good enough for now.

            Ted Hardie: Thanks, next item.

            Robin Marx: Agreed, moving on.

            Lucas Pardue: One more comment on the draft.

            Kazuho Oku: This introduces a cost but I am ok with it.
            """, "notes.md")
        #expect(r.attendees.contains { $0.name == "Kazuho Oku" && $0.via == "speaker" })
        // Outside speaker-led notes a label met once is a field, not a speaker.
        let form = try record("Acta de reunión\n\nLast Committer: Ana Gómez\n\nSe revisó el avance del proyecto.")
        #expect(!form.attendees.contains { $0.name == "Last Committer" })
    }

    @Test func aWebPagesTitleNamesItsSiteAsTheBodyWhenTheTextNamesNone() throws {
        let r = try record("""
            <html><head><title>Minutes 2024-01-19 – PSI AIMS SIG Website</title></head>
            <body><h1>Minutes 2024-01-19</h1><p>Minutes now to be included on the website.</p></body></html>
            """, "minutes.html")
        #expect(r.body == "PSI AIMS SIG")
        #expect(r.via?.body == "metadata:site-title" && r.confidence?.body == 0.4)
        // A page title with no second part names no site.
        let plain = try record("<html><head><title>Minutes</title></head><body><h1>Minutes</h1><p>Nothing.</p></body></html>", "m.html")
        #expect(plain.body == nil)
    }

    @Test func aWorkingGroupsAbbreviationIsWrittenOut() throws {
        let r = try record("# IETF-118 QUIC WG meeting\n\nScribe: David Schinazi\n\nDiscussion of the drafts.", "notes.md")
        #expect(r.body?.hasSuffix("QUIC Working Group") == true)
    }
}
