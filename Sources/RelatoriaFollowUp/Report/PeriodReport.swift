import Foundation
public import RelatoriaCore

/// The period report a secretariat sends its funders: meetings per body against the
/// workplan, attendance, decisions, positions, commitments. ``ReportWriter`` renders it as
/// HTML, Markdown and JSON; this is its content, computed from the effective records.
public struct PeriodReport: Sendable, Codable {
    public var from: String
    public var to: String
    /// The one body reported on, when the report was asked for one.
    public var body: String?
    public var language: String
    /// The day commitments' statuses are given for.
    public var asOf: String
    public var bodies: [BodyMeetings]
    public var attendance: [AttendanceRow]
    public var positions: [PositionsLedger.Line]
    public var moved: [PositionsLedger.Moved]
    public var commitments: CommitmentSummary

    /// One meeting (a record of kind `minutes`).
    public struct Meeting: Sendable, Codable, Hashable {
        public var record: String
        public var date: String
        public var title: String
        public var place: String?
    }

    /// The meetings of one body in the period.
    public struct BodyMeetings: Sendable, Codable {
        public var name: String
        /// Meetings held (records of kind `minutes`) in the period.
        public var meetings: Int
        /// Meetings planned in `config/workplan.yaml`, when it plans any for the body.
        public var planned: Int?
        /// `YYYY-MM` → meetings held that month.
        public var byMonth: [String: Int]
        public var held: [Meeting]
        public var decisions: [Decision]

        enum CodingKeys: String, CodingKey { case name, meetings, planned, byMonth, held, decisions }

