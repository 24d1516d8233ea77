import Foundation
import RelatoriaCore
@testable import RelatoriaExtractors
import Testing

/// How minutes of many organizations write who took part (issue 18): labelled headings, vote
/// tables, front matter, a declaration's closing list of signatories.
struct AttendeeConventionTests {
    @Test func aHeadingLabelledAsAnAttendeeListNamesThem() throws {
        let r = try record("""
            # Garden cooperative steering notes

            ## March 2nd, 2022

            ### Participants: Odile Marchetti, Bram Kowalczyk, Teodora Vance

            ### Topics

            - Seed budget for spring
            """, "notes.md")
        let names = r.attendees.map(\.name)
        #expect(names == ["Odile Marchetti", "Bram Kowalczyk", "Teodora Vance"])
    }

    @Test func aRollCallVoteTableNamesThoseWhoVotedUnderAnyHeading() throws {
        let r = try record("""
            # Motion 12: Move the archive to a new host

            ## Result

            | Board Member | Vote | Comment |
            |---|---|---|
            | Ilse Marchand | +1 | fine by me |
            | qorvath | Abstained | |
            | Pieter Domsky | -1 | too early |

            ## Next steps

            - Nothing
            """, "vote.md")
        let names = r.attendees.map(\.name)
        #expect(names == ["Ilse Marchand", "qorvath", "Pieter Domsky"])
    }

    /// Speakers named by initials the attendee list defines ("(ILM)") or that are a listed
    /// name's initials ("PD") are those attendees, not more of them; "Org Labs" after a dash is
    /// an organization, not a second person.
    @Test func speakersByTheInitialsOfListedAttendeesAreThem() throws {
        let r = try record("""
            # Format Working Group call, 2023-09-04

            ## Attendees

            * Ilse L. Marchand - Orchard Labs (ILM)
            * Pieter Domsky - Riverbank

            ## Notes

            ### Topic: the draft

            ILM: I will draft the proposal for the next call.
            PD: We should wait for the review of the syntax.
            ILM: The review is done, I think.
            ZQ: Agreed, let us move on.
            PD: Fine with me.
            ILM: Then we close this topic.
            PD: Yes, and the tests next.
            ZQ: I can help with the tests.
            """, "call.md")
        let names = r.attendees.map(\.name)
        #expect(names == ["Ilse L. Marchand", "Pieter Domsky", "ZQ"])
        // ("(ILM)" after the organization is her initials, not its acronym.)
        #expect(r.attendees.first?.organization == "Orchard Labs")
    }

    /// Names set apart by slashes, middle dots or bars are people when each is a name; a list
    /// of "Name – Organization" pairs is each person with theirs.
    @Test func namesSetApartBySlashesDotsBarsOrDashedPairs() throws {
        for line in ["Present: Ana Gil / Luis Pérez / Marta Ruiz", "Present: Ana Gil · Luis Pérez · Marta Ruiz", "Present: Ana Gil | Luis Pérez | Marta Ruiz"] {
            let r = try record("Minutes of the board meeting, 3 May 2021\n\n\(line)\n\n1. Budget\n\nThe budget was approved.\n")
            #expect(r.attendees.map(\.name) == ["Ana Gil", "Luis Pérez", "Marta Ruiz"], "\(line)")
        }
        let pairs = try record("Minutes of the board meeting, 3 May 2021\n\nParticipants: Ana Gil – ACME, Luis Pérez – Beta Corp, Marta Ruiz – Gamma\n\nThe budget was approved.\n")
        #expect(pairs.attendees.map(\.name) == ["Ana Gil", "Luis Pérez", "Marta Ruiz"])
        #expect(pairs.attendees.map(\.organization) == ["ACME", "Beta Corp", "Gamma"])
        // (A dash that sets off the first person's role in a list is still read as before.)
        let role = try record("Minutes of the board meeting, 3 May 2021\n\nParticipants: Ana Gil - Chair, Luis Pérez, Marta Ruiz\n\nThe budget was approved.\n")
        #expect(role.attendees.map(\.name) == ["Ana Gil", "Luis Pérez", "Marta Ruiz"])
        #expect(role.attendees.first?.role == "Chair")
    }

