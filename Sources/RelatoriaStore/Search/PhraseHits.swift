import GRDB
import GRDBSQLite

/// `relatoria_hits(record_fts, plan)`: an FTS5 auxiliary function that gives, for the current
/// match, how many times each phrase of the query occurs in each column, as a blob of
/// little-endian `UInt32`s (`phrase * columns + column`).
///
/// It lets one pass over the matches both find them and gather what ranking needs. FTS5's own
/// `bm25()` costs far more on common words: it counts each phrase's documents with a second
/// full scan of the index, and reads each match's column sizes from another table (the search
/// pack already holds those).
///
/// `plan` names groups of phrases, one word each, that stand for one phrase of the query
/// (``SearchQuery/PhraseGroup``, written `first:0,2,4;...`; function words left out): the
/// group's first slot counts the places where all its words stand at exactly those offsets,
/// its other slots stay 0. A group counted 0 in every column means the record does not
/// contain the phrase.
enum PhraseHits {
    static let name = "relatoria_hits"

    /// The plan, parsed once per statement, in buffers of its own (read at every match
    /// without reference counting: the arrays of an earlier version cost a tenth of a phrase
    /// search's time in retains and releases).
    private final class Scratch {
        /// Group g: its first phrase `firsts[g]`, its offsets `offsets[starts[g]..<starts[g + 1]]`.
        let firsts: UnsafeMutableBufferPointer<Int>
        let starts: UnsafeMutableBufferPointer<Int>
        let offsets: UnsafeMutableBufferPointer<Int>
        /// Whether each phrase belongs to a group (made at the first match, see ``grouped(phrases:)``).
        private var phraseGrouped: UnsafeMutableBufferPointer<Bool>?

        var groups: Int { firsts.count }

        init(plan: String) {
            var firsts: [Int] = [], starts: [Int] = [0], offsets: [Int] = []
            for part in plan.split(separator: ";") {
                let halves = part.split(separator: ":")
                guard halves.count == 2, let first = Int(halves[0]), first >= 0 else { continue }
                let some = halves[1].split(separator: ",").compactMap { Int($0) }
                guard some.count >= 2 else { continue }
                firsts.append(first)
                offsets += some
                starts.append(offsets.count)
            }
            func copy(_ a: [Int]) -> UnsafeMutableBufferPointer<Int> {
                let b = UnsafeMutableBufferPointer<Int>.allocate(capacity: a.count)
                _ = b.initialize(from: a)
                return b
            }
            (self.firsts, self.starts, self.offsets) = (copy(firsts), copy(starts), copy(offsets))
        }

        /// The offsets of group `g`.
        func offsets(_ g: Int) -> UnsafeBufferPointer<Int> {
            UnsafeBufferPointer(rebasing: offsets[starts[g]..<starts[g + 1]])
        }

        /// Whether group `g`'s words are all phrases of the statement (a plan written for
        /// another expression may name more).
        func fits(_ g: Int, phrases: Int) -> Bool { firsts[g] + offsets(g).count <= phrases }

        /// Whether each of the statement's `phrases` belongs to a group that fits (the count
        /// is the statement's, the same at every match).
        func grouped(phrases: Int) -> UnsafeMutableBufferPointer<Bool> {
            if let phraseGrouped { return phraseGrouped }
            let grouped = UnsafeMutableBufferPointer<Bool>.allocate(capacity: phrases)
            grouped.initialize(repeating: false)
            for g in 0..<groups where fits(g, phrases: phrases) {
                for k in 0..<offsets(g).count { grouped[firsts[g] + k] = true }
            }
            phraseGrouped = grouped
            return grouped
        }

        deinit {
            firsts.deallocate()
            starts.deallocate()
            offsets.deallocate()
            phraseGrouped?.deallocate()
        }
    }

