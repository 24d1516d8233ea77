import Foundation
import GRDB
import GRDBSQLite
import RelatoriaCore

/// Distinct strings as one UTF-8 buffer (made into `String`s only when shown), with their
/// folded keys (`Folding.key`) in another, each preceded by a newline, so that one byte search
/// finds every string containing a folded word.
struct StringTable: Sendable {
    var text: [UInt8] = [], textStart: [Int32] = [0]
    var keys: [UInt8] = [], keyStart: [Int32] = [0]
    private var index: [String: Int32] = [:]  // only while building

    var count: Int { textStart.count - 1 }

    /// The index of `s`, added if new (nil stays -1).
    mutating func intern(_ s: String?) -> Int32 {
        guard let s else { return -1 }
        if let i = index[s] { return i }
        let i = Int32(count)
        index[s] = i
        text.append(contentsOf: s.utf8)
        textStart.append(Int32(text.count))
        keys.append(UInt8(ascii: "\n"))
        keys.append(contentsOf: Folding.key(s).utf8)
        keyStart.append(Int32(keys.count))
        return i
    }

    subscript(s: Int32) -> String? {
        guard s >= 0 else { return nil }
        return text.withUnsafeBufferPointer { b in
            String(decoding: UnsafeBufferPointer(rebasing: b[Int(textStart[Int(s)])..<Int(textStart[Int(s) + 1])]), as: UTF8.self)
        }
    }

    /// Compares strings `a` and `b` as UTF-8 bytes (ISO dates compare as dates); absent first.
    func isLess(_ a: Int32, _ b: Int32) -> Bool {
        if a < 0 || b < 0 { return a < 0 && b >= 0 }
        return text[Int(textStart[Int(a)])..<Int(textStart[Int(a) + 1])]
            .lexicographicallyPrecedes(text[Int(textStart[Int(b)])..<Int(textStart[Int(b) + 1])])
    }

    /// The strings whose folded key contains the folded form of `word`, as a table by index.
    func containing(_ word: String) -> [Bool] {
        var found = [Bool](repeating: false, count: count)
        let needle = Array(Folding.key(word).utf8)
        guard !needle.isEmpty else { return found }
        keys.withUnsafeBufferPointer { hay in
            var at = 0
            // Candidates by their first byte (memchr), then compared whole.
            while at + needle.count <= hay.count,
                  let hit = memchr(hay.baseAddress! + at, Int32(needle[0]), hay.count - needle.count + 1 - at) {
                at = hay.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                guard needle.indices.allSatisfy({ hay[at + $0] == needle[$0] }) else {
                    at += 1
                    continue
                }
                // The string whose key holds this offset (keys contain no newline, so a hit
                // never spans two); then on to the next string.
                var lo = 0, hi = count - 1
                while lo < hi {
                    let mid = (lo + hi + 1) / 2
                    if Int(keyStart[mid]) <= at { lo = mid } else { hi = mid - 1 }
                }
                found[lo] = true
                at = Int(keyStart[lo + 1])
            }
        }
        return found
    }

    func encode(into out: inout PackWriter) {
        out.put(textStart); out.put(text); out.put(keyStart); out.put(keys)
    }

    init() {}

    init?(_ r: inout PackReader) {
        guard let textStart = r.array(Int32.self), let text = r.array(UInt8.self), let keyStart = r.array(Int32.self),
              let keys = r.array(UInt8.self), textStart.first == 0, keyStart.first == 0, keyStart.count == textStart.count,
              textStart.last.map({ Int($0) == text.count }) == true, keyStart.last.map({ Int($0) == keys.count }) == true,
              zip(textStart, textStart.dropFirst()).allSatisfy({ $0 <= $1 }), zip(keyStart, keyStart.dropFirst()).allSatisfy({ $0 <= $1 })
        else { return nil }
        (self.textStart, self.text, self.keyStart, self.keys) = (textStart, text, keyStart, keys)
    }
}

/// Steps a statement prepared by GRDB with SQLite's own call (rows read without row
/// objects): true for a row, false when done.
func stepRow(_ statement: OpaquePointer, in db: Database) throws -> Bool {
    let rc = sqlite3_step(statement)
    if rc == SQLITE_ROW { return true }
    if rc == SQLITE_DONE { return false }
    throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
}

/// Little-endian binary writing and reading of the packs: arrays as a count (UInt32) and
/// their elements.
struct PackWriter {
    var data = Data()
    mutating func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func put<T: FixedWidthInteger>(_ array: [T]) {
        put(UInt32(array.count))
        #if _endian(big)
        for v in array { put(v) }
        #else
        array.withUnsafeBytes { data.append(contentsOf: $0) }
        #endif
    }
}

struct PackReader {
    let raw: UnsafeRawBufferPointer
    var offset = 0

