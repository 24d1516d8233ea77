import Foundation
import RelatoriaCore
import Testing

/// Title, body and place written in the ways forms, cover tables, resolutions and transcripts
/// write them (conventions of many bodies, each example invented).
struct ScalarConventionTests {
    @Test func aCoverTablesLineThatNamesTheKindIsTheTitle() throws {
        // A logo's empty cell, then the course and the document's own title in one cell.
        let r = try record("""
            <html><body><table>
            <tr><td></td><td>Taller de Robótica<br>Acta de Reunión Sprint 4</td></tr>
            <tr><td>Entregable</td><td>Acta de Reunión</td></tr>
            <tr><td>Fecha</td><td>02/05/2023</td></tr>
            </table>
            <p>CONTROL DE VERSIONES</p>
            <p>Asistentes: Marta Ruiz Gil, Tomás León Vera.</p>
            </body></html>
            """, "acta.html")
        #expect(r.title == "Acta de Reunión Sprint 4")
        // A label's value is not a title line: "Entregable | Acta de Reunión".
        let labelled = try record("""
            <html><body><table>
            <tr><td>Entregable</td><td>Acta de Reunión</td></tr>
            <tr><td>Fecha</td><td>02/05/2023</td></tr>
            </table><h1>Acta 7: seguimiento del prototipo</h1><p>Se revisó el prototipo.</p></body></html>
            """, "acta.html")
        #expect(labelled.title == "Acta 7: seguimiento del prototipo")
    }

    @Test func aFormWithoutATitleLineIsNamedByItsSubjectNotItsNumber() throws {
        let r = try record("""
            FECHA: 4 DE MARZO DE 2021
            NÚMERO DE ACTA: 07
            TEMA GENERAL: Revisión del plan de pruebas
            PARTICIPANTES: Lucía Prieto Soto, Raúl Ibáñez Mora
            Se revisó el plan de pruebas con el tutor.
            """)
        #expect(r.title == "Revisión del plan de pruebas")
        // The first line of a block of several is the title, not the block.
        let block = try record("""
            <html><body><table><tr><td>ACTA DE REUNIÓN<br>Reunión número: 2</td></tr>
            <tr><td>Fecha: 11/04/25</td></tr></table><p>Se repartieron las tareas.</p></body></html>
            """, "acta.html")
        #expect(block.title == "ACTA DE REUNIÓN")
    }

    @Test func aTranscriptsSpeakerLabelIsNotItsTitle() throws {
        let r = try record("""
            Minutes of the project call

            [Speaker 2]
            Good morning everyone.
            """)
        #expect(r.title == "Minutes of the project call")
        let bare = try record("""
            [Speaker 2]
            Good morning everyone, can you hear me?
            [Speaker 1]
            Yes, loud and clear.
            """)
        #expect(bare.title != "[Speaker 2]")
    }

    @Test func aRoomFieldIsThePlaceAndAMeetingsNameBeforeItsDateIsNot() throws {
        let r = try record("""
            Interop Working Group session

            Room: Harbour Hall 3
            Thursday, 9 May 2024
            """)
        #expect(r.place == "Harbour Hall 3")
        let named = try record("""
            # Library Board monthly meeting, October 3, 2024

            Present: Ann Lee, Bo Park.
            """, "minutes.md")
        #expect(named.place == nil)
        let city = try record("""
            Acta de la reunión

            Valparaíso, 3 de octubre de 2024
            """)
        #expect(city.place == "Valparaíso")
        // A list item or a line in bold written as a place field.
        let item = try record("# AGM minutes\n\n- Date: 14 September 2024\n- Place: Harbour Hall 3, Osborne Park\n\nWe met.\n", "m.md")
        #expect(item.place == "Harbour Hall 3, Osborne Park")
        let bold = try record("# Reunión de marzo\n\n**Lugar: Café Central, Calle Real 11, Granada.**\n\nNos reunimos.\n", "m.md")
        #expect(bold.place == "Café Central")  // (its first part, as for a field)
    }

