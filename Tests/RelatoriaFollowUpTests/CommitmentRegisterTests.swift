import Foundation
import RelatoriaCore
import RelatoriaFollowUp
import RelatoriaKit
import RelatoriaStore
import RelatoriaTestSupport
import Testing

/// The commitments register on the fixtures: statuses, evidence, carry-overs, `--as-of`.
@Suite(.serialized) struct CommitmentRegisterTests {
    func commitment(_ start: String, in list: [Commitment]) throws -> Commitment {
        let found = list.filter { $0.text.hasPrefix(start) }
        #expect(found.count == 1, "\(found.count) commitments start with \(start)")
        return try #require(found.first)
    }

    @Test func statusesEvidenceAndCarryOversOnTheFixtures() throws {
        let f = try FollowUpFixture()
        defer { f.remove() }
        let followUp = try f.followUp()
        let register = try followUp.register(asOf: "2007-12-31")
        let list = register.commitments

        // As many commitments as the fixtures hold distinct commitment lines; repeats carried over.
        let independent = try FollowUpFixture.independentCommitments()
        #expect(list.count == independent.count)
        #expect(list.map { $0.carriedOver.count }.reduce(0, +) == independent.values.map(\.repeats).reduce(0, +))
        for (wording, seen) in independent {
            let c = try commitment(String(wording.prefix(30)), in: list)
            #expect(c.carriedOver.count == seen.repeats, "\(wording)")
        }

        // Reported done in the next meeting's follow-up section.
        let plan = try commitment("Circular el plan de trabajo", in: list)
        #expect(plan.status == .done)
        #expect(plan.owner == "Secretaría Técnica")
        #expect(plan.due == "2006-02-28")
        #expect(plan.body == "Mesa Regional de Cooperación del Magdalena Medio")
        #expect(plan.date == "2006-02-09")
        let planEvidence = try #require(plan.evidence.first)
        #expect(plan.evidence.count == 1)
        #expect(planEvidence.reports == .done)
        #expect(planEvidence.text.contains("circuló el plan de trabajo revisado"))
        #expect(planEvidence.confidence >= CommitmentRegister.closingConfidence)
        let second = try #require(followUp.records.first { $0.date == "2006-04-20" })
        #expect(planEvidence.record == second.id)
        let scalars = Array(second.text.unicodeScalars)
        var quoted = String.UnicodeScalarView()
        quoted.append(contentsOf: scalars[planEvidence.anchor.start..<planEvidence.anchor.end])
        #expect(String(quoted) == planEvidence.text)

        // Reported pending, repeated with a new due date, then reported done.
        let inventory = try commitment("Enviar el inventario", in: list)
        #expect(inventory.owner == "Acción Social")
        #expect(inventory.carriedOver.count == 1)
        #expect(inventory.due == "2006-05-31")
        #expect(inventory.evidence.map(\.reports) == [.pending, .done])
        #expect(inventory.notes.contains("reported pending on 2006-04-20"))
        #expect(inventory.status == .done)
        #expect(inventory.aliases.count == 1)

        // Reported done in the discussion ("presentó la propuesta").
        #expect(try commitment("Presentar una propuesta de calendario", in: list).status == .done)

        // Pending, repeated, and past its new due date: overdue.
        let visit = try commitment("Organizar la primera visita", in: list)
        #expect(visit.owner == "Países Bajos")
        #expect(visit.due == "2006-09-30")
        #expect(visit.evidence.map(\.reports) == [.pending])
        #expect(visit.status == .overdue)

        // Never reported on: overdue.
        let map = try commitment("Elaborar un mapa de riesgos", in: list)
        #expect(map.evidence.isEmpty)
        #expect(map.status == .overdue)

        // English: done "as agreed", pending then done, dropped.
        let mapping = try commitment("Circulate the mapping", in: list)
        #expect(mapping.status == .done)
        #expect(mapping.owner == "Noruega")
        #expect(mapping.evidence.first?.text.contains("circulated as agreed") == true)
        let incidents = try commitment("Send the report on access incidents", in: list)
        #expect(incidents.owner == "OACNUDH")
        #expect(incidents.evidence.map(\.reports) == [.pending, .done])
        #expect(incidents.carriedOver.count == 1)
        #expect(incidents.due == "2007-04-30")
        #expect(incidents.status == .done)
        let mission = try commitment("Present a proposal for a joint field mission", in: list)
        #expect(mission.owner == "Reino Unido")
        #expect(mission.status == .dropped)
        #expect(try commitment("Prepare the work plan", in: list).status == .overdue)
    }