    mutating func get<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard offset + MemoryLayout<T>.size <= raw.count else { return nil }
        let v = T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
        offset += MemoryLayout<T>.size
        return v
    }

    mutating func array<T: FixedWidthInteger>(_: T.Type) -> [T]? {
        guard let n = get(UInt32.self) else { return nil }
        let bytes = Int(n) * MemoryLayout<T>.size
        guard offset + bytes <= raw.count else { return nil }
        let start = offset
        let out = [T](unsafeUninitializedCapacity: Int(n)) { buffer, count in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<start + bytes]))
            count = Int(n)
        }
        offset += bytes
        #if _endian(big)
        return out.map { T(littleEndian: $0) }
        #else
        return out
        #endif
    }
}

/// What search filters, counts and ranks by, for every record, in one compact binary row
/// (`searchPack`): date, body, kind, language and topics (as indices into a ``StringTable``)
/// and the length in tokens of each full-text column. A search reads only row ids (and match
/// counts) from the full-text index and does filtering, facets and ranking in memory instead
/// of joining thousands of rows. Attendees, needed only by the attendee filter and many
/// times larger, are a second row (``AttendeePack``) read only then.
///
/// Derived data: rebuilt when `searchGeneration` (bumped by triggers on every change to
/// records, topics and attendees) has moved past the pack's generation. Kept flat (arrays of
/// integers) because a CLI search loads it in every process: decoding is a few copies.
struct SearchPack: Sendable {
    /// Full-text columns (title, items, text), as in `record_fts`.
    static let columns = 3

    var generation: Int64
    /// Row ids, ascending (the order FTS5 returns matches in).
    var rowids: [Int64] = []
    /// String indices per record, -1 when absent.
    var dates: [Int32] = [], bodies: [Int32] = [], kinds: [Int32] = [], languages: [Int32] = []
    /// Topics of record i: `topics[topicStart[i]..<topicStart[i + 1]]`.
    var topicStart: [Int32] = [0], topics: [Int32] = []
    /// Tokens in each full-text column of record i: `lengths[i * columns + c]`.
    var lengths: [Int32] = []
    var strings = StringTable()

    var count: Int { rowids.count }

    // MARK: - Building and storing

    static func current(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT n FROM searchGeneration") ?? 0
    }

    /// The stored pack when it is current, else nil.
    static func load(_ db: Database) throws -> SearchPack? {
        try stored(db, id: 1) { data, generation in decode(data, generation: generation) }
    }

    /// Builds the pack from the record and topic tables and the full-text index's document sizes.
    static func build(_ db: Database) throws -> SearchPack {
        var pack = SearchPack(generation: try current(db))
        var topics: [String: [Int32]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT recordId, topic FROM topic ORDER BY rowid") {
            topics[row["recordId"], default: []].append(pack.strings.intern(row["topic"]))
        }
        var sizes: [Int64: [Int32]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, sz FROM record_fts_docsize") {
            sizes[row["id"]] = Self.varints(row["sz"] as Data? ?? Data())
        }
        for row in try Row.fetchAll(db, sql: "SELECT rowid, id, date, body, kind, language FROM record ORDER BY rowid") {
            let rowid: Int64 = row["rowid"], id: String = row["id"]
            pack.rowids.append(rowid)
            pack.dates.append(pack.strings.intern(row["date"]))
            pack.bodies.append(pack.strings.intern(row["body"]))
            pack.kinds.append(pack.strings.intern(row["kind"]))
            pack.languages.append(pack.strings.intern(row["language"]))
            pack.topics += topics[id] ?? []
            pack.topicStart.append(Int32(pack.topics.count))
            let size = sizes[rowid] ?? []
            for c in 0..<columns { pack.lengths.append(c < size.count ? size[c] : 0) }
        }
        return pack
    }

    /// FTS5's document-size record: one varint per column.
    private static func varints(_ data: Data) -> [Int32] {
        var out: [Int32] = []
        var value: UInt64 = 0, shift: UInt64 = 0
        for byte in data {
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 {
                out.append(Int32(truncatingIfNeeded: value))
                value = 0
                shift = 0
            } else {
                shift += 7
                if shift > 56 { break }
            }
        }
        return out
    }

    /// The row `id` of `searchPack`, decoded, when it is current. The blob is decoded where
    /// SQLite holds it (not copied into a row, then into `Data`, first).
    static func stored<T>(_ db: Database, id: Int, _ decode: (UnsafeRawBufferPointer, Int64) -> T?) throws -> T? {
        let current = try current(db)
        let statement = try db.makeStatement(sql: "SELECT generation, data FROM searchPack WHERE id = ?")
        statement.arguments = [id]
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        guard try stepRow(s, in: db) else { return nil }
        let generation = sqlite3_column_int64(s, 0)
        guard generation == current, let blob = sqlite3_column_blob(s, 1) else { return nil }
        return decode(UnsafeRawBufferPointer(start: blob, count: Int(sqlite3_column_bytes(s, 1))), generation)
    }

