public import Foundation
public import RelatoriaStore
import RelatoriaCore
import Synchronization

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

    /// The queue's view of each extracted record file, by path: read once per process while
    /// the file is unchanged (its size and modification time), as reading 20,000 record files
    /// for every page of the queue would take seconds.
    private static let seen = Mutex<[String: (stamp: String, entry: Entry)]>([:])

    /// The whole queue, in order.
    public func all() throws -> [Entry] {
        let logged = review.log.ids()
        var out: [Entry] = []
        for e in try review.index.allEntries() {
            if logged.contains(e.id) {
                guard let data = try? review.archive.read(e.recordPath),
                      let eff = try? EffectiveRecord(recordFile: data, log: review.log.lines(e.id)) else { continue }
                if eff.reviewed != nil || eff.isHidden { continue }
                var entry = Self.entry(e.id, eff.json)
                entry.corrections = eff.corrections
                out.append(entry)
                continue
            }
            let url = review.archive.url(e.recordPath)
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            let stamp = "\((attributes?[.size] as? NSNumber)?.intValue ?? -1)/\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
            if let known = Self.seen.withLock({ $0[e.recordPath] }), known.stamp == stamp {
                out.append(known.entry)
                continue
            }
            guard let data = try? Data(contentsOf: url), let json = try? JSONValue.parse(data).object else { continue }
            let entry = Self.entry(e.id, json)
            Self.seen.withLock { $0[e.recordPath] = (stamp, entry) }
            out.append(entry)
        }
        return out.sorted(by: Self.before)
    }

    /// The queue's entry of a record's JSON.
    static func entry(_ id: String, _ object: [String: JSONValue]) -> Entry {
        var lowest: Double?
        for field in ["attendees", "decisions", "consensus", "dissent", "actions"] {
            for item in object[field]?.array ?? [] {
                if let c = item["confidence"]?.number { lowest = min(lowest ?? c, c) }
            }
        }
        return Entry(id: id, title: object["title"]?.string ?? "", date: object["date"]?.string, body: object["body"]?.string,
                     kind: object["kind"]?.string ?? "", warnings: object["warnings"]?.array?.count ?? 0,
                     confidence: lowest, corrections: 0)
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

    /// The withdrawn and superseded records, most recent first.
    public func hidden() throws -> [Hidden] {
        var out: [Hidden] = []
        for id in review.log.ids() {
            guard let entry = try review.index.entry(id: id), let e = try? review.effective(id: id, recordPath: entry.recordPath) else { continue }
            if let w = e.withdrawal {
                out.append(Hidden(id: id, title: e.record.title, time: w.time, user: w.user, reason: w.reason, supersededBy: e.supersededBy))
            } else if let by = e.supersededBy, let line = e.log.last(where: { $0.event == .supersededBy }) {
                out.append(Hidden(id: id, title: e.record.title, time: line.time, user: line.user, reason: nil, supersededBy: by))
            }
        }
        return out.sorted { ($0.time, $0.id) > ($1.time, $1.id) }
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
