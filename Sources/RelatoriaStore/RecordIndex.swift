public import Foundation
public import RelatoriaCore
import GRDB
import GRDBSQLite

/// The latest search packs read or built in this process.
final class PackCache: @unchecked Sendable {
    private let lock = NSLock()
    private var core: SearchPack?
    private var attendees: AttendeePack?
    /// The packs that keep superseded records (searches asked to include them).
    private var coreWithSuperseded: SearchPack?
    private var attendeesWithSuperseded: AttendeePack?

    /// The current pack: from memory, else from the index, else built (`built` is told).
    func pack(_ db: Database, superseded: Bool = false, built: (SearchPack) -> Void) throws -> SearchPack {
        try cached(db, superseded ? \.coreWithSuperseded : \.core, { $0.generation }, { try SearchPack.load($0, superseded: superseded) },
                   { try SearchPack.build($0, superseded: superseded) }, built)
    }

    /// The current attendee pack, likewise.
    func attendees(_ db: Database, superseded: Bool = false, built: (AttendeePack) -> Void) throws -> AttendeePack {
        try cached(db, superseded ? \.attendeesWithSuperseded : \.attendees, { $0.generation }, { try AttendeePack.load($0, superseded: superseded) },
                   { try AttendeePack.build($0, superseded: superseded) }, built)
    }

    private func cached<T>(_ db: Database, _ slot: ReferenceWritableKeyPath<PackCache, T?>, _ generation: (T) -> Int64,
                           _ load: (Database) throws -> T?, _ build: (Database) throws -> T, _ built: (T) -> Void) throws -> T {
        let current = try SearchPack.current(db)
        lock.lock()
        if let c = self[keyPath: slot], generation(c) == current {
            lock.unlock()
            return c
        }
        lock.unlock()
        let pack: T
        if let stored = try load(db) {
            pack = stored
        } else {
            pack = try build(db)
            built(pack)
        }
        lock.lock()
        self[keyPath: slot] = pack
        lock.unlock()
        return pack
    }
}

/// The SQLite index of the archive (`archive/index.sqlite`): records, full text (FTS5 with
/// stemming), file names, topics, attendees and the ingest log. Derived data: the originals
/// and record files are the source of truth.
public struct RecordIndex: Sendable {
    /// A pool (readers beside the writer) for commands that write; one read-only connection
    /// for commands that only read, which opens faster and never checkpoints on closing.
    let pool: any DatabaseWriter
    public let path: String
    private let readOnly: Bool
    /// The connection for the second half of large searches (``SearchRunner/scan``).
    private let second: SecondReader
    /// The fewest records whose matches a search scans in two halves at once, on two
    /// connections and two cores. Below it a thread costs more than it saves: at 2,000
    /// records the heaviest search of the benchmark mix takes about 2 ms, at 20,000 about 10.
    public var searchSplitAt = 4_000

