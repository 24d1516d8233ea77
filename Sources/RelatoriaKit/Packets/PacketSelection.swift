public import Foundation
public import RelatoriaCore
public import RelatoriaStore
import RelatoriaReview

extension PacketMaker {
    /// Which records a run is about: explicit ids (prefixes), or a period with an optional
    /// body and topic.
    public struct Selection: Sendable {
        public var ids: [String] = []
        /// First date of the period: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as `search --from`
        /// takes it.
        public var from: String?
        /// Last date of the period (inclusive), as `search --to` takes it.
        public var to: String?
        public var body: String?
        public var topic: String?

        public init(ids: [String] = [], from: String? = nil, to: String? = nil, body: String? = nil, topic: String? = nil) {
            self.ids = ids
            self.from = from
            self.to = to
            self.body = body
            self.topic = topic
        }

        /// Whether anything chooses records (an empty selection is a usage error).
        public var isEmpty: Bool { ids.isEmpty && from == nil && to == nil && body == nil && topic == nil }

        /// The period's first and last days (`YYYY-MM-DD`), read exactly as `search --from`
        /// and `--to` read them (``SearchQuery/setFilter(_:_:negative:)``): `2006` is
        /// 2006-01-01 as a start and 2006-12-31 as an end.
        /// - Throws: ``BadInput`` with search's own message for a date it refuses, or when the
        ///   period ends before it starts.
        public func days() throws -> (first: String?, last: String?) {
            var q = SearchQuery()
            do { try q.setPeriod(from: from, to: to) } catch let e as SearchQuery.Invalid { throw BadInput(message: e.message) }
            return (q.from, q.to)
        }

        /// `from` and `to` as the cover writes them: at the precision given, with two-digit
        /// months and days (`2006-3` → `2006-03`).
        func labels() throws -> (from: String?, to: String?) {
            let (first, last) = try days()
            func label(_ given: String?, _ day: String?) -> String? {
                guard let given, let day else { return nil }
                return String(day.prefix([0, 4, 7, 10][min(3, given.split(separator: "-").count)]))
            }
            return (label(from, first), label(to, last))
        }
    }

    /// Input a run cannot take (a malformed date, a period that ends before it starts, an
    /// unknown member): exit status 64.
    public struct BadInput: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
        public init(message: String) { self.message = message }
    }

    /// The selected records, oldest first.
    /// - Throws: ``RelatoriaError`` for an unknown or ambiguous id, ``BadInput`` for a
    ///   malformed date.
    public func select(_ s: Selection) throws -> [Record] {
        var entries: [(id: String, recordPath: String)] = []
        if !s.ids.isEmpty {
            for prefix in s.ids {
                let ids = try index.ids(withPrefix: prefix.lowercased())
                guard ids.count == 1, let entry = try index.entry(id: ids[0]) else {
                    throw RelatoriaError(.inaccessiblePath, path: nil, reason: ids.isEmpty ? "no record with id \(prefix)" : "id \(prefix) is ambiguous: \(ids.count) records")
                }
                entries.append((ids[0], entry.recordPath))
            }
        } else {
            let (first, last) = try s.days()
            entries = try index.records(from: first, to: last).map { ($0.id, $0.recordPath) }
        }
        let records = try read(entries.map { $0.recordPath }, matching: s)
        var seen = Set<String>()
        return records.filter { seen.insert($0.id).inserted }.sorted { ($0.date ?? "", $0.id) < ($1.date ?? "", $1.id) }
    }

    /// The records a period selection would hold but for their missing date (its body and
    /// topic matched; no period can hold them), by title. Empty for a selection by id.
    public func undated(_ s: Selection) throws -> [Record] {
        guard s.ids.isEmpty else { return [] }
        return try read(index.undatedRecords().map { $0.recordPath }, matching: s)
            .sorted { ($0.title, $0.source.filename, $0.id) < ($1.title, $1.source.filename, $1.id) }
    }

    /// The effective records at `paths` whose body and topic match the selection's (a
    /// withdrawn record, or one superseded by a newer, is left out).
    private func read(_ paths: [String], matching s: Selection) throws -> [Record] {
        var records: [Record] = []
        let review = Review(archive: archive, index: index)
        let corrected = review.log.ids()
        for path in paths {
            var record = try JSONDecoder().decode(Record.self, from: try archive.read(path))
            if corrected.contains(record.id) {
                let e = try review.effective(id: record.id, recordPath: path)
                if e.isHidden { continue }
                record = e.record
            }
            if let body = s.body, !Folding.key(record.body ?? "").contains(Folding.key(body)) { continue }  // as search: part of the name
            if let topic = s.topic, !record.topics.contains(where: { NameMatch.matches(topic, $0) }) { continue }
            records.append(record)
        }
        return records
    }
}