    /// A roll call that marks each name lists those marked present; a count in brackets after
    /// the label hides nothing; "y el Dr. Luis Ruiz" is one more person.
    @Test func markedRollCallsCountedLabelsAndFormsOfAddressAfterAConjunction() throws {
        for line in ["Roll call: Ana Gil - present; Luis Pérez - absent; Marta Ruiz - present",
                     "Attendance: Ana Gil (present), Luis Pérez (absent), Marta Ruiz (present)"] {
            let r = try record("Minutes of the board meeting, 3 May 2021\n\n\(line)\n\n1. Budget\n\nThe budget was approved.\n")
            #expect(r.attendees.map(\.name) == ["Ana Gil", "Marta Ruiz"], "\(line)")
            #expect(r.attendees.allSatisfy { $0.organization == nil }, "\(line)")
        }
        let counted = try record("Minutes of the board meeting, 3 May 2021\n\nAttendees (3): Ana Gil, Luis Pérez, Marta Ruiz\n\nThe budget was approved.\n")
        #expect(counted.attendees.map(\.name) == ["Ana Gil", "Luis Pérez", "Marta Ruiz"])
        let es = try record("Acta de la reunión, 3 de mayo de 2021\n\nAsistieron: el Sr. Juan Pérez, la Sra. Ana Gil y el Dr. Luis Ruiz.\n\nSe aprobó el presupuesto.\n")
        #expect(es.attendees.map(\.name) == ["Juan Pérez", "Ana Gil", "Luis Ruiz"])
    }

    /// A group heading at the top ("## Officers and Trustees Present" under a title of the same
    /// level) opens the list; "and seven other members" names no one; first names among full
    /// names are each a person; a count before the label ("12 Members in attendance:") hides nothing.
    @Test func groupHeadingsCountsAndFirstNamesAmongFullNames() throws {
        let r = try record("""
            ### Minutes of the Harbour Society 2020 AGM

            28th October 2020 at 12pm, online

            ### Officers and Trustees Present

            Jo Cook (Chair), Matt Travis (Treasurer), Alistair Graham, Steven Feldman (Trustees) and seven other members.

            ### Accounts

            The accounts were accepted.
            """, "agm.md")
        #expect(r.attendees.map(\.name) == ["Jo Cook", "Matt Travis", "Alistair Graham", "Steven Feldman"])
        let count = try record("## 2024-06-03 Members' Meeting\n\n**12** Members in attendance: **Andrew, Chuck, Matt Chang, Noah, Rahul**\n\nWe talked.\n", "m.md")
        #expect(count.attendees.map(\.name) == ["Andrew", "Chuck", "Matt Chang", "Noah", "Rahul"])
    }

    @Test func aFrontMatterListOfParticipantsNamesThem() throws {
        let r = try record("""
            ---
            title: Orchard Trust Call 2021-04-02
            date: 2021-04-02
            participants:
              - Wenli Harrow
              - Casimir Oduya (late)
            excused:
              - Nadia Prell
            ---
            == Budget

            The budget was approved.
            """, "call.adoc")
        let names = r.attendees.map(\.name)
        #expect(names.contains("Wenli Harrow"))
        #expect(names.contains("Casimir Oduya"))
        #expect(!names.contains("Nadia Prell"))
    }

    @Test func pandocAttributesAfterAnImageAreNoText() throws {
        let r = try record("# Notes\n\nIntro line\n\n![](http://example.org/x.png){.photo-12}\n", "a.md")
        #expect(!r.text.contains("photo-12"))
    }

