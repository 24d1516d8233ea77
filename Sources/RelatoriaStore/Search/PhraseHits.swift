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
/// `plan` names groups of phrases that stand for one phrase with function words left out
/// (``SearchQuery/PhraseGroup``, written `first:0,2,4;...`): the group's first slot counts
/// the places where all its words stand at exactly those offsets, its other slots stay 0. A
/// group counted 0 in every column means the record does not contain the phrase.
enum PhraseHits {
    static let name = "relatoria_hits"

    /// The plan, parsed once per statement, and buffers reused from match to match.
    private final class Scratch {
        var groups: [(first: Int, offsets: [Int])] = []
        /// Whether each phrase belongs to a group (known at the first match).
        var grouped: [Bool]?
        /// The places of a group's words, one after the other, `bounds[k]..<bounds[k + 1]`.
        var places: [Int64] = []
        var bounds: [Int] = []
        var cursors: [Int] = []

        init(plan: String) {
            for part in plan.split(separator: ";") {
                let halves = part.split(separator: ":")
                guard halves.count == 2, let first = Int(halves[0]) else { continue }
                let offsets = halves[1].split(separator: ",").compactMap { Int($0) }
                if offsets.count >= 2 { groups.append((first, offsets)) }
            }
        }
    }

    /// Registers the function on a connection (`Configuration.prepareDatabase`).
    static func register(_ db: Database) {
        let api = FTS5.api(db)
        _ = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), name, nil, { api, fts, context, count, values in
            guard let api = api?.pointee, let fts, let xPhraseCount = api.xPhraseCount, let xColumnCount = api.xColumnCount,
                  let xPhraseFirst = api.xPhraseFirst, let xPhraseNext = api.xPhraseNext,
                  let xGetAuxdata = api.xGetAuxdata, let xSetAuxdata = api.xSetAuxdata else {
                sqlite3_result_error(context, "relatoria_hits: FTS5 API incomplete", -1)
                return
            }
            let scratch: Scratch
            if let stored = xGetAuxdata(fts, 0) {
                scratch = Unmanaged<Scratch>.fromOpaque(stored).takeUnretainedValue()
            } else {
                let plan = count > 0 ? sqlite3_value_text(values?[0]).map { String(cString: $0) } ?? "" : ""
                scratch = Scratch(plan: plan)
                _ = xSetAuxdata(fts, Unmanaged.passRetained(scratch).toOpaque()) { p in
                    if let p { Unmanaged<Scratch>.fromOpaque(p).release() }
                }
            }
            let phrases = Int(xPhraseCount(fts)), columns = Int(xColumnCount(fts))
            if scratch.groups.isEmpty {
                // No groups (most queries): each phrase's places counted by column, nothing else.
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(1, phrases * columns)) { counts in
                    counts.initialize(repeating: 0)
                    for p in 0..<phrases { PhraseHits.countPlaces(of: p, fts, xPhraseFirst, xPhraseNext, columns: columns, into: counts) }
                    PhraseHits.result(context, counts, phrases * columns)
                }
                return
            }
            if scratch.grouped == nil {
                var grouped = [Bool](repeating: false, count: phrases)
                scratch.groups.removeAll { $0.first + $0.offsets.count > phrases }
                for g in scratch.groups { for k in 0..<g.offsets.count { grouped[g.first + k] = true } }
                scratch.grouped = grouped
            }
            // The buffers, moved out of the scratch object for the time of this match (one
            // access each instead of one per element).
            var places: [Int64] = [], bounds: [Int] = [], cursors: [Int] = []
            swap(&places, &scratch.places)
            swap(&bounds, &scratch.bounds)
            swap(&cursors, &scratch.cursors)
            let groups = scratch.groups, grouped = scratch.grouped!
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(1, phrases * columns)) { counts in
                counts.initialize(repeating: 0)
                var iterator = Fts5PhraseIter()
                var column: Int32 = 0, offset: Int32 = 0
                for g in groups {
                    // Each word's places as column << 32 | offset, in index order.
                    places.removeAll(keepingCapacity: true)
                    bounds.removeAll(keepingCapacity: true)
                    for k in 0..<g.offsets.count {
                        bounds.append(places.count)
                        guard xPhraseFirst(fts, Int32(g.first + k), &iterator, &column, &offset) == SQLITE_OK else { continue }
                        while column >= 0 {
                            places.append(Int64(column) << 32 | Int64(offset))
                            xPhraseNext(fts, &iterator, &column, &offset)
                        }
                    }
                    bounds.append(places.count)
                    cursors.removeAll(keepingCapacity: true)
                    cursors.append(contentsOf: bounds)
                    // Places of the first word where every other word stands at its offset.
                    for i in bounds[0]..<bounds[1] {
                        let start = places[i]
                        var all = true
                        for k in 1..<g.offsets.count {
                            let want = start + Int64(g.offsets[k]), end = bounds[k + 1]
                            var c = cursors[k]
                            while c < end && places[c] < want { c += 1 }
                            cursors[k] = c
                            if c == end || places[c] != want { all = false; break }
                        }
                        let column = Int(start >> 32)
                        if all && column < columns { counts[g.first * columns + column] &+= 1 }
                    }
                }
                for p in 0..<phrases where !grouped[p] {
                    PhraseHits.countPlaces(of: p, fts, xPhraseFirst, xPhraseNext, columns: columns, into: counts)
                }
                PhraseHits.result(context, counts, phrases * columns)
            }
            swap(&places, &scratch.places)
            swap(&bounds, &scratch.bounds)
            swap(&cursors, &scratch.cursors)
        }, nil)
    }

    typealias First = @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<Fts5PhraseIter>?, UnsafeMutablePointer<Int32>?,
                                      UnsafeMutablePointer<Int32>?) -> Int32
    typealias Next = @convention(c) (OpaquePointer?, UnsafeMutablePointer<Fts5PhraseIter>?, UnsafeMutablePointer<Int32>?,
                                     UnsafeMutablePointer<Int32>?) -> Void

    /// Adds phrase `p`'s places in the current match to its counts by column.
    private static func countPlaces(of p: Int, _ fts: OpaquePointer, _ first: First, _ next: Next, columns: Int,
                                    into counts: UnsafeMutableBufferPointer<UInt32>) {
        var iterator = Fts5PhraseIter()
        var column: Int32 = 0, offset: Int32 = 0
        guard first(fts, Int32(p), &iterator, &column, &offset) == SQLITE_OK else { return }
        while column >= 0 {
            if Int(column) < columns { counts[p * columns + Int(column)] &+= 1 }
            next(fts, &iterator, &column, &offset)
        }
    }

    /// Returns the first `n` counts as the function's result (little-endian, copied by SQLite).
    private static func result(_ context: OpaquePointer?, _ counts: UnsafeMutableBufferPointer<UInt32>, _ n: Int) {
        for i in 0..<n { counts[i] = counts[i].littleEndian }
        sqlite3_result_blob(context, counts.baseAddress, Int32(n * 4), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
    }
}
