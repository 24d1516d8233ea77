import Foundation
import GRDB
import RelatoriaCore

/// What search filters, counts and ranks by, for every record, in one compact binary row
/// (`searchPack`): date, body, kind, language, topics and attendees (as indices into one table
/// of strings) and the length in tokens of each full-text column. A search reads only row ids
/// (and match counts) from the full-text index and does filtering, facets and ranking in
/// memory instead of joining thousands of rows. Derived data: rebuilt when `searchGeneration`
/// (bumped by triggers on every change to records, topics and attendees) has moved past the
/// pack's generation.
///
/// Kept flat (arrays of integers, strings as one UTF-8 buffer made into `String`s only when
/// shown) because a CLI search loads it in every process: decoding is a few copies.
struct SearchPack: Sendable {
    /// Full-text columns (title, items, text), as in `record_fts`.
    static let columns = 3

    var generation: Int64
    /// Row ids, ascending (the order FTS5 returns matches in).
    var rowids: [Int64] = []
    /// String indices per record, -1 when absent.
    var dates: [Int32] = [], bodies: [Int32] = [], kinds: [Int32] = [], languages: [Int32] = []
    /// Topics of record i: `topics[topicStart[i]..<topicStart[i + 1]]`; attendees alike.
    var topicStart: [Int32] = [0], topics: [Int32] = []
    var attendeeStart: [Int32] = [0], attendees: [Int32] = []
    /// Tokens in each full-text column of record i: `lengths[i * columns + c]`.
    var lengths: [Int32] = []
    /// Every distinct string, UTF-8, `text[textStart[s]..<textStart[s + 1]]`.
    var text: [UInt8] = [], textStart: [Int32] = [0]
    /// The folded key of every string (`Folding.key`), each preceded by a newline, so that one
    /// byte search finds every string containing a folded word.
    var keys: [UInt8] = [], keyStart: [Int32] = [0]

    var count: Int { rowids.count }
    var stringCount: Int { textStart.count - 1 }

    func string(_ s: Int32) -> String? {
        guard s >= 0 else { return nil }
        return text.withUnsafeBufferPointer { b in
            String(decoding: UnsafeBufferPointer(rebasing: b[Int(textStart[Int(s)])..<Int(textStart[Int(s) + 1])]), as: UTF8.self)
        }
    }

    /// Whether string `s` equals `value` (compared as UTF-8, without making a `String`).
    func string(_ s: Int32, equals value: String) -> Bool {
        guard s >= 0 else { return false }
        let start = Int(textStart[Int(s)]), end = Int(textStart[Int(s) + 1])
        return value.utf8.elementsEqual(text[start..<end])
    }

    /// Compares strings `a` and `b` as UTF-8 bytes (ISO dates compare as dates).
    func string(_ a: Int32, isLessThan b: Int32) -> Bool {
        if a < 0 || b < 0 { return a < 0 && b >= 0 }
        return text[Int(textStart[Int(a)])..<Int(textStart[Int(a) + 1])]
            .lexicographicallyPrecedes(text[Int(textStart[Int(b)])..<Int(textStart[Int(b) + 1])])
    }