    @Test func aDeclarationClosingOnShortLinesIsSignedByThem() throws {
        let r = try record("""
            # Declaración de la Red de Huertas del Sur

            Reunidas en Valdivia el 4 de mayo de 2021, las organizaciones abajo firmantes declaramos nuestro compromiso con el agua y con la tierra de los pueblos.

            Exigimos que el Estado proteja las cuencas y los humedales de la región, y que consulte a las comunidades antes de cualquier proyecto.

            ¡El agua no se vende!

            Colectivo Raíz Austral

            Biblioteca Popular Los Alerces.

            Radio Comunitaria Lluvia Fina;

            Asamblea Vecinal de Niebla
            """, "declaracion.md")
        #expect(r.kind == .declaration)
        let names = r.attendees.map(\.name)
        #expect(names == ["Colectivo Raíz Austral", "Biblioteca Popular Los Alerces", "Radio Comunitaria Lluvia Fina", "Asamblea Vecinal de Niebla"])
    }

    @Test func whoMovedOrSecondedAMotionOrTookTheChairWasThere() throws {
        let r = try record("""
            Minutes of Bramblecote Village Council, 3 March 2019

            Present: Cllr Hettie Grange, Cllr Osric Pell

            Cllr. H. Grange took the Chair.

            1. Accounts

            Cllr Pell proposed acceptance, seconded by Cllr Mrs Tamsin Ode. Agreed.

            2. Playground

            The Vice Chairman of the Council moved that the fence be repaired. Agreed.

            The Parish Committee moved the item to April.
            """, "minutes.txt")
        let names = r.attendees.map(\.name)
        #expect(names.contains("Tamsin Ode"))
        #expect(names.contains("The Vice Chairman of the Council"))
        #expect(!names.contains { $0.contains("H. Grange") || $0 == "Pell" || $0.contains("Committee") })
    }

    @Test func aVoteRecordNamesItsVoters() throws {
        let r = try record("""
            # Adopt the new logo

            Date: 2022-11-14

            Proposal: replace the logo on the website.

            Votes: Yes by Marit Solberg, Dev Anand and Kofi Mensah. No vote by Lucia Ferro.

            - Opposed (-1): 1 (Yara Haddad)
            - For 2 weeks the old logo stays.
            """, "vote.md")
        let names = r.attendees.map(\.name)
        #expect(names == ["Marit Solberg", "Dev Anand", "Kofi Mensah", "Yara Haddad"])
    }

    @Test func anAttendanceColumnUnderAnAttendeeHeadingLeavesTheAbsentOut() throws {
        let r = try record("""
            # Minuta de reunión del equipo

            ## Asistentes

            | Nombre | Rol | Asistencia |
            |---|---|---|
            | Renata Olmos | Desarrolladora | ✅ Presente |
            | Tadeo Ibarra | Desarrollador | ❌ Ausente |

            ## Temas

            - Planificación
            """, "minuta.md")
        #expect(r.attendees.map(\.name) == ["Renata Olmos"])
    }

    @Test func aSentenceUnderARollCallIsNoDelegation() throws {
        let r = try record("""
            # Working group call

            ## Roll call

            A roll call was taken and recorded on the calendar

            Hanne Kjeldsen (Acme Labs)

            Tomasz Wrona (Delta Systems)

            ## Discussion

            Nothing.
            """, "call.md")
        #expect(r.attendees.map(\.name) == ["Hanne Kjeldsen", "Tomasz Wrona"])
    }

    @Test func aFirstNameAloneInALaterListIsSomeoneListedInFull() throws {
        let r = try record("""
            # Diario del equipo

            ## Miembros del grupo

            - Quirós Bernal, Eloy
            - Naranjo Vidal, Sabina

            ## Acta 1

            Asistentes:

            - Eloy
            - Sabina
            """, "diario.md")
        #expect(r.attendees.map(\.name) == ["Eloy Quirós Bernal", "Sabina Naranjo Vidal"])
    }

    @Test func aStandUpsMemberHeadingsNameWhoReported() throws {
        let r = try record("""
            Mar 14/2018

            Priya K: 
                Done: Finished the login form and wrote the first tests for it.
                Will Do: Work on the password reset and the email templates.
                Blockers: None this week

            Soren: 
                Done: Wrote the database schema with the team.
                Will Do: Write the migrations and review the pull requests.
                Blockers: Two exams

            Mateus L: 
                Done: Drew the mockups for the main screens.
                Will Do: Write the style guide for the project.
                Blockers: None
            """, "standup.txt")
        let names = r.attendees.map(\.name)
        #expect(names == ["Priya K", "Soren", "Mateus L"])
    }

