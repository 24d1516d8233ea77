import Foundation
import GRDB
import GRDBSQLite
import RelatoriaCore

/// Runs a ``SearchQuery`` against the full-text index and the ``SearchPack``.
///
/// The full-text match is evaluated once: FTS5 gives the matching row ids in ascending order
/// (and, when ranking, each phrase's occurrences per column, see ``PhraseHits``); they are
/// merged with the pack, which filters, counts facets and gives dates and column lengths for
/// ranking. Only the page shown reads record rows and record files (for snippets).
struct SearchRunner {
    let db: Database
    let query: SearchQuery
    /// The full text of a record, by its record file (relative path).
    let text: (String) -> String?
    /// The record attributes of the whole index.
    let pack: SearchPack
    /// The attendees of every record (read only for an attendee filter).
    let attendees: () throws -> AttendeePack

    /// Markers around matched words in snippets (the CLI turns them into bold or «»).
    static let open = "\u{1}", close = "\u{2}"

    /// Ranking: BM25 summed over the columns with these weights (title, decisions and other
    /// items, full text), so a hit in the title or a decision ranks above one in the text.
    static let weights: [Double] = [10, 5, 1]
    static let k1 = 1.2, b = 0.75

    func run() throws -> SearchResults {
        let accepts = try memoryFilter()
        let byDate = query.match == nil || (query.sort ?? .relevance) == .date

        // Matches as pack indices; with their scores when ranked by relevance.
        var matches: [Int32] = []
        var scores: [Double] = []
        if let m = query.match {
            if query.phraseGroups.isEmpty && (byDate || query.limit == 0) {
                try eachMatch("SELECT rowid FROM record_fts WHERE record_fts MATCH ?", [m], accepts) { i, _ in matches.append(i) }
            } else {
                (matches, scores) = try ranked(m, accepts)
                if byDate { scores = [] }
            }
        } else {
            matches = (0..<Int32(pack.count)).filter { accepts(Int($0)) }
        }

        // The page: positions in `matches`, in the order shown.
        let pageEnd = min(query.offset + query.limit, matches.count)
        var page: [Int] = []
        if query.offset < pageEnd {
            // By score when ranked (scores are empty when sorted by date), then newest first.
            let order = { (a: Int, b: Int) -> Bool in
                if !scores.isEmpty, scores[a] != scores[b] { return scores[a] > scores[b] }
                let da = pack.dates[Int(matches[a])], db = pack.dates[Int(matches[b])]
                if da != db { return pack.strings.isLess(db, da) }
                return matches[a] < matches[b]
            }
            page = Self.first(pageEnd, of: matches.count, by: order).suffix(from: query.offset).map { $0 }
        }

        var hits: [SearchResults.Hit] = []
        if !page.isEmpty {
            let ids = page.map { pack.rowids[Int(matches[$0])] }
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
            var details: [Int64: Row] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT rowid AS rid, id, filename, title, recordPath FROM record WHERE rowid IN (\(placeholders))",
                                      arguments: StatementArguments(ids)) {
                details[r["rid"]] = r
            }
            for p in page {
                let i = Int(matches[p])
                guard let d = details[pack.rowids[i]] else { continue }
                let snippet = text(d["recordPath"]).map { Snippet.make($0, terms: query.terms, open: Self.open, close: Self.close) } ?? ""
                let score = scores.isEmpty ? 0 : (scores[p] * 1000).rounded() / 1000
                hits.append(SearchResults.Hit(id: d["id"], filename: d["filename"], title: d["title"], date: pack.strings[pack.dates[i]],
                                              body: pack.strings[pack.bodies[i]], kind: pack.strings[pack.kinds[i]] ?? "", score: score,
                                              snippet: snippet))
            }
        }
        return SearchResults(total: matches.count, hits: hits, facets: facets(matches))
    }

    // MARK: - Matching and ranking

    /// Steps through `sql` (row id first) for `match`, calling `body` with the pack index of
    /// every match the filters accept. Raw SQLite steps: thousands of rows, no row objects.
    private func eachMatch(_ sql: String, _ arguments: StatementArguments, _ accepts: (Int) -> Bool,
                           _ body: (Int32, OpaquePointer) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        statement.arguments = arguments
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        var i = 0
        let rowids = pack.rowids
        while try stepRow(s, in: db) {
            let id = sqlite3_column_int64(s, 0)
            while i < rowids.count && rowids[i] < id { i += 1 }
            if i < rowids.count && rowids[i] == id && accepts(i) { try body(Int32(i), s) }
        }
    }

    /// The accepted matches with their scores: BM25 per column (weighted, summed), with each
    /// phrase's document frequency counted among the matches (a phrase of an AND query is in
    /// all of them, so only the OR alternatives differ) rather than by a second pass. Matches
    /// of a NEAR group where the phrase's words are not at their offsets are left out.
    private func ranked(_ match: String, _ accepts: (Int) -> Bool) throws -> ([Int32], [Double]) {
        let columns = SearchPack.columns
        var matches: [Int32] = []
        var counts: [UInt32] = []  // per accepted match: phrases × columns
        var phrases = -1
        var documents: [Int] = []  // per phrase: accepted matches where it occurs
        let groups = query.phraseGroups.map(\.first)
        let sql = "SELECT rowid, \(PhraseHits.name)(record_fts, ?) FROM record_fts WHERE record_fts MATCH ?"
        try eachMatch(sql, [query.phrasePlan, match], accepts) { i, s in
            let bytes = Int(sqlite3_column_bytes(s, 1))
            let n = bytes / (4 * columns)
            if phrases < 0 {
                phrases = n
                documents = [Int](repeating: 0, count: n)
            }
            guard n == phrases, let blob = sqlite3_column_blob(s, 1) else { return }
            let raw = UnsafeRawBufferPointer(start: blob, count: bytes)
            func count(_ p: Int, _ c: Int) -> UInt32 {
                UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: (p * columns + c) * 4, as: UInt32.self))
            }
            for g in groups where g < n {
                var found = false
                for c in 0..<columns where count(g, c) > 0 { found = true }
                if !found { return }
            }
            matches.append(i)
            for p in 0..<n {
                var any = false
                for c in 0..<columns {
                    let v = count(p, c)
                    counts.append(v)
                    any = any || v > 0
                }
                if any { documents[p] += 1 }
            }
        }
        guard phrases > 0 else { return (matches, [Double](repeating: 0, count: matches.count)) }

        let total = Double(max(pack.count, 1))
        let average = pack.averageLengths
        let idf = documents.map { d in d == 0 ? 0 : log(1 + (total - Double(d) + 0.5) / (Double(d) + 0.5)) }

        var scores = [Double](repeating: 0, count: matches.count)
        for (m, i) in matches.enumerated() {
            var score = 0.0
            for c in 0..<columns {
                let norm = Self.k1 * (1 - Self.b + Self.b * Double(pack.lengths[Int(i) * columns + c]) / average[c])
                for p in 0..<phrases {
                    let tf = Double(counts[(m * phrases + p) * columns + c])
                    if tf > 0 { score += Self.weights[c] * idf[p] * tf * (Self.k1 + 1) / (tf + norm) }
                }
            }
            scores[m] = score
        }
        return (matches, scores)
    }

    /// The first `k` of `0..<n` in `order`, sorted (a partial selection: the page, not all).
    private static func first(_ k: Int, of n: Int, by order: (Int, Int) -> Bool) -> [Int] {
        guard k < n / 4 else { return Array((0..<n).sorted(by: order).prefix(k)) }
        // A bounded buffer, kept sorted; most candidates fail the comparison with its last.
        var top: [Int] = []
        top.reserveCapacity(k + 1)
        for x in 0..<n {
            if top.count == k, let last = top.last, !order(x, last) { continue }
            var lo = 0, hi = top.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if order(top[mid], x) { lo = mid + 1 } else { hi = mid }
            }
            top.insert(x, at: lo)
            if top.count > k { top.removeLast() }
        }
        return top
    }

    // MARK: - Filters and facets

    /// The query's filters as a test on pack indices. Each is decided once per distinct
    /// string (dates, kinds, bodies...), then looked up per record.
    private func memoryFilter() throws -> (Int) -> Bool {
        let pack = self.pack
        func table(_ values: PackArray<Int32>, _ test: (String) -> Bool) -> [Bool] {
            var t = [Bool](repeating: false, count: pack.strings.count)
            var seen = [Bool](repeating: false, count: pack.strings.count)
            for v in values where v >= 0 && !seen[Int(v)] {
                seen[Int(v)] = true
                t[Int(v)] = test(pack.strings[v]!)
            }
            return t
        }
        let from = query.from, to = query.to
        let dates = from == nil && to == nil ? nil : table(pack.dates) { d in (from.map { d >= $0 } ?? true) && (to.map { d <= $0 } ?? true) }
        let kinds = query.kind.map { k in table(pack.kinds) { $0 == k } }
        let languages = query.language.map { l in table(pack.languages) { $0 == l } }
        let bodies = query.body.map { pack.strings.containing($0) }
        let topics = query.topic.map { pack.strings.containing($0) }
        let people = try query.attendee.map { a in
            let attendees = try self.attendees()
            return (set: attendees.strings.containing(a), pack: attendees)
        }
        func one(_ set: [Bool]?, _ value: Int32) -> Bool { set.map { value >= 0 && $0[Int(value)] } ?? true }
        func any(_ set: [Bool]?, _ starts: PackArray<Int32>, _ values: PackArray<Int32>, _ i: Int) -> Bool {
            guard let set else { return true }
            for k in Int(starts[i])..<Int(starts[i + 1]) where set[Int(values[k])] { return true }
            return false
        }
        return { i in
            one(dates, pack.dates[i]) && one(kinds, pack.kinds[i]) && one(languages, pack.languages[i]) && one(bodies, pack.bodies[i])
                && any(topics, pack.topicStart, pack.topics, i)
                && any(people?.set, people?.pack.start ?? PackArray(), people?.pack.names ?? PackArray(), i)
        }
    }

    /// Counts by body, kind, year and topic over all matches (by string index, named at the end).
    private func facets(_ matches: [Int32]) -> [String: [SearchResults.Facet]] {
        func tally(_ add: (Int, (Int32) -> Void) -> Void) -> [Int] {
            var n = [Int](repeating: 0, count: pack.strings.count)
            for m in matches { add(Int(m)) { s in if s >= 0 { n[Int(s)] += 1 } } }
            return n
        }
        // The values that can be among the first `limit` (a count at least the limit-th
        // largest; ties are settled by name in ``facet(_:limit:)``), named: the others are
        // never decoded. Values are interned, so each index is a distinct string.
        func counts(_ n: [Int], limit: Int) -> [String: Int] {
            let nonzero = n.filter { $0 > 0 }
            let least = nonzero.count > limit ? nonzero.sorted(by: >)[limit - 1] : 1
            var out: [String: Int] = [:]
            for (s, c) in n.enumerated() where c >= least { out[pack.strings[Int32(s)]!, default: 0] += c }
            return out
        }
        var facets: [String: [SearchResults.Facet]] = [:]
        facets["body"] = Self.facet(counts(tally { i, add in add(pack.bodies[i]) }, limit: 20), limit: 20)
        facets["kind"] = Self.facet(counts(tally { i, add in add(pack.kinds[i]) }, limit: 10), limit: 10)
        facets["year"] = Self.facet(years(tally { i, add in add(pack.dates[i]) }), limit: 100).sorted { $0.value > $1.value }
        facets["topic"] = Self.facet(counts(tally { i, add in
            for k in Int(pack.topicStart[i])..<Int(pack.topicStart[i + 1]) { add(pack.topics[k]) }
        }, limit: 20), limit: 20)
        return facets
    }

    /// Counts by date string folded into counts by year, the date's first four characters. A
    /// date of ASCII characters (all of them, as written by extraction) is read as bytes, not
    /// decoded into a string (hundreds of distinct dates per search).
    private func years(_ n: [Int]) -> [String: Int] {
        var byBytes: [UInt32: Int] = [:]
        var years: [String: Int] = [:]
        for (s, c) in n.enumerated() where c > 0 {
            let key: UInt32? = pack.strings.withBytes(Int32(s)) { b in
                // Four ASCII characters and an ASCII one after them: four whole Characters
                // (none of them "\r", which joins a following "\n").
                guard b.count >= 4, b.prefix(5).allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
                return UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
            }
            if let key { byBytes[key, default: 0] += c } else { years[String(pack.strings[Int32(s)]!.prefix(4)), default: 0] += c }
        }
        for (key, c) in byBytes {
            let year = String(decoding: [UInt8(key >> 24), UInt8(key >> 16 & 0xFF), UInt8(key >> 8 & 0xFF), UInt8(key & 0xFF)], as: UTF8.self)
            years[year, default: 0] += c
        }
        return years
    }

    /// Counts of each value, most frequent first (ties by value).
    private static func facet(_ counts: [String: Int], limit: Int) -> [SearchResults.Facet] {
        var facets: [SearchResults.Facet] = counts.map { SearchResults.Facet(value: $0.key, count: $0.value) }
        facets.sort { a, b in a.count != b.count ? a.count > b.count : a.value < b.value }
        return Array(facets.prefix(limit))
    }
}