    @Test func statusesAreGivenForTheDayAsked() throws {
        let f = try FollowUpFixture()
        defer { f.remove() }
        let followUp = try f.followUp()
        // Before the second meeting: the inventory is past its first due date, nothing reported.
        let early = try followUp.register(asOf: "2006-04-01").commitments
        #expect(early.count == 3)
        #expect(try commitment("Enviar el inventario", in: early).status == .overdue)
        #expect(try commitment("Circular el plan de trabajo", in: early).status == .overdue)
        #expect(try commitment("Presentar una propuesta de calendario", in: early).status == .open)
        // After the second: repeated with a later due date, so open again, with its pending note.
        let may = try followUp.register(asOf: "2006-05-01").commitments
        let inventory = try commitment("Enviar el inventario", in: may)
        #expect(inventory.status == .open)
        #expect(inventory.due == "2006-05-31")
        #expect(try commitment("Circular el plan de trabajo", in: may).status == .done)
        #expect(!may.contains { $0.text.hasPrefix("Elaborar un mapa") })
        #expect(try commitment("Prepare the work plan", in: try followUp.register(asOf: "2007-06-01").commitments).status == .open)
    }

    @Test func idsStayTheSameWhenItemsAreReordered() {
        let a = CommitmentRegister.id(record: "0123456789abcdef", text: "Enviar el informe.")
        #expect(a == CommitmentRegister.id(record: "0123456789abcdef", text: "enviar  el INFORME"))
        #expect(a != CommitmentRegister.id(record: "0123456789abcdef", text: "Enviar el acta"))
        #expect(a.hasPrefix("0123456789abcdef:") && a.count == 25)
    }

    @Test func filtersAndGroupsOverdueFirst() throws {
        let f = try FollowUpFixture()
        defer { f.remove() }
        let followUp = try f.followUp()
        let list = try followUp.register(asOf: "2007-12-31").commitments
        let sweden = list.filter { CommitmentFilter(owner: "Embassy of Sweden").keeps($0, parties: followUp.parties) }
        #expect(sweden.map(\.text) == ["Presentar una propuesta de calendario de visitas de campo"])
        let english = list.filter { CommitmentFilter(body: "humanitarian access").keeps($0, parties: followUp.parties) }
        #expect(english.count == 4)
        let overdue = list.filter { CommitmentFilter(statuses: [.overdue]).keeps($0, parties: followUp.parties) }
        #expect(overdue.count == 3)
        let in2006 = list.filter { CommitmentFilter(from: "2006-01-01", to: "2006-12-31").keeps($0, parties: followUp.parties) }
        #expect(in2006.count == 5)
        let groups = CommitmentFilter.group(list, by: .owner, unknown: "?")
        #expect(groups.first.map { $0.commitments.first?.status } == .overdue)
        for g in groups {
            let ranks = g.commitments.map { CommitmentFilter.rank($0.status) }
            #expect(ranks == ranks.sorted())
        }
    }
}

/// The register on records made in code: reports from another body that names the owner.
struct CommitmentEvidenceRuleTests {
    static let lexicon = try! FollowUpLexicon.load(folder: PackagePaths.config)

    func record(_ id: String, _ date: String, body: String, text: String, actions: [Action] = [], kind: Record.Kind = .minutes) -> Record {
        Record(id: id, source: .init(filename: "\(id).txt", format: .txt, sha256: id, bytes: 1), kind: kind, date: date, body: body, actions: actions, text: text)
    }