    @Test func aBracketedChairLineNamesThePresidingOfficer() throws {
        let r = try record("""
            HOUSE OF ASSEMBLY OF NORTHMERE
            Tuesday, 4th May 2010
            The House met at 9.30 a.m.
            [MADAM SPEAKER IN THE CHAIR]

            Cllr Mrs Okafor moved that the report be adopted, seconded by Mr. Lindqvist. Agreed.
            """, "house.txt")
        let names = r.attendees.map(\.name)
        #expect(names.contains("Madam Speaker") || names.contains("Speaker"))
        #expect(names.contains("Mrs Okafor"))
    }

    @Test func minutesSignedAtTheirEndNameTheSigner() throws {
        let r = try record("""
            MINUTES OF THE HARBOUR BOARD
            Monday, 7 June 2004

            The Board met at 10:00.

            The report on dredging was adopted.

            The Board adjourned at 11:15.

            K M VESTERGAARD
            Secretary to the Board
            """, "minutes.txt")
        #expect(r.kind == .minutes)
        let signer = r.attendees.first { $0.name == "K M Vestergaard" }
        #expect(signer?.role == "Secretary to the Board")
    }

    @Test func whoLedTheMeetingARankedRoleAndAnUnnamedCount() throws {
        let a = try record("""
            # Guild board meeting, 9 October 2021

            The meeting was led by Ravi Okonkwo.

            Those Attending: Cllr P Dunmore, Mrs L Ashby (Clerk) and 12 members of the public.

            ## Finances

            The accounts were approved.
            """, "board.md")
        let names = a.attendees.map(\.name)
        #expect(names.contains("Ravi Okonkwo"))
        #expect(names.contains("L Ashby"))
        let b = try record("""
            Acta de reunión del proyecto

            Sub-coordinadora del proyecto: Valentina Arrieta

            Fecha: 3 de mayo de 2017

            Se acordó entregar la carpeta el lunes.
            """, "acta.txt")
        #expect(b.attendees.map(\.name).contains("Valentina Arrieta"))
    }

    @Test func aMeetingLogsAttendeeColumnNamesWhoAttended() throws {
        let r = try record("""
            ## Registro de reuniones

            | Fecha | Temas | Asistentes |
            |---|---|---|
            | 4-mayo-24 | Plan del sprint | Todo el equipo |
            | 6-mayo-24 | Revisión de historias | Tester, Líder Técnico |
            | 9-mayo-24 | Demo | Líder Técnico, Diseño UX |
            """, "registro.md")
        #expect(r.attendees.map(\.name) == ["Tester", "Líder Técnico", "Diseño UX"])
    }

    @Test func handlesNameAttendeesAfterAnAttendeeItemAndInBrackets() throws {
        let a = try record("""
            # Council meeting 2024-02-07

            - CC Attendees (3/5): @mirela @okwu @tanvir
            - Staff: @jpereira @lmoreau

            ## Budget

            - @okwu: the budget was approved, no objections.
            """, "council.md")
        #expect(a.attendees.map(\.name) == ["mirela", "okwu", "tanvir", "jpereira", "lmoreau"])
        let b = try record("""
            # Project council meeting 2020-03-03

            ## Present

            * Greta Lindqvist
            * QuinnTM (@quinntm)
            * Osei Boateng (@oboateng)

            ## Notes

            Nothing to report.
            """, "council.md")
        #expect(b.attendees.map(\.name) == ["Greta Lindqvist", "QuinnTM", "Osei Boateng"])
        #expect(b.attendees.first?.organization == nil)
    }

