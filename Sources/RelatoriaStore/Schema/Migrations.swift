import GRDB

/// The index schema, as named migrations. The index is derived data: `relatoria reindex`
/// rebuilds it from the archived originals and records.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: records, full-text index, names, topics, attendees, ingest log") { db in
            try db.create(table: "record") { t in
                t.primaryKey("id", .text)
                t.column("sha256", .text).notNull()
                t.column("filename", .text).notNull()
                t.column("format", .text).notNull()
                t.column("bytes", .integer).notNull()
                t.column("kind", .text).notNull().indexed()
                t.column("title", .text).notNull()
                t.column("date", .text).indexed()
                t.column("language", .text).notNull()
                t.column("body", .text)
                t.column("bodyKey", .text).indexed()
                t.column("place", .text)
                t.column("recordPath", .text).notNull()
                t.column("originalPath", .text).notNull()
                t.column("archivedAt", .text).notNull()
            }
            // Contentless: the index holds only its terms, so it stays smaller than the
            // documents; the text lives once, in the record files (snippets are made from them).
            // Title, then decisions/consensus/dissent/actions, then the full text: bm25 weights.
            try db.create(virtualTable: "record_fts", using: FTS5()) { t in
                t.content = ""
                t.tokenizer = RelatoriaTokenizer.tokenizerDescriptor()
                t.column("title")
                t.column("items")
                t.column("text")
            }
            try db.create(table: "filename") { t in
                t.column("recordId", .text).notNull().references("record", onDelete: .cascade)
                t.column("filename", .text).notNull()
                t.column("seenAt", .text).notNull()
                t.primaryKey(["recordId", "filename"])
            }
            try db.create(table: "topic") { t in
                t.column("recordId", .text).notNull().references("record", onDelete: .cascade).indexed()
                t.column("topic", .text).notNull()
                t.column("topicKey", .text).notNull().indexed()
            }
            try db.create(table: "attendee") { t in
                t.column("recordId", .text).notNull().references("record", onDelete: .cascade).indexed()
                t.column("name", .text).notNull()
                t.column("nameKey", .text).notNull()
            }
            try db.create(table: "ingestLog") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("time", .text).notNull()
                t.column("file", .text).notNull()
                t.column("sha256", .text)
                t.column("outcome", .text).notNull()
                t.column("recordId", .text)
                t.column("reason", .text)
            }
        }
        m.registerMigration("v2: search pack (facet attributes of every record in one row), invalidated by triggers") { db in
            // `SearchPack`: derived from record and topic; `searchGeneration` counts their
            // changes, so a pack built before a change is known to be stale.
            try db.execute(sql: """
                CREATE TABLE searchGeneration (n INTEGER NOT NULL);
                INSERT INTO searchGeneration VALUES (0);
                CREATE TABLE searchPack (id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL, data BLOB NOT NULL);
                """)
            for table in ["record", "topic"] {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(sql: """
                        CREATE TRIGGER \(table)_\(event.lowercased())_search AFTER \(event) ON \(table)
                        BEGIN UPDATE searchGeneration SET n = n + 1; END
                        """)
                }
            }
        }
        m.registerMigration("v3: search pack in two rows (attendees apart), attendee changes invalidate it too") { db in
            try db.execute(sql: """
                DROP TABLE searchPack;
                CREATE TABLE searchPack (id INTEGER PRIMARY KEY, generation INTEGER NOT NULL, data BLOB NOT NULL);
                """)
            for event in ["INSERT", "UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER attendee_\(event.lowercased())_search AFTER \(event) ON attendee
                    BEGIN UPDATE searchGeneration SET n = n + 1; END
                    """)
            }
        }
        m.registerMigration("v4: hidden records (withdrawn or superseded), left out of search packs") { db in
            // Filled from the archive's correction logs (issue 20); changes invalidate the packs.
            try db.execute(sql: "CREATE TABLE hiddenRecord (recordId TEXT PRIMARY KEY NOT NULL, reason TEXT NOT NULL)")
            for event in ["INSERT", "UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER hiddenRecord_\(event.lowercased())_search AFTER \(event) ON hiddenRecord
                    BEGIN UPDATE searchGeneration SET n = n + 1; END
                    """)
            }
            try db.execute(sql: "UPDATE searchGeneration SET n = n + 1")
        }
        m.registerMigration("v5: review state of every record (what the review queue sorts by), so the queue is one query") { db in
            // Kept by ingest, corrections and reindex (issue 20). Rows of records indexed before
            // this migration are `stale`: the review queue reads their record files once to fill them.
            try db.execute(sql: """
                CREATE TABLE reviewState (
                  recordId TEXT PRIMARY KEY NOT NULL REFERENCES record(id) ON DELETE CASCADE,
                  reviewed INTEGER NOT NULL DEFAULT 0,
                  warnings INTEGER NOT NULL DEFAULT 0,
                  confidence REAL,
                  corrections INTEGER NOT NULL DEFAULT 0,
                  date TEXT,
                  stale INTEGER NOT NULL DEFAULT 0);
                CREATE INDEX reviewState_queue ON reviewState (reviewed, ifnull(confidence, 1), warnings DESC, ifnull(date, '') DESC, recordId);
                CREATE INDEX reviewState_stale ON reviewState (recordId) WHERE stale = 1;
                INSERT INTO reviewState (recordId, date, stale) SELECT id, date, 1 FROM record;
                """)
        }
        return m
    }
}
