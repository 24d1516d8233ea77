import Foundation
import RelatoriaCore
@testable import RelatoriaExtractors
import Testing

/// How minutes hand out tasks beyond the cue phrases (issue 18): a stand-up's "Will do" under
/// each person's name, an arrow from a member to a task among the points agreed, "was asked to",
/// and the future of reported speech ("would", "shall").
struct ActionConventionTests {
    @Test func aStandUpsWillDoIsTheTaskOfThePersonItIsUnder() throws {
        let r = try record("""
            Daily stand-up, 4 March 2024

            Marta G:

            Done: reviewed the login form

            Will do: draft the survey questions for the pilot

            Blockers: none

            Tomás:

            Done: fixed the export bug

            To do: write tests for the export module

            Blockers: exams
            """, "standup.txt")
        let byOwner = Dictionary(r.actions.map { ($0.owner ?? "-", $0.text) }, uniquingKeysWith: { a, _ in a })
        #expect(byOwner["Marta G"]?.lowercased().contains("draft the survey questions") == true)
        #expect(byOwner["Tomás"]?.lowercased().contains("write tests for the export module") == true)
        // What was done is no task.
        #expect(!r.actions.contains { $0.text.lowercased().contains("reviewed the login form") || $0.text.lowercased().contains("fixed the export bug") })
    }

    @Test func anArrowFromAMemberToATaskAmongThePointsAgreedIsThatMembersTask() throws {
        let r = try record("""
            Acta de la reunión del equipo, 12 de mayo de 2024

            ACUERDOS

            - Aprobar el calendario de entregas del segundo trimestre.
            - Lucía -> revisar el presupuesto de la feria
            - Juan Pedro -> preparar la demo para el cliente
            - Presupuesto -> aprobado
            """, "acta.md")
        let lucia = try #require(r.actions.first { $0.text.lowercased().contains("revisar el presupuesto de la feria") })
        #expect(lucia.owner == "Lucía")
        #expect(r.actions.contains { $0.owner == "Juan Pedro" && $0.text.lowercased().contains("preparar la demo") })
        #expect(r.decisions.contains { $0.text.lowercased().contains("aprobar el calendario de entregas") })
        #expect(!r.decisions.contains { $0.text.lowercased().contains("revisar el presupuesto de la feria") })
        // A one-word outcome after an arrow hands out no task.
        #expect(!r.actions.contains { $0.text.lowercased().contains("aprobado") })
    }

    @Test func someoneAskedToDoSomethingHasATask() throws {
        let r = try record("""
            Minutes of the Hillside Allotment Committee, 3 June 2019

            Present: Cllr Nora Bell, Dev Malik, Owen Price

            3. Fencing
            The Secretary was asked to write to the landowner about the broken fence on the north side.
            """, "minutes.txt")
        #expect(r.actions.contains { $0.text.lowercased().contains("write to the landowner about the broken fence") })
    }

    @Test func wouldAndShallReportATaskOnlyOfSomeoneNamed() throws {
        let r = try record("""
            Minutes of the Hillside Allotment Committee, 3 June 2019

            Present: Cllr Nora Bell, Dev Malik, Owen Price

            4. Water supply
            Dev Malik would contact the water board about the leaking standpipe.
            Owen Price shall open a separate account for the plot rents.
            It was noted that the price would rise next year.

            5. Open day
            Owen Price: I would favour a second open day in the autumn.
            Owen Price: Would the school want to take part again?
            """, "minutes.txt")
        #expect(r.actions.contains { $0.owner == "Dev Malik" && $0.text.lowercased().contains("contact the water board") })
        #expect(r.actions.contains { $0.owner == "Owen Price" && $0.text.lowercased().contains("open a separate account") })
        // A member named the second time by form of address and surname is that member.
        let again = try record("""
            Minutes of Brookfield Village Council, 8 July 2021

            Present: Cllr. Owen Williams, Cllr. A. Davies

            The chair opened the meeting. Cllr Williams would send a letter to the county council.
            """, "minutes.txt")
        #expect(again.actions.contains { $0.owner == "Owen Williams" && $0.text == "Send a letter to the county council" })
        // A wish, a question, and what "would" happen to a price are nobody's task.
        #expect(!r.actions.contains { $0.text.lowercased().contains("second open day") || $0.text.lowercased().contains("school") || $0.text.lowercased().contains("rise") })
    }
}