    @Test func itemHeadingsNameTheirPresenters() throws {
        let r = try record("""
            # Routing WG minutes, session 2

            ## Path probing (Ilka Brandt, Ruben Osei)

            Ruben: the probes are cheap. It was agreed to adopt the draft.

            ## Status (EDIFACT Syntax)

            No discussion.
            """, "minutes.md")
        let names = r.attendees.map(\.name)
        #expect(names.contains("Ilka Brandt") && names.contains("Ruben Osei"))
        #expect(!names.contains { $0.contains("EDIFACT") })
    }

    @Test func membersRepresentedByProxyTakePart() throws {
        let r = try record("""
            # Asamblea general de la asociación

            Los miembros presentes fueron:

            - Ferrán Oyarzun, Delia Quiroga

            Con las siguientes facultades:

            - Ferrán Oyarzun tenía el poder de Maite Uribe, Joaquín Lanz

            Se aprobó el presupuesto por unanimidad.
            """, "asamblea.md")
        let names = Set(r.attendees.map(\.name))
        #expect(names == ["Ferrán Oyarzun", "Delia Quiroga", "Maite Uribe", "Joaquín Lanz"])
    }

    @Test func twoFirstNamesJoinedAloneInAnAttendeeListAreTwoPeople() throws {
        let r = try record("""
            Minuta de reunión del equipo
            Fecha: 12/06/2024
            Participantes: Ismael y Noelia

            Se acordó entregar el informe el lunes.
            """, "minuta.txt")
        #expect(r.attendees.map(\.name) == ["Ismael", "Noelia"])
        let bracketed = try record("""
            Reunión de desarrolladores, 4 de septiembre de 2017

            Asistentes:

            - Oriol y Bruna (Fundación Xarxa)
            - Quim (Ateneu)

            Se acordó migrar el servidor.
            """, "reunion.md")
        #expect(bracketed.attendees.map(\.name) == ["Oriol", "Bruna", "Quim"])
        #expect(bracketed.attendees.first?.organization == "Fundación Xarxa")
        #expect(bracketed.attendees.dropFirst().first?.organization == "Fundación Xarxa")
    }

    @Test func additionalAttendeesAndInitialsResolvedFromTheText() throws {
        let r = try record("""
            Renderer TSC Meeting Notes 2020-01-09

            Attendees: *Oona* K., *Piet* V.

            Additional Attendees: Magda Ferrer (Acme), Tobi Lund

            Agenda:

            1) Secretary - Oona Kastelic.

            Piet agreed to review the patch. The release was approved.
            """, "notes.md")
        let names = r.attendees.map(\.name)
        #expect(names.contains("Oona Kastelic"))
        #expect(names.contains("Piet V"))
        #expect(names.contains("Magda Ferrer") && names.contains("Tobi Lund"))
    }

    @Test func aSectionTitleCaughtInAnAttendeeListIsNoOne() throws {
        let r = try record("""
            <html><body><table>
            <tr><td>ACTA DE REUNIÓN 02</td></tr>
            <tr><td>FECHA: 4 DE OCTUBRE DE 2019</td></tr>
            <tr><td>PARTICIPANTES: Rocío Benavides Mora</td></tr>
            <tr><td>Emilio Santacruz Peña</td></tr>
            <tr><td>TEMAS</td></tr>
            <tr><td>Revisión del cronograma</td></tr>
            </table></body></html>
            """, "acta.html")
        let names = r.attendees.map(\.name)
        #expect(names.contains("Rocío Benavides Mora") && names.contains("Emilio Santacruz Peña"))
        #expect(!names.contains("TEMAS"))
    }

    @Test func aDeclarationsSignatoryRunGoesOnOverALineOfTwoEntries() throws {
        let r = try record("""
            # Pronunciamiento por los humedales del delta

            Las organizaciones reunidas en Rosario el 2 de abril de 2023 rechazamos el relleno de los humedales y exigimos la sanción de una ley que los proteja de una vez y para siempre.

            ¡Los humedales no se tocan!

            Colectivo Isla Sur

            Red de Huertas Comunitarias del Litoral Norte

            Comisión Vecinal de Barrio Puerto Norte por la Defensa del Ambiente (CVPN) Asamblea Ribereña por la Vida.

            Radio Abierta La Costera

            Biblioteca Popular Río Arriba
            """, "pronunciamiento.md")
        #expect(r.kind == .declaration)
        let names = r.attendees.map(\.name)
        #expect(names.count == 5)
        #expect(names.first == "Colectivo Isla Sur")
    }