    @Test func theOrganOfAnEnactingFormulaOrOfTheOpeningParagraphIsTheBody() throws {
        let r = try record("""
            Declaración sobre el acceso al agua

            La Asamblea Regional,

            Considerando que el agua es un bien común,

            Proclama la presente declaración.
            """)
        #expect(r.body == "Asamblea Regional")
        let opening = try record("""
            Minutes

            Date: 2023-03-02

            The Steering Committee met online with five members.

            The budget was approved.
            """)
        #expect(opening.body == "Steering Committee")
    }
}

/// Attendees written with forms of address and initials.
struct AddressFormTests {
    @Test func donAndDoñaOnTheirOwnLinesAreAttendeesNotLetteredItems() throws {
        let r = try record("""
            Acta de la Junta

            Asistentes:
            D. Julián Herrera Gil (Presidente)
            Dña. Rosa Medina Paz (Secretaria)
            D. Iker Sáez
            """)
        #expect(r.attendees.map(\.name) == ["Julián Herrera Gil", "Rosa Medina Paz", "Iker Sáez"])
        // A lettered item is still one.
        let lettered = try record("""
            Acta de la Junta

            Acuerdos:
            A. Aprobar el presupuesto de 2024.
            B. Renovar la Junta Directiva en marzo.
            """)
        #expect(lettered.decisions.count == 2)
    }

    @Test func councillorsAndInitialsJoinedByAndAreEachAnAttendee() throws {
        let r = try record("""
            Parish Council minutes

            Present: Cllr T Ward (Chairman), Cllrs H Moss, B Fry, Mrs E Lane and G Holt.
            """)
        #expect(r.attendees.map(\.name) == ["T Ward", "H Moss", "B Fry", "E Lane", "G Holt"])
    }
}

/// Dates and places as web pages and minutes' opening lines state them.
struct OpeningLineTests {
    @Test func aPagesFrontMatterDateGivesWayToTheMeetingsOwn() throws {
        let r = try record("""
            ---
            title: "Hilltop Parish Council"
            date: "2019-07-02"
            ---

            Minutes of the meeting of the Parish Council held on Wednesday 12 June 2019.

            Present: Cllrs A Fox, B Reed.
            """, "minutes.md")
        #expect(r.date == "2019-06-12")
        // Hugo's TOML front matter is read too, and is not the title.
        let toml = try record("""
            +++
            title = "Board meeting: 2023-11-04"
            date = 2023-11-04
            +++

            Present: Ann Lee, Bob Roe.
            """, "board.md")
        #expect(toml.title == "Board meeting: 2023-11-04")
        #expect(toml.date == "2023-11-04")
        // With no date of its own, the front matter's stands.
        let only = try record("""
            ---
            title: "Team sync"
            date: 2022-02-03
            ---

            We reviewed the backlog.
            """, "sync.md")
        #expect(only.date == "2022-02-03")
        // Pelican's metadata lines, without fences, are front matter too.
        let pelican = try record("""
            Title: Primera reunión del año
            Date: 2014-01-20 12:00
            save_as: reunion-enero.html

            El sábado 18 de enero nos reunimos en la biblioteca.
            """, "reunion.md")
        #expect(pelican.title == "Primera reunión del año")
        #expect(pelican.date == "2014-01-18")
        #expect(!pelican.text.contains("save_as"))
    }

    @Test func aNumberAfterAHashIsNoDay() throws {
        let r = try record("<html><body><h1>Technical Committee Meeting #2 Dec 14, 2016</h1><p>Roll call.</p></body></html>", "m.html")
        #expect(r.date == "2016-12-14")
    }

    @Test func theVenueAfterAPlaceCueIsThePlace() throws {
        let r = try record("""
            MINUTES OF THE VILLAGE COUNCIL MEETING HELD AT THE OLD SCHOOL MONDAY 3rd JUNE 2019

            Present: Cllrs A Fox, B Reed.
            """)
        #expect(r.place == "THE OLD SCHOOL")
        let es = try record("""
            Acta de la sesión celebrada en la Sala de Juntas del Rectorado el 3 de mayo de 2021

            Asistentes: Ana Ruiz Gil, Pedro Sanz Mora.
            """)
        #expect(es.place == "Sala de Juntas del Rectorado")
        let none = try record("""
            Minutes

            The meeting was held in person and online.
            """)
        #expect(none.place == nil)
    }
}

