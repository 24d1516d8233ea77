import Foundation
import RelatoriaCore
@testable import RelatoriaExtractors
import Testing

struct DateExtractionTests {
    @Test(arguments: [
        ("Acta de la reunión\n\nBogotá D.C., 14 de marzo del 2006", "2006-03-14"),
        ("Acta de la reunión\n\nFecha: marzo 14 de 2006", "2006-03-14"),
        ("Acta de la reunión\n\nEn Bogotá, a los catorce días del mes de marzo de dos mil seis, se reunió el Comité.", "2006-03-14"),
        ("Acta de la reunión\n\nFecha: 14.III.2006", "2006-03-14"),
        ("Acta de la reunión\n\nFecha: 14-mar-06", "2006-03-14"),
        ("Acta de la reunión\n\nFecha: 14/03/2006", "2006-03-14"),
        ("Acta de la reunión\n\nFecha: 2006-03-14", "2006-03-14"),
        ("Acta de la reunión\n\nReunidos en Cali los días 22 y 23 de agosto de 2005.", "2005-08-22"),
        ("Minutes of the meeting\n\nDate: March 14, 2006", "2006-03-14"),
        ("Minutes of the meeting\n\nDate: 3/14/2006", "2006-03-14"),
        ("Minutes of the meeting held on 7 June 2005 in London", "2005-06-07"),
    ])
    func readsTheMeetingDateInEveryForm(text: String, expected: String) throws {
        #expect(try record(text).date == expected)
    }

    @Test func ignoresDatesOfOtherMeetingsAndDeadlines() throws {
        let r = try record("""
            Acta de la reunión del Comité 2007

            Aprobación del acta de la reunión del 2 de febrero de 2007.

            Fecha: 9 de marzo de 2007
            """)
        #expect(r.date == "2007-03-09")
    }

    @Test func takesTheYearFromElsewhereAndSaysSo() throws {
        let r = try record("Acta de la sesión 2006 del Comité\n\nmartes 14 de marzo, 9:00 a.m.\n\nSe acordó aprobar el plan.")
        #expect(r.date == "2006-03-14")
        #expect(r.warnings.contains { $0.contains("year was taken from elsewhere") })
    }

    @Test func warnsInsteadOfGuessingWhenThereIsNoDate() throws {
        let r = try record("Acta de la reunión del Comité\n\nSe acordó aprobar el plan de trabajo.")
        #expect(r.date == nil)
        #expect(r.warnings.contains { $0.contains("no meeting date") })
        let noYear = try record("Acta de la reunión del Comité\n\nmartes 14 de marzo\n\nSe acordó aprobar el plan.")
        #expect(noYear.date == nil)
        #expect(noYear.warnings.contains { $0.contains("has no year") })
    }

    @Test func resolvesDueDatesAgainstTheMeetingDate() throws {
        let r = try record("""
            Acta de la reunión del Comité

            Fecha: 10 de octubre de 2006

            COMPROMISOS

            - La Secretaría Técnica enviará el acta antes del 20 de octubre.
            - ACNUR presentará una propuesta a más tardar el viernes 5 de enero.
            - La Embajada de España organizará una visita en el mes de noviembre.
            """)
        #expect(r.actions.map(\.due) == ["2006-10-20", "2007-01-05", nil])
        #expect(r.actions.map(\.owner) == ["Secretaría Técnica", "ACNUR", "Embajada de España"])
    }
}

/// ISO dates written as `String(format: "%04d-%02d-%02d")` writes them.
struct ISODateTests {
    @Test func sameAsFormat() {
        for (y, m, d) in [(2006, 3, 14), (1900, 1, 1), (2100, 12, 31), (5, 0, 7), (12345, 123, 45), (0, 0, 0), (-3, 2, 1), (999, 10, 9)] {
            #expect(DateParser.iso(y, m, d) == String(format: "%04d-%02d-%02d", y, m, d), "\(y) \(m) \(d)")
        }
    }
}
