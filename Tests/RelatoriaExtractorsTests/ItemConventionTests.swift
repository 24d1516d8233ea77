import Foundation
import RelatoriaCore
@testable import RelatoriaExtractors
import Testing

/// How items are written in minutes of many organizations (issue 18): outcome lines, action
/// lines, speakers' handles.
struct ItemConventionTests {
    /// A first name stands for the one full name a speaker or the text gives it; the text is
    /// read once for all first names (thousands of labels each read it again before).
    @Test func aFirstNameIsResolvedFromOneReadingOfTheText() {
        let text = """
            Present: Mirja Kühlewind, (Lucas Pardue), Jean-Pierre Dupont
            Ana Ruiz and Ana Gil spoke. O'Brien Smith too. lmasinter: fine
            """
        let names = SpeakerLabels.FirstNames(speakers: ["Martin Thomson"], text: text)
        #expect(names.fullName(of: "Mirja") == "Mirja Kühlewind")
        #expect(names.fullName(of: "Lucas") == "Lucas Pardue")  // after a bracket
        #expect(names.fullName(of: "Pierre") == "Pierre Dupont")  // after a hyphen, as before
        #expect(names.fullName(of: "Jean-Pierre") == "Jean-Pierre Dupont")
        #expect(names.fullName(of: "Ana") == nil)  // two full names: neither
        #expect(names.fullName(of: "Martin") == "Martin Thomson")  // a speaker named in full first
        #expect(names.fullName(of: "lmasinter") == nil && names.fullName(of: "Nadie") == nil)
        #expect(SpeakerLabels.fullName(of: "Mirja", speakers: [], text: text) == "Mirja Kühlewind")
    }

    @Test func aConclusionLineIsAboutTheIssueLineAboveItsDiscussion() throws {
        let r = try record("""
            Storage working group notes
            March 3, 2021

            * open issues

            #12 cache key normalisation

            kvaldez: we could drop the vary handling entirely

            opatel: fine by me, nobody implements it

            conclusion: drop it from the draft

            #15 retry budget

            kvaldez: keep the current limits

            conclusion: keep the limits
            """, "notes.txt")
        let texts = r.decisions.map(\.text)
        #expect(texts.contains { $0.contains("#12 cache key normalisation") && $0.contains("drop it") })
        #expect(texts.contains { $0.contains("#15 retry budget") && $0.contains("keep the limits") })
    }

    @Test func handlesAndFirstNamesThatLabelLinesAreSpeakers() throws {
        let r = try record("""
            # Transport WG session

            ## Path migration (Oriana Feld)

            kvaldez: the timer is too aggressive for mobile links

            Oriana: we can relax it in the next draft

            opatel: agree with relaxing it

            kvaldez: then I am fine

            Teodor Lindqvist (as chair): let's take it to the list

            Oriana: I will write the PR

            opatel: thanks

            conclusion: relax the timer

            conclusion: revisit at the interim
            """, "notes.md")
        let names = r.attendees.map(\.name)
        #expect(names.contains("kvaldez"))
        #expect(names.contains("opatel"))
        // A first name resolves to the full name the notes give it; a remark in brackets is no name.
        #expect(names.contains("Oriana Feld"))
        #expect(names.contains("Teodor Lindqvist"))
        #expect(!names.contains { $0.lowercased().contains("conclusion") || $0.contains("chair") })
        #expect(r.actions.contains { $0.owner == "Oriana Feld" && $0.text.contains("PR") })
    }

    @Test func willDoTakesOnWhatTheSpeakerBeforeAskedFor() throws {
        let r = try record("""
            # Interop call

            Hanna Berg: please circulate the test vectors before the next call.

            Ilse Moreau: will do.

            Hanna Berg: thanks.

            Ilse Moreau: the vectors cover both encodings.
            """, "notes.md")
        #expect(r.actions.contains { $0.owner == "Ilse Moreau" && $0.text.hasPrefix("Circulate the test vectors") && $0.via == "speaker+reply" })
    }

