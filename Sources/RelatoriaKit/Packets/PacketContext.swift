import Foundation
import RelatoriaCore
import RelatoriaStore

/// The values a packet's templates see: the member, the period or meeting, the documents,
/// each record's decisions, consensus, dissent and commitments, and the commitments due soon
/// or overdue. Dates are written out in the member's language.
struct PacketContext {
    let member: Member
    let records: [Record]
    /// Records the member would receive but which have no date, so no period holds them.
    var undated: [Record] = []
    let selection: PacketMaker.Selection
    let now: Date
    let upcomingDays: Int
    /// Each record's original as the packet names it (by record id).
    var fileNames: [String: String] = [:]
    /// Commitments still open from earlier meetings of the records' bodies.
    var earlier: [EarlierCommitment] = []
    /// The records' own commitments already closed (``key(_:_:)``), left out of the upcoming list.
    var closed: Set<String> = []

    /// A record's commitment, as ``closed`` holds it.
    static func key(_ record: Record, _ action: Action) -> String { record.id + "\u{0}" + action.text }

    func values() throws -> [String: Any] {
        let lang = member.language
        var v: [String: Any] = [
            "member": compact(["id": member.id, "name": member.name, "contact": member.contact, "email": member.email, "group": member.group]),
            "created": DateLabel.long(RecordIndex.day(now), lang),
            "count": records.count,
            "plural": records.count != 1,
        ]
        if selection.ids.isEmpty {
            var period: [String: Any] = [:]
            let (from, to) = try selection.labels()
            if let from { period["from"] = DateLabel.long(from, lang) }
            if let to { period["to"] = DateLabel.long(to, lang) }
            if let body = selection.body { period["body"] = body }
            if let topic = selection.topic { period["topic"] = topic }
            v["period"] = period
        } else if records.count == 1 {
            v["meeting"] = compact(["title": records[0].title, "date": records[0].date.map { DateLabel.long($0, lang) }])
        }
        v["documents"] = records.map { r in
            compact(["title": r.title, "date": r.date.map { DateLabel.long($0, lang) }, "body": r.body,
                     "kind": r.kind.rawValue, "filename": fileNames[r.id] ?? r.source.filename, "id": r.id])
        }
        v["records"] = records.map { r in
            compact([
                "title": r.title, "date": r.date.map { DateLabel.long($0, lang) }, "body": r.body,
                "place": r.place, "filename": fileNames[r.id] ?? r.source.filename, "id": r.id,
                "decisions": r.decisions.map { ["text": $0.text] },
                "consensus": r.consensus.map { compact(["text": $0.text, "parties": $0.parties.joined(separator: ", ")]) },
                "dissent": r.dissent.map { compact(["text": $0.text, "parties": $0.parties.joined(separator: ", ")]) },
                "actions": r.actions.map { a in
                    compact(["text": a.text, "owner": a.owner, "due": a.due.map { DateLabel.long($0, lang) }])
                },
                "hasDecisions": !r.decisions.isEmpty, "hasConsensus": !r.consensus.isEmpty,
                "hasDissent": !r.dissent.isEmpty, "hasActions": !r.actions.isEmpty,
                "hasNothing": r.decisions.isEmpty && r.consensus.isEmpty && r.dissent.isEmpty && r.actions.isEmpty,
            ])
        }
        v["undated"] = undated.map { r in
            compact(["title": r.title, "body": r.body, "filename": r.source.filename, "id": String(r.id.prefix(12))])
        }
        v["hasUndated"] = !undated.isEmpty
        v["undatedCount"] = undated.count
        v["undatedPlural"] = undated.count != 1
        let upcoming = upcomingCommitments()
        v["upcoming"] = upcoming.map { u in
            compact(["text": u.action.text, "owner": u.action.owner, "due": DateLabel.long(u.due, lang), "overdue": u.overdue,
                     "record": u.record.title, "recordDate": u.record.date.map { DateLabel.long($0, lang) }])
        }
        v["hasUpcoming"] = !upcoming.isEmpty
        v["endDate"] = DateLabel.long(endDate, lang)
        v["upcomingDays"] = upcomingDays
        v["earlier"] = earlier.map { c in
            compact(["text": c.text, "owner": c.owner, "due": c.due.map { DateLabel.long($0, lang) }, "overdue": c.overdue,
                     "body": c.body, "recordDate": c.date.map { DateLabel.long($0, lang) }])
        }
        v["hasEarlier"] = !earlier.isEmpty
        return v
    }

