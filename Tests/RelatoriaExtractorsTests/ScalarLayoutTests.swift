import Foundation
import RelatoriaCore
@testable import RelatoriaExtractors
import Testing

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

/// A room in brackets at the top is the place (issue 18).
struct BracketedRoomTests {
    /// A page's own heading is its title; the headings under it that name the meeting again,
    /// with a date's label or its duration, are its parts.
    @Test func headingsUnderTheTitleThatNameTheMeetingAgainAreNoTitle() throws {
        let r = try record("""
            # Lighthouse Core Devs Meeting #25
            ### Meeting Date/Time: Friday 9/22/17 at 14:00 UTC
            ### Meeting Duration 1.5 hours

            # Agenda

            1. Testing updates
            """, "notes.md")
        #expect(r.title == "Lighthouse Core Devs Meeting #25")
        #expect(r.date == "2017-09-22")
    }

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

    @Test func isoTimestampsNumbersThatAreNoTitleAndTheTextsDayOverAPagesDate() throws {
        let xml = try record("""
            <?xml version="1.0" encoding="utf-8"?>
            <Votacion><ID>41219</ID><Fecha>2024-09-25T14:00:12</Fecha><Resultado>Aprobado</Resultado></Votacion>
            """, "votacion.xml")
        #expect(xml.date == "2024-09-25")
        #expect(xml.title == "")
        let vote = try record("""
            # 0031: Adopt the new logo

            Opened async, until 2026-08-25T17:00:00Z.

            ## Vote Outcome
            Accepted.
            """, "vote.md")
        #expect(vote.place == nil)
        let notice = try record("""
            ---
            title: "Fall General Meeting"
            date: 2020-11-27T00:00:00Z
            ---

            Our Fall General Meeting takes place this Tuesday, November 10 at 4:00 PM.
            """, "notice.md")
        #expect(notice.date == "2020-11-10")
    }

    @Test func aGeneralMeetingOfMembersIsTheBodyThatMet() throws {
        let agm = try record("""
            # Orchard Lane Allotment Society 2023 Annual General Meeting

            Present: Hal Brennan, Ines Okafor

            The minutes of the 2022 meeting were approved.
            """, "agm.md")
        #expect(agm.body == "Annual General Meeting")
        let prose = try record("""
            # Notes of the garden day, 3 March 2021

            We talked about what the general meeting should decide next year.
            """, "notes.md")
        #expect(prose.body == nil)
    }
}
