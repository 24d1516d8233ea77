import Foundation
public import RelatoriaCore

/// How often records name each party, and the names that match none (for
/// `relatoria parties --unknown`: the aliases the secretariat may add).
public struct PartyCensus: Sendable {
    /// A party of the directory and its mentions.
    public struct Known: Sendable, Codable, Hashable {
        public var name: String
        public var en: String
        public var group: String
        public var count: Int
    }

    /// A name as written that matches no party.
    public struct Unknown: Sendable, Codable, Hashable {
        public var name: String
        public var count: Int
        /// Where it was met: `owner`, `party`, `organization`.
        public var roles: [String]
        /// Records naming it (first met first).
        public var records: [String]
    }

    public var known: [Known]
    public var unknown: [Unknown]

    /// Counts the owners of actions, the parties of consensus and dissent, and attendees'
    /// organizations of `records`.
    public init(records: [Record], parties: PartyDirectory) {
        var counts: [String: Int] = [:]
        var unknown: [String: Unknown] = [:]
        var order: [String] = []
        func see(_ name: String, _ role: String, _ record: String) {
            let found = parties.parties(in: name)
            if !found.isEmpty {
                for p in found { counts[p.name, default: 0] += 1 }
                return
            }
            let t = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !t.isEmpty else { return }
            let k = FollowUpText.key(t)
            if unknown[k] == nil { unknown[k] = Unknown(name: t, count: 0, roles: [], records: []); order.append(k) }
            unknown[k]!.count += 1
            if !unknown[k]!.roles.contains(role) { unknown[k]!.roles.append(role) }
            if !unknown[k]!.records.contains(record) { unknown[k]!.records.append(record) }
        }
        for r in records {
            for a in r.actions { if let o = a.owner { see(o, "owner", r.id) } }
            for p in r.consensus + r.dissent { for n in p.parties { see(n, "party", r.id) } }
            for a in r.attendees { if let o = a.organization { see(o, "organization", r.id) } }
        }
        known = parties.parties.map { Known(name: $0.name, en: $0.en, group: $0.group, count: counts[$0.name] ?? 0) }
        self.unknown = order.compactMap { unknown[$0] }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
    }
}