/// Lines at the top that look like labels and are titles, and labels that look like bodies.
struct LabelLikeLineTests {
    @Test func aTitleWithATimeOrEndingInAColonAfterItsDateIsStillTheTitle() throws {
        let r = try record("""
            Sensors virtual interim - 10-06-2020 - 14:00 UTC

            Chairs:
            - Ana Ruiz, Acme
            """)
        #expect(r.title == "Sensors virtual interim - 10-06-2020 - 14:00 UTC")
        let colon = try record("""
            Minuta 20/05/2025:
            Participantes: Facundo y Leandro
            Decisiones tomadas: usar PostgreSQL.
            """)
        #expect(colon.title == "Minuta 20/05/2025")
    }

    @Test func aGroupLabelBeforeItsMembersOrAColumnTitleIsNoBody() throws {
        let r = try record("""
            # Sync 2025-11-05

            - Attendees: @ana @luis
            - Board: @ron @lassulus

            ## Notes
            We reviewed the roadmap.
            """, "sync.md")
        #expect(r.body == nil)
        let column = try record("""
            <html><body><h1>Vote 12: adopt the charter</h1>
            <table><tr><th>Committee Member</th><th>Vote</th></tr><tr><td>Ana Ruiz</td><td>+1</td></tr></table>
            </body></html>
            """, "vote.html")
        #expect(column.body == nil)
    }
}

/// Attendance written as list items and labels of other shapes.
struct AttendanceLabelTests {
    @Test func aListItemLabelledAsAttendanceListsItsHandles() throws {
        let r = try record("""
            # Steering meeting 2025-03-04

            - TC Attendees (4/7): @ana-r @luisp @mk2000 @zoe (quorum)
            - Observers: @tim
            - Regrets: @bob

            ## Notes
            We reviewed the roadmap.
            """, "notes.md")
        #expect(r.attendees.map(\.name) == ["ana-r", "luisp", "mk2000", "zoe", "tim"])
    }

    @Test func thoseAttendingIsAnAttendanceLabel() throws {
        let r = try record("""
            Minutes of the Annual Meeting held on Wednesday 18 May 2011

            Those Attending: Cllr Mrs J Hale, Cllr P Dunn, Borough Councillor R Vane.
            """)
        #expect(r.attendees.count == 3)
        #expect(r.attendees.prefix(2).map(\.name) == ["J Hale", "P Dunn"])
    }
}

/// The names minutes and adopted texts go by.
struct KindWordTests {
    @Test func summariesRetrospectivesAndSessionsAreMinutesAResolutionIsAnAdoptedText() throws {
        #expect(try record("Summary of the third session\n\nThe group reviewed the catalogue.").kind == .minutes)
        #expect(try record("Retrospectiva del sprint 2\n\nQué salió bien: las revisiones.").kind == .minutes)
        #expect(try record("Resolution on open meeting records\n\nThe Committee resolves that minutes are public.").kind == .declaration)
        // "Call to order" is an agenda item, not the kind of the document.
        let r = try record("""
            Board of Directors Meeting Minutes

            1. Call to order
            The chair called the meeting to order.
            """)
        #expect(r.title == "Board of Directors Meeting Minutes")
    }
}

extension KindWordTests {
    @Test func aHeadingWithADateAndASubjectIsATitleADateAloneIsNot() throws {
        let r = try record("""
            2019-03-12 Requirements for the Naming Policy
            ==============================================

            The committee has been asked to clarify the rules.
            """)
        #expect(r.title == "2019-03-12 Requirements for the Naming Policy")
    }
}

extension KindWordTests {
    @Test func anOrgansAbbreviationNamesTheBody() throws {
        #expect(try record("# Harbor Foundation TSC Meeting 2016-02-04\n\nPresent: Ann Lee, Bob Roe.", "m.md").body == "Harbor Foundation TSC")
        #expect(try record("Widget PMC meeting, 2020-01-09\n\nPresent: Ann Lee, Bob Roe.").body == "Widget PMC")
    }
}