    /// The strings whose folded key contains the folded form of `word`, as a table by string index.
    func strings(containing word: String) -> [Bool] {
        var found = [Bool](repeating: false, count: stringCount)
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
                var lo = 0, hi = stringCount - 1
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

    // MARK: - Building and storing

    static func current(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT n FROM searchGeneration") ?? 0
    }

    /// The stored pack when it is current, else nil.
    static func load(_ db: Database) throws -> SearchPack? {
        guard let row = try Row.fetchOne(db, sql: "SELECT generation, data FROM searchPack WHERE id = 1") else { return nil }
        let generation: Int64 = row["generation"]
        guard generation == (try current(db)), let data: Data = row["data"] else { return nil }
        return decode(data, generation: generation)
    }

    /// Builds the pack from the record, topic and attendee tables and the full-text index's
    /// document sizes.
    static func build(_ db: Database) throws -> SearchPack {
        var pack = SearchPack(generation: try current(db))
        var index: [String: Int32] = [:]
        func intern(_ s: String?) -> Int32 {
            guard let s else { return -1 }
            if let i = index[s] { return i }
            let i = Int32(pack.stringCount)
            index[s] = i
            pack.text.append(contentsOf: s.utf8)
            pack.textStart.append(Int32(pack.text.count))
            pack.keys.append(UInt8(ascii: "\n"))
            pack.keys.append(contentsOf: Folding.key(s).utf8)
            pack.keyStart.append(Int32(pack.keys.count))
            return i
        }
        var topics: [String: [Int32]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT recordId, topic FROM topic ORDER BY rowid") {
            topics[row["recordId"], default: []].append(intern(row["topic"]))
        }
        var attendees: [String: [Int32]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT recordId, name FROM attendee ORDER BY rowid") {
            attendees[row["recordId"], default: []].append(intern(row["name"]))
        }
        var sizes: [Int64: [Int32]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, sz FROM record_fts_docsize") {
            sizes[row["id"]] = Self.varints(row["sz"] as Data? ?? Data())
        }
        for row in try Row.fetchAll(db, sql: "SELECT rowid, id, date, body, kind, language FROM record ORDER BY rowid") {
            let rowid: Int64 = row["rowid"], id: String = row["id"]
            pack.rowids.append(rowid)
            pack.dates.append(intern(row["date"]))
            pack.bodies.append(intern(row["body"]))
            pack.kinds.append(intern(row["kind"]))
            pack.languages.append(intern(row["language"]))
            pack.topics += topics[id] ?? []
            pack.topicStart.append(Int32(pack.topics.count))
            pack.attendees += attendees[id] ?? []
            pack.attendeeStart.append(Int32(pack.attendees.count))
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

    /// Stores the pack unless the tables changed since it was built.
    func store(_ db: Database) throws {
        guard generation == (try Self.current(db)) else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO searchPack (id, generation, data) VALUES (1, ?, ?)", arguments: [generation, encoded()])
    }

    // MARK: - Binary form
    // "RSP3", then each array in the order of `sections`: element count (UInt32), then the
    // elements, little-endian. A pack of another form is not decoded (and so gets rebuilt).

    private static let magic: UInt32 = 0x3350_5352  // "RSP3"

    func encoded() -> Data {
        var out = Data()
        func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func put<T: FixedWidthInteger>(_ array: [T]) {
            put(UInt32(array.count))
            for v in array { put(v) }
        }
        put(Self.magic)
        put(rowids)
        for a in [dates, bodies, kinds, languages, topicStart, topics, attendeeStart, attendees, lengths, textStart, keyStart] { put(a) }
        put(text)
        put(keys)
        return out
    }

    static func decode(_ data: Data, generation: Int64) -> SearchPack? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> SearchPack? in
            var offset = 0
            func get<T: FixedWidthInteger>(_: T.Type) -> T? {
                guard offset + MemoryLayout<T>.size <= raw.count else { return nil }
                let v = T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
                offset += MemoryLayout<T>.size
                return v
            }
            func array<T: FixedWidthInteger>(_: T.Type) -> [T]? {
                guard let n = get(UInt32.self) else { return nil }
                let bytes = Int(n) * MemoryLayout<T>.size
                guard offset + bytes <= raw.count else { return nil }
                let out = [T](unsafeUninitializedCapacity: Int(n)) { buffer, count in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + bytes]))
                    count = Int(n)
                }
                offset += bytes
                #if _endian(big)
                return out.map { T(littleEndian: $0) }
                #else
                return out
                #endif
            }
            guard get(UInt32.self) == magic, let rowids = array(Int64.self) else { return nil }
            var ints: [[Int32]] = []
            for _ in 0..<11 {
                guard let a = array(Int32.self) else { return nil }
                ints.append(a)
            }
            guard let text = array(UInt8.self), let keys = array(UInt8.self) else { return nil }
            var pack = SearchPack(generation: generation)
            pack.rowids = rowids
            (pack.dates, pack.bodies, pack.kinds, pack.languages) = (ints[0], ints[1], ints[2], ints[3])
            (pack.topicStart, pack.topics, pack.attendeeStart, pack.attendees) = (ints[4], ints[5], ints[6], ints[7])
            (pack.lengths, pack.textStart, pack.keyStart) = (ints[8], ints[9], ints[10])
            (pack.text, pack.keys) = (text, keys)
            return pack.isConsistent ? pack : nil
        }
    }

    /// Whether every index is in range (a damaged pack is rebuilt, never trusted).
    private var isConsistent: Bool {
        let n = count, s = Int32(stringCount)
        guard [dates, bodies, kinds, languages].allSatisfy({ $0.count == n }), topicStart.count == n + 1, attendeeStart.count == n + 1,
              lengths.count == n * Self.columns, keyStart.count == textStart.count,
              textStart.last.map({ Int($0) == text.count }) == true, keyStart.last.map({ Int($0) == keys.count }) == true,
              topicStart.last.map({ Int($0) == topics.count }) == true, attendeeStart.last.map({ Int($0) == attendees.count }) == true
        else { return false }
        let inRange = { (a: [Int32]) in a.allSatisfy { $0 >= -1 && $0 < s } }
        return inRange(dates) && inRange(bodies) && inRange(kinds) && inRange(languages) && inRange(topics) && inRange(attendees)
            && zip(textStart, textStart.dropFirst()).allSatisfy { $0 <= $1 } && zip(keyStart, keyStart.dropFirst()).allSatisfy { $0 <= $1 }
            && zip(topicStart, topicStart.dropFirst()).allSatisfy { $0 <= $1 } && zip(attendeeStart, attendeeStart.dropFirst()).allSatisfy { $0 <= $1 }
    }
}