    /// Opens (creating if needed) the index at `path` and runs pending migrations.
    /// `readOnly` opens one read-only connection instead (for a command that only reads),
    /// unless the index is missing migrations, which are then run first.
    /// - Throws: ``RelatoriaError`` when the file cannot be opened or migrated.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        do {
            if readOnly {
                var config = Self.configuration(mapped: true)
                config.readonly = true
                let queue = try DatabaseQueue(path: path, configuration: config)
                if try queue.read({ db in try Self.hasCompletedMigrations(db) }) {
                    (pool, self.readOnly) = (queue, true)
                    second = SecondReader { try DatabaseQueue(path: path, configuration: config) }
                    return
                }
            }
            let pool = try DatabasePool(path: path, configuration: Self.configuration(mapped: false))
            try Migrations.migrator.migrate(pool)
            (self.pool, self.readOnly) = (pool, false)
            second = SecondReader(pool: pool)
        } catch {
            throw RelatoriaError(.inaccessiblePath, path: path, reason: "cannot open the index: \(error)")
        }
    }

    /// Whether every migration has run (GRDB's `hasCompletedMigrations`, by SQLite's own calls
    /// as ``eachRow`` says why): false for a file without GRDB's migrations table.
    private static func hasCompletedMigrations(_ db: Database) throws -> Bool {
        guard try firstInt64(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'grdb_migrations'") == 1 else { return false }
        var applied: Set<String> = []
        try eachRow(db, "SELECT identifier FROM grdb_migrations") { s in if let id = columnText(s, 0) { applied.insert(id) } }
        return Migrations.migrator.migrations.allSatisfy(applied.contains)
    }

    /// `mapped`: read the file through mmap (for read-only connections: a search reads much
    /// of the index once, and mapped pages are not copied; a writer's mapped pages would only
    /// add the whole index to its resident memory).
    private static func configuration(mapped: Bool) -> Configuration {
        var config = Configuration()
        config.prepareDatabase { db in
            db.add(tokenizer: RelatoriaTokenizer.self)
            PhraseHits.register(db)
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            if mapped { try db.execute(sql: "PRAGMA mmap_size = 1073741824") }
        }
        config.busyMode = .timeout(10)
        return config
    }

    /// Runs `body` in a write transaction, on a writable connection opened for it when this
    /// index was opened read-only.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard readOnly else { return try pool.write(body) }
        let queue = try DatabaseQueue(path: path, configuration: Self.configuration(mapped: false))
        let result = try queue.write(body)
        // The read-only connection stays open, so closing this one does not checkpoint: what
        // was just written would stay in the WAL, which every later process reads through when
        // it opens the index (8 MB after storing the packs of 20,000 records: +2.4 ms for every
        // CLI search, until the next ingest). Not waiting more than 0.1 s for other processes'
        // readers: a busy archive's writer checkpoints anyway.
        try? queue.writeWithoutTransaction { db in
            sqlite3_busy_timeout(db.sqliteConnection, 100)
            _ = try db.checkpoint(.truncate)
        }
        return result
    }

    // MARK: Writing

    /// One archived record with where its files are.
    public struct Entry: Sendable {
        public var record: RelatoriaCore.Record
        public var recordPath: String
        public var originalPath: String

        public init(record: RelatoriaCore.Record, recordPath: String, originalPath: String) {
            self.record = record
            self.recordPath = recordPath
            self.originalPath = originalPath
        }
    }

    /// What the ingest log remembers of one file received.
    public struct LogLine: Sendable, Codable, Equatable {
        public var time: String
        public var file: String
        public var sha256: String?
        public var outcome: String
        public var recordId: String?
        public var reason: String?

        public init(time: String, file: String, sha256: String?, outcome: String, recordId: String?, reason: String?) {
            self.time = time
            self.file = file
            self.sha256 = sha256
            self.outcome = outcome
            self.recordId = recordId
            self.reason = reason
        }
    }

    /// Writes a batch in one transaction: new records, file names of duplicates, log lines.
    public func write(records: [Entry], names: [(id: String, filename: String)], log: [LogLine]) throws {
        let now = Self.timestamp()
        try pool.write { db in
            // The full-text rows go in last, after every other statement of the transaction:
            // a statement that opens a statement journal (an insert firing a trigger, a
            // delete) makes SQLite call FTS5's xSavepoint, which writes FTS5's pending terms
            // out as a new segment. Written between records, each record became a segment of
            // its own, which FTS5 then merged again and again (a third of the writer's work).
            var fullText: [(rowid: Int64, entry: Entry)] = []
            for e in records {
                if let rowid = try Self.insert(e, at: now, db) { fullText.append((rowid, e)) }
            }
            let filename = try db.cachedStatement(sql: "INSERT OR IGNORE INTO filename (recordId, filename, seenAt) VALUES (?, ?, ?)")
            for n in names { try filename.execute(arguments: [n.id, n.filename, now]) }
            let line = try db.cachedStatement(sql: "INSERT INTO ingestLog (time, file, sha256, outcome, recordId, reason) VALUES (?, ?, ?, ?, ?, ?)")
            for l in log { try line.execute(arguments: [l.time, l.file, l.sha256, l.outcome, l.recordId, l.reason]) }
            let fts = try db.cachedStatement(sql: "INSERT INTO record_fts (rowid, title, items, text) VALUES (?, ?, ?, ?)")
            for (rowid, e) in fullText {
                let r = e.record
                let items = (r.decisions.map(\.text) + r.consensus.map(\.text) + r.dissent.map(\.text) + r.actions.map(\.text)).joined(separator: "\n")
                try fts.execute(arguments: [rowid, r.title, items, r.text])
            }
        }
    }

    /// Inserts the record's rows but its full-text row; returns the record's rowid, or nil
    /// when the record was already indexed.
    private static func insert(_ e: Entry, at now: String, _ db: Database) throws -> Int64? {
        let r = e.record
        // A record already indexed stays as it is (same bytes, same record): the contentless
        // full-text index cannot replace a row without its old text.
        // (Statements prepared once per connection, not parsed again for every record.)
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM record WHERE id = ?)"), arguments: [r.id]) == true { return nil }
        var values: [(any DatabaseValueConvertible)?] = [r.id, r.source.sha256, r.source.filename, r.source.format.rawValue]
        values += [r.source.bytes, r.kind.rawValue, r.title, r.date, r.language, r.body]
        values += [r.body.map(Folding.key), r.place, e.recordPath, e.originalPath, now]
        try db.cachedStatement(sql: """
            INSERT INTO record (id, sha256, filename, format, bytes, kind, title, date, language, body, bodyKey, place,
              recordPath, originalPath, archivedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: StatementArguments(values))
        let rowid = db.lastInsertedRowID
        try db.cachedStatement(sql: "DELETE FROM topic WHERE recordId = ?").execute(arguments: [r.id])
        try db.cachedStatement(sql: "DELETE FROM attendee WHERE recordId = ?").execute(arguments: [r.id])
        let topic = try db.cachedStatement(sql: "INSERT INTO topic (recordId, topic, topicKey) VALUES (?, ?, ?)")
        for t in r.topics { try topic.execute(arguments: [r.id, t, Folding.key(t)]) }
        let attendee = try db.cachedStatement(sql: "INSERT INTO attendee (recordId, name, nameKey) VALUES (?, ?, ?)")
        for a in r.attendees { try attendee.execute(arguments: [r.id, a.name, Folding.key(a.name)]) }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO filename (recordId, filename, seenAt) VALUES (?, ?, ?)")
            .execute(arguments: [r.id, r.source.filename, now])
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO reviewState (recordId, warnings, confidence, date) VALUES (?, ?, ?, ?)")
            .execute(arguments: [r.id, r.warnings.count, Self.lowestItemConfidence(r), r.date])
        return rowid
    }

    /// The lowest `confidence` the extractor gave the record's items (attendees, decisions,
    /// positions, commitments), nil when none has one.
    static func lowestItemConfidence(_ r: RelatoriaCore.Record) -> Double? {
        (r.attendees.map(\.confidence) + r.decisions.map(\.confidence) + r.consensus.map(\.confidence)
            + r.dissent.map(\.confidence) + r.actions.map(\.confidence)).compactMap { $0 }.min()
    }

    /// Copies the file names and the ingest log of `other` (an index being replaced).
    public func copyHistory(from other: RecordIndex) throws {
        let (names, log): ([Row], [Row]) = try other.pool.read { db in
            (try Row.fetchAll(db, sql: "SELECT recordId, filename, seenAt FROM filename"),
             try Row.fetchAll(db, sql: "SELECT time, file, sha256, outcome, recordId, reason FROM ingestLog ORDER BY seq"))
        }
        try pool.write { db in
            for n in names {
                try db.execute(sql: "INSERT OR IGNORE INTO filename (recordId, filename, seenAt) SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM record WHERE id = ?)",
                               arguments: [n["recordId"] as String, n["filename"] as String, n["seenAt"] as String, n["recordId"] as String])
            }
            for l in log {
                try db.execute(sql: "INSERT INTO ingestLog (time, file, sha256, outcome, recordId, reason) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [l["time"] as String, l["file"] as String, l["sha256"] as String?, l["outcome"] as String,
                                           l["recordId"] as String?, l["reason"] as String?])
            }
        }
    }

    // MARK: Reading

    /// The ids among `ids` that are already archived.
    public func existing(_ ids: [String]) throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try pool.read { db in
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
            return Set(try String.fetchAll(db, sql: "SELECT id FROM record WHERE id IN (\(placeholders))", arguments: StatementArguments(ids)))
        }
    }

    /// Every record id with its record and original paths.
    public func allEntries() throws -> [(id: String, recordPath: String, originalPath: String, sha256: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, recordPath, originalPath, sha256 FROM record ORDER BY id").map {
                (id: $0["id"], recordPath: $0["recordPath"], originalPath: $0["originalPath"], sha256: $0["sha256"])
            }
        }
    }

    /// The ids starting with `prefix`.
    /// Records dated within `from`...`to` (ISO dates, inclusive; either may be nil), oldest
    /// first. Undated records are not in any period.
    public func records(from: String?, to: String?) throws -> [(id: String, date: String, recordPath: String, originalPath: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, date, recordPath, originalPath FROM record
                WHERE date IS NOT NULL AND date >= ? AND date <= ? ORDER BY date, id
                """, arguments: [from ?? "", to ?? "9999"]).map { ($0["id"], $0["date"], $0["recordPath"], $0["originalPath"]) }
        }
    }

    /// Records with no date (no period holds them), by id.
    public func undatedRecords() throws -> [(id: String, recordPath: String, originalPath: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, recordPath, originalPath FROM record WHERE date IS NULL ORDER BY id")
                .map { ($0["id"], $0["recordPath"], $0["originalPath"]) }
        }
    }

    public func ids(withPrefix prefix: String) throws -> [String] {
        let clean = prefix.lowercased().filter { $0.isHexDigit }
        guard !clean.isEmpty, clean.count == prefix.count else { return [] }
        return try pool.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM record WHERE id LIKE ? ORDER BY id LIMIT 10", arguments: [clean + "%"])
        }
    }

    public func entry(id: String) throws -> (recordPath: String, originalPath: String, filenames: [String])? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT recordPath, originalPath FROM record WHERE id = ?", arguments: [id]) else { return nil }
            let names = try String.fetchAll(db, sql: "SELECT filename FROM filename WHERE recordId = ? ORDER BY seenAt, filename", arguments: [id])
            return (row["recordPath"], row["originalPath"], names)
        }
    }

    /// The newest lines of the ingest log.
    /// The latest `limit` lines of the ingest log (only those with `outcome` when given), oldest first.
    public func log(limit: Int, outcome: String? = nil) throws -> [LogLine] {
        try pool.read { db in
            let filter = outcome == nil ? "" : "WHERE outcome = ?"
            let args: StatementArguments = outcome.map { [$0, limit] } ?? [limit]
            return try Row.fetchAll(db, sql: "SELECT * FROM ingestLog \(filter) ORDER BY seq DESC LIMIT ?", arguments: args).reversed().map {
                LogLine(time: $0["time"], file: $0["file"], sha256: $0["sha256"], outcome: $0["outcome"], recordId: $0["recordId"], reason: $0["reason"])
            }
        }
    }

    /// Whether a file with these bytes already failed and was kept in `failed/`.
    public func failedBefore(sha256: String) throws -> Bool {
        try pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM ingestLog WHERE sha256 = ? AND outcome = 'failed' AND reason LIKE '%(kept as %')",
                              arguments: [sha256]) ?? false
        }
    }

    /// Where the ingest log says the failed files with these bytes were kept (`failed/...`,
    /// relative to the archive root): a retry may have taken them back to the inbox since.
    public func failedKeptPaths(sha256: String) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT reason FROM ingestLog WHERE sha256 = ? AND outcome = 'failed' AND reason LIKE '%(kept as %'",
                                arguments: [sha256]).compactMap { reason in
                guard let start = reason.range(of: "(kept as ", options: .backwards), reason.hasSuffix(")") else { return nil }
                return String(reason[start.upperBound..<reason.index(before: reason.endIndex)])
            }
        }
    }

    /// How many records each body has each year (the date's first four characters; nil for
    /// undated records, and for records with no body), for browsing. A body is counted under
    /// one of its spellings: those that fold to the same key are one body, as search's `body:` has them.
    public func countsByBodyAndYear() throws -> [(body: String?, year: String?, count: Int)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT min(body) AS body, substr(date, 1, 4) AS year, count(*) AS n FROM record
                GROUP BY bodyKey, substr(date, 1, 4)
                """).map { ($0["body"], $0["year"], $0["n"]) }
        }
    }

    public func count() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM record") ?? 0 }
    }

    /// Checks SQLite's own consistency and the full-text index against the records table.
    public func integrityProblems() throws -> [String] {
        try pool.read { db in
            var out: [String] = []
            let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
            if check != ["ok"] { out += check.map { "index.sqlite: \($0)" } }
            return out
        }
    }

    /// The UTC day of `date` as YYYY-MM-DD.
    public static func day(_ date: Date = Date()) -> String { String(timestamp(date).prefix(10)) }

    /// An ISO 8601 timestamp with milliseconds, as the ingest log writes them.
    /// (Written out here: making an `ISO8601DateFormatter` for each line cost 1% of ingest.)
    public static func timestamp(_ date: Date = Date()) -> String {
        let t = date.timeIntervalSince1970
        var seconds = Int(t.rounded(.down))
        var millis = Int(((t - Double(seconds)) * 1000).rounded(.down))
        if millis >= 1000 { seconds += 1; millis -= 1000 }
        var time = time_t(seconds), parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ v: Int32, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return pad(parts.tm_year + 1900, 4) + "-" + pad(parts.tm_mon + 1, 2) + "-" + pad(parts.tm_mday, 2) + "T" + pad(parts.tm_hour, 2) + ":"
            + pad(parts.tm_min, 2) + ":" + pad(parts.tm_sec, 2) + "." + pad(Int32(millis), 3) + "Z"
    }

    /// Runs a search. Snippets come from the record files beside the index.
    ///
    /// `remembering`: answer from, and keep in, the memory of recent searches (see
    /// ``recentSearches``), as the web pages do. Off for the CLI and its watcher, whose
    /// benchmarks set each search against another program's.
    public func search(_ q: SearchQuery, remembering: Bool = false) throws -> SearchResults {
        let root = URL(fileURLWithPath: path).deletingLastPathComponent()
        var built: SearchPack?
        var builtAttendees: AttendeePack?
        let results = try pool.read { db in
            let pack = try packCache.pack(db, superseded: q.superseded) { built = $0 }
            if remembering, let recent = recentSearches.value(q, version: pack.generation) { return recent }
            let found = try SearchRunner(db: db, query: q, text: { relative in
                RecordEncoding.text(ofRecordFile: root.appendingPathComponent(relative))
            }, pack: pack, attendees: {
                let attendees = try packCache.attendees(db, superseded: q.superseded) { builtAttendees = $0 }
                guard attendees.start.count == pack.count + 1 else { throw DatabaseError(message: "search packs out of step") }
                return attendees
            }, second: second, splitAt: searchSplitAt).run()
            if remembering { recentSearches.store(found, for: q, version: pack.generation) }
            return found
        }
        // Packs built for this search are kept for the next ones (best effort: a read-only
        // archive still searches, only slower).
        if built != nil || builtAttendees != nil {
            try? write { db in
                try built?.store(db, superseded: q.superseded)
                try builtAttendees?.store(db, superseded: q.superseded)
            }
        }
        return results
    }

    private let packCache = PackCache()

    /// The results of recent searches, by query, at the search generation they were computed
    /// at (so a change to the index is never hidden by a remembered answer): a search repeated,
    /// paged back to, or narrowed and widened again by the people on the web pages, is
    /// answered without running it. About 20-60 KB each.
    private let recentSearches = RecentCache<SearchQuery, SearchResults>(capacity: 200)

    /// Closes nothing (GRDB closes on release) but checkpoints the WAL so the file is complete.
    public func checkpoint() throws {
        try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }
}
