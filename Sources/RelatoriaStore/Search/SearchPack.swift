import Foundation
import GRDB
import GRDBSQLite
import RelatoriaCore

/// Steps a statement prepared by GRDB with SQLite's own call (rows read without row
/// objects): true for a row, false when done.
func stepRow(_ statement: OpaquePointer, in db: Database) throws -> Bool {
    let rc = sqlite3_step(statement)
    if rc == SQLITE_ROW { return true }
    if rc == SQLITE_DONE { return false }
    throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
}

/// The rows of `sql` (its `?` bound to `arguments`) read by SQLite's own calls, `row` called
/// with the statement at each. For the few queries of every CLI search: GRDB's generic fetching
/// (`Int64.fetchOne`, `Row.fetchAll`, `fetchSet`) cost a new process 1.9 M instructions (of
/// 27) of the Swift runtime's first conformance lookups.
func eachRow(_ db: Database, _ sql: String, _ arguments: StatementArguments = [], _ row: (OpaquePointer) throws -> Void) throws {
    let statement = try db.makeStatement(sql: sql)
    statement.arguments = arguments
    let s = statement.sqliteStatement
    defer { sqlite3_reset(s) }
    while try stepRow(s, in: db) { try row(s) }
}

/// The first column of the first row of `sql` as an integer (nil without a row, or NULL).
func firstInt64(_ db: Database, _ sql: String, _ arguments: StatementArguments = []) throws -> Int64? {
    var value: Int64?
    try eachRow(db, sql, arguments) { s in
        if value == nil, sqlite3_column_type(s, 0) != SQLITE_NULL { value = sqlite3_column_int64(s, 0) }
    }
    return value
}

/// Column `k` of the current row as text (nil for NULL).
func columnText(_ s: OpaquePointer, _ k: Int32) -> String? {
    guard let text = sqlite3_column_text(s, k) else { return nil }
    return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(s, k))), as: UTF8.self)
}

/// The bytes of a pack in memory of their own, page-aligned and faulted in by one call (a
/// CLI search reads the pack once per process: 1.3 MB at 20,000 records); the arrays of a
/// decoded pack are views into them, not copies.
final class PackBuffer: @unchecked Sendable {
    let bytes: UnsafeMutableRawBufferPointer
    private let mapped: Bool

    init(count: Int) {
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE | MAP_ANON
        #endif
        if let p = mmap(nil, max(count, 1), PROT_READ | PROT_WRITE, flags, -1, 0), p != UnsafeMutableRawPointer(bitPattern: -1) {
            bytes = UnsafeMutableRawBufferPointer(start: p, count: count)
            mapped = true
        } else {
            bytes = UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16), count: count)
            mapped = false
        }
    }

    convenience init(copying data: Data) {
        self.init(count: data.count)
        data.copyBytes(to: bytes)
    }

    deinit {
        if mapped { munmap(bytes.baseAddress, max(bytes.count, 1)) } else { bytes.baseAddress?.deallocate() }
    }
}

/// A read-only array of little-endian integers inside a ``PackBuffer`` (which it keeps
/// alive), checked on every access.
struct PackArray<Element: FixedWidthInteger>: RandomAccessCollection, @unchecked Sendable {
    private let owner: PackBuffer?
    private let base: UnsafePointer<Element>?
    let count: Int

    init() { (owner, base, count) = (nil, nil, 0) }

    fileprivate init(owner: PackBuffer, base: UnsafePointer<Element>, count: Int) {
        (self.owner, self.base, self.count) = (owner, base, count)
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(i: Int) -> Element {
        precondition(i >= 0 && i < count, "search pack index out of range")
        return Element(littleEndian: base.unsafelyUnwrapped[i])
    }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try withExtendedLifetime(owner) { try body(UnsafeBufferPointer(start: base, count: count)) }
    }

    /// Whether every element is in `range` (a loop over the stored words: a pack's checks
    /// run at every CLI search, over every record).
    func allIn(_ range: ClosedRange<Element>) -> Bool {
        withUnsafeBufferPointer { b in
            // The least and greatest, then one test (a loop without branches).
            var least = Element.max, greatest = Element.min
            for v in b {
                let x = Element(littleEndian: v)
                least = Swift.min(least, x)
                greatest = Swift.max(greatest, x)
            }
            return b.isEmpty || range.contains(least) && range.contains(greatest)
        }
    }

