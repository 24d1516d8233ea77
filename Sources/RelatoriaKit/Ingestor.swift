public import Foundation
public import RelatoriaCore
public import RelatoriaStore

/// Files received into the archive: the pipeline shared by `relatoria ingest` and the daemon.
///
/// Files are read and extracted on all cores, in batches; one writer stages each batch's
/// originals and records, flushes and renames them into place, then writes the index in one
/// transaction. The same bytes twice are one record that remembers every file name; a file
/// that cannot be read goes to `failed/` with its reason. Every file is logged.
public struct Ingestor: Sendable {
    public let extractor: RecordExtractor
    public let archive: FileArchive
    public let index: RecordIndex
    /// Files extracted in parallel before each write (default 64).
    public var batchSize = 64
    /// Parallel extraction workers (default: the core count).
    public var jobs = ProcessInfo.processInfo.activeProcessorCount

    public init(extractor: RecordExtractor, archive: FileArchive, index: RecordIndex) {
        self.extractor = extractor
        self.archive = archive
        self.index = index
    }

    /// Opens (creating if needed) the archive at `root` with its index.
    public init(extractor: RecordExtractor, archiveRoot: URL) throws {
        let archive = try FileArchive(root: archiveRoot)
        self.init(extractor: extractor, archive: archive, index: try RecordIndex(path: archive.indexPath))
    }

    /// What happened to one file.
    public struct Item: Sendable, Codable, Equatable {
        public enum Outcome: String, Sendable, Codable { case archived, duplicate, failed }
        public var file: String
        public var outcome: Outcome
        public var id: String?
        public var reason: String?
        /// For a failed file: whether its bytes are kept in `failed/` (now or from an earlier
        /// arrival of the same bytes). A file that could not be read at all is not kept, and
        /// must stay where it is. Not part of the JSON summary.
        public var kept = false

        public init(file: String, outcome: Outcome, id: String?, reason: String?, kept: Bool = false) {
            self.file = file
            self.outcome = outcome
            self.id = id
            self.reason = reason
            self.kept = kept
        }

