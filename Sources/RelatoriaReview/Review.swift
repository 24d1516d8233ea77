public import Foundation
public import RelatoriaCore
public import RelatoriaStore
import Synchronization

/// Review and correction of archived records (issue 20): the effective record of any
/// record, corrections saved (logged, then the index given the corrected form), records
/// marked reviewed, withdrawn, superseded. The CLI and the web application both call this.
public struct Review: Sendable {
    public let archive: FileArchive
    public let index: RecordIndex
    public let log: CorrectionLog

    public init(archive: FileArchive, index: RecordIndex) {
        self.archive = archive
        self.index = index
        self.log = CorrectionLog(archive: archive)
    }

    /// Why a review operation was refused.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// No record has this id (or it is ambiguous: the ids are listed).
        case unknown(String)
        /// A value the contract refuses.
        case invalid(FieldRules.Invalid)
        /// The operation does not fit the record's state (superseding itself, already withdrawn...).
        case conflict(String)

        public var description: String {
            switch self {
            case .unknown(let s): s
            case .invalid(let i): i.description
            case .conflict(let s): s
            }
        }
    }

    /// One process corrects one record at a time (the server's requests, the watcher).
    private static let writing = Mutex(())

    /// The full id of `id` (or an unambiguous prefix) and its record file.
    public func resolve(_ id: String) throws -> (id: String, recordPath: String) {
        let matches = try index.ids(withPrefix: id)
        let wanted = id.lowercased()
        guard !matches.isEmpty else { throw Failure.unknown("no record with id \(id)") }
        guard matches.count == 1 || matches.contains(wanted) else {
            throw Failure.unknown("the id prefix \(id) is ambiguous: \(matches.joined(separator: ", "))")
        }
        let full = matches.count == 1 ? matches[0] : wanted
        guard let entry = try index.entry(id: full) else { throw Failure.unknown("no record with id \(id)") }
        return (full, entry.recordPath)
    }

    /// The effective record of `id` (or an unambiguous prefix).
    public func effective(_ id: String) throws -> EffectiveRecord {
        let (full, path) = try resolve(id)
        return try effective(id: full, recordPath: path)
    }

    /// The effective record whose extracted record is at `recordPath`.
    public func effective(id: String, recordPath: String) throws -> EffectiveRecord {
        try EffectiveRecord(recordFile: try archive.read(recordPath), log: try log.lines(id))
    }

    /// The effective form of an extracted record (no file read when it has no corrections).
    public func effective(_ extracted: Record) throws -> Record {
        let lines = try log.lines(extracted.id)
        guard !lines.isEmpty else { return extracted }
        return try EffectiveRecord(recordFile: Data(RecordWriter.bytes(extracted, pretty: false)), log: lines).record
    }

    /// Saves a correction: `fields` (top-level fields and their new values) replace the
    /// effective record's, and with `reviewed` the record is marked reviewed. Only what
    /// differs is logged; the index then holds the corrected form.
    /// - Throws: ``Failure/invalid(_:)`` naming the first field the contract refuses (nothing
    ///   is saved then), ``Failure/unknown(_:)`` for an unknown id, ``Failure/conflict(_:)``
    ///   for a withdrawn record.
    @discardableResult
    public func correct(_ id: String, fields: [String: JSONValue], reviewed: Bool = false, user: String, now: Date = Date()) throws -> EffectiveRecord {
        let (full, path) = try resolve(id)
        var fields = fields
        // A position that names no parties has none (the contract's `parties` is a list, empty then).
        for field in ["consensus", "dissent"] {
            guard let items = fields[field]?.array else { continue }
            fields[field] = .array(items.map { item in
                guard var o = item.object, o["parties"] == nil else { return item }
                o["parties"] = .array([])
                return .object(o)
            })
        }
        return try Self.writing.withLock { _ in
            let before = try effective(id: full, recordPath: path)
            if before.withdrawal != nil { throw Failure.conflict("the record \(full.prefix(12)) is withdrawn: it cannot be corrected") }
            let length = before.record.text.unicodeScalars.count
            for field in fields.keys.sorted() {
                do { try FieldRules.check(field, fields[field]!, textLength: length) } catch let e as FieldRules.Invalid { throw Failure.invalid(e) }
            }
            let time = RecordIndex.timestamp(now)
            var lines: [Correction] = []
            for field in FieldRules.all {
                guard let value = fields[field] else { continue }
                lines += EffectiveRecord.changes(field, from: before.json[field] ?? .null, to: value, user: user, time: time)
            }
            if reviewed { lines.append(Correction(time: time, user: user, event: .reviewed)) }
            // Checked before anything is written: the corrected record must decode.
            let after: EffectiveRecord
            do { after = try EffectiveRecord(recordFile: try archive.read(path), log: before.log + lines) } catch is DecodingError {
                throw Failure.invalid(.init(lines.first?.field ?? "record", "the corrected record does not follow the record contract"))
            }
            try log.append(lines, to: full)
            if after.record != before.record { try index.replace(before.record, with: after.record) }
            try index.setReviewStates([ReviewQueue.state(after)])
            return after
        }
    }

    /// Withdraws record `id` (admins): kept on disk with the reason, hidden from search and packets.
    @discardableResult
    public func withdraw(_ id: String, reason: String, user: String, now: Date = Date()) throws -> EffectiveRecord {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw Failure.invalid(.init("reason", "a withdrawal needs a reason")) }
        let (full, path) = try resolve(id)
        return try Self.writing.withLock { _ in
            let before = try effective(id: full, recordPath: path)
            if before.withdrawal != nil { throw Failure.conflict("the record \(full.prefix(12)) is already withdrawn") }
            try log.append([Correction(time: RecordIndex.timestamp(now), user: user, event: .withdrawn, reason: why)], to: full)
            try index.setHidden(full, reason: "withdrawn")
            return try effective(id: full, recordPath: path)
        }
    }

    /// Undoes a withdrawal (admins): the record returns to search and packets (unless a newer
    /// record supersedes it). The withdrawal stays in the log.
    @discardableResult
    public func restore(_ id: String, user: String, now: Date = Date()) throws -> EffectiveRecord {
        let (full, path) = try resolve(id)
        return try Self.writing.withLock { _ in
            let before = try effective(id: full, recordPath: path)
            guard before.withdrawal != nil else { throw Failure.conflict("the record \(full.prefix(12)) is not withdrawn") }
            try log.append([Correction(time: RecordIndex.timestamp(now), user: user, event: .restored)], to: full)
            try index.setHidden(full, reason: before.supersededBy != nil ? "superseded" : nil)
            return try effective(id: full, recordPath: path)
        }
    }

    /// Marks `newer` as superseding `older` (a corrected version of the same document): search
    /// then shows the newer; the older stays reachable by its id, and each links the other.
    public func supersede(_ newer: String, over older: String, user: String, now: Date = Date()) throws -> (newer: String, older: String) {
        let n = try resolve(newer), o = try resolve(older)
        guard n.id != o.id else { throw Failure.conflict("a record cannot supersede itself") }
        return try Self.writing.withLock { _ in
            let old = try effective(id: o.id, recordPath: o.recordPath)
            if let by = old.supersededBy { throw Failure.conflict("the record \(o.id.prefix(12)) is already superseded by \(by.prefix(12))") }
            let new = try effective(id: n.id, recordPath: n.recordPath)
            if new.supersededBy == o.id { throw Failure.conflict("the record \(o.id.prefix(12)) supersedes \(n.id.prefix(12)): it cannot be the other way too") }
            let time = RecordIndex.timestamp(now)
            try log.append([Correction(time: time, user: user, event: .supersedes, record: o.id)], to: n.id)
            try log.append([Correction(time: time, user: user, event: .supersededBy, record: n.id)], to: o.id)
            // A withdrawn record stays withdrawn (left out even of searches that include superseded records).
            try index.setHidden(o.id, reason: old.withdrawal != nil ? "withdrawn" : "superseded")
            return (n.id, o.id)
        }
    }

    /// Gives the index the effective form of every corrected record and hides the withdrawn
    /// and superseded ones (after `reindex`, which indexes records as extracted).
    /// - Returns: the orphaned corrections, as readable lines.
    public func applyAll() throws -> [String] {
        var notes: [String] = []
        for id in log.ids().sorted() {
            guard let entry = try index.entry(id: id) else {
                notes.append("\(id.prefix(12)): corrections kept for a record no longer in the archive")
                continue
            }
            let e = try effective(id: id, recordPath: entry.recordPath)
            if e.record != e.extracted { try index.replace(e.extracted, with: e.record) }
            try index.setHidden(id, reason: e.withdrawal != nil ? "withdrawn" : e.supersededBy != nil ? "superseded" : nil)
            try index.setReviewStates([ReviewQueue.state(e)])
            for o in e.orphans {
                notes.append("\(id.prefix(12)): correction no longer applies (orphaned, kept): \(o.summary)")
            }
        }
        return notes
    }
}
