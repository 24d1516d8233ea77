public import Foundation
public import RelatoriaCore
public import RelatoriaStore
import RelatoriaReview

/// The records the follow-up reads: the *effective* record of every archived document.
///
/// The effective record is the record as extracted with the corrections people made (the
/// archive's correction logs, issue 20), applied here, the one place this library reads
/// records: every register, ledger and report reads them through ``all()`` or ``record(path:)``.
/// Withdrawn records, and records superseded by a newer one, are left out of ``all()``.
public struct EffectiveRecords: Sendable {
    public let archive: FileArchive
    public let index: RecordIndex

    public init(archive: FileArchive, index: RecordIndex) {
        self.archive = archive
        self.index = index
    }

    /// The effective record stored at `path` (relative to the archive root).
    public func record(path: String) throws -> Record {
        try Review(archive: archive, index: index).effective(RecordEncoding.decode(try archive.read(path)))
    }

    /// Every indexed record, effective, in date order (undated last), with the record files
    /// that could not be read (named, never silently skipped).
    public func all() throws -> (records: [Record], problems: [String]) {
        var records: [Record] = []
        var problems: [String] = []
        let review = Review(archive: archive, index: index)
        let corrected = review.log.ids()
        for entry in try index.allEntries() {
            do {
                guard corrected.contains(entry.id) else {
                    records.append(try RecordEncoding.decode(try archive.read(entry.recordPath)))
                    continue
                }
                let e = try review.effective(id: entry.id, recordPath: entry.recordPath)
                if !e.isHidden { records.append(e.record) }
            } catch {
                problems.append("\(entry.recordPath): cannot be read, left out")
            }
        }
        return (Self.chronological(records), problems)
    }

    /// `records` by date, then id; undated records last.
    public static func chronological(_ records: [Record]) -> [Record] {
        records.sorted { a, b in
            switch (a.date, b.date) {
            case let (x?, y?): return x != y ? x < y : a.id < b.id
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.id < b.id
            }
        }
    }
}