    @Test func chatHandlesAreAttendeesAndOwners() throws {
        let r = try record("""
            # Contributors call 2024-02-01

            ## Attendees

            - Mirela Kos
            - @tgrant

            Also present: @wu-li, @p_sosa

            ## Action items

            - [ ] @tgrant: rebase the storage branch
            - TODO @wu-li review the migration notes
            - @p_sosa - tag the release candidate
            """, "notes.md")
        let names = r.attendees.map(\.name)
        #expect(names.contains("tgrant") && names.contains("wu-li") && names.contains("p_sosa"))
        #expect(r.attendees.first { $0.name == "Mirela Kos" }?.role == nil)
        let owned = Dictionary(r.actions.map { ($0.owner ?? "", $0.text) }, uniquingKeysWith: { a, _ in a })
        #expect(owned["tgrant"] == "Rebase the storage branch")
        #expect(owned["wu-li"] == "Review the migration notes")
        #expect(owned["p_sosa"] == "Tag the release candidate")
    }

    @Test func aShortLabelledOutcomeLineIsADecision() throws {
        for line in ["Decision: adopt the budget as presented.", "Outcome: the budget was adopted.", "AGREED: the budget is adopted."] {
            let r = try record("Minutes of the committee meeting, 3 May 2021\n\nPresent: Anna Berg, Tom Hale.\n\n1. Budget\n\n\(line)\n", "minutes.txt")
            #expect(r.decisions.contains { $0.text.contains("adopt") }, "\(line)")
        }
    }

    /// Whoever is made responsible for something owns it: "is responsible for", "will take care
    /// of", "será la responsable de", "estará a cargo de".
    @Test func whoeverIsResponsibleForSomethingOwnsIt() throws {
        let en = try record("Minutes, 3 May 2021\n\nPresent: Ana Gil, Luis Pérez\n\nLuis Pérez is responsible for booking the venue by 20 May.\n\nAna Gil will take care of the catering.\n", "m.txt")
        #expect(en.actions.map(\.text) == ["Booking the venue", "Take care of the catering"])
        #expect(en.actions.map(\.owner) == ["Luis Pérez", "Ana Gil"])
        #expect(en.actions.first?.due == "2021-05-20")
        let es = try record("Acta de reunión, 3 de mayo de 2021\n\nAsistentes: Ana Gil, Marta Ruiz\n\nMarta Ruiz será la responsable de redactar el informe.\n", "a.txt")
        #expect(es.actions.map(\.text) == ["Redactar el informe"])
        #expect(es.actions.first?.owner == "Marta Ruiz")
    }

    /// A task whose owner follows the cue: "queda a cargo de Marta Ruiz", "Se encarga a Marta la
    /// redacción", "was assigned to Luis Pérez"; with no one named after it, the subject before
    /// owns it as for any cue.
    @Test func aTaskGivenToSomeoneNamedAfterTheCue() throws {
        let es = try record("""
            Acta de reunión, 3 de mayo de 2021

            Asistentes: Ana Gil, Luis Pérez, Marta Ruiz

            La redacción del informe queda a cargo de Marta Ruiz.

            Se le asignó a Luis la revisión del presupuesto.

            Ana queda a cargo de la logística del evento.
            """, "a.txt")
        #expect(es.actions.map(\.text) == ["La redacción del informe", "La revisión del presupuesto", "La logística del evento"])
        #expect(es.actions.map(\.owner) == ["Marta Ruiz", "Luis Pérez", "Ana Gil"])
        let en = try record("Minutes, 3 May 2021\n\nPresent: Ana Gil, Luis Pérez\n\nThe venue booking was assigned to Luis Pérez.\n", "m.txt")
        #expect(en.actions.map(\.text) == ["The venue booking"])
        #expect(en.actions.first?.owner == "Luis Pérez")
    }

    /// A motion labelled as such ("Motion: ...", "MOTION: ...", "Moción: ...") is what its
    /// outcome decided; the mover and seconder between them ("Moved: Ana Gil", "Gil/Pérez") are
    /// passed over.
    @Test func aLabelledMotionIsWhatItsOutcomeDecided() throws {
        let cases = [("Motion: to approve the budget. Moved: Ana Gil. Seconded: Luis Pérez. Carried.", "To approve the budget"),
                     ("MOTION: Approve the 2021 budget. Gil/Pérez. Carried 5-0.", "Approve the 2021 budget"),
                     ("Moción: aprobar el presupuesto de 2021. Aprobada por unanimidad.", "Aprobar el presupuesto de 2021")]
        for (line, decided) in cases {
            let r = try record("Minutes of the board meeting, 3 May 2021\n\nPresent: Ana Gil, Luis Pérez\n\n1. Budget\n\n\(line)\n", "minutes.txt")
            #expect(r.decisions.map(\.text) == [decided], "\(line)")
        }
    }

