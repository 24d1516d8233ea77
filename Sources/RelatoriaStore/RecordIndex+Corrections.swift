public import Foundation
public import RelatoriaCore
import GRDB

/// What corrections change in the index (issue 20): a record's indexed form replaced by its
/// effective form, and records hidden from search (withdrawn or superseded).
extension RecordIndex {
    /// Replaces the indexed form of `old` (exactly as it was indexed) with `new`, the same
    /// record corrected: its row (title, date, body, place, kind), topics, attendees and full
    /// text. The record's files stay where they are.
    /// - Returns: false when the record is not in the index.
    @discardableResult
    public func replace(_ old: RelatoriaCore.Record, with new: RelatoriaCore.Record) throws -> Bool {
        precondition(old.id == new.id)
        return try write { db in
            guard let rowid = try Int64.fetchOne(db, sql: "SELECT rowid FROM record WHERE id = ?", arguments: [new.id]) else { return false }
            try db.execute(sql: "UPDATE record SET kind = ?, title = ?, date = ?, body = ?, bodyKey = ?, place = ? WHERE id = ?",
                           arguments: [new.kind.rawValue, new.title, new.date, new.body, new.body.map(Folding.key), new.place, new.id])
            try db.execute(sql: "UPDATE reviewState SET date = ? WHERE recordId = ?", arguments: [new.date, new.id])
            try db.execute(sql: "DELETE FROM topic WHERE recordId = ?", arguments: [new.id])
            try db.execute(sql: "DELETE FROM attendee WHERE recordId = ?", arguments: [new.id])
            for t in new.topics {
                try db.execute(sql: "INSERT INTO topic (recordId, topic, topicKey) VALUES (?, ?, ?)", arguments: [new.id, t, Folding.key(t)])
            }
            for a in new.attendees {
                try db.execute(sql: "INSERT INTO attendee (recordId, name, nameKey) VALUES (?, ?, ?)", arguments: [new.id, a.name, Folding.key(a.name)])
            }
            // The full-text index is contentless: a row is deleted by giving the values it was
            // indexed with, then the new values are inserted under the same rowid.
            try db.execute(sql: "INSERT INTO record_fts (record_fts, rowid, title, items, text) VALUES ('delete', ?, ?, ?, ?)",
                           arguments: [rowid, old.title, Self.itemsColumn(old), old.text])
            try db.execute(sql: "INSERT INTO record_fts (rowid, title, items, text) VALUES (?, ?, ?, ?)",
                           arguments: [rowid, new.title, Self.itemsColumn(new), new.text])
            return true
        }
    }

    /// The `items` column of the full-text index: every decision, position and commitment.
    static func itemsColumn(_ r: RelatoriaCore.Record) -> String {
        (r.decisions.map(\.text) + r.consensus.map(\.text) + r.dissent.map(\.text) + r.actions.map(\.text)).joined(separator: "\n")
    }

    /// Hides record `id` from search (`reason`: `withdrawn` or `superseded`), or shows it again
    /// with nil.
    public func setHidden(_ id: String, reason: String?) throws {
        try write { db in
            if let reason {
                try db.execute(sql: "INSERT OR REPLACE INTO hiddenRecord (recordId, reason) VALUES (?, ?)", arguments: [id, reason])
            } else {
                try db.execute(sql: "DELETE FROM hiddenRecord WHERE recordId = ?", arguments: [id])
            }
        }
    }

    /// The hidden records, with why.
    public func hidden() throws -> [String: String] {
        try pool.read { db in
            var out: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT recordId, reason FROM hiddenRecord") { out[row["recordId"]] = row["reason"] }
            return out
        }
    }
}
