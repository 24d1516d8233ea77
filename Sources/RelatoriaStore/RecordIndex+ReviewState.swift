public import Foundation
import GRDB

/// What the review queue sorts by, kept in the index (issue 20): whether each record was
/// reviewed, its warnings, the lowest confidence of its items, its corrections and date. The
/// queue is then one query, however large the archive, instead of a read of every record file.
extension RecordIndex {
    /// A record's review state, as the review queue needs it.
    public struct ReviewState: Sendable, Equatable {
        public var id: String
        public var reviewed: Bool
        public var warnings: Int
        /// The lowest `confidence` (0 to 1) of the record's items, when any item has one.
        public var confidence: Double?
        /// The number of field changes people made.
        public var corrections: Int

        public init(id: String, reviewed: Bool, warnings: Int, confidence: Double?, corrections: Int) {
            self.id = id
            self.reviewed = reviewed
            self.warnings = warnings
            self.confidence = confidence
            self.corrections = corrections
        }
    }

    /// One record waiting for review, as the queue lists it.
    public struct QueueRow: Sendable, Equatable {
        public var id: String
        public var title: String
        public var date: String?
        public var body: String?
        public var kind: String
        public var warnings: Int
        public var confidence: Double?
        public var corrections: Int
    }

    /// Stores the review state of records (their date is taken from the index).
    public func setReviewStates(_ states: [ReviewState]) throws {
        guard !states.isEmpty else { return }
        try write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO reviewState (recordId, reviewed, warnings, confidence, corrections, date, stale)
                SELECT id, ?, ?, ?, ?, date, 0 FROM record WHERE id = ?
                """)
            for s in states {
                try statement.execute(arguments: [s.reviewed, s.warnings, s.confidence, s.corrections, s.id])
            }
        }
    }

    /// Up to `limit` records whose review state is not known yet (indexed before the index kept
    /// it), with their record files.
    public func staleReviewStates(limit: Int = 1_000) throws -> [(id: String, recordPath: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.recordId, r.recordPath FROM reviewState s JOIN record r ON r.id = s.recordId
                WHERE s.stale = 1 LIMIT ?
                """, arguments: [limit]).map { ($0["recordId"], $0["recordPath"]) }
        }
    }

    /// The records waiting for review (not reviewed, not withdrawn, not superseded), lowest
    /// item confidence first (none counts as 1), then most warnings, then newest, then by id:
    /// `limit` of them from `offset`, with how many there are in all. `excluding` leaves one
    /// record out (the one just saved, for "Save and next").
    public func reviewQueue(limit: Int, offset: Int, excluding: String? = nil) throws -> (total: Int, rows: [QueueRow]) {
        try pool.read { db in
            let waiting = """
                FROM reviewState s WHERE s.reviewed = 0 AND s.recordId != ?
                AND NOT EXISTS (SELECT 1 FROM hiddenRecord h WHERE h.recordId = s.recordId)
                """
            let skip = excluding ?? ""
            let total = try Int.fetchOne(db, sql: "SELECT count(*) \(waiting)", arguments: [skip]) ?? 0
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.recordId, s.warnings, s.confidence, s.corrections, r.title, r.date, r.body, r.kind \(waiting.replacingOccurrences(of: "FROM reviewState s", with: "FROM reviewState s JOIN record r ON r.id = s.recordId"))
                ORDER BY s.reviewed, ifnull(s.confidence, 1), s.warnings DESC, ifnull(s.date, '') DESC, s.recordId
                LIMIT ? OFFSET ?
                """, arguments: [skip, max(0, limit), max(0, offset)]).map {
                QueueRow(id: $0["recordId"], title: $0["title"], date: $0["date"], body: $0["body"], kind: $0["kind"],
                         warnings: $0["warnings"], confidence: $0["confidence"], corrections: $0["corrections"])
            }
            return (total, rows)
        }
    }
}
