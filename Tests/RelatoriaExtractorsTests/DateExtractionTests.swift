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
        // The year first with dots or slashes.
        ("Meeting notes\n\n2013.08.31\n\nWe met.", "2013-08-31"),
        ("Acta de la reunión\n\nFecha: 2013/08/31", "2013-08-31"),
    ])
    func readsTheMeetingDateInEveryForm(text: String, expected: String) throws {
        #expect(try record(text).date == expected)
    }

    // Forms of issue 18: each fails on the extractor before it (weekday before a full date,
    // Roman month between dashes, day in words with a weekday, digits in "a los ... días").
    @Test(arguments: [
        ("Minutes – Liaison Commission, Friday, 26 January 2007\n\nThe meeting decided to extend the deadline to February 8, 2007.", "2007-01-26"),
        ("Acta No. 27 – Bloque de Desarrollo\n\nFecha: 2-VIII-2007", "2007-08-02"),
        ("Acta de la reunión\n\nEn Bogotá, el viernes veintinueve de septiembre de dos mil seis, se reunió el Comité.", "2006-09-29"),
        ("Declaración conjunta\n\nLos representantes, reunidos en Bogotá a los 23 días del mes de enero de 2007, declaran:", "2007-01-23"),
    ])
    func readsTheFormsOfOtherConventions(text: String, expected: String) throws {
        #expect(try record(text).date == expected)
    }

    @Test func aCalendarVersionOrAVersionNumberIsNoDate() throws {
        #expect(try record("Release notes\n\nWe shipped version 2023.1.15 of the tool.").date == nil)
    }

    @Test func aWordedYearCutAtTheEndOfALineIsNotTheYear2000() throws {
        let r = try record("ACTA DE LA REUNIÓN EXTRAORDINARIA DEL VEINTITRÉS DE MAYO DE DOS MIL\n\nFecha: 23/05/2024\n\nSe acordó convocar la asamblea.")
        #expect(r.date == "2024-05-23")
    }

    @Test func readsADateRowOfAHeaderTable() throws {
        let r = try record("<html><body><h1>Agenda de la reunión del Bloque</h1><table><tr><td>Fecha</td><td>6 de julio de 2005</td></tr><tr><td>Lugar</td><td>Cali</td></tr></table><h2>Orden del día</h2><ol><li>Informe</li></ol></body></html>", "a.html")
        #expect(r.date == "2005-07-06")
    }

    @Test func readsTheSigningLineAtTheEnd() throws {
        let r = try record("""
            Declaración final

            Los firmantes, comprometidos con la paz, declaran:

            1. Apoyar el proceso de consulta regional.

            2. Fortalecer las mesas departamentales.

            Dada en Villavicencio, 30 de noviembre de 2006.
            """)
        #expect(r.date == "2006-11-30")
    }

    @Test func takesTheYearOfARangeFromElsewhereInTheDocument() throws {
        let r = try record("""
            Memoria del encuentro regional

            Reunidos los días 28 y 29 de septiembre en Pasto, los participantes trataron la agenda.

            Se acordó convocar el próximo encuentro.

            El informe final se publicó con el balance de 2006 de la cooperación.
            """)
        #expect(r.date == "2006-09-28")
        #expect(r.warnings.contains { $0.contains("year was taken from elsewhere") })
    }

    @Test func fallsBackOnTheFileNameAndSaysSo() throws {
        let glued = try record("Acta de la reunión del Comité\n\nSe acordó aprobar el plan de trabajo.", "ActaREI_02ago07.txt")
        #expect(glued.date == "2007-08-02")
        #expect(glued.warnings.contains { $0.contains("file name") })
        let iso = try record("Acta de la reunión del Comité\n\nSe acordó aprobar el plan de trabajo.", "acta-comite-2005-06-08.txt")
        #expect(iso.date == "2005-06-08")
    }

    @Test func readsNumericDatesInTheOrderTheDocumentShows() throws {
        // English, but "24/07/2007" can only be read day first: so is "09/11/2005".
        let r = try record("Minutes of the meeting\n\nDate: 09/11/2005\n\nACTION: the Secretariat will circulate the draft by 24/07/2007.")
        #expect(r.date == "2005-11-09")
        // Nothing in the text tells; the file name does.
        let named = try record("Progress report\n\nLondon, 06/04/2006\n\nThe report covers the first half of the year.", "report-2006-04-06.txt")
        #expect(named.date == "2006-04-06")
    }

    @Test func doesNotTakeTheNextMeetingForTheMeetingDate() throws {
        let r = try record("""
            Acta de la reunión del Grupo de Trabajo

            Se revisaron los avances del plan.

            Se acordó ampliar el plazo de observaciones.

            La próxima reunión se realizará el jueves 12 de julio de 2007 en Cali.
            """, "acta-grupo-sf.txt")
        #expect(r.date == nil)
        #expect(r.warnings.contains { $0.contains("date") })
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

    /// A version number is no date: "version 3.1.12", "release 2.10.31", "v2.1.12"; the same
    /// figures after other words still are.
    @Test func aVersionNumberIsNoDate() throws {
        let r = try record("Dev call notes\n\nWe released v2.1.12 and version 3.1.12 today; release 2.10.31 follows.\n\nThe meeting ended.\n")
        #expect(r.date == nil)
        let dated = try record("Dev call notes\n\nMeeting of 3.1.12 in the lab.\n\nThe meeting ended.\n")
        #expect(dated.date != nil)
    }

    /// A weekday stated as a deadline is the first such day after the meeting ("by Friday",
    /// "antes del viernes", "para el próximo lunes"); "due 10 May" is a deadline too; a weekday
    /// that is no deadline ("on Friday") gives none.
    @Test func aWeekdayDeadlineIsTheFirstSuchDayAfterTheMeeting() throws {
        let en = try record("# Minutes of the board meeting, 3 May 2021\n\nPresent: Ana Gil, Luis Pérez\n\n## Actions\n\n- Ana Gil to send the minutes by Friday.\n- Luis Pérez to book the hall (due 10 May).\n- Ana Gil to call the speaker on Friday.\n", "m.md")
        #expect(en.actions.map(\.due) == ["2021-05-07", "2021-05-10", nil])
        let es = try record("# Acta de la reunión, 3 de mayo de 2021\n\nAsistentes: Ana Gil, Luis Pérez\n\n## Compromisos\n\n- Ana Gil enviará el acta antes del viernes.\n- Luis Pérez revisará el informe para el próximo lunes.\n", "a.md")
        #expect(es.actions.map(\.due) == ["2021-05-07", "2021-05-10"])
    }

    /// A date written with dots is day first in any language ("09.03.2021" is 9 March in English
    /// text too); with slashes English reads month first.
    @Test func aDottedDateIsDayFirstInAnyLanguage() throws {
        #expect(try record("Minutes — 09.03.2021\n\nPresent: Ana Gil, Luis Pérez\n\nThe budget was approved.\n").date == "2021-03-09")
        #expect(try record("Minutes — 09/03/2021\n\nPresent: Ana Gil, Luis Pérez\n\nThe budget was approved.\n").date == "2021-09-03")
    }
}
