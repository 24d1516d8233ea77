public import Foundation
public import RelatoriaStore
import RelatoriaCore

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
    public func all() throws -> [Entry] { try page(limit: Int(Int32.max), offset: 0).entries }

    /// A page of the queue and its total length: one query of the index (``RecordIndex/reviewQueue(limit:offset:excluding:)``),
    /// once the records indexed before the index kept their review state are filled in.
    public func page(limit: Int, offset: Int) throws -> (total: Int, entries: [Entry]) {
        try fillStale()
        let (total, rows) = try review.index.reviewQueue(limit: limit, offset: offset)
        return (total, rows.map(Self.entry))
    }

    /// The record after `id` in the queue (the first when `id` is not in it), nil when none is left.
    public func next(after id: String) throws -> String? {
        try fillStale()
        return try review.index.reviewQueue(limit: 1, offset: 0, excluding: id).rows.first?.id
    }

    /// Reads, once, the record files (and correction logs) of the records indexed before the
    /// index kept their review state, and stores it. A record file that cannot be read is
    /// queued as unreviewed, with no warnings.
    func fillStale() throws {
        while true {
            let stale = try review.index.staleReviewStates(limit: 500)
            if stale.isEmpty { return }
            try review.index.setReviewStates(stale.map { s in
                guard let e = try? review.effective(id: s.id, recordPath: s.recordPath) else {
                    return RecordIndex.ReviewState(id: s.id, reviewed: false, warnings: 0, confidence: nil, corrections: 0)
                }
                return Self.state(e)
            })
        }
    }

    /// What the index keeps of a record for the queue.
    static func state(_ e: EffectiveRecord) -> RecordIndex.ReviewState {
        RecordIndex.ReviewState(id: e.id, reviewed: e.reviewed != nil, warnings: e.record.warnings.count,
                                confidence: lowestConfidence(e.json), corrections: e.corrections)
    }

    /// The lowest `confidence` of a record's items (attendees, decisions, positions, commitments).
    static func lowestConfidence(_ object: [String: JSONValue]) -> Double? {
        var lowest: Double?
        for field in ["attendees", "decisions", "consensus", "dissent", "actions"] {
            for item in object[field]?.array ?? [] {
                if let c = item["confidence"]?.number { lowest = min(lowest ?? c, c) }
            }
        }
        return lowest
    }

    /// The lowest `confidence` of the items of a record file's bytes (nil at once when the
    /// file has no `confidence` key, as the extractor's records have none).
    static func lowestConfidence(recordFile data: Data) -> Double? {
        guard data.range(of: Data("\"confidence\"".utf8)) != nil, let object = try? JSONValue.parse(data).object else { return nil }
        return lowestConfidence(object)
    }

    /// The queue's entry of a record's JSON.
    static func entry(_ id: String, _ object: [String: JSONValue]) -> Entry {
        Entry(id: id, title: object["title"]?.string ?? "", date: object["date"]?.string, body: object["body"]?.string,
              kind: object["kind"]?.string ?? "", warnings: object["warnings"]?.array?.count ?? 0,
              confidence: lowestConfidence(object), corrections: 0)
    }

    static func entry(_ row: RecordIndex.QueueRow) -> Entry {
        Entry(id: row.id, title: row.title, date: row.date, body: row.body, kind: row.kind, warnings: row.warnings,
              confidence: row.confidence, corrections: row.corrections)
    }

    /// A record left out of search: withdrawn (with the reason) or superseded (by the newer).
    public struct Hidden: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
        public var time: String
        public var user: String
        /// The withdrawal's reason, when withdrawn.
        public var reason: String?
        /// The newer record, when superseded.
        public var supersededBy: String?
    }

    /// The withdrawn and superseded records, most recent first: those the index hides (read
    /// from their logs), not every record with a log (every reviewed record has one).
    public func hidden() throws -> [Hidden] {
        var out: [Hidden] = []
        for id in try review.index.hidden().keys {
            guard let entry = try review.index.entry(id: id), let e = try? review.effective(id: id, recordPath: entry.recordPath) else { continue }
            if let w = e.withdrawal {
                out.append(Hidden(id: id, title: e.record.title, time: w.time, user: w.user, reason: w.reason, supersededBy: e.supersededBy))
            } else if let by = e.supersededBy, let line = e.log.last(where: { $0.event == .supersededBy }) {
                out.append(Hidden(id: id, title: e.record.title, time: line.time, user: line.user, reason: nil, supersededBy: by))
            }
        }
        return out.sorted { ($0.time, $0.id) > ($1.time, $1.id) }
    }
}
