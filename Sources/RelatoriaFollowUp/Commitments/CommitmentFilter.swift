import Foundation
public import RelatoriaCore

/// Which commitments to list, and how to group them (`relatoria commitments`).
public struct CommitmentFilter: Sendable {
    /// Statuses to keep; nil for all.
    public var statuses: Set<Commitment.Status>?
    /// A party or owner (any of its names or aliases, or part of the owner as written).
    public var owner: String?
    /// A body (ignoring case and accents; part of its name is enough).
    public var body: String?
    /// The meeting's date range, inclusive, `YYYY-MM-DD`.
    public var from: String?
    public var to: String?

    public init(statuses: Set<Commitment.Status>? = nil, owner: String? = nil, body: String? = nil, from: String? = nil, to: String? = nil) {
        self.statuses = statuses
        self.owner = owner
        self.body = body
        self.from = from
        self.to = to
    }

    /// Whether `c` is kept.
    public func keeps(_ c: Commitment, parties: PartyDirectory) -> Bool {
        if let statuses, !statuses.contains(c.status) { return false }
        if let from, (c.date ?? "") < from { return false }
        if let to, (c.date ?? "9999") > to { return false }
        if let body {
            let k = FollowUpText.key(body)
            guard let b = c.body, FollowUpText.contains(FollowUpText.key(b), phrase: k) else { return false }
        }
        if let owner {
            if let p = parties.party(named: owner) {
                if !c.owners.contains(p.name) { return false }
            } else {
                let k = FollowUpText.key(owner)
                let written = FollowUpText.key(c.ownerAsWritten ?? "") + " " + FollowUpText.key(c.owner ?? "")
                if k.isEmpty || !FollowUpText.contains(written, phrase: k) { return false }
            }
        }
        return true
    }

    /// How to group a listing.
    public enum Grouping: String, Sendable, CaseIterable { case owner, body }

    /// Rank of a status in a listing: overdue first, then open, done, dropped.
    public static func rank(_ s: Commitment.Status) -> Int {
        switch s {
        case .overdue: 0
        case .open: 1
        case .done: 2
        case .dropped: 3
        }
    }

    /// `commitments` grouped by owner or body: groups with overdue commitments first (most
    /// first), then by name; in a group, overdue first, then by due date and meeting date.
    public static func group(_ commitments: [Commitment], by grouping: Grouping, unknown: String) -> [(name: String, commitments: [Commitment])] {
        var groups: [String: [Commitment]] = [:]
        for c in commitments {
            let name = (grouping == .owner ? c.owner : c.body) ?? unknown
            groups[name, default: []].append(c)
        }
        return groups.map { name, list in
            (name, list.sorted { a, b in
                if rank(a.status) != rank(b.status) { return rank(a.status) < rank(b.status) }
                if (a.due ?? "9999") != (b.due ?? "9999") { return (a.due ?? "9999") < (b.due ?? "9999") }
                return (a.date ?? "", a.id) < (b.date ?? "", b.id)
            })
        }.sorted { a, b in
            let oa = a.commitments.filter { $0.status == .overdue }.count, ob = b.commitments.filter { $0.status == .overdue }.count
            return oa != ob ? oa > ob : a.name.localizedStandardCompare(b.name) == .orderedAscending
        }
    }
}