    /// Registers the function on a connection (`Configuration.prepareDatabase`).
    static func register(_ db: Database) {
        let api = FTS5.api(db)
        _ = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), name, nil, { api, fts, context, count, values in
            guard let api = api?.pointee, let fts, let xPhraseCount = api.xPhraseCount, let xColumnCount = api.xColumnCount,
                  let xPhraseFirst = api.xPhraseFirst,
                  let xGetAuxdata = api.xGetAuxdata, let xSetAuxdata = api.xSetAuxdata else {
                sqlite3_result_error(context, "relatoria_hits: FTS5 API incomplete", -1)
                return
            }
            let stored: UnsafeMutableRawPointer
            if let known = xGetAuxdata(fts, 0) {
                stored = known
            } else {
                let plan = count > 0 ? sqlite3_value_text(values?[0]).map { String(cString: $0) } ?? "" : ""
                stored = Unmanaged.passRetained(Scratch(plan: plan)).toOpaque()
                _ = xSetAuxdata(fts, stored) { p in
                    if let p { Unmanaged<Scratch>.fromOpaque(p).release() }
                }
            }
            // The statement keeps the scratch object alive (its auxiliary data) while this runs.
            Unmanaged<Scratch>.fromOpaque(stored)._withUnsafeGuaranteedRef { scratch in
                let phrases = Int(xPhraseCount(fts)), columns = Int(xColumnCount(fts))
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(1, phrases * columns)) { counts in
                    counts.initialize(repeating: 0)
                    // Groups first (their slots), then every phrase outside a group (most
                    // queries have no group: each phrase's places counted by column).
                    let grouped = scratch.grouped(phrases: phrases)
                    for g in 0..<scratch.groups where scratch.fits(g, phrases: phrases) {
                        PhraseHits.countGroup(scratch.firsts[g], scratch.offsets(g), fts, xPhraseFirst, columns: columns, into: counts)
                    }
                    for p in 0..<phrases where !(p < grouped.count && grouped[p]) {
                        PhraseHits.countPlaces(of: p, fts, xPhraseFirst, columns: columns, into: counts)
                    }
                    PhraseHits.result(context, counts, phrases * columns)
                }
            }
        }, nil)
    }

    typealias First = @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<Fts5PhraseIter>?, UnsafeMutablePointer<Int32>?,
                                      UnsafeMutablePointer<Int32>?) -> Int32
    /// Adds to its first slot's counts the places of group `first...` where every word stands
    /// at its offset from the first word's place: the words' position lists are walked side by
    /// side (each in index order, column then offset), so each place is read once.
    private static func countGroup(_ first: Int, _ offsets: UnsafeBufferPointer<Int>, _ fts: OpaquePointer, _ xFirst: First, columns: Int,
                                   into counts: UnsafeMutableBufferPointer<UInt32>) {
        let k = offsets.count
        let done = Int64.max
        withUnsafeTemporaryAllocation(of: Fts5PhraseIter.self, capacity: k) { iterators in
            withUnsafeTemporaryAllocation(of: Int64.self, capacity: k) { places in
                let it = iterators.baseAddress!
                var column: Int32 = 0, offset: Int32 = 0
                for j in 0..<k {
                    (it + j).initialize(to: Fts5PhraseIter())
                    guard xFirst(fts, Int32(first + j), it + j, &column, &offset) == SQLITE_OK, column >= 0 else { return }
                    places[j] = Int64(column) << 32 | Int64(offset)
                }
                while true {
                    let start = places[0]
                    var all = true
                    for j in 1..<k {
                        let want = start + Int64(offsets[j])
                        while places[j] < want {
                            // `next` reads the offset as a step from the last one given.
                            column = Int32(truncatingIfNeeded: places[j] >> 32)
                            offset = Int32(truncatingIfNeeded: places[j])
                            PhraseHits.next(&it[j], &column, &offset)
                            places[j] = column < 0 ? done : Int64(column) << 32 | Int64(offset)
                        }
                        // A word with no place left: no later start can match either.
                        if places[j] == done { return }
                        if places[j] != want { all = false; break }
                    }
                    let c = Int(start >> 32)
                    if all && c < columns { counts[first * columns + c] &+= 1 }
                    column = Int32(truncatingIfNeeded: start >> 32)
                    offset = Int32(truncatingIfNeeded: start)
                    PhraseHits.next(&it[0], &column, &offset)
                    if column < 0 { return }
                    places[0] = Int64(column) << 32 | Int64(offset)
                }
            }
        }
    }

    /// Adds phrase `p`'s places in the current match to its counts by column.
    private static func countPlaces(of p: Int, _ fts: OpaquePointer, _ first: First, columns: Int,
                                    into counts: UnsafeMutableBufferPointer<UInt32>) {
        var iterator = Fts5PhraseIter()
        var column: Int32 = 0, offset: Int32 = 0
        guard first(fts, Int32(p), &iterator, &column, &offset) == SQLITE_OK else { return }
        while column >= 0 {
            if Int(column) < columns { counts[p * columns + Int(column)] &+= 1 }
            PhraseHits.next(&iterator, &column, &offset)
        }
    }

    /// The place after `iterator`'s in its phrase's position list (column -1 past the last),
    /// read here as FTS5's xPhraseNext reads it, without a call through the API for every
    /// place: SQLite varints, a 1 starts a column whose number follows, any other value is the
    /// step from the last offset plus 2. The list is the one xPhraseFirst opened (`a` its next
    /// byte, `b` its end). `offset` must be the last one given (steps add up).
    @inline(__always)
    static func next(_ iterator: inout Fts5PhraseIter, _ column: inout Int32, _ offset: inout Int32) {
        guard var p = iterator.a, let end = iterator.b, p < end else {
            (column, offset) = (-1, -1)
            return
        }
        var v = varint(&p, end)
        if v == 1 {
            column = Int32(truncatingIfNeeded: varint(&p, end))
            offset = 0
            v = varint(&p, end)
        }
        offset &+= Int32(truncatingIfNeeded: v) &- 2
        iterator.a = p
    }

    /// An SQLite varint (7 bits a byte, high bit set on all but the last), not read past `end`.
    @inline(__always)
    private static func varint(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UInt32 {
        var v: UInt32 = 0
        while p < end {
            let byte = p.pointee
            p += 1
            v = v << 7 | UInt32(byte & 0x7F)
            if byte < 0x80 { break }
        }
        return v
    }

    /// Returns the first `n` counts as the function's result (little-endian, copied by SQLite).
    private static func result(_ context: OpaquePointer?, _ counts: UnsafeMutableBufferPointer<UInt32>, _ n: Int) {
        for i in 0..<n { counts[i] = counts[i].littleEndian }
        sqlite3_result_blob(context, counts.baseAddress, Int32(n * 4), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
    }
}