/// Outcomes as minutes lay them out (issue 18): in a table's cells after the row's topic (even
/// under an "Agenda" heading when the header names what happened), under a lead-in over a list
/// of sums, or said alone after a motion ("Agreed.").
struct OutcomeLayoutTests {
    @Test func theCellsOfAMinutesTableGiveItsItemsEvenUnderAnAgendaHeading() throws {
        let r = try record("""
            # Tooling working group: minutes, 14 October 2024

            ## Agenda

            | Topic | Notes |
            |---|---|
            | Approve the agenda | Agenda approved. |
            | Release cadence | Agreed to publish a release every six weeks. |
            | Mirrors | Some discussion, no conclusion yet. |
            """, "minutes.md")
        let texts = r.decisions.map { $0.text.lowercased() }
        #expect(texts.contains { $0.contains("agenda approved") })
        #expect(texts.contains { $0.contains("publish a release every six weeks") })
        #expect(!texts.contains { $0.contains("mirrors") || $0.contains("no conclusion") })
        // Each item is anchored at its own sentence inside the row.
        let release = try #require(r.decisions.first { $0.text.lowercased().contains("six weeks") })
        #expect(r.anchored(release.anchor).contains("Agreed to publish a release every six weeks"))
    }

    @Test func anAgendaTableWithoutARecordColumnGivesNoItems() throws {
        let r = try record("""
            # Tooling working group: minutes, 14 October 2024

            ## Agenda

            | Item | Presenter |
            |---|---|
            | Budget approved last year: review | Ana Ruiz |
            | Motion to adopt the new logo | Tom Hale |
            """, "agenda.md")
        #expect(r.decisions.isEmpty)
    }

    @Test func aSentenceInAFieldIsAnchoredAtItselfNotAfterTheLabelsLength() throws {
        let r = try record("""
            Minutes of the board, 3 June 2019

            Notes: Some discussion happened. The board agreed to adopt the budget for 2020.
            """, "minutes.txt")
        let d = try #require(r.decisions.first)
        #expect(r.anchored(d.anchor) == "The board agreed to adopt the budget for 2020.")
    }

    @Test func aListOfPaymentsApprovedIsOneDecision() throws {
        let r = try record("""
            # Minutes of Brookfield Village Council, 8 July 2021

            Present: Cllr Ann Hughes, Cllr Rhys Morgan

            ## Accounts

            The following payments were approved:

            - Village hall hire, June: £45.00
            - Grass cutting, playing field: £320.50
            - Clerk's salary, July: £410.00

            ## Projects

            Members also approved the following proposals of the working party:

            - A new bench for the bus stop
            - A survey of the footpaths
            """, "minutes.md")
        let texts = r.decisions.map(\.text)
        #expect(texts.filter { $0.contains("payments were approved") }.count == 1)
        #expect(!texts.contains { $0.contains("£") })
        // A list that is not of sums keeps one decision a point.
        #expect(texts.contains { $0.contains("new bench") } && texts.contains { $0.contains("survey of the footpaths") })
    }

    @Test func anOutcomeSaidAloneIsTheDecisionOnTheItemsTitleLine() throws {
        let r = try record("""
            Minutes of Brookfield Village Council, 8 July 2021

            Present: Cllr Ann Hughes, Cllr Rhys Morgan, Cllr Jo Price

            Adoption of the Standing Orders
            The Clerk asked whether members had read the revised Standing Orders.
            Cllr Hughes proposed acceptance, seconded by Cllr Morgan. Agreed.

            Insurance renewal
            The Clerk presented two quotations for the renewal.
            Cllr Price proposed the lower quotation, seconded by Cllr Hughes. Approved.
            """, "minutes.txt")
        let texts = r.decisions.map(\.text)
        #expect(texts.contains { $0.hasPrefix("Adoption of the Standing Orders") && $0.hasSuffix("Agreed") })
        #expect(texts.contains { $0.hasPrefix("Insurance renewal") && $0.hasSuffix("Approved") })
    }

