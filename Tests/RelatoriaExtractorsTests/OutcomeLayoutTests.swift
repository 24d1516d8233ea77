import Foundation
import RelatoriaCore
@testable import RelatoriaExtractors
import Testing

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
            The amendment adds "and to do such other things as conduce to the attainment of these objects".
            """, "minutes.txt")
        #expect(r.dissent.isEmpty)
        // A reservation in plain words is one: "not in agreement", "did not support the", "some concern with".
        let held = try record("""
            Parish council meeting, 2 July 2014

            Present: Cllr Ann Collins, Cllr Tom Reddan

            Councillor Collins stated that he was not in agreement with the scheme as presented.
            Cllr Reddan did not support the proposal to close the bridge.
            There was some concern with the cost of the new signage.
            """, "minutes.txt")
        #expect(held.dissent.count == 3)
        let es = try record("""
            Declaración del comité, 10 de junio de 2020

            Nadie será objeto de injerencias arbitrarias en su vida privada.
            Expresamos el rechazo absoluto del pago de la deuda.
            La educación tendrá por objeto el pleno desarrollo de la personalidad humana.
            Reiteramos nuestro rechazo el día de hoy a la medida.
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

    @Test func motionsThatCloseOnTheirOutcomeElectionsAndCountsOfOpposed() throws {
        let r = try record("""
            Annual general meeting minutes, 11 October 2023

            Present: Wren Halloway, Osric Penn, Della Marsh

            1. Minutes
            The chair moved to accept the minutes of the 2022 meeting. Passed.
            The treasurer moved to adopt the accounts as presented: passed.
            Osric Penn moved to keep the current officers (passed).

            2. Elections
            8 for 0 opposed, Della Marsh for Treasurer.
            1 for 7 opposed, Osric Penn for Secretary.
            Wren Halloway was elected to the post of Chair.
            Add a reopen-nominations option: 6 voted for, 2 voted against; the question was decided in the affirmative.
            The issue with the mailing list was resolved.
            """, "agm.txt")
        let decisions = r.decisions.map(\.text)
        #expect(decisions.contains("The chair moved to accept the minutes of the 2022 meeting"))
        #expect(decisions.contains("The treasurer moved to adopt the accounts as presented"))
        #expect(decisions.contains("Osric Penn moved to keep the current officers"))
        #expect(decisions.contains { $0.hasPrefix("8 for 0 opposed, Della Marsh") })
        #expect(!decisions.contains { $0.hasPrefix("1 for 7 opposed") })
        #expect(decisions.contains { $0.hasPrefix("Wren Halloway was elected") })
        #expect(decisions.contains { $0.hasPrefix("Add a reopen-nominations option") })
        #expect(!decisions.contains { $0.contains("mailing list") })
        let dissent = r.dissent.map(\.text)
        #expect(dissent.contains { $0.hasPrefix("1 for 7 opposed") })
        #expect(dissent.contains { $0.hasPrefix("Add a reopen-nominations option: 6 voted for, 2 voted against") })
        #expect(!dissent.contains { $0.hasPrefix("8 for 0 opposed") })
        #expect(r.dissent.count == 2)
    }

    @Test func aMotionTwoSentencesBeforeItsOutcomeAndTheMotionThatWasApproved() throws {
        let r = try record("""
            Meeting Minutes: March 3, 2021 (approved April 7, 2021)

            Present: Members Okafor, Lindqvist, Tallis.

            1. Reports
            Piet moved the treasurer's report be accepted. Ines seconded. Unanimously accepted.
            Member Tallis made a motion to publish the annual report. Member Okafor seconded the motion, which was then approved unanimously.
            The annual accounts were accepted unanimously.
            Member Lindqvist volunteered to draft the spring newsletter.
            """, "minutes.txt")
        let decisions = r.decisions.map(\.text)
        #expect(decisions.contains("Piet moved the treasurer's report be accepted"))
        #expect(decisions.contains("Member Tallis made a motion to publish the annual report"))
        #expect(decisions.contains { $0.contains("annual accounts") })
        #expect(!decisions.contains { $0.contains("April 7") || $0.hasPrefix("March 3") })
        #expect(!decisions.contains { $0.contains("newsletter") })
        #expect(r.actions.contains { $0.text.contains("spring newsletter") && $0.owner == "Lindqvist" })
        #expect(r.attendees.map(\.name) == ["Okafor", "Lindqvist", "Tallis"])
    }

    @Test func aTableOfMotionsGivesTheMotionsThatPassed() throws {
        let r = try record("""
            # AGM Minutes 2024-09-14

            ## Annual Report

            | Motion Text | Moved by | Seconded by | Status |
            |---|---|---|---|
            | Accept the annual report | Odile | Bram | Accepted unanimously |
            | Set the number of committee members to 10 | Odile | Teodora | Passed by show of hands, 1 against. |
            | Appoint an auditor | No-one | No-one | Lapsed. No one called for the motion. |

            Expenditure amounted to US$ 131,800 against a budget of US$ 140,000.
            """, "agm.md")
        let decisions = r.decisions.map(\.text)
        #expect(decisions.count == 2)
        #expect(decisions.contains("Accept the annual report: accepted unanimously"))
        #expect(decisions.contains { $0.hasPrefix("Set the number of committee members to 10") })
        #expect(r.dissent.map(\.text) == ["Set the number of committee members to 10: passed by show of hands, 1 against"])
    }
}
