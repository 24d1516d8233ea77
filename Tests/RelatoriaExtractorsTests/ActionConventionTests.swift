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
        // A wish, a question, and what "would" happen to a price are nobody's task.
        #expect(!r.actions.contains { $0.text.lowercased().contains("second open day") || $0.text.lowercased().contains("school") || $0.text.lowercased().contains("rise") })
    }
}