        enum CodingKeys: String, CodingKey { case file, outcome, id, reason }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(file, forKey: .file)
            try c.encode(outcome, forKey: .outcome)
            try c.encode(id, forKey: .id)
            try c.encode(reason, forKey: .reason)
        }
    }

    public struct Summary: Sendable, Codable, Equatable {
        public var archived = 0
        public var duplicates = 0
        public var failed = 0
        public var items: [Item] = []

        mutating func add(_ item: Item) {
            items.append(item)
            switch item.outcome {
            case .archived: archived += 1
            case .duplicate: duplicates += 1
            case .failed: failed += 1
            }
        }
    }

    /// What `ingest` reads of its paths.
    public struct Listing: Sendable {
        /// Files to read, in a stable order (a folder's by path).
        public var files: [String] = []
        /// Among `files`, those whose name is not UTF-8, by the path shown for them: read by
        /// their name's bytes, recorded under the name read as Windows-1252.
        public var foreign: [String: FolderWalk.ForeignName] = [:]
        /// Paths not read, with why: missing, a folder that cannot be listed, a symbolic link,
        /// pipe or device inside a folder.
        public var unreadable: [(String, String)] = []
    }

    /// The files under `paths` (folders recursively; hidden files and folders skipped; symbolic
    /// links inside folders not followed), with the paths that are not read and why.
    public static func listing(_ paths: [String]) -> Listing {
        var listing = Listing()
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else {
                // A name of another encoding than UTF-8 reaches the program with its bytes
                // replaced (U+FFFD): say so rather than only that it is missing.
                listing.unreadable.append((p, p.contains("\u{FFFD}") ? "no such file or folder (its name as given is not UTF-8: give its folder instead)" : "no such file or folder"))
                continue
            }
            guard isDir.boolValue else { listing.files.append(p); continue }
            let walk = FolderWalk.walk(p) { $0.hasPrefix(".") }
            let foreignFiles = walk.foreignNames.filter { !$0.isFolder }
            for f in foreignFiles { listing.foreign[f.path] = f }
            listing.files += (walk.files + foreignFiles.map(\.path)).sorted()
            listing.unreadable += walk.unlistable.map { ($0.path, $0.reason) }
            listing.unreadable += walk.skipped.map { ($0.path, $0.why) }
        }
        return listing
    }

    /// Ingests `paths` (files or folders). Source files are never modified or removed.
    /// - Parameter progress: called after each batch with (files done, files in all).
    public func ingest(paths: [String], progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Summary {
        let listing = Self.listing(paths)
        let (files, unreadable) = (listing.files, listing.unreadable)
        var summary = Summary()
        var log: [RecordIndex.LogLine] = []
        for (p, reason) in unreadable {
            summary.add(Item(file: p, outcome: .failed, id: nil, reason: reason))
            log.append(.init(time: Self.now(), file: p, sha256: nil, outcome: "failed", recordId: nil, reason: reason))
        }
        if !log.isEmpty { try index.write(records: [], names: [], log: log) }
        // Batch k is written (one thread) while batch k + 1 is extracted (all cores): the
        // writer's flushes and index transaction no longer leave the cores idle.
        let writer = DispatchQueue(label: "relatoria.ingest.writer")
        let written = ResultBox<Result<[Item], any Error>>(count: 1)
        var writing = false
        var done = 0
        func collect() throws {
            guard writing else { return }
            writer.sync {}
            writing = false
            guard let result = written.take(0) else {
                throw RelatoriaError(.unreadableDocument, path: nil, reason: "internal error: a batch was not written")
            }
            let items = try result.get()
            for item in items { summary.add(item) }
            done += items.count
            progress?(done, files.count)
        }
        for start in stride(from: 0, to: files.count, by: batchSize) {
            let batch = Array(files[start..<min(start + batchSize, files.count)])
            let extracted = try extractBatch(batch, foreign: listing.foreign)
            try collect()
            writing = true
            writer.async { [self] in written.set(0, Result { try write(extracted) }) }
        }
        try collect()
        return summary
    }

    /// The outcome of reading and extracting one file, before anything is written.
    public enum Extraction: Sendable {
        /// The record, and the bytes it was extracted from.
        case record(Record, Data)
        /// Why the file could not be read, with its bytes and their SHA-256 when it could be
        /// opened at all.
        case failure(reason: String, data: Data?, sha256: String?)
    }

    /// Reads and extracts one file (no archive write).
    public static func extract(path: String, with extractor: RecordExtractor) -> Extraction {
        extract(path: path, filename: (path as NSString).lastPathComponent, with: extractor) { try extractor.loader.bytes(at: path) }
    }

    /// Reads and extracts a file whose name is not UTF-8, by its name's bytes; its record
    /// carries the name read as Windows-1252.
    static func extract(_ foreign: FolderWalk.ForeignName, with extractor: RecordExtractor) -> Extraction {
        extract(path: foreign.path, filename: foreign.decoded, with: extractor) { try extractor.loader.bytes(atRawPath: foreign.rawPath, shownAs: foreign.path) }
    }

    private static func extract(path: String, filename: String, with extractor: RecordExtractor, read: () throws -> Data) -> Extraction {
        var data: Data?
        do {
            let d = try read()
            data = d
            return .record(try extractor.record(data: d, filename: filename, path: path), d)
        } catch let e as RelatoriaError {
            return .failure(reason: e.reason, data: data, sha256: data.map(RecordExtractor.sha256))
        } catch {
            return .failure(reason: String(describing: error), data: data, sha256: data.map(RecordExtractor.sha256))
        }
    }

    /// Extracts a batch in parallel (nothing written); `foreign` holds the files among them
    /// whose name is not UTF-8.
    func extractBatch(_ batch: [String], foreign: [String: FolderWalk.ForeignName]) throws -> [(path: String, extraction: Extraction)] {
        let extractor = self.extractor
        let extracted = onAllCores(batch.count) { i in
            foreign[batch[i]].map { Self.extract($0, with: extractor) } ?? Self.extract(path: batch[i], with: extractor)
        }
        guard extracted.count == batch.count else {
            throw RelatoriaError(.unreadableDocument, path: nil, reason: "internal error: \(batch.count - extracted.count) files of a batch gave no result")
        }
        return Array(zip(batch, extracted)).map { (path: $0.0, extraction: $0.1) }
    }

    /// Writes extracted files into the archive: originals and records staged, flushed and
    /// renamed into place, failures kept in `failed/`, then the index and the ingest log in
    /// one transaction. Throws only when the archive cannot be written; nothing of the batch
    /// is then in the index.
    public func write(_ batch: [(path: String, extraction: Extraction)]) throws -> [Item] {
        let ids = batch.compactMap { if case .record(let r, _) = $0.extraction { r.id } else { nil } }
        var known = try index.existing(ids)
        var items: [Item] = []
        var staged: [FileArchive.Staged] = []
        var entries: [RecordIndex.Entry] = []
        var names: [(id: String, filename: String)] = []
        var log: [RecordIndex.LogLine] = []
        var failedShas = Set<String>()
        var newRecords: [(record: Record, data: Data)] = []
        do {
            for (path, result) in batch {
                var name = (path as NSString).lastPathComponent
                switch result {
                case .record(let record, let data):
                    name = record.source.filename  // (a name that was not UTF-8: as read)
                    if known.contains(record.id) {
                        names.append((record.id, name))
                        items.append(Item(file: path, outcome: .duplicate, id: record.id, reason: nil))
                        log.append(.init(time: Self.now(), file: path, sha256: record.source.sha256, outcome: "duplicate", recordId: record.id, reason: nil))
                        continue
                    }
                    known.insert(record.id)
                    newRecords.append((record, data))
                    let p = FileArchive.paths(for: record)
                    entries.append(.init(record: record, recordPath: p.record, originalPath: p.original))
                    items.append(Item(file: path, outcome: .archived, id: record.id, reason: nil))
                    log.append(.init(time: Self.now(), file: path, sha256: record.source.sha256, outcome: "archived", recordId: record.id, reason: nil))
                case .failure(let reason, let data, let sha):
                    // Where the bytes were kept in failed/, when they were.
                    var stored: String?
                    // The same bad bytes again are logged, not copied into failed/ a second time.
                    // Only while that copy is still in failed/: a retry takes it back to the inbox.
                    let keptBefore = try sha.map { sha in
                        try failedShas.contains(sha) || index.failedKeptPaths(sha256: sha).contains {
                            FileManager.default.fileExists(atPath: archive.url($0).path)
                        }
                    } ?? false
                    if keptBefore {
                        stored = nil
                    } else if let data {
                        stored = try archive.fail(name: name, data: data, reason: reason)
                        if let sha { failedShas.insert(sha) }
                    } else if Self.isRegularReadableFile(path) {
                        // Not read (over the size limit): copied as it is, never only described.
                        stored = try archive.fail(name: name, copying: path, reason: reason)
                    }
                    // `kept` tells the daemon it may remove the inbox copy: only when the bytes are in failed/.
                    items.append(Item(file: path, outcome: .failed, id: nil, reason: reason, kept: keptBefore || stored != nil))
                    log.append(.init(time: Self.now(), file: path, sha256: sha, outcome: "failed", recordId: nil,
                                     reason: stored.map { "\(reason) (kept as \($0))" } ?? (keptBefore ? "\(reason) (same bytes already kept in failed/)" : reason)))
                }
            }
            try stage(newRecords, into: &staged)
            try archive.commit(staged)
        } catch {
            archive.discard(staged)
            throw error
        }
        try index.write(records: entries, names: names, log: log)
        return items
    }

    /// Stages the originals and records of new documents on all cores (encoding records and
    /// writing files was most of the writer's work, and the writer had become what the cores
    /// waited for). Everything staged is in `staged` even when one fails, so the caller can
    /// discard it all; the first failure is then thrown.
    private func stage(_ records: [(record: Record, data: Data)], into staged: inout [FileArchive.Staged]) throws {
        let archive = self.archive
        let results = onAllCores(records.count) { i in Result { try archive.stage(original: records[i].data, record: records[i].record) } }
        var failure: (any Error)?
        for result in results {
            switch result {
            case .success(let files): staged += files
            case .failure(let error): failure = failure ?? error
            }
        }
        if let failure { throw failure }
        guard results.count == records.count else {
            throw RelatoriaError(.unreadableDocument, path: nil, reason: "internal error: \(records.count - results.count) records were not staged")
        }
    }

    /// `body(i)` for every `i` below `count`, on up to `jobs` cores; the results in order
    /// (fewer only if a worker failed to run).
    private func onAllCores<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let results = ResultBox<T>(count: count)
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, count))) { _ in
            while let i = next.take(below: count) { results.set(i, body(i)) }
        }
        return results.values
    }

    static func now() -> String { RecordIndex.timestamp() }

    /// A regular file this process may read (never a FIFO, device or folder: those are not copied).
    static func isRegularReadableFile(_ path: String) -> Bool {
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        return type == .typeRegular && FileManager.default.isReadableFile(atPath: path)
    }
}

/// Hands out indices to parallel workers.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

/// Results written by parallel workers, each to its own slot.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ v: T) {
        lock.lock()
        slots[i] = v
        lock.unlock()
    }

    var values: [T] { slots.compactMap { $0 } }

    /// The value in slot `i`, emptying the slot.
    func take(_ i: Int) -> T? {
        lock.lock()
        defer { lock.unlock() }
        let v = slots[i]
        slots[i] = nil
        return v
    }
}
