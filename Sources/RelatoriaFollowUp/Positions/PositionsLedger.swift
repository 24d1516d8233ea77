import Foundation
public import RelatoriaCore

/// Consensus and dissent per topic and party over time, from the effective records'
/// `consensus` and `dissent` items, with parties normalized (`config/parties.yaml`); and the
/// points that moved: a dissent later followed by a consensus on the same topic between the
/// same parties.
public struct PositionsLedger: Sendable {
    /// One consensus or dissent item.
    public struct Entry: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable { case consensus, dissent }
        public var kind: Kind
        public var record: String
        public var title: String
        public var body: String?
        public var date: String?
        public var text: String
        /// Normalized parties; as written when they match none.
        public var parties: [String]
        public var topics: [String]
        public var anchor: Anchor?
    }

    /// A party's items on a topic, in date order, each with the other parties it agreed or
    /// disagreed with.
    public struct Line: Sendable, Hashable, Codable {
        public var topic: String
        public var party: String
        public var consensus: Int
        public var dissent: Int
        public var items: [Item]
    }

    /// An item of a ``Line``.
    public struct Item: Sendable, Hashable, Codable {
        public var entry: Entry
        /// The other parties of the item.
        public var with: [String]
    }

    /// A dissent later followed by a consensus on the same topic covering its parties.
    public struct Moved: Sendable, Hashable, Codable {
        public var topic: String
        public var parties: [String]
        public var dissent: Entry
        public var consensus: Entry
        /// Content words the two texts share.
        public var sharedWords: Int
    }

    public var entries: [Entry]
    public var lines: [Line]
    public var moved: [Moved]

    /// The topic label of items whose record has no topic.
    public static let noTopic = "—"
    /// The party label of items that name no party.
    public static let noParty = "—"

    /// Builds the ledger from `records` (any order), keeping items of the given party and
    /// topic and meetings from `from` to `to` (inclusive, `YYYY-MM-DD`).
    public init(records: [Record], parties: PartyDirectory, party: String? = nil, topic: String? = nil, from: String? = nil, to: String? = nil, stopwords: Set<String> = []) {
        var all: [Entry] = []
        for r in EffectiveRecords.chronological(records) {
            if let from, (r.date ?? "") < from { continue }
            if let to, (r.date ?? "9999") > to { continue }
            let topics = r.topics.isEmpty ? [Self.noTopic] : r.topics
            for (kind, items) in [(Entry.Kind.consensus, r.consensus), (.dissent, r.dissent)] {
                for p in items {
                    var names: [String] = []
                    for n in p.parties.flatMap(parties.normalize) where !names.contains(n) { names.append(n) }
                    all.append(Entry(kind: kind, record: r.id, title: r.title, body: r.body, date: r.date, text: p.text, parties: names, topics: topics, anchor: p.anchor))
                }
            }
        }
        let wantedParty = party.map { parties.party(named: $0)?.name ?? $0 }
        let wantedTopic = topic.map(FollowUpText.key)
        func partyMatches(_ e: Entry) -> Bool {
            guard let wantedParty else { return true }
            let k = FollowUpText.key(wantedParty)
            return e.parties.contains { FollowUpText.key($0) == k }
        }
        func topicsOf(_ e: Entry) -> [String] {
            guard let wantedTopic else { return e.topics }
            return e.topics.filter { FollowUpText.contains(FollowUpText.key($0), phrase: wantedTopic) }
        }
        entries = all.filter { partyMatches($0) && !topicsOf($0).isEmpty }

        var lineMap: [String: Line] = [:]
        var order: [String] = []
        for e in entries {
            for t in topicsOf(e) {
                for p in e.parties.isEmpty ? [Self.noParty] : e.parties {
                    if let wantedParty, FollowUpText.key(p) != FollowUpText.key(wantedParty) { continue }
                    let key = t + "\u{1}" + p
                    if lineMap[key] == nil { lineMap[key] = Line(topic: t, party: p, consensus: 0, dissent: 0, items: []); order.append(key) }
                    lineMap[key]!.items.append(Item(entry: e, with: e.parties.filter { $0 != p }))
                    if e.kind == .consensus { lineMap[key]!.consensus += 1 } else { lineMap[key]!.dissent += 1 }
                }
            }
        }
        lines = order.compactMap { lineMap[$0] }.sorted { ($0.topic, $0.party) < ($1.topic, $1.party) }

        // Points that moved: each dissent with named parties, and the first later consensus on
        // a shared topic whose parties cover them (the party itself, or its group's party),
        // on the same point (content words shared: two in the same body, three elsewhere).
        var moved: [Moved] = []
        let dissents = entries.filter { $0.kind == .dissent && !$0.parties.isEmpty }
        let consensuses = all.filter { $0.kind == .consensus }
        let consensusStems = consensuses.map { FollowUpText.stems($0.text, stopwords: stopwords) }
        // The party that stands for a whole side ("Gobierno" for the group gobierno), if any.
        var sideParty: [String: String] = [:]
        for g in parties.groups { if let p = parties.party(named: g.name), p.group == g.id { sideParty[g.id] = p.name } }
        // Whether a consensus's parties include `p`, or the side `p` belongs to.
        func covers(_ cParties: [String], _ p: String) -> Bool {
            if cParties.contains(p) { return true }
            guard let g = parties.party(named: p)?.group, let side = sideParty[g] else { return false }
            return cParties.contains(side)
        }
        for d in dissents {
            let dStems = FollowUpText.stems(d.text, stopwords: stopwords)
            for (n, c) in consensuses.enumerated() where (c.date ?? "") > (d.date ?? "9999") {
                let shared = topicsOf(d).filter { c.topics.contains($0) }
                guard let t = shared.first else { continue }
                guard d.parties.allSatisfy({ covers(c.parties, $0) }) else { continue }
                let sameBody = d.body != nil && FollowUpText.key(d.body ?? "") == FollowUpText.key(c.body ?? "")
                let words = dStems.intersection(consensusStems[n]).count
                // The same point: two content words shared in the same body, three elsewhere.
                // Without a topic, only within the same body.
                guard t != Self.noTopic || sameBody else { continue }
                guard (sameBody && words >= 2) || words >= 3 else { continue }
                moved.append(Moved(topic: t, parties: d.parties, dissent: d, consensus: c, sharedWords: words))
                break
            }
        }
        self.moved = moved
    }
}