extension AttendanceLabelTests {
    @Test func listsOfSurnamesFirstNamesAndInitialsAreEachAPerson() throws {
        #expect(try record("Minutes\n\nPresent: Cllrs Hale, Dunn and Vane\n").attendees.map(\.name) == ["Hale", "Dunn", "Vane"])
        #expect(try record("Reunión del equipo\n\nIntegrantes presentes: Ana, Luis y Marta.\n").attendees.map(\.name) == ["Ana", "Luis", "Marta"])
        #expect(try record("Minutes of meeting\n\nPRESENT\nCouncillors A. Hale (Chairman), B. Dunn, C. Vane\n").attendees.map(\.name) == ["A. Hale", "B. Dunn", "C. Vane"])
        // The absent after a semicolon are not present.
        #expect(try record("Minutes\n\nMembers present: Alice Ng, Bob Roe; Members absent: Carol Poe\n").attendees.map(\.name) == ["Alice Ng", "Bob Roe"])
    }

    @Test func aSectionWordAloneOverShortLinesOpensAListOfLines() throws {
        let r = try record("""
            Meeting notes

            Attendees
            Alice Ng
            Bob Roe
            Carol Poe

            Notes
            We met and agreed on the plan.
            """)
        #expect(r.attendees.map(\.name) == ["Alice Ng", "Bob Roe", "Carol Poe"])
    }
}

/// Tables of people outside any attendee heading.
struct PeopleTableTests {
    @Test func aTableWithANameColumnListsAttendeesAndItsAttendanceColumnTheAbsent() throws {
        let r = try record("""
            <html><body><h1>Acta 3</h1><table>
            <tr><td>Nombre y apellidos</td><td>Rol</td><td>Asistió</td></tr>
            <tr><td>Ana Gil Soto</td><td>Líder</td><td>Sí</td></tr>
            <tr><td>Luis Paz Mora</td><td>Desarrollador</td><td>No</td></tr>
            <tr><td>Marta Ruiz</td><td>Tester</td><td>Sí</td></tr>
            </table></body></html>
            """, "acta.html")
        #expect(r.attendees.map(\.name) == ["Ana Gil Soto", "Marta Ruiz"])
        #expect(r.attendees.first?.role == "Líder")
        // A task table's person column names owners, not attendees.
        let tasks = try record("""
            <html><body><h1>Minutes</h1><table><tr><th>Task</th><th>Name</th></tr>
            <tr><td>Write the report</td><td>Luis Paz</td></tr></table></body></html>
            """, "m.html")
        #expect(tasks.attendees.isEmpty)
    }

    @Test func aTablesTitleRowOpensItsSection() throws {
        let r = try record("""
            <html><body><h1>Acta 3</h1><table>
            <tr><td colspan="2">ASISTENTES</td></tr>
            <tr><td>Ana Gil</td><td>Líder</td></tr>
            <tr><td>Luis Paz</td><td>Desarrollador</td></tr>
            <tr><td colspan="2">TEMAS</td></tr>
            <tr><td>Plan de pruebas</td><td>Se revisó el plan</td></tr>
            </table></body></html>
            """, "acta.html")
        #expect(r.attendees.map(\.name) == ["Ana Gil", "Luis Paz"])
    }
}

extension KindWordTests {
    @Test func aDocumentWordOutweighsAnEventWordAndANoticeIsAnAgenda() throws {
        #expect(try record("ISO/TC 99 Meeting Agenda 2017-06-07\n\n1. Opening\n2. Budget\n").kind == .agenda)
        #expect(try record("Board Teleconference Minutes\n\nPresent: Ann Lee, Bob Roe.\n").kind == .minutes)
        let notice = try record("""
            # Primera Reunión del 2024

            ## Orden del día
            - Bienvenida
            - Plan del año
            """, "r.md")
        #expect(notice.kind == .agenda)
        let held = try record("""
            # Primera Reunión del 2024

            ## Orden del día
            - Bienvenida

            ## Asistentes
            - Ana Gil
            - Luis Paz
            """, "r.md")
        #expect(held.kind == .minutes)
    }

    @Test func aFrontMattersFoldedTitleIsReadWhole() throws {
        let r = try record("""
            ---
            title: >
              Outcomes of the council vote
              released to members
            date: 2015-01-29
            ---

            The council voted on three papers.
            """, "post.md")
        #expect(r.title == "Outcomes of the council vote released to members")
    }
}