    @Test func aConditionOrSuppositionIsNoDecision() throws {
        let r = try record("""
            Working group call, 10 June 2020

            Present: Jaime Jiménez, Carsten Bormann

            JJ: Even if it's immediately adopted we cannot guarantee how long it will take.
            New members shall be admitted only if their application is approved by the board.
            The group agreed to present the draft in July.
            """, "minutes.txt")
        #expect(r.decisions.count == 1)
        #expect(r.decisions.first?.text.lowercased().contains("present the draft in july") == true)
    }

    @Test func asOpposedToAndTheNounObjetoAreNoDissent() throws {
        let r = try record("""
            Working group call, 10 June 2020

            Present: Jaime Jiménez, Carsten Bormann

            The chairs will present it in July as an extension, as opposed to a full revision.
            """, "minutes.txt")
        #expect(r.dissent.isEmpty)
        let es = try record("""
            Declaración del comité, 10 de junio de 2020

            Nadie será objeto de injerencias arbitrarias en su vida privada.
            Expresamos el rechazo absoluto del pago de la deuda.
            La delegación de Chile objetó la redacción del artículo 3.
            """, "declaracion.txt")
        #expect(es.dissent.count == 1)
        #expect(es.dissent.first?.text.contains("artículo 3") == true)
    }

    @Test func anOutcomeAfterAMotionIsTheMotionAndTheMotionAloneIsNoDecision() throws {
        let r = try record("""
            MINUTES OF PROCEEDINGS OF THE LEGISLATIVE ASSEMBLY, 3 MARCH 2010

            1. The Chief Whip moved: That the House resolves that the sitting hours for the rest of the session be extended to 19:00.
            2. Agreed to.
            3. The Deputy Chief Whip moved: That the Report on water services be adopted.
            4. Motion agreed to.
            """, "minutes.txt")
        let texts = r.decisions.map(\.text)
        #expect(texts.contains { $0.hasPrefix("That the House resolves") && $0.contains("19:00") })
        #expect(texts.contains("That the Report on water services be adopted"))
        // The motion's own line, before it is agreed to, is no decision of its own.
        #expect(texts.count == 2)
    }

    @Test func dissentAndConsensusAsCouncilsAndCommitteesWriteThem() throws {
        let r = try record("""
            Acta del Consejo de Facultad, 12 de mayo de 2022

            Asistentes: Ana Gil, Luis Paz, Marta Ríos

            Se aprobó el calendario académico. La consejera Marta Ríos salvó su voto.
            Todos estamos de acuerdo en publicar las actas en la web.
            """, "acta.txt")
        #expect(r.dissent.contains { $0.parties.contains { $0.contains("Marta Ríos") } })
        #expect(r.consensus.contains { $0.text.lowercased().contains("publicar las actas") })
        let en = try record("""
            Minutes of the Parish Council, 3 May 2022

            Present: Cllr Ann Hughes, Cllr Rhys Morgan

            The budget was approved. Cllr Morgan voted no.
            """, "minutes.txt")
        #expect(en.dissent.count == 1)
    }

    @Test func aSpeakersAgreedIsNoDecision() throws {
        let r = try record("""
            Storage working group notes, March 3, 2021

            kvaldez: we could drop the vary handling entirely
            opatel: Agreed.
            kvaldez: then I will write it up
            opatel: Agreed.
            """, "notes.txt")
        #expect(!r.decisions.contains { $0.text.hasSuffix("Agreed") })
    }

    @Test func aPositionThatOnlySaysThereWasOneNamesWhatItIsAbout() throws {
        let r = try record("""
            # Build tooling meeting notes, 2 May 2023

            ## Add a CI service to the organisation

            - No objections.

            ## Sandbox repository

            - Lena asks if there are objections against creating a sandbox repository? No objections.

            ## Co-option of new members

            The chair proposed co-opting all three applicants. Carried by 2 votes to 1.
            """, "notes.md")
        let consensus = r.consensus.map(\.text)
        #expect(consensus.contains { $0.contains("Add a CI service to the organisation") && $0.contains("No objections") })
        #expect(consensus.contains { $0.contains("creating a sandbox repository") })
        #expect(r.dissent.contains { $0.text.contains("Co-option of new members") && $0.text.contains("Carried by 2 votes to 1") })
    }

