import Foundation
import GRDB
import RelatoriaCore

/// The attributes search filters and counts by — date, body, kind, language, topics — of
/// every record, in one compact binary row (`searchPack`), so a search reads the full-text
/// index for row ids only and does its filtering and facets in memory instead of joining
/// thousands of rows. Derived data: rebuilt when `searchGeneration` (bumped by triggers on
/// every change to records and topics) has moved past the pack's generation.
struct SearchPack: Sendable {
    struct Entry: Sendable {
        var rowid: Int64
        var date: Int32      // string index, -1 when undated
        var body: Int32      // string index, -1 when unknown
        var kind: Int32
        var language: Int32
        var topics: [Int32]
    }

    var generation: Int64
    var strings: [String]
    var entries: [Entry]

    /// Folded keys of the strings (for body and topic filters), made on demand.
    func keys() -> [String] { strings.map(Folding.key) }

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

    /// Builds the pack from the record and topic tables.
    static func build(_ db: Database) throws -> SearchPack {
        let generation = try current(db)
        var strings: [String] = []
        var index: [String: Int32] = [:]
        func intern(_ s: String?) -> Int32 {
            guard let s else { return -1 }
            if let i = index[s] { return i }
            let i = Int32(strings.count)
            strings.append(s)
            index[s] = i
            return i
        }
        var topics: [String: [Int32]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT recordId, topic FROM topic") {
            topics[row["recordId"], default: []].append(intern(row["topic"]))
        }
        var entries: [Entry] = []
        for row in try Row.fetchAll(db, sql: "SELECT rowid, id, date, body, kind, language FROM record ORDER BY rowid") {
            entries.append(Entry(rowid: row["rowid"], date: intern(row["date"]), body: intern(row["body"]), kind: intern(row["kind"]),
                                 language: intern(row["language"]), topics: topics[row["id"]] ?? []))
        }
        return SearchPack(generation: generation, strings: strings, entries: entries)
    }

    /// Stores the pack unless the tables changed since it was built.
    func store(_ db: Database) throws {
        guard generation == (try Self.current(db)) else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO searchPack (id, generation, data) VALUES (1, ?, ?)", arguments: [generation, encoded()])
    }

    // MARK: - Binary form
    // strings: count, then (length, UTF-8 bytes) each; entries: count, then rowid (8 bytes),
    // date, body, kind, language (4 each), topic count (4), topics (4 each). Little-endian.

    func encoded() -> Data {
        var out = Data()
        func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        put(UInt32(strings.count))
        for s in strings {
            let bytes = Array(s.utf8)
            put(UInt32(bytes.count))
            out.append(contentsOf: bytes)
        }
        put(UInt32(entries.count))
        for e in entries {
            put(e.rowid); put(e.date); put(e.body); put(e.kind); put(e.language)
            put(UInt32(e.topics.count))
            for t in e.topics { put(t) }
        }
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
            guard let n = get(UInt32.self) else { return nil }
            var strings: [String] = []
            strings.reserveCapacity(Int(n))
            for _ in 0..<n {
                guard let len = get(UInt32.self), offset + Int(len) <= raw.count else { return nil }
                strings.append(String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + Int(len)]), as: UTF8.self))
                offset += Int(len)
            }
            guard let m = get(UInt32.self) else { return nil }
            var entries: [Entry] = []
            entries.reserveCapacity(Int(m))
            for _ in 0..<m {
                guard let rowid = get(Int64.self), let date = get(Int32.self), let body = get(Int32.self), let kind = get(Int32.self),
                      let language = get(Int32.self), let tc = get(UInt32.self) else { return nil }
                var topics: [Int32] = []
                for _ in 0..<tc {
                    guard let t = get(Int32.self) else { return nil }
                    topics.append(t)
                }
                entries.append(Entry(rowid: rowid, date: date, body: body, kind: kind, language: language, topics: topics))
            }
            return SearchPack(generation: generation, strings: strings, entries: entries)
        }
    }
}
