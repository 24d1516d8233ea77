import Foundation
import RelatoriaCore
import RelatoriaReview
public import RelatoriaStore

/// `reindex` and `verify`: the index rebuilt from the archive's files, and the archive checked.
public struct ArchiveMaintenance: Sendable {
    public let archive: FileArchive

    public init(archive: FileArchive) {
        self.archive = archive
    }

    /// Rebuilds `index.sqlite` from the record files (or, with `extractor`, by extracting each
    /// original again, rewriting its record). The old index is replaced only once the new one
    /// is complete. The ingest log is carried over.
    /// Originals with no record file (an interrupted write) are extracted anew when an
    /// `extractor` is given.
    /// - Parameters:
    ///   - extractor: extracts originals whose record is missing (and every original with `reextract`).
    ///   - reextract: extract every original again and rewrite its record.
    ///   - progress: called after each record file with (records done, record files in all).
    ///   - notes: told each correction that no longer applies (orphaned: kept in its log).
    /// Corrections are applied again after the records are indexed (the index holds each
    /// record's effective form; withdrawn and superseded records are hidden again).
    /// - Returns: the number of records indexed and the problems met (a record file that
    ///   does not decode, an original that no longer reads).
    public func reindex(extractor: RecordExtractor? = nil, reextract: Bool = false,
                        progress: ((Int, Int) -> Void)? = nil, notes: ((String) -> Void)? = nil) throws -> (records: Int, problems: [String]) {
        let fresh = archive.root.appendingPathComponent(".tmp/index-\(UUID().uuidString).sqlite")
        let index = try RecordIndex(path: fresh.path)
        var problems: [String] = []
        var entries: [RecordIndex.Entry] = []
        var count = 0
        var staged: [FileArchive.Staged] = []
        let recordFiles = archive.recordFiles()
        for (done, recordPath) in recordFiles.enumerated() {
            defer { progress?(done + 1, recordFiles.count) }
            do {
                var record = try RecordEncoding.decode(try archive.read(recordPath))
                let originalPath = FileArchive.paths(for: record).original
                if reextract, let extractor {
                    let data = try archive.read(originalPath)
                    let again = try extractor.record(data: data, filename: record.source.filename, path: originalPath)
                    if again.date != record.date {
                        problems.append("\(record.id): the re-extracted date \(again.date ?? "none") moves the record; kept where it is")
                    }
                    record = again
                    staged += try archive.stageRecord(record, at: recordPath)
                }
                entries.append(.init(record: record, recordPath: recordPath, originalPath: originalPath))
            } catch {
                problems.append("\(recordPath): \(error)")
            }
            if entries.count >= 256 {
                try archive.commit(staged)
                staged.removeAll()
                try index.write(records: entries, names: [], log: [])
                count += entries.count
                entries.removeAll()
            }
        }
        // Originals whose record file never made it: extract them again.
        let withRecords = Set(entries.map(\.originalPath)).union(try index.allEntries().map(\.originalPath))
        if let extractor {
            for originalPath in archive.originalFiles() where !withRecords.contains(originalPath) {
                do {
                    let data = try archive.read(originalPath)
                    let name = (originalPath as NSString).lastPathComponent
                    let record = try extractor.record(data: data, filename: name, path: originalPath)
                    let p = FileArchive.paths(for: record)
                    staged += try archive.stageRecord(record, at: p.record)
                    entries.append(.init(record: record, recordPath: p.record, originalPath: originalPath))
                } catch {
                    problems.append("\(originalPath): \(error)")
                }
            }
        }
        try archive.commit(staged)
        try index.write(records: entries, names: [], log: [])
        count += entries.count
        for note in try Review(archive: archive, index: index).applyAll() { notes?(note) }
        // Carry over what the old index knew that the files do not: names and the ingest log.
        let old = archive.indexPath
        if FileManager.default.fileExists(atPath: old), let previous = try? RecordIndex(path: old) {
            try index.copyHistory(from: previous)
        }
        try index.checkpoint()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: old + suffix) }
        if rename(fresh.path, old) != 0 {
            throw RelatoriaError(.inaccessiblePath, path: old, reason: "cannot put the new index in place")
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fresh.path + suffix) }
        return (count, problems)
    }

    /// Checks that every original still has the hash it was archived under, every record file
    /// is in the index, and every indexed record has its files.
    public func verify() throws -> (records: Int, problems: [String]) {
        let index = try RecordIndex(path: archive.indexPath)
        var problems = try index.integrityProblems()
        let indexed = try index.allEntries()
        var indexedRecordPaths = Set<String>()
        for e in indexed {
            indexedRecordPaths.insert(e.recordPath)
            guard FileManager.default.fileExists(atPath: archive.url(e.recordPath).path) else {
                problems.append("\(e.id): record file \(e.recordPath) is missing")
                continue
            }
            guard let data = try? archive.read(e.originalPath) else {
                problems.append("\(e.id): original \(e.originalPath) is missing or unreadable")
                continue
            }
            let sha = RecordExtractor.sha256(data)
            if sha != e.sha256 || !sha.hasPrefix(e.id) {
                problems.append("\(e.id): original \(e.originalPath) has changed (SHA-256 \(sha.prefix(16))…)")
            }
        }
        for path in archive.recordFiles() where !indexedRecordPaths.contains(path) {
            problems.append("\(path): record not in the index (run relatoria reindex)")
        }
        let indexedOriginals = Set(indexed.map(\.originalPath))
        for path in archive.originalFiles() where !indexedOriginals.contains(path) {
            problems.append("\(path): original with no indexed record (run relatoria reindex)")
        }
        return (indexed.count, problems)
    }
}