    @Test func aPartyIsSomeoneAndAPlaceholderIsNoTask() throws {
        let r = try record("""
            Acta de la reunión del equipo, 12 de mayo de 2024

            Asistentes: Lucía Gómez, Pedro Ruiz

            Respecto a las expectativas del curso, todos los miembros coinciden en que el proyecto debe entregarse completo.
            PRONUNCIAR nuestro rechazo a la tala del parque del barrio.

            COMPROMISOS

            - [Descripción del compromiso]
            - [Acción 1] - [Nombre] - Fecha: [DD/MM/YYYY]
            - Pedro Ruiz enviará el informe al profesor.
            """, "acta.txt")
        let parties = (r.consensus + r.dissent).flatMap(\.parties)
        #expect(!parties.contains("Respecto") && !parties.contains("PRONUNCIAR"))
        #expect(r.actions.count == 1)
        #expect(r.actions.first?.owner == "Pedro Ruiz")
    }
}

/// A notice of a meeting to come is its agenda (issue 18).
struct MeetingNoticeTests {
    @Test func anInvitationToAMeetingWithoutARecordIsAnAgenda() throws {
        let notice = try record("""
            # Spring General Meeting

            We will have our Spring General Meeting in Room 210 on Thursday, April 4, at 5pm.
            Items on the agenda include:

            - the year's accounts
            - election of the new committee
            """, "notice.md")
        #expect(notice.kind == .agenda)
        let convocatoria = try record("""
            # Reunión abril 2019

            Reunión mensual del grupo para hablar de software libre en la ciudad.

            ¡Estáis todos invitados!

            Fecha: 6 de abril
            """, "convocatoria.md")
        #expect(convocatoria.kind == .agenda)
        // Minutes with a record stay minutes, whatever they invite to.
        let minutes = try record("""
            # Spring General Meeting

            Present: Ana Ruiz, Tom Hale, Lena Berg

            The accounts were approved. All members are welcome to the summer picnic.
            """, "minutes.md")
        #expect(minutes.kind == .minutes)
    }
}

/// A document without a title line has no title (issue 18): its first sentence is none.
struct NoTitleTests {
    @Test func aFirstSentenceIsNoTitle() throws {
        let r = try record("""
            *Migración, para cada cliente existente se deberá hacer un script que cree los usuarios y sus permisos.

            Se revisaron los requisitos del módulo de facturación.
            """, "notas.txt")
        #expect(r.title.isEmpty)
        let question = try record("""
            Are we recording?

            Anna: yes, go ahead.
            Ben: then let us start with the budget.
            """, "transcript.txt")
        #expect(question.title.isEmpty)
        // A short first line that reads as a title stays one.
        let titled = try record("""
            Notes of the budget call

            Anna: we start with the budget.
            """, "notes.txt")
        #expect(titled.title == "Notes of the budget call")
    }
}

/// Tasks in the tables of forms (issue 18).
struct FormTaskTableTests {
    @Test func aTitleRowOpensTheTasksOfAFormAndPersonaAsignadaIsTheOwner() throws {
        let r = try record("""
            <html><body><p>Acta de reunión del equipo, 13 de septiembre de 2019</p>
            <table>
            <tr><td>PARTICIPANTES: Marta Ríos, Julián Peña</td></tr>
            <tr><td>CONCLUSIONES:</td></tr>
            <tr><td>Se fijó la fecha de la entrevista con la directora</td></tr>
            <tr><td>TAREAS</td></tr>
            <tr><td>PERSONA ASIGNADA</td><td>DESCRIPCIÓN</td><td>FECHA</td></tr>
            <tr><td>Marta Ríos</td><td>Enviar la invitación a la directora</td><td>20/09/2019</td></tr>
            </table></body></html>
            """, "acta.html")
        let task = try #require(r.actions.first)
        #expect(task.text == "Enviar la invitación a la directora" && task.owner == "Marta Ríos" && task.due == "2019-09-20")
        #expect(!r.decisions.contains { $0.text.contains("TAREAS") || $0.text.contains("invitación") })
    }

