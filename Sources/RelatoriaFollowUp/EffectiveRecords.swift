public import Foundation
public import RelatoriaCore
public import RelatoriaStore

/// The records the follow-up reads: the *effective* record of every archived document.
///
/// Today the effective record is the record as extracted. When corrections arrive (the web
/// application's review, issue 20), this is the one place that applies them: every register,
/// ledger and report of this library reads records through ``all()`` or ``record(path:)``.
public struct EffectiveRecords: Sendable {
    public let archive: FileArchive
    public let index: RecordIndex

    public init(archive: FileArchive, index: RecordIndex) {
        self.archive = archive
        self.index = index
    }

    /// The effective record stored at `path` (relative to the archive root).
    public func record(path: String) throws -> Record {
        try RecordEncoding.decode(try archive.read(path))
    }

    /// Every indexed record, effective, in date order (undated last), with the record files
    /// that could not be read (named, never silently skipped).
    public func all() throws -> (records: [Record], problems: [String]) {
        var records: [Record] = []
        var problems: [String] = []
        for entry in try index.allEntries() {
            do { records.append(try record(path: entry.recordPath)) } catch {
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