    func register(_ records: [Record]) -> [Commitment] {
        CommitmentRegister(parties: PartiesTests.directory, lexicon: Self.lexicon).build(records: records, manual: [], asOf: "2007-12-31").commitments
    }

    let made = Action(text: "Enviar el informe de desembolsos a las partes", owner: "Embajada de Suecia", due: "2006-03-31")

    @Test func anotherBodysMinutesReportOnlyWhenTheyNameTheOwner() throws {
        let a = record("a", "2006-03-01", body: "Mesa A", text: "COMPROMISOS\n\n- Enviar el informe de desembolsos a las partes.", actions: [made])
        let silent = record("b", "2006-04-01", body: "Mesa B", text: "Se envió el informe de desembolsos a las partes.")
        #expect(register([a, silent]).first?.status == .overdue)
        let naming = record("c", "2006-05-01", body: "Mesa C", text: "La Embajada de Suecia informó que envió el informe de desembolsos a las partes.")
        let c = try #require(register([a, silent, naming]).first)
        #expect(c.status == .done)
        #expect(c.evidence.map(\.record) == ["c"])
        let e = try #require(c.evidence.first)
        #expect(e.confidence >= CommitmentRegister.closingConfidence && e.confidence < 1)
    }

    @Test func anAgendaReportsNothingAndAnEarlierRecordNothing() {
        let a = record("a", "2006-03-01", body: "Mesa A", text: "x", actions: [made])
        let agenda = record("b", "2006-04-01", body: "Mesa A", text: "3. Informe de desembolsos a las partes: pendiente.", kind: .agenda)
        let before = record("c", "2006-02-01", body: "Mesa A", text: "Se envió el informe de desembolsos a las partes.")
        let c = register([a, agenda, before])
        #expect(c.count == 1 && c[0].evidence.isEmpty && c[0].status == .overdue)
    }

    @Test func aTaskVerbSaidDoneReportsOnlyTasksOfThatVerb() {
        let publish = Action(text: "Publicar el informe de seguimiento en la página web", owner: "Vicepresidencia", due: "2006-03-31")
        let a = record("a", "2006-03-01", body: "Mesa A", text: "x", actions: [publish])
        // Another verb said done: not a report on publishing (it was taken as one before).
        let presented = record("b", "2006-04-01", body: "Mesa A", text: "La Vicepresidencia presentó el informe de seguimiento en la página web.")
        #expect(register([a, presented]).first?.evidence.isEmpty == true)
        let published = record("c", "2006-05-01", body: "Mesa A", text: "La Vicepresidencia publicó el informe de seguimiento en la página web.")
        #expect(register([a, presented, published]).first.map { ($0.status, $0.evidence.map(\.record)) } ?? (.open, []) == (.done, ["c"]))
        // A general cue ("se cumplió") reports whatever the verb.
        let general = record("d", "2006-05-01", body: "Mesa A", text: "Lo del informe de seguimiento en la página web se cumplió.")
        #expect(register([a, general]).first?.status == .done)
    }

    @Test func aNewTaskThatMentionsAnEarlierOnesWorkIsStillNew() {
        let draft = Action(text: "Circulate a first draft of the joint contribution", owner: "Canada", due: "2006-09-29")
        let a = record("a", "2006-09-19", body: "G24", text: "x", actions: [draft])
        // "submitted" reports something done, but not this circulation: the Chair's task is new.
        let speak = Action(text: "Speak on behalf of the G24, on the basis of the joint contribution submitted in October", owner: "Chair", due: nil)
        let b = record("b", "2006-11-21", body: "G24", text: "y", actions: [speak])
        #expect(register([a, b]).map(\.owner) == ["Canadá", "Chair"])
    }

    @Test func aWeakMatchIsNotEvidence() {
        let a = record("a", "2006-03-01", body: "Mesa A", text: "x", actions: [made])
        let other = record("b", "2006-04-01", body: "Mesa A", text: "La Secretaría envió las actas de las partes.")
        #expect(register([a, other]).first?.evidence.isEmpty == true)
    }
}