/// Consensus and dissent written as working groups write them.
struct PositionCueTests {
    @Test func consensusCallsAndRaisedConcernsArePositionsAQuestionIsNot() throws {
        let r = try record("""
            Steering committee minutes

            Release naming: consensus was that names stay as they are.
            Concerns were raised about the size of the installer.
            Is there anyone who objects to moving the repository?
            """)
        #expect(r.consensus.map(\.text) == ["Names stay as they are"])
        #expect(r.dissent.count == 1)
        #expect(r.dissent.first?.text.contains("installer") == true)
        // "Several members expressed concern about ..." is no dissent by itself.
        let worry = try record("Minutes\n\nSeveral members expressed concern about the timetable.\n")
        #expect(worry.dissent.isEmpty)
    }
}

extension OpeningLineTests {
    @Test func aPagesFrontMatterLocationIsThePlaceAndAnOpeningSentenceIsNoTitle() throws {
        let r = try record("""
            ---
            title: "Winter General Meeting"
            location: "HP 5345 (Seminar Room)"
            ---

            We will have our general meeting on Wednesday.
            """, "notice.md")
        #expect(r.place == "HP 5345 (Seminar Room)")
        let sentence = try record("""
            <html><body><p>The Village Council held their meeting remotely via video call at 7.30pm on the 10th June 2020.</p>
            <h4>Minutes of the June meeting</h4><p>Present: Ann Lee, Bob Roe.</p></body></html>
            """, "m.html")
        #expect(sentence.title == "Minutes of the June meeting")
    }
}

extension KindWordTests {
    @Test func aGroupsAcronymOpeningTheTitleIsTheBody() throws {
        #expect(try record("TAG Teleconference 14 August 2018\n\nPresent: Ann Lee, Bob Roe.\n").body == "TAG")
        // (A general meeting is an organ itself: the society's general meeting.)
        #expect(try record("# CCSS General Meeting\n\nWe will meet on Wednesday.\n", "n.md").body == "CCSS General Meeting")
        #expect(try record("# CCSS Meeting\n\nWe will meet on Wednesday.\n", "n.md").body == "CCSS")
        // (Unless an organ heads the page: the general meeting is the council's.)
        let headed = try record("---\ntitle: \"General Meeting 3rd July 2023\"\n---\n\nHARBOUR COMMUNITY COUNCIL\n\nMINUTES OF GENERAL MEETING\n\nPresent: Ann Lee, Bob Roe.\n", "m.md")
        #expect(headed.body == "Harbour Community Council")
        // An acronym that is not before the kind word names no body.
        #expect(try record("USA trip notes\n\nWe visited three cities.\n").body == nil)
        // An acronym in mixed case ("PyAr", "CoRE"), before an interim meeting or "@" an event.
        #expect(try record("PyAr Virtual interim - 10-06-2020\n\nChairs: Ana Lee\n").body == "PyAr")
        #expect(try record("DiSC @ EuroConf 2019 (agenda)\n\nChairs: Ana Lee\n").body == "DiSC")
        // Not a word that merely opens in capitals, nor one with more small letters than capitals.
        #expect(try record("GitHubber notes\n\nWe met.\n").body == nil)
        // After the kind word that opens the title; not a Roman numeral there.
        #expect(try record("# Reunión GISAT 04/10/2023\n\nAsistentes: Ana Gil\n", "n.md").body == "GISAT")
        #expect(try record("# Acta III\n\nAsistentes: Ana Gil\n", "n.md").body == nil)
        // A date that opens the title is no part of the name; a name after the kind words and a
        // dash, but not a topic ("Planificación del sprint").
        #expect(try record("2008-10-10 Lumiera Developers Meeting\n\nParticipants: Ana Lee\n").body == "Lumiera Developers")
        #expect(try record("# Acta de Reunión - [G4/Borroo]\n\nAsistentes: Ana Gil\n", "n.md").body == "G4/Borroo")
        #expect(try record("# Acta de reunión - Planificación del sprint\n\nAsistentes: Ana Gil\n", "n.md").body == nil)
        #expect(try record("# Meeting Minutes: Ocial\n\nPresent: Ana Gil\n", "n.md").body == "Ocial")
        // "grupo", "equipo", "team" name a body only with its name: "el grupo Interferencias",
        // "Rust Users Group"; not alone, nor an English "Club Records".
        #expect(try record("# Reunión marzo 2017\n\nReunión mensual del grupo Interferencias para tratar temas de privacidad.\n", "n.md").body == "grupo Interferencias")
        #expect(try record("# Diario del Equipo\n\nHablamos del sprint.\n", "n.md").body == nil)
        #expect(try record("# Meeting Minutes & Club Records\n\nPresent: Ana Gil, Bob Roe. The committee met in the library and approved the budget for the year.\n", "n.md").body == nil)
        #expect(try record("# Minutes\n\nMonthly meeting of the Rust Users Group, held online.\n", "n.md").body == "Rust Users Group")
    }

