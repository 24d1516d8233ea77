import Foundation
import GRDB
import RelatoriaCore

/// Turns a ``SearchQuery`` into SQL with bound arguments and runs it.
struct SearchRunner {
    let db: Database
    let query: SearchQuery

    /// Markers around matched words in snippets (the CLI turns them into bold or «»).
    static let open = "\u{1}", close = "\u{2}"

    func run() throws -> SearchResults {
        var conditions: [String] = []
        var args: [any DatabaseValueConvertible] = []
        if let f = query.from { conditions.append("record.date >= ?"); args.append(f) }
        if let t = query.to { conditions.append("record.date <= ?"); args.append(t) }
        if let b = query.body { conditions.append("record.bodyKey LIKE ?"); args.append("%" + Folding.key(b) + "%") }
        if let k = query.kind { conditions.append("record.kind = ?"); args.append(k) }
        if let l = query.language { conditions.append("record.language = ?"); args.append(l) }
        if let t = query.topic {
            conditions.append("EXISTS (SELECT 1 FROM topic WHERE topic.recordId = record.id AND topic.topicKey LIKE ?)")
            args.append("%" + Folding.key(t) + "%")
        }
        if let a = query.attendee {
            conditions.append("EXISTS (SELECT 1 FROM attendee WHERE attendee.recordId = record.id AND attendee.nameKey LIKE ?)")
            args.append("%" + Folding.key(a) + "%")
        }
        let filter = conditions.isEmpty ? "" : " AND " + conditions.joined(separator: " AND ")

        // The matching set, as a subquery every part of the answer shares.
        let matched: String
        var matchArgs: [any DatabaseValueConvertible] = []
        if let m = query.match {
            matched = "SELECT record.rowid AS rid FROM record_fts JOIN record ON record.rowid = record_fts.rowid WHERE record_fts MATCH ?\(filter)"
            matchArgs = [m] + args
        } else {
            matched = "SELECT record.rowid AS rid FROM record WHERE 1\(filter)"
            matchArgs = args
        }

        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(matched))", arguments: StatementArguments(matchArgs)) ?? 0

        var hits: [SearchResults.Hit] = []
        let sort = query.sort ?? (query.match == nil ? .date : .relevance)
        let order = sort == .date || query.match == nil ? "record.date IS NULL, record.date DESC, record.id" : "score DESC, record.date DESC"
        let page = [query.limit, query.offset] as [any DatabaseValueConvertible]
        if let m = query.match {
            let sql = """
                SELECT record.id, record.filename, record.title, record.date, record.body, record.kind,
                       -bm25(record_fts, 10.0, 5.0, 1.0) AS score,
                       snippet(record_fts, -1, '\(Self.open)', '\(Self.close)', '…', 14) AS snippet
                FROM record_fts JOIN record ON record.rowid = record_fts.rowid
                WHERE record_fts MATCH ?\(filter)
                ORDER BY \(order) LIMIT ? OFFSET ?
                """
            hits = try Row.fetchAll(db, sql: sql, arguments: StatementArguments([m] + args + page)).map(Self.hit)
        } else {
            let sql = """
                SELECT record.id, record.filename, record.title, record.date, record.body, record.kind, 0.0 AS score,
                       substr(record.text, 1, 160) AS snippet
                FROM record WHERE 1\(filter) ORDER BY \(order) LIMIT ? OFFSET ?
                """
            hits = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args + page)).map(Self.hit)
        }

        var facets: [String: [SearchResults.Facet]] = [:]
        let facetSQL: [(String, String)] = [
            ("body", "SELECT record.body AS v, count(*) AS n FROM record JOIN (\(matched)) m ON m.rid = record.rowid WHERE record.body IS NOT NULL GROUP BY record.body ORDER BY n DESC, v LIMIT 20"),
            ("kind", "SELECT record.kind AS v, count(*) AS n FROM record JOIN (\(matched)) m ON m.rid = record.rowid GROUP BY record.kind ORDER BY n DESC, v"),
            ("year", "SELECT substr(record.date, 1, 4) AS v, count(*) AS n FROM record JOIN (\(matched)) m ON m.rid = record.rowid WHERE record.date IS NOT NULL GROUP BY v ORDER BY v DESC"),
            ("topic", "SELECT topic.topic AS v, count(*) AS n FROM topic JOIN record ON record.id = topic.recordId JOIN (\(matched)) m ON m.rid = record.rowid GROUP BY topic.topic ORDER BY n DESC, v LIMIT 20"),
        ]
        for (name, sql) in facetSQL {
            facets[name] = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(matchArgs)).map {
                SearchResults.Facet(value: $0["v"], count: $0["n"])
            }
        }
        return SearchResults(total: total, hits: hits, facets: facets)
    }

    private static func hit(_ row: Row) -> SearchResults.Hit {
        SearchResults.Hit(id: row["id"], filename: row["filename"], title: row["title"], date: row["date"], body: row["body"],
                          kind: row["kind"], score: ((row["score"] as Double? ?? 0) * 1000).rounded() / 1000,
                          snippet: (row["snippet"] as String? ?? "").replacingOccurrences(of: "\n", with: " "))
    }
}
