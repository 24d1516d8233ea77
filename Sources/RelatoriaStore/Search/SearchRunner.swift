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
    /// Another connection to the index, for the upper half of a large index's matches on
    /// another core (nil: this connection scans all of them).
    let second: SecondReader?

    /// The fewest records scanned in two halves at once (``RecordIndex/searchSplitAt``).
    let splitAt: Int

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
                matches = try matching(m, accepts)
            } else {
                (matches, scores) = try ranked(m, accepts)
                if byDate { scores = [] }
            }
        } else {
            // Filters (or nothing), and excluded words only: the accepted records where no
            // excluded word occurs.
            var out = [Bool](repeating: false, count: pack.count)
            if let excluded = query.excluded { for i in try matching(excluded, accepts) { out[Int(i)] = true } }
            matches = (0..<Int32(pack.count)).filter { accepts(Int($0)) && !out[Int($0)] }
        }

        // The page: positions in `matches`, in the order shown.
        // (Written not to overflow: an offset may be any number a person types.)
        let pageEnd = min(query.offset, matches.count) + min(max(query.limit, 0), max(matches.count - query.offset, 0))
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
            var details: [Int64: (id: String, filename: String, title: String, recordPath: String)] = [:]
            try eachRow(db, "SELECT rowid, id, filename, title, recordPath FROM record WHERE rowid IN (\(placeholders))", StatementArguments(ids)) { s in
                details[sqlite3_column_int64(s, 0)] = (columnText(s, 1) ?? "", columnText(s, 2) ?? "", columnText(s, 3) ?? "", columnText(s, 4) ?? "")
            }
            // Each hit reads its record file for the snippet: half of them on another core.
            hits = try halves(page.count, minimum: 4) { range in
                page[range].compactMap { p -> SearchResults.Hit? in
                    let i = Int(matches[p])
                    guard let d = details[pack.rowids[i]] else { return nil }
                    let snippet = text(d.recordPath).map { Snippet.make($0, terms: query.terms, open: Self.open, close: Self.close) } ?? ""
                    let score = scores.isEmpty ? 0 : (scores[p] * 1000).rounded() / 1000
                    return SearchResults.Hit(id: d.id, filename: d.filename, title: d.title, date: pack.strings[pack.dates[i]],
                                             body: pack.strings[pack.bodies[i]], kind: pack.strings[pack.kinds[i]] ?? "", score: score,
                                             snippet: snippet)
                }
            }.flatMap { $0 }
        }
        return SearchResults(total: matches.count, hits: hits, facets: facets(matches))
    }

    // MARK: - Matching and ranking

    /// Steps through `sql` (row id first, a MATCH with its arguments) on `db`, for the records
    /// of pack indices `records`, calling `body` with the pack index of every match the
    /// filters accept. Raw SQLite steps: thousands of rows, no row objects.
    private func eachMatch(_ db: Database, _ sql: String, _ arguments: StatementArguments, records: Range<Int>, _ accepts: (Int) -> Bool,
                           _ body: (Int32, OpaquePointer) throws -> Void) throws {
        guard !records.isEmpty else { return }
        let rowids = pack.rowids
        var sql = sql, arguments = arguments
        // FTS5 seeks to a rowid bound rather than filtering row by row.
        if records.lowerBound > 0 { sql += " AND rowid >= ?"; arguments += [rowids[records.lowerBound]] }
        if records.upperBound < rowids.count { sql += " AND rowid < ?"; arguments += [rowids[records.upperBound]] }
        var i = records.lowerBound
        let end = records.upperBound
        try eachRow(db, sql, arguments) { s in
            let id = sqlite3_column_int64(s, 0)
            while i < end && rowids[i] < id { i += 1 }
            if i < end && rowids[i] == id && accepts(i) { try body(Int32(i), s) }
        }
    }

    /// Runs ``eachMatch`` over all records with a state per scan, and returns the states in
    /// record order. On a large index with ``second`` free, the upper half of the records is
    /// scanned on the second connection by another thread while this one scans the lower half
    /// (FTS5 seeks to the half's first rowid); the second connection's snapshot must be this
    /// one's (same search generation), else, or if it fails, this connection scans that half
    /// too. `body` runs on both threads at once, each with its own state.
    private func scan<State>(_ sql: String, _ arguments: StatementArguments, _ accepts: (Int) -> Bool, start: State,
                             _ body: (inout State, Int32, OpaquePointer) throws -> Void) throws -> [State] {
        let all = 0..<pack.count
        func run(_ db: Database, _ records: Range<Int>) throws -> State {
            var state = start
            try eachMatch(db, sql, arguments, records: records, accepts) { i, s in try body(&state, i, s) }
            return state
        }
        guard let second, parallel else { return [try run(db, all)] }
        let lower = 0..<pack.count / 2, upper = pack.count / 2..<pack.count
        let generation = pack.generation
        let (first, other) = try together({ try run(db, lower) }, { () -> State? in
            var state: State?
            _ = try? second.read { db in
                guard try SearchPack.current(db) == generation else { return }
                state = try run(db, upper)
            }
            return state
        })
        return [first, try other ?? run(db, upper)]
    }

    /// The accepted records `match` finds, as pack indices in record order (unranked).
    private func matching(_ match: String, _ accepts: (Int) -> Bool) throws -> [Int32] {
        try scan("SELECT rowid FROM record_fts WHERE record_fts MATCH ?", [match], accepts, start: [Int32]()) { found, i, _ in
            found.append(i)
        }.joined().map { $0 }
    }

    /// Whether this search may use a second core: an index of ``splitAt`` records or more,
    /// with a second connection, on a machine of several cores.
    private var parallel: Bool { second != nil && pack.count >= splitAt && ProcessInfo.processInfo.activeProcessorCount > 1 }

    /// `body` over `0..<n` in two halves at once when this search may use a second core and
    /// `n` is at least `minimum`, else over all of it; the results in order. `body` must
    /// write nothing the other half reads or writes.
    private func halves<T>(_ n: Int, minimum: Int, _ body: (Range<Int>) -> T) throws -> [T] {
        guard parallel, n >= minimum else { return [body(0..<n)] }
        let (a, b) = try together({ body(0..<n / 2) }, { body(n / 2..<n) })
        return [a, b]
    }

    /// The accepted matches with their scores: BM25 per column (weighted, summed), with each
    /// phrase's document frequency counted among the matches (a phrase of an AND query is in
    /// all of them, so only the OR alternatives differ) rather than by a second pass. Matches
    /// of a phrase group where the phrase's words are not at their offsets are left out.
    private func ranked(_ match: String, _ accepts: (Int) -> Bool) throws -> ([Int32], [Double]) {
        let columns = SearchPack.columns
        let groups = query.phraseGroups.map(\.first)
        let sql = "SELECT rowid, \(PhraseHits.name)(record_fts, ?) FROM record_fts WHERE record_fts MATCH ?"
        let parts = try scan(sql, [query.phrasePlan, match], accepts, start: Ranking()) { r, i, s in
            let bytes = Int(sqlite3_column_bytes(s, 1))
            let n = bytes / (4 * columns)
            if r.phrases < 0 {
                r.phrases = n
                r.documents = [Int](repeating: 0, count: n)
            }
            guard n == r.phrases, let blob = sqlite3_column_blob(s, 1) else { return }
            let raw = UnsafeRawBufferPointer(start: blob, count: bytes)
            func count(_ p: Int, _ c: Int) -> UInt32 {
                UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: (p * columns + c) * 4, as: UInt32.self))
            }
            for g in groups where g < n {
                var found = false
                for c in 0..<columns where count(g, c) > 0 { found = true }
                if !found { return }
            }
            r.matches.append(i)
            for p in 0..<n {
                var any = false
                for c in 0..<columns {
                    let v = count(p, c)
                    r.counts.append(v)
                    any = any || v > 0
                }
                if any { r.documents[p] += 1 }
            }
        }
        // The halves in record order; both saw the same phrases when both matched.
        var matches: [Int32] = [], counts: [UInt32] = []
        var phrases = -1
        var documents: [Int] = []
        for part in parts where part.phrases >= 0 {
            guard phrases < 0 || part.phrases == phrases else { continue }
            if phrases < 0 { (phrases, documents) = (part.phrases, part.documents) } else {
                for p in 0..<phrases { documents[p] += part.documents[p] }
            }
            matches += part.matches
            counts += part.counts
        }
        guard phrases > 0 else { return (matches, [Double](repeating: 0, count: matches.count)) }

        let total = Double(max(pack.count, 1))
        let average = pack.averageLengths
        let idf = documents.map { d in d == 0 ? 0 : log(1 + (total - Double(d) + 0.5) / (Double(d) + 0.5)) }

        // A column's length norm is worked out only where a phrase occurs in it (most matches
        // have none in the title and items).
        let weights = Self.weights, k1 = Self.k1, b = Self.b
        let scores = counts.withUnsafeBufferPointer { counts in
            matches.indices.map { m in
                let i = Int(matches[m])
                var score = 0.0
                for c in 0..<columns {
                    var norm = -1.0
                    for p in 0..<phrases {
                        let tf = Double(counts[(m * phrases + p) * columns + c])
                        guard tf > 0 else { continue }
                        if norm < 0 { norm = k1 * (1 - b + b * Double(pack.lengths[i * columns + c]) / average[c]) }
                        score += weights[c] * idf[p] * tf * (k1 + 1) / (tf + norm)
                    }
                }
                return score
            }
        }
        return (matches, scores)
    }

    /// One scan's matches and what ranking needs of them.
    private struct Ranking {
        var matches: [Int32] = []
        var counts: [UInt32] = []  // per accepted match: phrases × columns
        var phrases = -1
        var documents: [Int] = []  // per phrase: accepted matches where it occurs
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
        let topics = query.topic.map { pack.strings.naming($0) }
        let people = try query.attendee.map { a in
            let attendees = try self.attendees()
            return (set: attendees.strings.naming(a), pack: attendees)
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
        // Counts by string index of bodies, kinds, dates and topics, in one pass.
        let strings = pack.strings.count
        var all = [Int](repeating: 0, count: 4 * strings)
        all.withUnsafeMutableBufferPointer { n in
            func add(_ facet: Int, _ s: Int32) { if s >= 0 { n[facet * strings + Int(s)] += 1 } }
            for m in matches {
                let i = Int(m)
                add(0, pack.bodies[i])
                add(1, pack.kinds[i])
                add(2, pack.dates[i])
                for k in Int(pack.topicStart[i])..<Int(pack.topicStart[i + 1]) { add(3, pack.topics[k]) }
            }
        }
        func tally(_ facet: Int) -> [Int] { Array(all[facet * strings..<(facet + 1) * strings]) }
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
        facets["body"] = Self.facet(counts(tally(0), limit: 20), limit: 20)
        facets["kind"] = Self.facet(counts(tally(1), limit: 10), limit: 10)
        facets["year"] = Self.facet(years(tally(2)), limit: 100).sorted { $0.value > $1.value }
        facets["topic"] = Self.facet(counts(tally(3), limit: 20), limit: 20)
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

/// A value handed to a thread that ends before its owner reads it again.
final class Unchecked<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

/// Runs `other` on another thread while `body` runs on this one, and returns both results
/// (`other` runs here, after `body`, if no thread can be made). The thread is a plain POSIX
/// thread, joined before this function returns, so what `other` reads outlives its use:
/// Foundation's `Thread` took 1.4-3.6 ms to start its first thread in a fresh process
/// (a CLI search with the split forced), where a POSIX thread starts at once. `other` must write nothing `body` reads or
/// writes.
func together<A, B>(_ body: () throws -> A, _ other: () -> B) throws -> (A, B) {
    try withoutActuallyEscaping(other) { other in
        let result = Unchecked<B?>(nil)
        let task = Unmanaged.passRetained(ThreadTask { result.value = other() }).toOpaque()
        #if os(Linux)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        guard pthread_create(&thread, nil, runThreadTask, task) == 0 else {
            Unmanaged<ThreadTask>.fromOpaque(task).release()
            return (try body(), other())
        }
        let a: A
        do { a = try body() } catch {
            pthread_join(thread, nil)
            throw error
        }
        pthread_join(thread, nil)
        return (a, result.value!)
    }
}

/// The work of a thread made by ``together``, released by the thread when done.
private final class ThreadTask {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

#if os(Linux)
private func runThreadTask(_ task: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    Unmanaged<ThreadTask>.fromOpaque(task!).takeRetainedValue().run()
    return nil
}
#else
private func runThreadTask(_ task: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
    Unmanaged<ThreadTask>.fromOpaque(task).takeRetainedValue().run()
    return nil
}
#endif

/// A second connection to an index, for the half of a search scanned on another thread:
/// the pool's readers when the index was opened writable, else a read-only connection of its
/// own, opened at its first use and kept. One search at a time: another finds it busy and
/// scans both halves itself. With the pool this is what keeps searches at once from
/// deadlocking: each holds a reader while its second half waits for another, and with as
/// many searches as the pool has readers (5) none would ever come free (the web server hung
/// under 50 concurrent searches).
final class SecondReader: @unchecked Sendable {
    private enum Source {
        case pool(DatabasePool)
        case own(open: () throws -> DatabaseQueue)
    }
    private let source: Source
    /// Held by the search using the second connection (`queue`, opened at its first use, or a pool reader).
    private let inUse = NSLock()
    private var queue: DatabaseQueue?

    init(pool: DatabasePool) { source = .pool(pool) }
    init(open: @escaping () throws -> DatabaseQueue) { source = .own(open: open) }

    /// Runs `body` in a read transaction on the second connection; false when it is busy.
    func read(_ body: (Database) throws -> Void) throws -> Bool {
        guard inUse.try() else { return false }
        defer { inUse.unlock() }
        switch source {
        case .pool(let pool):
            try pool.read(body)
        case .own(let open):
            let connection = try queue ?? open()
            queue = connection
            try connection.read(body)
        }
        return true
    }
}