    /// A template value without its missing and empty entries (in Mustache an empty string
    /// still opens a section).
    func compact(_ values: [String: Any?]) -> [String: Any] {
        values.compactMapValues { v -> Any? in
            guard let v else { return nil }
            if let s = v as? String, s.isEmpty { return nil }
            return v
        }
    }

    /// The packet's end date: the selection's `to`, else its latest record date, else today.
    var endDate: String {
        if let last = try? selection.days().last { return last }
        return records.compactMap(\.date).max().map { DateLabel.lastDay(of: $0) } ?? RecordIndex.day(now)
    }

    /// Commitments not closed with a due date up to `upcomingDays` after the end date (overdue
    /// ones included), by due date; overdue is against the day the packet is made, not the
    /// period's end.
    func upcomingCommitments() -> [(action: Action, record: Record, due: String, overdue: Bool)] {
        let limit = DateLabel.adding(days: upcomingDays, to: endDate)
        let today = RecordIndex.day(now)
        var out: [(action: Action, record: Record, due: String, overdue: Bool)] = []
        for r in records {
            for a in r.actions where !closed.contains(Self.key(r, a)) {
                guard let due = a.due, due.count == 10, due <= limit else { continue }
                out.append((a, r, due, due < today))
            }
        }
        return out.sorted { ($0.due, $0.record.date ?? "") < ($1.due, $1.record.date ?? "") }
    }
}

/// Dates written out in Spanish or English.
enum DateLabel {
    static let months: [String: [String]] = [
        "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
        "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    ]

    /// `2006-10-10` → "10 de octubre de 2006" / "10 October 2006"; `2006-10` → "octubre de
    /// 2006" / "October 2006"; `2006` as is.
    static func long(_ iso: String, _ lang: String) -> String {
        let parts = iso.split(separator: "-").map(String.init)
        guard parts.count >= 2, let m = Int(parts[1]), (1...12).contains(m), let names = months[lang] ?? months["es"] else { return iso }
        let month = names[m - 1]
        let es = lang != "en"
        if parts.count == 2 { return es ? "\(month) de \(parts[0])" : "\(month) \(parts[0])" }
        let day = Int(parts[2]) ?? 0
        return es ? "\(day) de \(month) de \(parts[0])" : "\(day) \(month) \(parts[0])"
    }

    /// The last day a partial date covers (`2007` → `2007-12-31`, `2007-02` → `2007-02-28`).
    static func lastDay(of iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        switch parts.count {
        case 1: return String(format: "%04d-12-31", parts[0])
        case 2:
            var c = DateComponents()
            c.year = parts[0]; c.month = parts[1] + 1; c.day = 0
            let cal = utcCalendar
            guard let d = cal.date(from: c) else { return iso }
            return String(format: "%04d-%02d-%02d", parts[0], parts[1], cal.component(.day, from: d))
        default: return iso
        }
    }

    static func adding(days: Int, to iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return iso }
        var c = DateComponents()
        c.year = parts[0]; c.month = parts[1]; c.day = parts[2] + days
        let cal = utcCalendar
        guard let d = cal.date(from: c) else { return iso }
        let x = cal.dateComponents([.year, .month, .day], from: d)
        return String(format: "%04d-%02d-%02d", x.year ?? 0, x.month ?? 0, x.day ?? 0)
    }

    static var utcCalendar: Calendar {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        return cal
    }
}
