import GRDB
import GRDBSQLite

/// `relatoria_hits(record_fts)`: an FTS5 auxiliary function that gives, for the current
/// match, how many times each phrase of the query occurs in each column, as a blob of
/// little-endian `UInt32`s (`phrase * columns + column`).
///
/// It lets one pass over the matches both find them and gather what ranking needs. FTS5's own
/// `bm25()` costs far more on common words: it counts each phrase's documents with a second
/// full scan of the index, and reads each match's column sizes from another table (the search
/// pack already holds those).
enum PhraseHits {
    static let name = "relatoria_hits"

    /// Registers the function on a connection (`Configuration.prepareDatabase`).
    static func register(_ db: Database) {
        let api = FTS5.api(db)
        _ = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), name, nil, { api, fts, context, _, _ in
            guard let api = api?.pointee, let fts, let xPhraseCount = api.xPhraseCount, let xColumnCount = api.xColumnCount,
                  let xPhraseFirst = api.xPhraseFirst, let xPhraseNext = api.xPhraseNext else {
                sqlite3_result_error(context, "relatoria_hits: FTS5 API incomplete", -1)
                return
            }
            let phrases = Int(xPhraseCount(fts)), columns = Int(xColumnCount(fts))
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(1, phrases * columns)) { counts in
                counts.initialize(repeating: 0)
                for p in 0..<phrases {
                    var iterator = Fts5PhraseIter()
                    var column: Int32 = 0, offset: Int32 = 0
                    guard xPhraseFirst(fts, Int32(p), &iterator, &column, &offset) == SQLITE_OK else { continue }
                    while column >= 0 {
                        if Int(column) < columns { counts[p * columns + Int(column)] &+= 1 }
                        xPhraseNext(fts, &iterator, &column, &offset)
                    }
                }
                for i in counts.indices { counts[i] = counts[i].littleEndian }
                sqlite3_result_blob(context, counts.baseAddress, Int32(phrases * columns * 4), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            }
        }, nil)
    }
}