    /// An acta's opening names its city: "En la ciudad de Rosario, ...", "En la localidad de San
    /// Martín de los Andes, ...", "in the city of Leeds".
    @Test func theOpeningLinesCityIsThePlace() throws {
        #expect(try record("Acta N° 12/2021\nComisión Directiva\n\nEn la ciudad de Rosario, a los nueve días del mes de marzo de 2021, se reúne la Comisión Directiva.\n\nSe aprobó el presupuesto.\n").place == "Rosario")
        #expect(try record("Acta de la asamblea\n\nEn la localidad de San Martín de los Andes, siendo las 18 horas del 9 de marzo de 2021, se reúnen los socios.\n\nSe aprobó el presupuesto.\n").place == "San Martín de los Andes")
        #expect(try record("Minutes of the annual meeting\n\nThe meeting took place in the city of Leeds on 9 March 2021.\n\nThe budget was approved.\n").place == "Leeds")
        // A street address alone on a line at the top.
        #expect(try record("Board of Education\n\n3738 Walnut Avenue, Carmichael, California 95608\n\nRegular meeting, October 25, 2022\n\nThe budget was approved.\n").place == "3738 Walnut Avenue, Carmichael, California 95608")
        #expect(try record("Acta de la Junta Directiva\n\nCalle 72 No. 10-34, oficina 301\n\nFecha: 3 de marzo de 2021\n\nSe aprobó el presupuesto.\n").place == "Calle 72 No. 10-34, oficina 301")
        #expect(try record("Board minutes\n\n12 members were present.\n\nDate: 3 March 2021\n").place == nil)
    }

    /// A heading that is a kind word and nothing else ("## Notes") under the document's own
    /// heading is the part where the notes are, not the title.
    @Test func aBareKindWordHeadingUnderTheTitleIsAPart() throws {
        let r = try record("# Weekly sync — 2021/03/09\n\nAttendees: Ana, Luis\n\n## Notes\n\n- We agreed to ship on Friday.\n", "n.md")
        #expect(r.title == "Weekly sync — 2021/03/09")
        #expect(try record("# Design review\n\nAttendees: Ana, Luis\n\n## Minutes\n\n- We agreed to ship.\n", "n.md").title == "Design review")
    }

    @Test func aCapitalisedNameBeforeTheKindWordIsTheBodyWhenNothingElseIs() throws {
        #expect(try record("# Lighthouse Core Devs Meeting #25\n\nAttendees: Ann Lee\n", "n.md").body == "Lighthouse Core Devs")
        #expect(try record("Harbour Tour meeting minutes\n\nDate: 8 May 2012\n\nWe met.\n").body == "Harbour Tour")
        // (A short number inside the name is part of it; a year is not.)
        #expect(try record("ISO/TC 154 CAT Meeting Minutes 2017-06-07\n\nWe met.\n").body == "ISO/TC 154 CAT")
        #expect(try record("Harbour Tour 2024 meeting minutes\n\nWe met.\n").body == nil)
        // (One word alone is too little: "Planning notes" names no group.)
        #expect(try record("Planning notes\n\nWe met.\n").body == nil)
        // Not a frequency, an ordinal or a month before it.
        #expect(try record("# Weekly Meeting\n\nWe met.\n", "n.md").body == nil)
        #expect(try record("# Última reunión del año\n\nNos reunimos.\n", "n.md").body == nil)
        #expect(try record("# March Meeting\n\nWe met.\n", "n.md").body == nil)
    }
}
