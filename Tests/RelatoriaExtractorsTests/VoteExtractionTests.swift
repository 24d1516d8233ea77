import Foundation
import RelatoriaCore
@testable import RelatoriaExtractors
import Testing

/// Votes, consensus calls and commitments as deliberative bodies write them (issue 18).
struct VoteExtractionTests {
    @Test(arguments: [
        ("86 votos a favor, 2 en contra, 0 abstenciones", Tally(inFavour: 86, against: 2, abstentions: 0)),
        ("the committee voted: 8 for, 0 against, 0 abstain (pass)", Tally(inFavour: 8, against: 0, abstentions: 0)),
        ("The proposal was approved 9-0.", Tally(inFavour: 9, against: 0, abstentions: nil)),
        ("Aprobado con 5-1-2.", Tally(inFavour: 5, against: 1, abstentions: 2)),
        ("The motion was carried by 6 votes to 4.", Tally(inFavour: 6, against: 4, abstentions: nil)),
        ("For: 7, Against: 1, Abstain: 0", Tally(inFavour: 7, against: 1, abstentions: 0)),
        ("Against: 1", Tally(inFavour: nil, against: 1, abstentions: nil)),
    ])
    func readsTalliesInEveryWrittenForm(sentence: String, expected: Tally) {
        #expect(Tally.read(sentence) == expected)
    }

    @Test(arguments: ["a field visit carried out on 17-19 October", "Item 3-4 of the agenda was discussed", "approved the 2024-2025 budget"])
    func readsNoTallyWhereThereIsNone(sentence: String) {
        #expect(Tally.read(sentence) == nil)
    }

    @Test func aTallyWithVotesAgainstIsADissentAndAPassedOneADecision() throws {
        let r = try record("""
            Committee meeting minutes

            Date: 20 September 2017

            For a networking SIG, the committee voted 6 for, 2 against, 0 abstain.

            The proposal to change the logo was rejected 2-5.
            """)
        #expect(r.dissent.contains { $0.text.contains("networking SIG") && $0.parties.isEmpty })
        #expect(r.decisions.contains { $0.text.contains("networking SIG") })
        #expect(!r.decisions.contains { $0.text.contains("logo") })
    }

