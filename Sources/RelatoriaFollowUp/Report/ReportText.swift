import Foundation
/// The words of the period report in Spanish and English.
struct ReportText: Sendable {
    let language: String

    private static let es: [String: String] = [
        "title": "Informe del período", "period": "Período", "body": "Instancia", "asOf": "Estado de los compromisos al",
        "meetings": "Reuniones", "meetingsPerBody": "Reuniones por instancia", "held": "realizadas", "heldOne": "realizada", "planned": "planeadas",
        "ofPlanned": "%1 de %2 planeadas", "ofPlannedOne": "%1 de %2 planeada", "noPlan": "sin plan", "byMonth": "Por mes", "timeline": "Cronología de reuniones",
        "attendance": "Asistencia", "attendanceGrid": "Asistencia: organizaciones por instancia", "organization": "Organización",
        "group": "Grupo", "total": "Total", "decisions": "Decisiones", "noDecisions": "Sin decisiones registradas.",
        "positions": "Consensos y disensos por tema y parte", "topic": "Tema", "party": "Parte", "byParty": "Por parte (consensos/disensos)", "consensus": "Consensos",
        "dissent": "Disensos", "moved": "Puntos que avanzaron: disenso seguido de consenso", "noMoved": "Ningún disenso del período fue seguido de un consenso entre las mismas partes.",
        "commitments": "Compromisos del período", "commitmentsChart": "Compromisos por estado, según el mes en que se adquirieron",
        "owner": "Responsable", "open": "abiertos", "done": "cumplidos", "overdue": "vencidos", "dropped": "descartados",
        "overdueList": "Compromisos vencidos", "noOverdue": "Ningún compromiso vencido.", "due": "Vence", "made": "Adquirido",
        "meeting": "Reunión", "date": "Fecha", "none": "Nada en este período.", "generated": "Hecho por Relatoría",
    ]
    private static let en: [String: String] = [
        "title": "Period report", "period": "Period", "body": "Body", "asOf": "Commitments as of",
        "meetings": "Meetings", "meetingsPerBody": "Meetings per body", "held": "held", "heldOne": "held", "planned": "planned",
        "ofPlanned": "%1 of %2 planned", "ofPlannedOne": "%1 of %2 planned", "noPlan": "no plan", "byMonth": "By month", "timeline": "Timeline of meetings",
        "attendance": "Attendance", "attendanceGrid": "Attendance: organizations by body", "organization": "Organization",
        "group": "Group", "total": "Total", "decisions": "Decisions", "noDecisions": "No decisions recorded.",
        "positions": "Consensus and dissent by topic and party", "topic": "Topic", "party": "Party", "byParty": "By party (consensus/dissent)", "consensus": "Consensus",
        "dissent": "Dissent", "moved": "Points that moved: dissent later followed by consensus", "noMoved": "No dissent of the period was later followed by a consensus between the same parties.",
        "commitments": "Commitments made in the period", "commitmentsChart": "Commitments by status, by the month they were made",
        "owner": "Owner", "open": "open", "done": "done", "overdue": "overdue", "dropped": "dropped",
        "overdueList": "Overdue commitments", "noOverdue": "No overdue commitment.", "due": "Due", "made": "Made",
        "meeting": "Meeting", "date": "Date", "none": "Nothing in this period.", "generated": "Made by Relatoría",
    ]

    subscript(_ key: String) -> String { (language == "en" ? Self.en : Self.es)[key] ?? key }

    /// "2 of 6 planned" / "2 de 6 planeadas".
    func ofPlanned(_ held: Int, _ planned: Int) -> String {
        self[planned == 1 ? "ofPlannedOne" : "ofPlanned"].replacingOccurrences(of: "%1", with: String(held)).replacingOccurrences(of: "%2", with: String(planned))
    }

    /// "1 realizada", "3 realizadas", "2 held".
    func held(_ n: Int) -> String { "\(n) \(self[n == 1 ? "heldOne" : "held"])" }

    /// A day written out: "14 de marzo de 2006", "14 March 2006".
    func day(_ iso: String) -> String {
        let p = iso.split(separator: "-")
        guard p.count == 3, let m = Int(p[1]), let d = Int(p[2]), (1...12).contains(m) else { return iso }
        return language == "en" ? "\(d) \(Self.monthsEn[m - 1]) \(p[0])" : "\(d) de \(Self.monthsEs[m - 1]) de \(p[0])"
    }

    /// A month's short name.
    func month(_ m: Int) -> String { String((language == "en" ? Self.monthsEn : Self.monthsEs)[max(0, min(11, m - 1))].prefix(3)) }

    static let monthsEs = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
    static let monthsEn = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
}