    @Test func aTableOfPointsAgreedWithAnOwnerColumnGivesDecisionsAndTasks() throws {
        let r = try record("""
            # Minuta 2 del equipo, 24 de marzo de 2019

            ## Acuerdos finales

            | Tema | Acuerdo | Responsable | Fecha límite |
            |---|---|---|---|
            | Base de datos | Usar PostgreSQL en todos los módulos | Ana Ruiz | 30/03/2019 |
            | Pruebas | Escribir pruebas para el login | Luis Mora | N/A |
            """, "minuta.md")
        #expect(r.decisions.map(\.text).contains("Base de datos: Usar PostgreSQL en todos los módulos"))
        let tests = try #require(r.actions.first { $0.text.contains("pruebas para el login") })
        #expect(tests.owner == "Luis Mora" && tests.due == nil)
        #expect(r.actions.contains { $0.owner == "Ana Ruiz" && $0.due == "2019-03-30" })
    }
}

/// Notes of what was said are no tasks, even under a tasks heading (issue 18).
struct ReportedSpeechTests {
    @Test func aLineThatReportsWhatSomeoneSaidIsNoTask() throws {
        let r = try record("""
            # Security TC call, 14 December 2016

            ## Next steps for the new year

            Vincent: asks how to proceed with the small update.
            Troy: also suggests a fast update first.
            Lena: agrees on pushing the new scoring adoption.
            - Publish the draft schema on the wiki
            """, "notes.md")
        #expect(!r.actions.contains { $0.text.lowercased().contains("asks") || $0.text.lowercased().contains("suggests") || $0.text.lowercased().contains("agrees") })
        #expect(r.actions.contains { $0.text.contains("Publish the draft schema") })
    }
}

/// A lead-in that names the list of tasks hands them its list (issue 18).
struct TaskLeadInTests {
    @Test func aParagraphEndingInALeadInToActionItemsHandsThemItsList() throws {
        let short = try record("""
            TSC minutes, 28 February 2019

            Attendees: Ken Museth, Dan Bailey

            This is a documentation problem for users. Two action items are:

            - Update the install file to reflect the current versions
            - Add a third party list on the website
            """, "minutes.md")
        #expect(short.actions.map(\.text) == ["Update the install file to reflect the current versions", "Add a third party list on the website"])
        #expect(short.actions.allSatisfy { $0.owner == nil })
        // A long paragraph: its last sentence is the lead-in, its other sentences still read.
        let long = try record("""
            TSC minutes, 28 February 2019

            Attendees: Ken Museth, Dan Bailey

            An ongoing problem is for people to determine which dependencies are required to build the library, since different people pick different versions and the documentation says nothing. The group agreed to document the versions the CI uses. Two action items are:

            - Update the install file to reflect the current versions
            """, "minutes.md")
        #expect(long.actions.map(\.text) == ["Update the install file to reflect the current versions"])
        #expect(long.decisions.contains { $0.text.lowercased().contains("document the versions the ci uses") })
    }
}

/// A room in brackets at the top is the place (issue 18).
struct BracketedRoomTests {
    @Test func aRoomInBracketsOnATopLineIsThePlace() throws {
        let r = try record("""
            HTTP working group minutes, IETF 75

            1300-1500 Afternoon Session I (Room 300)

            Chairs: Mark Nottingham
            """, "minutes.txt")
        #expect(r.place == "Room 300")
        let es = try record("Reunión ordinaria del consejo (Sala de Juntas), 3 de mayo de 2021\n\nAsistentes: Ana Gil\n", "acta.txt")
        #expect(es.place == "Sala de Juntas")
        // A street after "nos reunimos en", its abbreviations kept.
        let street = try record("""
            ACTA DE LA ASAMBLEA DE VECINOS

            Siendo las 18:00 horas del día 3 de mayo de 2024 nos reunimos en la calle Gral. Ma. Morelos número doce, colonia Centro.
            """, "acta.txt")
        #expect(street.place == "Calle Gral. Ma. Morelos")
        // Brackets that hold no room name no place.
        let none = try record("Working group minutes (draft), 3 May 2021\n\nPresent: Ana Gil\n", "minutes.txt")
        #expect(none.place == nil)
    }
}