    /// "votes for" and "nil against" are a count; a count that names no motion ("There were
    /// ...") is read with the sentences before it that state the motion.
    @Test func aBareCountIsReadWithTheMotionBeforeIt() throws {
        let r = try record("""
            Chess club committee minutes

            Date: 3 March 2024

            Ann Pike moved that the treasurer's report be accepted. This was seconded by Bob Roe. There were 9 votes for and nil against this motion.

            Cy Lund moved that the fees rise by five dollars. There were 6 votes in favour and 3 against.
            """)
        #expect(r.decisions.contains { $0.text.hasPrefix("Ann Pike moved that the treasurer's report be accepted") && $0.text.contains("nil against") })
        #expect(r.decisions.contains { $0.text.hasPrefix("Cy Lund moved") })
        #expect(r.dissent.map(\.text) == ["Cy Lund moved that the fees rise by five dollars. There were 6 votes in favour and 3 against"])

        // "The vote is 6-0 in favour" is a count; "is elected" an outcome.
        let board = try record("Board minutes, 7 December 2015\n\nPresent: Ana Gil, Luis Pérez\n\nA new SEP to keep a record of board members was discussed. The vote is 6-0 in favour (1 abstention).\n\nBen Arntz is elected as 2018 President.\n")
        #expect(Set(board.decisions.map(\.text)) == ["A new SEP to keep a record of board members was discussed. The vote is 6-0 in favour (1 abstention)",
                                                   "Ben Arntz is elected as 2018 President"])
        // A count alone in its paragraph under the question it answers.
        let poll = try record("""
            # Transport WG session

            Show of hands: should we merge the pull request?

            23 Yes, 3 No, 3 No Opinion
            """, "notes.md")
        #expect(poll.decisions.map(\.text) == ["Should we merge the pull request? — 23 Yes, 3 No, 3 No Opinion"])
        #expect(poll.dissent.map(\.text) == ["Should we merge the pull request? — 23 Yes, 3 No, 3 No Opinion"])
    }

    /// Passive and first-person outcomes in Spanish ("fueron aprobadas", "hemos decidido");
    /// "duly re-elected", "ordered accepted"; "Report accepted." after a labelled
    /// report is the decision on that report. A sentence wrapped over lines is one line.
    @Test func passiveOutcomesAndAcceptedReports() throws {
        let es = try record("""
            # Acta de la asamblea general

            Fecha: 29 de octubre de 2022

            Las cuentas fueron aprobadas por unanimidad.

            Ningún candidato se presentó y los cargos actuales fueron renovados por unanimidad.

            El informe del tesorero se aceptó sin cambios.

            Hemos decidido preparar el próximo encuentro nacional para junio de 2023.

            Se acordaron qué tareas haría cada miembro del grupo.
            """, "acta.md")
        #expect(es.decisions.map(\.text) == ["Las cuentas fueron aprobadas por unanimidad",
                                             "El informe del tesorero",
                                             "Preparar el próximo encuentro nacional para junio de 2023",
                                             "Qué tareas haría cada miembro del grupo"])
        let en = try record("""
            Meeting for business, 10 April 2016

            Present: Ann Grant, Ellen Cooney

            1. Finance Committee Report: the monthly utility payment is reduced to $141. Report accepted.

            2. A letter from the bank offering short term loans was read. The letter
            was ordered accepted and placed on file.

            3. Six of the seven committee members stood again and were duly re-elected.
            """, "minutes.md")
        #expect(en.decisions.map(\.text) == ["Finance Committee Report: Report accepted",
                                             "The letter was ordered accepted and placed on file",
                                             "Six of the seven committee members stood again and were duly re-elected"])
    }

    /// Reservations written as prose: "pushed back", "cautioned against", "is not convinced",
    /// "wary of", "reluctant to", "no está convencido". A short sentence that names no party, or
    /// whose cue is not followed by its object, is kept whole; otherwise the text is what the
    /// party holds.
    @Test func reservationsInProseAreDissent() throws {
        let r = try record("""
            Members meeting, 3 June 2024

            Present: Andrew Lee, Noah Kim, Josh Hart

            PayPal fees: Andrew pushed back, saying the fees aren't that significant.

            Noah cautioned against growing the membership without bound.

            Some members were not convinced the merch order can be done in time.

            The board expressed concern about the new city ordinance.

            Rosa Díaz no está convencida de cambiar el horario de las reuniones.
            """)
        #expect(r.dissent.map(\.text) == ["Andrew pushed back, saying the fees aren't that significant",
                                          "Growing the membership without bound",
                                          "Some members were not convinced the merch order can be done in time",
                                          "Cambiar el horario de las reuniones"])
        #expect(r.dissent.map(\.parties) == [["Andrew Lee"], ["Noah Kim"], [], ["Rosa Díaz"]])
    }

    /// A declaration's points in running prose: a wish before the verb ("Queremos expresar
    /// nuestra solidaridad"), "Creemos que", and the first person plural after an apposition
    /// ("Nosotros, como comunidad de científicos, apoyamos ...").
    @Test func aDeclarationsPositionsInProse() throws {
        let r = try record("---\ntitle: Declaración sobre el agua\ndate: 2019-11-04\n---\n\nQueremos expresar nuestra solidaridad con la gente que protesta. Apoyamos sus demandas por un mejor sistema de salud.\n\nCreemos que la cancelación constituye una gran pérdida.\n\nNosotros, como comunidad de científicos, también apoyamos las huelgas de jóvenes.\n\nFirman,\n\nRed A y Red B\n", "d.md")
        #expect(r.consensus.map(\.text) == ["Queremos expresar nuestra solidaridad con la gente que protesta", "Apoyamos sus demandas por un mejor sistema de salud",
                                            "Creemos que la cancelación constituye una gran pérdida", "Nosotros, como comunidad de científicos, también apoyamos las huelgas de jóvenes"])
    }

    /// "M/S/A to ..." (moved, seconded, approved) decides what follows; "Approved Minutes Jan 27"
    /// at the top is the minutes' status, no decision.
    @Test func movedSecondedApprovedInitialsDecide() throws {
        let r = try record("Community council minutes\n\nApproved Minutes Jan 27 2021\n\nPresent: Ana Gil, Bob Roe\n\n1. M/S/A to elect Bekah Gautrowski to fill the vacancy of Jan Brucker.\n\n2. M/S/C to create an ad-hoc committee on the by-laws.\n")
        #expect(r.decisions.map(\.text) == ["Elect Bekah Gautrowski to fill the vacancy of Jan Brucker", "Create an ad-hoc committee on the by-laws"])
    }

    /// A motion written as a form: its text under a "Texto:" label, its outcome in an
    /// "Observación:" line ("La moción pasa por unanimidad", "La moción no pasa con 7 votos en
    /// contra"): the decision or dissent is the motion's text with its outcome.
    @Test func aMotionWrittenAsAFormIsReadWithItsText() throws {
        let r = try record("""
            # Acta de la Asamblea Nacional

            Fecha: 22/05/2021

            ## Moción No.: 2

            Proponente: JUNTA DIRECTIVA NACIONAL.

            ## Texto:

            Que se apruebe el orden del día de la Asamblea.

            Observación: La moción pasa por unanimidad.

            ## Moción No.: 3

            Proponente: UNIGUAJIRA

            ## Texto:

            Que se otorgue un cupo a cada miembro de la Junta Directiva.

            Votos: VF: 11, VC: 7, VB: 2

            Observación: La moción no pasa con 7 votos en contra.
            """, "acta.md")
        #expect(r.decisions.map(\.text) == ["Que se apruebe el orden del día de la Asamblea — La moción pasa por unanimidad"])
        #expect(r.dissent.count == 1 && r.dissent[0].text.hasPrefix("Que se otorgue un cupo a cada miembro de la Junta Directiva"))
    }

    /// A motion that failed is no decision even when the minutes list it among them; a request
    /// the body rejected is one (the body decided).
    @Test func aFailedMotionListedAmongTheDecisionsIsNone() throws {
        let r = try record("""
            # Tenants' Association Board Meeting

            ## Decisions

            1. The board approved the 2021 budget.
            2. The motion to raise dues failed 2-3.
            3. The board rejected the request to move the meeting to Sundays.
            """, "board.md")
        #expect(r.decisions.contains { $0.text.contains("2021 budget") })
        #expect(!r.decisions.contains { $0.text.contains("raise dues") })
        #expect(r.dissent.contains { $0.text.contains("raise dues") })
        #expect(r.decisions.contains { $0.text.contains("Sundays") })
    }

    @Test func aConsensusCallIsAConsensusItem() throws {
        let r = try record("""
            Working group minutes

            Date: 10 June 2020

            The chairs asked whether to adopt the draft as a working group item. Hearing no objections, the draft is adopted.
            """)
        #expect(r.consensus.contains { $0.text.localizedCaseInsensitiveContains("draft") })
        // Agreement stated without a call: "no objection to", "general agreement", "we agree
        // that", "nadie ... hay un consenso", "todos pensamos que".
        let stated = try record("""
            Working group minutes

            Date: 10 June 2020

            No objection to copying the chat to the mailing list after each meeting.

            Registries for coding headers: expert review for most. Nodding from the room, general agreement.

            We agree that whoever adds data for a source first proposes the format.

            Hay un consenso de todas las organizaciones sobre la última versión del reglamento.

            Todos pensamos que la logística es el problema fundamental.
            """)
        #expect(stated.consensus.count == 5)
        #expect(stated.consensus.contains { $0.text.contains("Copying the chat") })
        #expect(stated.consensus.contains { $0.text == "Expert review for most — Nodding from the room, general agreement" })
        #expect(stated.consensus.contains { $0.text.contains("Whoever adds data") })
        #expect(stated.consensus.contains { $0.text.contains("última versión del reglamento") })
        #expect(stated.consensus.contains { $0.text.contains("logística") })
    }

    @Test func spanishPeriphrasticCommitmentsHaveTheirOwner() throws {
        let r = try record("""
            Acta de la reunión del equipo

            Fecha: 23 de mayo de 2024

            Asistentes: Facundo Pérez, Marta Gómez

            Se revisaron los avances del proyecto. Facundo traerá las plantillas corregidas. Marta se encargará de actualizar el repositorio.
            """)
        // A first name resolves to the attendee who bears it.
        #expect(r.actions.contains { $0.owner == "Facundo Pérez" && $0.text.contains("plantillas") })
        #expect(r.actions.contains { $0.owner == "Marta Gómez" && $0.text.contains("repositorio") })
    }

    @Test func anAttendeeFollowedByToOrAFutureVerbOwnsTheTask() throws {
        let r = try record("""
            # Minutes 2024-03-15

            Attendee List

            - Irene Vassallo
            - Camilo Rojas

            ## Training

            Alex not able to present, Irene to help with prep before the workshop.

            Camilo will look to contribute further examples from his side.

            Sponsors to be thanked at the conference.

            The website will move to a new host.

            Camilo said that the common API underneath will surprise everyone.
            """, "minutes.md")
        #expect(r.actions.contains { $0.owner == "Irene Vassallo" && $0.text.hasPrefix("Help with prep") && $0.via == "attendee+to" })
        #expect(r.actions.contains { $0.owner == "Camilo Rojas" && $0.text.contains("contribute") && $0.via == "future-verb+attendee" })
        // Who is not an attendee owns nothing; a future tense of no one, or of another subject
        // in the attendee's sentence, is no commitment.
        #expect(r.actions.count == 2)
    }

    @Test func aDecisionLeadInOverAListMakesEachItemADecision() throws {
        let r = try record("""
            # DSF Board monthly meeting, October 12, 2023

            ## Working groups

            Approved creation of:

            - DjangoCon Europe Support
            - Fundraising Committee

            Proposed to be approved next month:

            - Code of Conduct working group
            """, "minutes.md")
        #expect(r.decisions.map(\.text) == ["Approved creation of DjangoCon Europe Support", "Approved creation of Fundraising Committee"])
        #expect(r.decisions.first?.via == "lead-in+cue:approved")
    }

    @Test func aProposalSecondedAndResolvedIsADecisionAboutWhatFollowsTheCue() throws {
        let r = try record("""
            Minutes of the parish council meeting, 3 May 2021

            Present: Anna Berg, Tom Hale and Rui Costa.

            2. Minutes

            It was proposed by Anna Berg, seconded by Tom Hale and RESOLVED that the minutes of 5 April be approved.

            3. Playground

            Tom Hale proposed a new fence, which was discussed.
            """, "minutes.txt")
        #expect(r.decisions.map(\.text).contains { $0.contains("minutes of 5 April be approved") })
        // A proposal alone is still no decision.
        #expect(!r.decisions.contains { $0.text.contains("fence") })
    }

    @Test func aParticleOpeningTheSentenceIsNobodysPosition() throws {
        let r = try record("""
            Acta de la reunión del equipo, 3 de mayo de 2021

            Asistentes: Ana Berg, Tomás Hale y Rui Costa.

            1. Presupuesto

            Se somete a votación el presupuesto: Rui Costa se opone.
            """, "acta.txt")
        #expect(r.dissent.count == 1)
        #expect(r.dissent.first?.parties == ["Rui Costa"])
    }

    @Test func spanishDisagreementInThePresentTenseIsDissent() throws {
        let r = try record("""
            Acta de la reunión del equipo, 3 de mayo de 2021

            Asistentes: Ana Berg, Tomás Hale y Rui Costa.

            1. Presupuesto

            Rui Costa no está de acuerdo con el aumento de la cuota.

            2. Local

            Tomás Hale vota en contra del cambio de local.
            """, "acta.txt")
        #expect(r.dissent.map(\.parties) == [["Rui Costa"], ["Tomás Hale"]])
    }

    @Test func labelledAndFirstPersonOutcomesInNotes() throws {
        let en = try record("""
            # Team meeting 2023-03-05

            Present: Anna Berg, Tom Hale

            ## Release

            - Agreed: ship version 2.1 on Friday
            - Consensus: keep the old API for one more release
            """, "notes.md")
        #expect(en.decisions.contains { $0.text.contains("ship version 2.1") })
        #expect(en.consensus.contains { $0.text.contains("the old API") })
        let es = try record("""
            # Reunión del equipo, 5 de marzo de 2023

            Asistentes: Ana Gómez, Luis Pérez

            ## Versión

            - Decidimos publicar la versión 2.1 el viernes.
            - Quedamos en revisar la documentación juntos.
            """, "acta.md")
        #expect(es.decisions.count == 2)
    }

    /// A chamber's export of its votes: each record's result, what was voted and its counts.
    @Test func votesKeptAsDataRecordsAreDecisionsAndTheirCountsAgainstDissent() throws {
        // (One record: its result, what was voted and its counts; a session nested in it.)
        func votacion(_ id: Int, _ result: String, _ materia: String, counts: String, session: Bool = true) -> String {
            "<Votacion><ID>\(id)</ID><Resultado>\(result)</Resultado>"
                + (session ? "<Sesion><ID>12</ID><Tipo>Ordinaria</Tipo></Sesion>" : "")
                + "<Materia>\(materia)</Materia>\(counts)</Votacion>"
        }
        let r = try record("""
            <?xml version="1.0" encoding="utf-8"?>
            <Votaciones>
            \(votacion(7, "Aprobado", "Indicación para reemplazar el artículo 4 del proyecto de ley de humedales urbanos",
                       counts: "<TotalAfirmativos>98</TotalAfirmativos><TotalNegativos>12</TotalNegativos><TotalAbstenciones>3</TotalAbstenciones>"))
            \(votacion(8, "Rechazado", "Indicación para suprimir el artículo 9 del proyecto de ley de humedales urbanos",
                       counts: "<TotalAfirmativos>40</TotalAfirmativos><TotalNegativos>70</TotalNegativos><TotalAbstenciones>0</TotalAbstenciones>"))
            \(votacion(9, "Aprobado", "Artículo transitorio sobre la entrada en vigencia de la ley",
                       counts: "<TotalAfirmativos>110</TotalAfirmativos><TotalNegativos>0</TotalNegativos>", session: false))
            </Votaciones>
            """, "votaciones.xml")
        #expect(r.decisions.map(\.text) == [
            "Indicación para reemplazar el artículo 4 del proyecto de ley de humedales urbanos: aprobado (98 afirmativos, 12 negativos, 3 abstenciones)",
            "Artículo transitorio sobre la entrada en vigencia de la ley: aprobado (110 afirmativos, 0 negativos)",
        ])
        #expect(r.decisions.allSatisfy { $0.via == "vote-record" })
        // The rejected one is no decision; both with votes against are dissent, without parties.
        #expect(r.dissent.map { $0.text.prefix(31) } == ["Indicación para reemplazar el a", "Indicación para suprimir el art"])
        #expect(r.dissent.allSatisfy { $0.parties.isEmpty })

        // Without a result field, the counts decide; "NoVotan" counts nobody against.
        let en = try record("""
            <?xml version="1.0"?>
            <votes>
              <vote><title>Motion to adopt the 2025 budget of the association</title><ayes>14</ayes><noes>2</noes><NoVotan>1</NoVotan></vote>
              <vote><title>Motion to move the annual meeting to the spring</title><ayes>3</ayes><noes>13</noes></vote>
            </votes>
            """, "votes.xml")
        #expect(en.decisions.map(\.text) == ["Motion to adopt the 2025 budget of the association: 14 ayes, 2 noes"])
        #expect(en.dissent.count == 2)

        // Counts labelled in the singular ("Aye", "Nay") are counts: the one against is a dissent.
        let singular = try record("""
            <?xml version="1.0"?>
            <votes>
              <vote><result>Carried</result><title>Motion to fund the community garden</title><Aye>9</Aye><Nay>3</Nay></vote>
            </votes>
            """, "votes.xml")
        #expect(singular.decisions.map(\.text) == ["Motion to fund the community garden: carried (9 aye, 3 nay)"])
        #expect(singular.dissent.map(\.text) == ["Motion to fund the community garden: carried (9 aye, 3 nay)"])
    }

    /// A pronouncement's operative points, by the verb that opens each: a position its
    /// signatories share is consensus, an act a decision.
    @Test func aDeclarationsOperativePointsAreConsensusOrDecisionsByTheirVerb() throws {
        let es = try record("""
            # Declaración del Encuentro de Organizaciones del Valle

            Valle Alto, 4 de mayo de 2021

            Las organizaciones reunidas en el Encuentro hemos resuelto:

            **RATIFICAR** el mandato de la asamblea regional sobre el cuidado de las cuencas del valle.

            **EXIGIR** que las autoridades provinciales publiquen los estudios de impacto de la represa. Lo pedimos desde 2015.

            Denunciamos la falta de consulta a las comunidades afectadas por las obras.

            Firman: Red del Valle, Colectivo Agua Viva
            """, "declaracion.md")
        #expect(es.kind == .declaration)
        #expect(es.decisions.map(\.text) == ["RATIFICAR el mandato de la asamblea regional sobre el cuidado de las cuencas del valle"])
        #expect(es.consensus.map(\.text) == ["EXIGIR que las autoridades provinciales publiquen los estudios de impacto de la represa",
                                             "Denunciamos la falta de consulta a las comunidades afectadas por las obras"])
        let en = try record("""
            Joint statement of the River Basin Coalition

            12 March 2022

            We call on the regional government to publish the dam's impact studies.

            We strongly reject the closure of the public hearings.

            We resolve to hold a people's hearing in April.

            Signed: River Alliance, Clean Water Network
            """, "statement.txt")
        #expect(en.consensus.count == 2)
        #expect(en.decisions.map(\.text) == ["We resolve to hold a people's hearing in April"])
        // In minutes, a paragraph that opens with such a verb is read as running text.
        let minutes = try record("""
            Minutes of the coordination meeting, 12 March 2022

            Present: Ann Lee, Bob Roe

            We call on members to send their reports by Friday.
            """, "minutes.txt")
        #expect(minutes.consensus.isEmpty)
    }

    /// A point that opens with its recital takes the position after a comma; a later sentence
    /// that opens with a verb of its own is another point; an HTML list that opens a line right
    /// under a paragraph is a list (CommonMark), its items points.
    @Test func recitalsAndLaterSentencesOfADeclarationsPoints() throws {
        let r = try record("""
            # Declaración de la Red de Radios Comunitarias

            Quito, 3 de junio de 2019

            Rechazamos el cierre de las emisoras comunitarias del país. Exigimos la devolución inmediata de sus equipos. El espectro es un bien público.

            Reconocemos el trabajo de las radios en las zonas rurales. Valoramos su papel en la pandemia.

            Nos comprometemos a difundir esta declaración en nuestras emisoras.
            <ul>
            <li>Teniendo en cuenta que la comunicación es un derecho, instamos a los gobiernos a reservar frecuencias para los medios comunitarios.</li>
            <li>Reconociendo el trabajo de las radios en la pandemia, hacemos un llamado a las agencias a financiar su equipamiento.</li>
            <li>Considerando la situación de la región, el encuentro se realizó en Quito.</li>
            </ul>
            """, "declaracion.md")
        #expect(r.kind == .declaration)
        let texts = r.consensus.map(\.text)
        #expect(texts.contains("Rechazamos el cierre de las emisoras comunitarias del país"))
        #expect(texts.contains("Exigimos la devolución inmediata de sus equipos"))
        #expect(!texts.contains { $0.contains("bien público") })
        #expect(texts.contains("Reconocemos el trabajo de las radios en las zonas rurales"))
        #expect(texts.contains("Valoramos su papel en la pandemia"))
        // What the signatories undertake is their commitment.
        #expect(r.actions.map(\.text) == ["Nos comprometemos a difundir esta declaración en nuestras emisoras"])
        #expect(texts.contains { $0.hasPrefix("Teniendo en cuenta") && $0.contains("instamos a los gobiernos") })
        #expect(texts.contains { $0.hasPrefix("Reconociendo el trabajo") })
        #expect(!texts.contains { $0.contains("se realizó en Quito") })
    }
}