    /// Whether the elements never decrease.
    var isNondecreasing: Bool {
        withUnsafeBufferPointer { b in
            var ok = true
            for k in b.indices.dropFirst() { ok = ok && Element(littleEndian: b[k - 1]) <= Element(littleEndian: b[k]) }
            return ok
        }
    }
}

/// Little-endian binary writing and reading of the packs: arrays as a count (UInt32), padding
/// to a multiple of 8 bytes, and their elements (so that each can be viewed in place).
struct PackWriter {
    var data = Data()
    mutating func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    mutating func put<T: FixedWidthInteger>(_ array: [T]) {
        put(UInt32(array.count))
        data.append(contentsOf: repeatElement(0, count: (8 - data.count % 8) % 8))
        #if _endian(big)
        for v in array { put(v) }
        #else
        array.withUnsafeBytes { data.append(contentsOf: $0) }
        #endif
    }
}

struct PackReader {
    let buffer: PackBuffer
    var offset = 0
    private var raw: UnsafeRawBufferPointer { UnsafeRawBufferPointer(buffer.bytes) }

    init(_ buffer: PackBuffer) { self.buffer = buffer }

    mutating func get<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard offset + MemoryLayout<T>.size <= raw.count else { return nil }
        let v = T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
        offset += MemoryLayout<T>.size
        return v
    }

    mutating func array<T: FixedWidthInteger>(_: T.Type) -> PackArray<T>? {
        guard let n = get(UInt32.self) else { return nil }
        let start = (offset + 7) / 8 * 8
        let bytes = Int(n) * MemoryLayout<T>.stride
        guard let base = raw.baseAddress, start <= raw.count, bytes <= raw.count - start else { return nil }
        offset = start + bytes
        return PackArray(owner: buffer, base: (base + start).bindMemory(to: T.self, capacity: Int(n)), count: Int(n))
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
/// records, topics and attendees) has moved past the pack's generation. A CLI search loads it
/// in every process, so it is read in one copy (SQLite's incremental blob read into a
/// ``PackBuffer``) and used where it lies: its arrays are views, checked once when read.
struct SearchPack: Sendable {
    /// Full-text columns (title, items, text), as in `record_fts`.
    static let columns = 3

    let generation: Int64
    /// The pack's bytes, which the arrays below view.
    let buffer: PackBuffer
    /// Row ids, ascending (the order FTS5 returns matches in).
    let rowids: PackArray<Int64>
    /// String indices per record, -1 when absent.
    let dates: PackArray<Int32>, bodies: PackArray<Int32>, kinds: PackArray<Int32>, languages: PackArray<Int32>
    /// Topics of record i: `topics[topicStart[i]..<topicStart[i + 1]]`.
    let topicStart: PackArray<Int32>, topics: PackArray<Int32>
    /// Tokens in each full-text column of record i: `lengths[i * columns + c]`.
    let lengths: PackArray<Int32>
    let strings: StringTable
    /// The mean of `lengths` per column over all records (at least 1), for ranking: computed
    /// once per pack rather than over every record at every search.
    let averageLengths: [Double]

    var count: Int { rowids.count }

    static func averages(_ lengths: PackArray<Int32>, records: Int) -> [Double] {
        var sums = [Double](repeating: 0, count: columns)
        lengths.withUnsafeBufferPointer { b in
            for c in 0..<columns {
                var sum = 0.0
                for k in stride(from: c, to: b.count, by: columns) { sum += Double(Int32(littleEndian: b[k])) }
                sums[c] = sum
            }
        }
        let total = Double(max(records, 1))
        return sums.map { max($0 / total, 1) }
    }

    // MARK: - Building and storing

    static func current(_ db: Database) throws -> Int64 {
        try firstInt64(db, "SELECT n FROM searchGeneration") ?? 0
    }

    /// The stored pack when it is current, else nil. `superseded`: the pack that keeps the
    /// superseded records (row 3; the usual pack, row 1, leaves every hidden record out).
    static func load(_ db: Database, superseded: Bool = false) throws -> SearchPack? {
        try stored(db, id: superseded ? 3 : 1, decode)
    }

    /// The records a pack leaves out: every hidden record (withdrawn or superseded), or with
    /// `superseded` only the withdrawn ones.
    static func leftOut(superseded: Bool) -> String {
        superseded ? "SELECT recordId FROM hiddenRecord WHERE reason != 'superseded'" : "SELECT recordId FROM hiddenRecord"
    }

    /// Builds the pack from the record and topic tables and the full-text index's document sizes.
    static func build(_ db: Database, superseded: Bool = false) throws -> SearchPack {
        let generation = try current(db)
        var strings = StringTable.Builder()
        var topics: [String: [Int32]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT recordId, topic FROM topic ORDER BY rowid") {
            topics[row["recordId"], default: []].append(strings.intern(row["topic"]))
        }
        var sizes: [Int64: [Int32]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, sz FROM record_fts_docsize") {
            sizes[row["id"]] = Self.varints(row["sz"] as Data? ?? Data())
        }
        var rowids: [Int64] = []
        var dates: [Int32] = [], bodies: [Int32] = [], kinds: [Int32] = [], languages: [Int32] = []
        var topicStart: [Int32] = [0], topicList: [Int32] = [], lengths: [Int32] = []
        for row in try Row.fetchAll(db, sql: "SELECT rowid, id, date, body, kind, language FROM record WHERE id NOT IN (\(leftOut(superseded: superseded))) ORDER BY rowid") {
            let rowid: Int64 = row["rowid"], id: String = row["id"]
            rowids.append(rowid)
            dates.append(strings.intern(row["date"]))
            bodies.append(strings.intern(row["body"]))
            kinds.append(strings.intern(row["kind"]))
            languages.append(strings.intern(row["language"]))
            topicList += topics[id] ?? []
            topicStart.append(Int32(topicList.count))
            let size = sizes[rowid] ?? []
            for c in 0..<columns { lengths.append(c < size.count ? size[c] : 0) }
        }
        var out = PackWriter()
        out.put(magic)
        out.put(rowids)
        for a in [dates, bodies, kinds, languages, topicStart, topicList, lengths] { out.put(a) }
        strings.encode(into: &out)
        return try decodeBuilt(out, generation: generation, decode)
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

    /// The row `id` of `searchPack`, decoded, when it is current. The blob is read by SQLite's
    /// incremental blob I/O straight into a ``PackBuffer`` (not assembled from its overflow
    /// pages into SQLite's memory first, then copied again into arrays).
    static func stored<T>(_ db: Database, id: Int64, _ decode: (PackBuffer, Int64) -> T?) throws -> T? {
        let current = try current(db)
        guard let generation = try firstInt64(db, "SELECT generation FROM searchPack WHERE id = ?", [id]),
              generation == current
        else { return nil }
        var blob: OpaquePointer?
        guard sqlite3_blob_open(db.sqliteConnection, "main", "searchPack", "data", id, 0, &blob) == SQLITE_OK, let blob else {
            sqlite3_blob_close(blob)
            return nil
        }
        defer { sqlite3_blob_close(blob) }
        let buffer = PackBuffer(count: Int(sqlite3_blob_bytes(blob)))
        guard buffer.bytes.isEmpty || sqlite3_blob_read(blob, buffer.bytes.baseAddress, Int32(buffer.bytes.count), 0) == SQLITE_OK
        else { return nil }
        return decode(buffer, generation)
    }

    /// A pack just encoded, decoded like a stored one (so that both are read the same way).
    static func decodeBuilt<T>(_ out: PackWriter, generation: Int64, _ decode: (PackBuffer, Int64) -> T?) throws -> T {
        guard let pack = decode(PackBuffer(copying: out.data), generation) else {
            throw DatabaseError(message: "a search pack just built does not read back")
        }
        return pack
    }

    /// Stores a pack as row `id` unless the tables changed since it was built.
    static func store(_ db: Database, id: Int64, generation: Int64, buffer: PackBuffer) throws {
        guard generation == (try current(db)) else { return }
        let data = buffer.bytes.isEmpty ? Data() : Data(bytes: buffer.bytes.baseAddress!, count: buffer.bytes.count)
        try db.execute(sql: "INSERT OR REPLACE INTO searchPack (id, generation, data) VALUES (?, ?, ?)", arguments: [id, generation, data])
    }

    func store(_ db: Database, superseded: Bool = false) throws { try Self.store(db, id: superseded ? 3 : 1, generation: generation, buffer: buffer) }

    // MARK: - Binary form
    // "RSP4", then rowids, dates, bodies, kinds, languages, topicStart, topics, lengths, then
    // the string table. A pack of another form is not decoded (and so gets rebuilt).

    private static let magic: UInt32 = 0x3450_5352  // "RSP4"

    static func decode(_ buffer: PackBuffer, generation: Int64) -> SearchPack? {
        var r = PackReader(buffer)
        guard r.get(UInt32.self) == magic, let rowids = r.array(Int64.self) else { return nil }
        var ints: [PackArray<Int32>] = []
        for _ in 0..<7 {
            guard let a = r.array(Int32.self) else { return nil }
            ints.append(a)
        }
        guard let strings = StringTable(&r) else { return nil }
        let pack = SearchPack(generation: generation, buffer: buffer, rowids: rowids, dates: ints[0], bodies: ints[1], kinds: ints[2],
                              languages: ints[3], topicStart: ints[4], topics: ints[5], lengths: ints[6], strings: strings,
                              averageLengths: averages(ints[6], records: rowids.count))
        return pack.isConsistent ? pack : nil
    }

    /// Whether every index is in range (a damaged pack is rebuilt, never trusted).
    private var isConsistent: Bool {
        let n = count, s = Int32(strings.count)
        guard [dates, bodies, kinds, languages].allSatisfy({ $0.count == n }), lengths.count == n * Self.columns,
              Self.isRangeTable(topicStart, entries: n, values: topics, strings: s)
        else { return false }
        return [dates, bodies, kinds, languages].allSatisfy { $0.allIn(-1...(s - 1)) }
    }

    /// Whether `start` cuts `values` into `entries` runs and every value is a string index.
    static func isRangeTable(_ start: PackArray<Int32>, entries: Int, values: PackArray<Int32>, strings: Int32) -> Bool {
        start.count == entries + 1 && start.first == 0 && start.last.map({ Int($0) == values.count }) == true
            && start.isNondecreasing && (values.isEmpty || strings > 0 && values.allIn(0...(strings - 1)))
    }
}

/// The attendees of every record, in the order of the ``SearchPack``'s records: row 2 of
/// `searchPack`, read only by searches with an attendee filter.
struct AttendeePack: Sendable {
    let generation: Int64
    let buffer: PackBuffer
    /// Attendees of record i: `names[start[i]..<start[i + 1]]`, indices into `strings`.
    let start: PackArray<Int32>, names: PackArray<Int32>
    let strings: StringTable

    static func load(_ db: Database, superseded: Bool = false) throws -> AttendeePack? {
        try SearchPack.stored(db, id: superseded ? 4 : 2, decode)
    }

    static func build(_ db: Database, superseded: Bool = false) throws -> AttendeePack {
        let generation = try SearchPack.current(db)
        var strings = StringTable.Builder()
        var byRecord: [String: [Int32]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT recordId, name FROM attendee ORDER BY rowid") {
            byRecord[row["recordId"], default: []].append(strings.intern(row["name"]))
        }
        var start: [Int32] = [0], names: [Int32] = []
        for id in try String.fetchAll(db, sql: "SELECT id FROM record WHERE id NOT IN (\(SearchPack.leftOut(superseded: superseded))) ORDER BY rowid") {
            names += byRecord[id] ?? []
            start.append(Int32(names.count))
        }
        var out = PackWriter()
        out.put(magic)
        out.put(start)
        out.put(names)
        strings.encode(into: &out)
        return try SearchPack.decodeBuilt(out, generation: generation, decode)
    }

    func store(_ db: Database, superseded: Bool = false) throws { try SearchPack.store(db, id: superseded ? 4 : 2, generation: generation, buffer: buffer) }

    private static let magic: UInt32 = 0x3450_4152  // "RAP4"

    static func decode(_ buffer: PackBuffer, generation: Int64) -> AttendeePack? {
        var r = PackReader(buffer)
        guard r.get(UInt32.self) == magic, let start = r.array(Int32.self), let names = r.array(Int32.self),
              let strings = StringTable(&r),
              SearchPack.isRangeTable(start, entries: start.count - 1, values: names, strings: Int32(strings.count))
        else { return nil }
        return AttendeePack(generation: generation, buffer: buffer, start: start, names: names, strings: strings)
    }
}
