import Foundation
import GRDB
import RelatoriaCore

/// Turns a ``SearchQuery`` into SQL with bound arguments and runs it.
///
/// The full-text match is evaluated once for the ranking, the total and the body, kind and
/// year facets (one row per match, ranked by bm25, folded in memory); once more for the topic
/// facet; and snippets are computed only for the page shown.
struct SearchRunner {
    let db: Database
    let query: SearchQuery
    /// The full text of a record, by its record file (relative path).
    let text: (String) -> String?

    /// Markers around matched words in snippets (the CLI turns them into bold or «»).
    static let open = "\u{1}", close = "\u{2}"

    private struct Match {
        let rowid: Int64
        let score: Double
        let date: String?
        let body: String?
        let kind: String
    }

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
        let from: String
        var fromArgs: [any DatabaseValueConvertible] = []
        let scoreSQL: String
        if let m = query.match {
            from = "record_fts JOIN record ON record.rowid = record_fts.rowid WHERE record_fts MATCH ?\(filter)"
            fromArgs = [m] + args
            scoreSQL = "-bm25(record_fts, 10.0, 5.0, 1.0)"
        } else {
            from = "record WHERE 1\(filter)"
            fromArgs = args
            scoreSQL = "0.0"
        }

        // Every match once, unranked: the total and three facets come from these rows.
        let rows = try Row.fetchCursor(db, sql: "SELECT record.rowid AS rid, record.date, record.body, record.kind FROM \(from)",
                                       arguments: StatementArguments(fromArgs))
        var matches: [Match] = []
        while let r = try rows.next() {
            matches.append(Match(rowid: r["rid"], score: 0, date: r["date"], body: r["body"], kind: r["kind"]))
        }
        let byDate = (query.sort ?? (query.match == nil ? .date : .relevance)) == .date || query.match == nil
        let pageEnd = min(query.offset + query.limit, matches.count)
        var page: [Match] = []
        if byDate {
            matches.sort { a, b in Self.precedes(a, b, byDate: true) }
            page = query.offset < pageEnd ? Array(matches[query.offset..<pageEnd]) : []
        } else if query.offset < pageEnd {
            // Ranking costs bm25 per match, so it is asked of as few matches as it takes: first
            // those matching in the title or the items (weighted 10 and 5 against 1 for the
            // text, they rank first), and of all matches only when those do not fill the page.
            let info = Dictionary(uniqueKeysWithValues: matches.map { ($0.rowid, $0) })
            func ranked(_ columnFilter: String?) throws -> [Match] {
                let expr = columnFilter.map { "\($0) : (\(query.match!))" } ?? query.match!
                let sql = "SELECT record.rowid AS rid, \(scoreSQL) AS score FROM record_fts JOIN record ON record.rowid = record_fts.rowid WHERE record_fts MATCH ?\(filter) ORDER BY score DESC, record.date DESC LIMIT ?"
                return try Row.fetchAll(db, sql: sql, arguments: StatementArguments([expr] + args + [pageEnd])).compactMap { r in
                    info[r["rid"]].map { m in Match(rowid: m.rowid, score: r["score"], date: m.date, body: m.body, kind: m.kind) }
                }
            }
            var top = try ranked("{title items}")
            if top.count < pageEnd { top = try ranked(nil) }
            page = pageEnd <= top.count ? Array(top[query.offset..<pageEnd]) : Array(top.dropFirst(query.offset))
        }

        var hits: [SearchResults.Hit] = []
        if !page.isEmpty {
            let ids = page.map(\.rowid)
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
            var details: [Int64: Row] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT rowid AS rid, id, filename, title, recordPath FROM record WHERE rowid IN (\(placeholders))",
                                      arguments: StatementArguments(ids)) {
                details[r["rid"]] = r
            }
            for m in page {
                guard let d = details[m.rowid] else { continue }
                let snippet = text(d["recordPath"]).map { Snippet.make($0, terms: query.terms, open: Self.open, close: Self.close) } ?? ""
                hits.append(SearchResults.Hit(id: d["id"], filename: d["filename"], title: d["title"], date: m.date, body: m.body,
                                              kind: m.kind, score: (m.score * 1000).rounded() / 1000, snippet: snippet))
            }
        }

        var facets: [String: [SearchResults.Facet]] = [:]
        facets["body"] = Self.facet(matches.map(\.body), limit: 20)
        facets["kind"] = Self.facet(matches.map { Optional($0.kind) }, limit: 10)
        let years: [String?] = matches.map { m in m.date.map { d in String(d.prefix(4)) } }
        facets["year"] = Self.facet(years, limit: 100).sorted { $0.value > $1.value }
        facets["topic"] = matches.isEmpty ? [] : try Row.fetchAll(db, sql: """
            SELECT topic.topic AS v, count(*) AS n FROM topic
            WHERE topic.recordId IN (SELECT record.id FROM \(from))
            GROUP BY topic.topic ORDER BY n DESC, v LIMIT 20
            """, arguments: StatementArguments(fromArgs)).map { SearchResults.Facet(value: $0["v"], count: $0["n"]) }
        return SearchResults(total: matches.count, hits: hits, facets: facets)
    }

    private static func precedes(_ a: Match, _ b: Match, byDate: Bool) -> Bool {
        let da = a.date ?? "", db = b.date ?? ""
        if byDate { return da != db ? da > db : a.rowid < b.rowid }
        return a.score != b.score ? a.score > b.score : da > db
    }

    /// Counts of each value, most frequent first (ties by value).
    private static func facet(_ values: [String?], limit: Int) -> [SearchResults.Facet] {
        var counts: [String: Int] = [:]
        for case let v? in values { counts[v, default: 0] += 1 }
        var facets: [SearchResults.Facet] = counts.map { SearchResults.Facet(value: $0.key, count: $0.value) }
        facets.sort { a, b in a.count != b.count ? a.count > b.count : a.value < b.value }
        return Array(facets.prefix(limit))
    }
}
