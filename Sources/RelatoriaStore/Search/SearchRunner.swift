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

    /// The record attributes of the whole index (see ``SearchPack``).
    let pack: SearchPack

    func run() throws -> SearchResults {
        // Filters, evaluated in memory on the pack; the SQL form serves the ranking query.
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
        let accepts = try memoryFilter()

        // Every match once, unranked: row ids from the full-text index alone, attributes from
        // the pack; the total and the facets come from these.
        var matches: [SearchPack.Entry] = []
        if let m = query.match {
            // FTS5 gives row ids in ascending order, as the pack holds them: one merge.
            let rows = try Int64.fetchCursor(db, sql: "SELECT rowid FROM record_fts WHERE record_fts MATCH ? ORDER BY rowid", arguments: [m])
            var i = 0
            let entries = pack.entries
            while let id = try rows.next() {
                while i < entries.count && entries[i].rowid < id { i += 1 }
                if i < entries.count && entries[i].rowid == id && accepts(entries[i]) { matches.append(entries[i]) }
            }
        } else {
            matches = pack.entries.filter(accepts)
        }

        let byDate = (query.sort ?? (query.match == nil ? .date : .relevance)) == .date || query.match == nil
        let pageEnd = min(query.offset + query.limit, matches.count)
        var page: [Match] = []
        func string(_ i: Int32) -> String? { i >= 0 ? pack.strings[Int(i)] : nil }
        func match(_ e: SearchPack.Entry, score: Double) -> Match {
            Match(rowid: e.rowid, score: score, date: string(e.date), body: string(e.body), kind: string(e.kind) ?? "")
        }
        if byDate {
            let sorted = matches.sorted { a, b in
                let da = string(a.date) ?? "", db = string(b.date) ?? ""
                return da != db ? da > db : a.rowid < b.rowid
            }
            page = query.offset < pageEnd ? sorted[query.offset..<pageEnd].map { match($0, score: 0) } : []
        } else if query.offset < pageEnd {
            // Ranking costs bm25 per match, so it is asked of as few matches as it takes: first
            // those matching in the title or the items (weighted 10 and 5 against 1 for the
            // text, they rank first), and of all matches only when those do not fill the page.
            let info = Dictionary(uniqueKeysWithValues: matches.map { ($0.rowid, $0) })
            func ranked(_ columnFilter: String?) throws -> [Match] {
                let expr = columnFilter.map { "\($0) : (\(query.match!))" } ?? query.match!
                let sql = "SELECT record.rowid AS rid, -bm25(record_fts, 10.0, 5.0, 1.0) AS score FROM record_fts JOIN record ON record.rowid = record_fts.rowid WHERE record_fts MATCH ?\(filter) ORDER BY score DESC, record.date DESC LIMIT ?"
                return try Row.fetchAll(db, sql: sql, arguments: StatementArguments([expr] + args + [pageEnd])).compactMap { r in
                    info[r["rid"]].map { match($0, score: r["score"]) }
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
        // Counted by string index, named at the end.
        func counts(_ indices: (SearchPack.Entry, (Int32) -> Void) -> Void) -> [String: Int] {
            var n = [Int](repeating: 0, count: pack.strings.count)
            for m in matches { indices(m) { i in if i >= 0 { n[Int(i)] += 1 } } }
            var out: [String: Int] = [:]
            for (i, c) in n.enumerated() where c > 0 { out[pack.strings[i], default: 0] += c }
            return out
        }
        facets["body"] = Self.facet(counts { m, add in add(m.body) }, limit: 20)
        facets["kind"] = Self.facet(counts { m, add in add(m.kind) }, limit: 10)
        var years: [String: Int] = [:]
        for (date, c) in counts({ m, add in add(m.date) }) { years[String(date.prefix(4)), default: 0] += c }
        facets["year"] = Self.facet(years, limit: 100).sorted { $0.value > $1.value }
        facets["topic"] = Self.facet(counts { m, add in m.topics.forEach(add) }, limit: 20)
        return SearchResults(total: matches.count, hits: hits, facets: facets)
    }

    /// The query's filters as a test on pack entries (the attendee filter asks the index).
    private func memoryFilter() throws -> (SearchPack.Entry) -> Bool {
        let strings = pack.strings
        var keys: [String]?
        func keyed() -> [String] {
            if keys == nil { keys = pack.keys() }
            return keys!
        }
        let from = query.from, to = query.to, kind = query.kind, language = query.language
        var bodies: Set<Int32>?
        if let b = query.body {
            let k = Folding.key(b)
            bodies = Set(keyed().indices.filter { keyed()[$0].contains(k) }.map(Int32.init))
        }
        var topics: Set<Int32>?
        if let t = query.topic {
            let k = Folding.key(t)
            topics = Set(keyed().indices.filter { keyed()[$0].contains(k) }.map(Int32.init))
        }
        var people: Set<Int64>?
        if let a = query.attendee {
            people = Set(try Int64.fetchAll(db, sql: """
                SELECT record.rowid FROM attendee JOIN record ON record.id = attendee.recordId WHERE attendee.nameKey LIKE ?
                """, arguments: ["%" + Folding.key(a) + "%"]))
        }
        return { e in
            if from != nil || to != nil {
                guard e.date >= 0 else { return false }
                let d = strings[Int(e.date)]
                if let from, d < from { return false }
                if let to, d > to { return false }
            }
            if let kind, e.kind < 0 || strings[Int(e.kind)] != kind { return false }
            if let language, e.language < 0 || strings[Int(e.language)] != language { return false }
            if let bodies, !bodies.contains(e.body) { return false }
            if let topics, !e.topics.contains(where: topics.contains) { return false }
            if let people, !people.contains(e.rowid) { return false }
            return true
        }
    }

    /// Counts of each value, most frequent first (ties by value).
    private static func facet(_ counts: [String: Int], limit: Int) -> [SearchResults.Facet] {
        var facets: [SearchResults.Facet] = counts.map { SearchResults.Facet(value: $0.key, count: $0.value) }
        facets.sort { a, b in a.count != b.count ? a.count > b.count : a.value < b.value }
        return Array(facets.prefix(limit))
    }
}
