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

    @Test func meetBotMinutesGiveEachActionOnce() throws {
        let r = try record("""
            #orchard-dev: weekly meeting, 8 May 2012

            Meeting summary
            ---------------
            * Screenshots  (quillon, 15:45:38)
              * ACTION: tamsin screenshots for XFCE  (quillon, 15:48:51)
              * ACTION: quillon talk to the websites team  (quillon, 16:16:30)
              * AGREED: new meeting time will be 1600 UTC  (quillon, 16:19:11)

            Action Items
            ------------
            * tamsin screenshots for XFCE
            * quillon talk to the websites team

            Action Items, by person
            -----------------------
            * quillon
              * quillon talk to the websites team
            * tamsin
              * tamsin screenshots for XFCE
            """, "meeting.txt")
        let texts = r.actions.map(\.text)
        #expect(texts.count == 2)
        #expect(texts.contains("Tamsin screenshots for XFCE"))
        #expect(texts.contains("Quillon talk to the websites team"))
        #expect(!r.decisions.contains { $0.text.contains("16:19") })
    }

    @Test func aDateAloneOnItsLineOpensTheNextMeetingOfTheFile() throws {
        let r = try record("""
            Weekly call notes

            December 14, 2017

            Present: Ines Okafor, Piet Lindqvist

            Action Items:
            Share the documentation about the release.

            November 30, 2017

            The release went out on Tuesday.
            Piet Lindqvist gave an update on the chart repository.
            """, "notes.txt")
        #expect(r.actions.map(\.text) == ["Share the documentation about the release"])
    }

    /// A member written with a form of address and an initial, after the item's number.
    @Test func aMemberByInitialAndSurnameAfterAnItemsNumberOwnsWhatTheyWouldDo() throws {
        let r = try record("""
            Community council minutes, 10 June 2020

            Present: Councillors Alun Davies, Owen Williams and Hywel Gwynne.

            4.4.9. Cllr. O. Williams would send a letter outlining the objections to the County Council.

            11i) Cllr. H. Gwynne would look into the damaged fencing at the old mill.

            Mr. B. Davies would bring the cakes.
            """)
        #expect(r.actions.map(\.text) == ["Send a letter outlining the objections to the County Council", "Look into the damaged fencing at the old mill"])
        #expect(r.actions.map(\.owner) == ["O. Williams", "H. Gwynne"])
    }

    /// A list of tasks does not silence a commitment the running text makes for an attendee
    /// with a commitment cue; a future tense alone stays a report there.
    @Test func aTasksListLeavesCuedCommitmentsOfAttendeesInTheText() throws {
        let r = try record("""
            # Minuta de reunión

            Fecha: 5 de abril de 2020

            Participantes: Ana Ruiz, Luis Vega, Carla Soto

            Se acordó entregar el informe el viernes. Luis Vega se encargará de revisar la redacción. Carla Soto viajará a Lima en mayo.

            Tareas pendientes:
            - Ana: actualizar el diagrama de clases
            """, "minuta.md")
        #expect(r.actions.map(\.text) == ["Revisar la redacción", "Actualizar el diagrama de clases"])
        #expect(r.actions.map(\.owner) == ["Luis Vega", "Ana Ruiz"])
    }
}