    @Test func alsoPresentMinuteTakersAndSpanishOpeningLinesNamePeople() throws {
        let en = try record("""
            Minutes of the Orchard Lane Allotment Society committee, 3 March 2021

            Committee present: Hal Brennan (Chair), Ines Okafor, Piet Lindqvist
            Also present: Mrs Wendy Tallis (Treasurer)
            Apologies: Rufus Crane

            Minutes taken by Gwen Aldous.

            1. The minutes of the last meeting were approved.
            """, "minutes.txt")
        let enNames = Set(en.attendees.map(\.name))
        #expect(enNames.isSuperset(of: ["Hal Brennan", "Ines Okafor", "Piet Lindqvist", "Wendy Tallis", "Gwen Aldous"]))
        #expect(!enNames.contains("Rufus Crane"))
        let es = try record("""
            ACTA DE LA SESIÓN ORDINARIA DEL CONSEJO DIRECTIVO

            En Cuenca, a 3 de marzo de 2021, siendo las 18h00, se reúnen los consejeros Ramiro Egas y Tamara Villacís, bajo la presidencia del Ing. Octavio Larrea, actuando como secretaria la Lcda. Noemí Carrión.

            1. Se aprueba el acta anterior.
            """, "acta.txt")
        let esNames = Set(es.attendees.map(\.name))
        #expect(esNames == ["Ramiro Egas", "Tamara Villacís", "Octavio Larrea", "Noemí Carrión"])
    }

    @Test func aLabelOverOneParagraphAndAMeetingPagesMembers() throws {
        let council = try record("""
            MINUTES OF PROCEEDINGS AT MEETING OF THE DISTRICT, 2 JULY 2014

            PRESENT IN THE CHAIR: Councillor Jerome Scanlan.

            MEMBERS PRESENT:

            Councillors Browne, Foley and Sheahan.

            1. Adoption of Minutes
            """, "minutes.md")
        #expect(council.attendees.map(\.name) == ["Jerome Scanlan", "Browne", "Foley", "Sheahan"])
        let page = try record("""
            ---
            layout: meeting
            title: Minutes of general meeting
            date: 2019-02-09
            members:
            - Matthew Ferrero (also Director)
            - Susan Sons
            chair: Susan Sons
            ---

            ## Voting procedures

            The Chair explained the voting procedure.
            """, "minutes.md")
        #expect(Set(page.attendees.map(\.name)) == ["Matthew Ferrero", "Susan Sons"])
    }

    @Test func aVoteRecordsPeopleWrittenInPartsAreItsVoters() throws {
        let r = try record("""
            <?xml version="1.0" encoding="utf-8"?>
            <Votacion>
              <Fecha>2024-09-25T14:00:12</Fecha>
              <Votos>
                <Voto><Diputado><ID>1</ID><Nombre>Odile</Nombre><Apellido_Paterno>Marchetti</Apellido_Paterno><Apellido_Materno>Ruiz</Apellido_Materno></Diputado><Opcion>Afirmativo</Opcion></Voto>
                <Voto><Diputado><ID>2</ID><Nombre>Bram</Nombre><Apellido_Paterno>Kowalczyk</Apellido_Paterno></Diputado><Opcion>Negativo</Opcion></Voto>
              </Votos>
              <Pareos><Pareo><Diputado><Nombre>Teodora</Nombre><Apellido_Paterno>Vance</Apellido_Paterno></Diputado></Pareo></Pareos>
            </Votacion>
            """, "votacion.xml")
        #expect(r.attendees.map(\.name) == ["Odile Marchetti Ruiz", "Bram Kowalczyk"])
    }
}