    /// An outcome still to come, with a modal before its passive ("so that it can be approved",
    /// "hasta que sea aprobado"), is no decision yet.
    @Test func anOutcomeThatCanOrMayComeIsNoDecision() throws {
        for line in ["Rob noted the need to include the accounts in the notice so that the budget can be approved.",
                     "The plan may be adopted at the next meeting.", "El reglamento sigue en borrador hasta que sea aprobado por la asamblea."] {
            let r = try record("Minutes of the committee meeting, 3 May 2021\n\nPresent: Anna Berg, Tom Hale.\n\n1. Budget\n\n\(line)\n", "minutes.txt")
            #expect(r.decisions.isEmpty, "\(line)")
        }
    }

    @Test func aPersonWhoAgreesToDoSomethingCommitsToIt() throws {
        let r = try record("""
            Minutes of the committee meeting, 3 May 2021

            Present: Anna Berg, Tom Hale and Rui Costa.

            1. Budget

            Tom agreed to draft the letter to the council.

            The committee agreed to adopt the budget.

            2. Venue

            Members agreed to meet monthly.
            """, "minutes.txt")
        #expect(r.actions.contains { $0.owner == "Tom Hale" && $0.text == "Draft the letter to the council" })
        #expect(!r.decisions.contains { $0.text.contains("letter") })
        #expect(r.decisions.contains { $0.text.contains("Adopt the budget") })
        // The context a short outcome is given ("Venue — ...") is nobody's name.
        #expect(!r.actions.contains { $0.owner == "Venue" })
    }

    @Test func anActionLinesOwnerStandsBesideTheTaskInDashesOrBrackets() throws {
        let r = try record("""
            # Committee meeting 2023-03-05

            Present: Nadia Ferro, Oskar Lind

            ## Action items

            - Nadia: book the venue
            - Oskar Lind – send the minutes – 10 March 2023
            - Update the wiki (Nadia)
            - Prepare the budget [Oskar] by 20 March 2023
            - Review the draft - all
            - Enviar el acta -> Oskar
            """, "notes.md")
        let found = r.actions.map { "\($0.owner ?? "-"): \($0.text)" }
        #expect(found == ["Nadia Ferro: Book the venue", "Oskar Lind: Send the minutes", "Nadia Ferro: Update the wiki",
                          "Oskar Lind: Prepare the budget", "All: Review the draft", "Oskar Lind: Enviar el acta"])
        #expect(r.actions[1].due == "2023-03-10")
    }

    @Test func anActionLabelNamesItsOwnerInBrackets() throws {
        let r = try record("""
            # Committee meeting 2023-03-05

            Present: Nadia Ferro, Oskar Lind

            ## Venue

            ACTION (Oskar): send the floor plan to the caterer

            Action (Nadia Ferro): confirm the booking with the hotel
            """, "notes.md")
        #expect(r.actions.map { $0.owner ?? "-" } == ["Oskar Lind", "Nadia Ferro"])
        #expect(r.actions.first?.text == "Send the floor plan to the caterer")
        // A dash after the label as after a colon, in bold or not.
        for line in ["Action - JS to ensure the code includes the wording.", "**Action - JS to ensure the code includes the wording.**", "ACTION – JS to ensure the code includes the wording."] {
            let dashed = try record("# Board minutes 20 June 2017\n\nAttendees: John Smith (JS), Liz Moore (LM)\n\n## Enforcement\n\nThe board discussed it.\n\n\(line)\n", "m.md")
            #expect(dashed.actions.map(\.text) == ["Ensure the code includes the wording"], "\(line)")
            #expect(dashed.actions.first?.owner == "JS", "\(line)")
        }
        // "AP:" (action point) labels a task as "AI:" (action item) does.
        let ap = try record("Minutes of the board meeting, 3 May 2021\n\nPresent: Ana Gil, Luis Pérez\n\n1. Budget\n\nAP: Luis Pérez — draft the letter to the council\n", "m.txt")
        #expect(ap.actions.map(\.text) == ["Draft the letter to the council"])
        #expect(ap.actions.first?.owner == "Luis Pérez")
    }
}
