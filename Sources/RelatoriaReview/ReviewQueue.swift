public import Foundation
public import RelatoriaStore

/// The records waiting for a person: not reviewed, not withdrawn, not superseded; those with
/// low-confidence items or warnings first (an item may carry `confidence`, 0 to 1), then the
/// newest.
public struct ReviewQueue: Sendable {
    /// One record in the queue.
    public struct Entry: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
        public var date: String?
        public var body: String?
        public var kind: String
        public var warnings: Int
        /// The lowest `confidence` of the record's items, when any item has one.
        public var confidence: Double?
        public var corrections: Int
    }

    public let review: Review

    public init(review: Review) { self.review = review }

    /// The whole queue, in order.
    public func all() throws -> [Entry] {
        let logged = review.log.ids()
        var out: [Entry] = []
        for e in try review.index.allEntries() {
            guard let data = try? review.archive.read(e.recordPath), let json = try? JSONValue.parse(data).object else { continue }
            var corrections = 0
            var object = json
            if logged.contains(e.id) {
                guard let eff = try? EffectiveRecord(recordFile: data, log: review.log.lines(e.id)) else { continue }
                if eff.reviewed != nil || eff.isHidden { continue }
                object = eff.json
                corrections = eff.corrections
            }
            var lowest: Double?
            for field in ["attendees", "decisions", "consensus", "dissent", "actions"] {
                for item in object[field]?.array ?? [] {
                    if let c = item["confidence"]?.number { lowest = min(lowest ?? c, c) }
                }
            }
            out.append(Entry(id: e.id, title: object["title"]?.string ?? "", date: object["date"]?.string, body: object["body"]?.string,
                             kind: object["kind"]?.string ?? "", warnings: object["warnings"]?.array?.count ?? 0,
                             confidence: lowest, corrections: corrections))
        }
        return out.sorted(by: Self.before)
    }

    /// A page of the queue and its total length.
    public func page(limit: Int, offset: Int) throws -> (total: Int, entries: [Entry]) {
        let q = try all()
        return (q.count, Array(q.dropFirst(offset).prefix(limit)))
    }

    /// The record after `id` in the queue (the first when `id` is not in it), nil when none is left.
    public func next(after id: String) throws -> String? {
        let q = try all().map(\.id).filter { $0 != id }
        return q.first
    }

    /// Queue order: lowest confidence first (none counts as 1), then most warnings, then newest, then id.
    static func before(_ a: Entry, _ b: Entry) -> Bool {
        let ca = a.confidence ?? 1, cb = b.confidence ?? 1
        if ca != cb { return ca < cb }
        if a.warnings != b.warnings { return a.warnings > b.warnings }
        if a.date != b.date { return (a.date ?? "") > (b.date ?? "") }
        return a.id < b.id
    }
}