    /// Stores a pack as row `id` unless the tables changed since it was built.
    static func store(_ db: Database, id: Int, generation: Int64, data: Data) throws {
        guard generation == (try current(db)) else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO searchPack (id, generation, data) VALUES (?, ?, ?)", arguments: [id, generation, data])
    }

    func store(_ db: Database) throws { try Self.store(db, id: 1, generation: generation, data: encoded()) }

    // MARK: - Binary form
    // "RSP3", then rowids, dates, bodies, kinds, languages, topicStart, topics, lengths, then
    // the string table. A pack of another form is not decoded (and so gets rebuilt).

    private static let magic: UInt32 = 0x3350_5352  // "RSP3"

    func encoded() -> Data {
        var out = PackWriter()
        out.put(Self.magic)
        out.put(rowids)
        for a in [dates, bodies, kinds, languages, topicStart, topics, lengths] { out.put(a) }
        strings.encode(into: &out)
        return out.data
    }

    static func decode(_ raw: UnsafeRawBufferPointer, generation: Int64) -> SearchPack? {
        do {
            var r = PackReader(raw: raw)
            guard r.get(UInt32.self) == magic, let rowids = r.array(Int64.self) else { return nil }
            var ints: [[Int32]] = []
            for _ in 0..<7 {
                guard let a = r.array(Int32.self) else { return nil }
                ints.append(a)
            }
            guard let strings = StringTable(&r) else { return nil }
            var pack = SearchPack(generation: generation)
            pack.rowids = rowids
            (pack.dates, pack.bodies, pack.kinds, pack.languages) = (ints[0], ints[1], ints[2], ints[3])
            (pack.topicStart, pack.topics, pack.lengths) = (ints[4], ints[5], ints[6])
            pack.strings = strings
            return pack.isConsistent ? pack : nil
        }
    }

    /// Whether every index is in range (a damaged pack is rebuilt, never trusted).
    private var isConsistent: Bool {
        let n = count, s = Int32(strings.count)
        guard [dates, bodies, kinds, languages].allSatisfy({ $0.count == n }), lengths.count == n * Self.columns,
              Self.isRangeTable(topicStart, entries: n, values: topics, strings: s)
        else { return false }
        return [dates, bodies, kinds, languages].allSatisfy { $0.allSatisfy { $0 >= -1 && $0 < s } }
    }

    /// Whether `start` cuts `values` into `entries` runs and every value is a string index.
    static func isRangeTable(_ start: [Int32], entries: Int, values: [Int32], strings: Int32) -> Bool {
        start.count == entries + 1 && start.first == 0 && start.last.map({ Int($0) == values.count }) == true
            && zip(start, start.dropFirst()).allSatisfy { $0 <= $1 } && values.allSatisfy { $0 >= 0 && $0 < strings }
    }
}

/// The attendees of every record, in the order of the ``SearchPack``'s records: row 2 of
/// `searchPack`, read only by searches with an attendee filter.
struct AttendeePack: Sendable {
    var generation: Int64
    /// Attendees of record i: `names[start[i]..<start[i + 1]]`, indices into `strings`.
    var start: [Int32] = [0], names: [Int32] = []
    var strings = StringTable()

    static func load(_ db: Database) throws -> AttendeePack? {
        try SearchPack.stored(db, id: 2) { data, generation in decode(data, generation: generation) }
    }

    static func build(_ db: Database) throws -> AttendeePack {
        var pack = AttendeePack(generation: try SearchPack.current(db))
        var byRecord: [String: [Int32]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT recordId, name FROM attendee ORDER BY rowid") {
            byRecord[row["recordId"], default: []].append(pack.strings.intern(row["name"]))
        }
        for id in try String.fetchAll(db, sql: "SELECT id FROM record ORDER BY rowid") {
            pack.names += byRecord[id] ?? []
            pack.start.append(Int32(pack.names.count))
        }
        return pack
    }

    func store(_ db: Database) throws { try SearchPack.store(db, id: 2, generation: generation, data: encoded()) }

    private static let magic: UInt32 = 0x3350_4152  // "RAP3"

    func encoded() -> Data {
        var out = PackWriter()
        out.put(Self.magic)
        out.put(start)
        out.put(names)
        strings.encode(into: &out)
        return out.data
    }

    static func decode(_ raw: UnsafeRawBufferPointer, generation: Int64) -> AttendeePack? {
        do {
            var r = PackReader(raw: raw)
            guard r.get(UInt32.self) == magic, let start = r.array(Int32.self), let names = r.array(Int32.self),
                  let strings = StringTable(&r),
                  SearchPack.isRangeTable(start, entries: start.count - 1, values: names, strings: Int32(strings.count))
            else { return nil }
            var pack = AttendeePack(generation: generation)
            (pack.start, pack.names, pack.strings) = (start, names, strings)
            return pack
        }
    }
}