        /// Every key written, `planned` as `null` when the workplan plans nothing for the body.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(meetings, forKey: .meetings)
            try c.encode(planned, forKey: .planned)
            try c.encode(byMonth, forKey: .byMonth)
            try c.encode(held, forKey: .held)
            try c.encode(decisions, forKey: .decisions)
        }
    }

    /// A decision and the meeting that took it.
    public struct Decision: Sendable, Codable, Hashable {
        public var record: String
        public var date: String
        public var text: String
    }

    /// An organization and the meetings of each body it attended.
    public struct AttendanceRow: Sendable, Codable {
        public var organization: String
        /// Its group (`config/parties.yaml`), when it is a known party.
        public var group: String?
        /// Body → meetings attended.
        public var byBody: [String: Int]
        public var total: Int
    }

    /// Commitments made in the period, by status on `asOf`.
    public struct CommitmentSummary: Sendable, Codable {
        public var total: Int
        /// Status → count (all four always present).
        public var byStatus: [String: Int]
        public var byOwner: [OwnerCount]
        /// `YYYY-MM` of the meeting that made them → status → count.
        public var byMonth: [String: [String: Int]]
        public var overdue: [Commitment]
        public var all: [Commitment]
    }

    /// An owner's commitments by status.
    public struct OwnerCount: Sendable, Codable {
        public var owner: String
        public var open: Int
        public var done: Int
        public var overdue: Int
        public var dropped: Int
    }

    /// Computes the report of `followUp`'s records from `from` to `to` (inclusive).
    public init(followUp: FollowUp, from: String, to: String, body: String? = nil, language: String, asOf: String) throws {
        self.from = from
        self.to = to
        self.body = body
        self.language = language
        self.asOf = asOf
        let bodyKey = body.map(FollowUpText.key)
        // Parties by their name in the report's language ("Canadá" is "Canada" in English).
        func shown(_ name: String) -> String {
            name.components(separatedBy: " / ").map { followUp.parties.party(named: $0)?.name(in: language) ?? $0 }.joined(separator: " / ")
        }
        func bodyKept(_ b: String?) -> Bool {
            guard let bodyKey else { return true }
            return b.map { FollowUpText.contains(FollowUpText.key($0), phrase: bodyKey) } ?? false
        }
        let inPeriod = followUp.records.filter { r in
            guard let d = r.date, d >= from, d <= to else { return false }
            return bodyKept(r.body)
        }
        let meetings = inPeriod.filter { $0.kind == .minutes }

        // Meetings per body, with the workplan's.
        var byBody: [String: BodyMeetings] = [:]
        var displayName: [String: String] = [:]
        for r in meetings {
            let name = r.body ?? "—"
            let k = FollowUpText.key(name)
            let shown = displayName[k] ?? name
            displayName[k] = shown
            var b = byBody[k] ?? BodyMeetings(name: shown, meetings: 0, planned: nil, byMonth: [:], held: [], decisions: [])
            b.meetings += 1
            b.byMonth[String(r.date!.prefix(7)), default: 0] += 1
            b.held.append(Meeting(record: r.id, date: r.date!, title: r.title, place: r.place))
            byBody[k] = b
        }
        for r in inPeriod where !r.decisions.isEmpty {
            let k = FollowUpText.key(r.body ?? "—")
            let shown = displayName[k] ?? r.body ?? "—"
            displayName[k] = shown
            var b = byBody[k] ?? BodyMeetings(name: shown, meetings: 0, planned: nil, byMonth: [:], held: [], decisions: [])
            b.decisions += r.decisions.map { Decision(record: r.id, date: r.date!, text: $0.text) }
            byBody[k] = b
        }
        for planned in followUp.workplan.bodies(from: from, to: to) where bodyKept(planned) {
            let k = FollowUpText.key(planned)
            if byBody[k] == nil { byBody[k] = BodyMeetings(name: planned, meetings: 0, planned: nil, byMonth: [:], held: [], decisions: []) }
        }
        for k in byBody.keys { byBody[k]!.planned = followUp.workplan.planned(body: byBody[k]!.name, from: from, to: to) }
        bodies = byBody.values.sorted { a, b in a.meetings != b.meetings ? a.meetings > b.meetings : a.name < b.name }

        // Attendance: organizations (normalized; a delegation listed by name is its own organization).
        var rows: [String: AttendanceRow] = [:]
        for r in meetings {
            var seen = Set<String>()
            for a in r.attendees {
                // An attendee without an organization counts when its name is a party (a
                // delegation listed by name); a person's name alone says nothing of who came.
                let orgs = a.organization.map(followUp.parties.normalize) ?? followUp.parties.parties(in: a.name).map(\.name)
                for org in orgs where seen.insert(org).inserted {
                    let group = followUp.parties.party(named: org).flatMap { followUp.parties.group($0.group)?.name(in: language) }
                    var row = rows[org] ?? AttendanceRow(organization: shown(org), group: group, byBody: [:], total: 0)
                    row.byBody[r.body ?? "—", default: 0] += 1
                    row.total += 1
                    rows[org] = row
                }
            }
        }
        attendance = rows.values.sorted { a, b in a.total != b.total ? a.total > b.total : a.organization < b.organization }

        // Positions.
        let ledger = PositionsLedger(records: inPeriod, parties: followUp.parties, stopwords: followUp.lexicon.stopwords)
        positions = ledger.lines.map { l in
            var l = l
            l.party = shown(l.party)
            l.items = l.items.map { PositionsLedger.Item(entry: $0.entry, with: $0.with.map(shown)) }
            return l
        }
        moved = ledger.moved.map { m in
            var m = m
            m.parties = m.parties.map(shown)
            return m
        }

        // Commitments made in the period, as they stand on `asOf` (one made after it has no
        // status yet and is left out).
        let settled = try followUp.register(asOf: asOf).commitments.filter { c in
            guard let d = c.date, d >= from, d <= to else { return false }
            return bodyKept(c.body)
        }.map { c in
            var c = c
            c.owner = c.owner.map(shown)
            return c
        }
        var byStatus = Dictionary(uniqueKeysWithValues: Commitment.Status.allCases.map { ($0.rawValue, 0) })
        var owners: [String: OwnerCount] = [:]
        var byMonth: [String: [String: Int]] = [:]
        for c in settled {
            byStatus[c.status.rawValue, default: 0] += 1
            let o = c.owner ?? "—"
            var row = owners[o] ?? OwnerCount(owner: o, open: 0, done: 0, overdue: 0, dropped: 0)
            switch c.status {
            case .open: row.open += 1
            case .done: row.done += 1
            case .overdue: row.overdue += 1
            case .dropped: row.dropped += 1
            }
            owners[o] = row
            byMonth[String((c.date ?? "").prefix(7)), default: [:]][c.status.rawValue, default: 0] += 1
        }
        commitments = CommitmentSummary(
            total: settled.count, byStatus: byStatus,
            byOwner: owners.values.sorted { a, b in
                let ta = a.open + a.done + a.overdue + a.dropped, tb = b.open + b.done + b.overdue + b.dropped
                return ta != tb ? ta > tb : a.owner < b.owner
            },
            byMonth: byMonth,
            overdue: settled.filter { $0.status == .overdue }.sorted { ($0.due ?? "") < ($1.due ?? "") },
            all: settled)
    }
}
