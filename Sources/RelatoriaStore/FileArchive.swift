public import Foundation
public import RelatoriaCore
#if canImport(Glibc)
import Glibc
#endif

/// The archive's files: originals and records stored by id, failed files set aside with the
/// reason. Writes are crash-safe: each file is written under a temporary name, the file
/// system is flushed, then the file is renamed into place. Originals are never modified.
///
/// ```
/// archive/originals/YYYY/MM/<id>.<ext>    the bytes as received
/// archive/records/YYYY/MM/<id>.json       the record (RECORD.md)
/// archive/failed/<time>-<name>            a file that could not be read, and <name>.error.txt
/// archive/index.sqlite                    derived: rebuilt by `relatoria reindex`
/// ```
public struct FileArchive: Sendable {
    public let root: URL

    public var indexPath: String { root.appendingPathComponent("index.sqlite").path }
    var temporary: URL { root.appendingPathComponent(".tmp") }

    /// Opens the archive at `root`, creating its folders, and removes temporary files an
    /// interrupted run left behind.
    public init(root: URL) throws {
        self.root = root
        for sub in ["originals", "records", "failed", ".tmp"] {
            do {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
            } catch {
                throw RelatoriaError(.inaccessiblePath, path: root.path, reason: "cannot create the archive folder \(sub): \(error.localizedDescription)")
            }
        }
        for leftover in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [] {
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(leftover))
        }
    }

    /// Where a record and its original belong, relative to the archive root.
    public static func paths(for record: Record) -> (original: String, record: String) {
        let folder: String
        if let d = record.date, d.count >= 7 {
            folder = "\(d.prefix(4))/\(d.dropFirst(5).prefix(2))"
        } else {
            folder = "undated"
        }
        var ext = (record.source.filename as NSString).pathExtension.lowercased()
        if ext.isEmpty || ext.count > 8 || !ext.allSatisfy({ $0.isLetter || $0.isNumber }) {
            ext = record.source.filetype?.rawValue ?? record.source.format.rawValue
        }
        return ("originals/\(folder)/\(record.id).\(ext)", "records/\(folder)/\(record.id).json")
    }

    /// A file written under a temporary name, waiting for ``commit(_:)``.
    public struct Staged: Sendable {
        let temporary: URL
        let destination: URL
    }

    /// Writes the original and the record of a new document under temporary names.
    public func stage(original: Data, record: Record) throws -> [Staged] {
        let p = Self.paths(for: record)
        let json = try RecordEncoding.pretty(record)
        return [try stage(original, to: p.original), try stage(json, to: p.record)]
    }

    /// Writes a replacement record file (after re-extraction) under a temporary name.
    public func stageRecord(_ record: Record, at relative: String) throws -> [Staged] {
        [try stage(try RecordEncoding.pretty(record), to: relative)]
    }

    private func stage(_ data: Data, to relative: String) throws -> Staged {
        let tmp = temporary.appendingPathComponent(UUID().uuidString)
        if let failure = Self.writeNewFile(data, at: tmp.path) {
            throw RelatoriaError(.inaccessiblePath, path: root.path, reason: "cannot write to the archive: \(failure)")
        }
        return Staged(temporary: tmp, destination: root.appendingPathComponent(relative))
    }

    /// Writes `data` to a new file (never an existing one), without flushing it: ``commit(_:)``
    /// flushes the file system once for the whole batch before anything is renamed into place.
    /// (Foundation's `Data.write(to:)` flushed each file with fsync(2): two per document, a
    /// tenth of ingest's time, for nothing the batch's flush does not do.)
    /// - Returns: nil when written, else why not.
    static func writeNewFile(_ data: Data, at path: String) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        var failure: String?
        data.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    failure = n < 0 ? String(cString: strerror(errno)) : "nothing written"
                    return
                }
                written += n
            }
        }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if failure != nil { unlink(path) }
        return failure
    }

    /// Flushes staged files to disk, then renames them into place (a rename is atomic).
    public func commit(_ staged: [Staged]) throws {
        guard !staged.isEmpty else { return }
        Self.flush(temporary)
        var folders = Set<String>()
        for s in staged {
            let folder = s.destination.deletingLastPathComponent()
            if folders.insert(folder.path).inserted {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            if rename(s.temporary.path, s.destination.path) != 0 {
                throw RelatoriaError(.inaccessiblePath, path: s.destination.path, reason: "cannot move into the archive: \(String(cString: strerror(errno)))")
            }
        }
        Self.flush(root)
    }

    /// Removes staged files that will not be committed (the batch failed).
    public func discard(_ staged: [Staged]) {
        for s in staged { unlink(s.temporary.path) }
    }

    /// Sets a file that could not be read aside in `failed/`, with a `.error.txt` saying why.
    /// - Returns: the path it was stored under, relative to the archive root.
    public func fail(name: String, data: Data, reason: String, at date: Date = Date()) throws -> String {
        try keep(.data(data), name: name, reason: reason, date: date)
    }

    /// Sets aside a file too large to read into memory (over the input limit): the file is
    /// copied into `failed/` as it is, with the `.error.txt`, so that nothing is lost.
    /// - Returns: the path it was stored under, relative to the archive root.
    public func fail(name: String, copying source: String, reason: String, at date: Date = Date()) throws -> String {
        try keep(.file(source), name: name, reason: reason, date: date)
    }

    /// The bytes of a failed file: in memory, or still in the file they came from.
    private enum Bytes {
        case data(Data)
        case file(String)

        var count: Int? {
            switch self {
            case .data(let d): d.count
            case .file(let path): (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
            }
        }

        func equal(toFileAt path: String) -> Bool {
            switch self {
            case .data(let d): (try? Data(contentsOf: URL(fileURLWithPath: path))) == d
            case .file(let source): FileManager.default.contentsEqual(atPath: path, andPath: source)
            }
        }
    }

    private func keep(_ bytes: Bytes, name: String, reason: String, date: Date) throws -> String {
        let fm = FileManager.default
        let safe = name.replacingOccurrences(of: "/", with: "_")
        let folder = root.appendingPathComponent("failed")
        // Idempotent: the same bytes under the same name, kept by an attempt that was cut off
        // before the index heard of it (a crash, a full disk), are not kept a second time.
        let size = bytes.count
        for candidate in ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() where candidate.hasSuffix("-" + safe) {
            let path = folder.appendingPathComponent(candidate).path
            if (try? fm.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue == size, bytes.equal(toFileAt: path) {
                return "failed/\(candidate)"
            }
        }
        let stamp = Self.stamp(date)
        var relative = "failed/\(stamp)-\(safe)"
        var n = 1
        while fm.fileExists(atPath: root.appendingPathComponent(relative).path) {
            n += 1
            relative = "failed/\(stamp)-\(n)-\(safe)"
        }
        var staged: [Staged] = []
        switch bytes {
        case .data(let data):
            staged.append(try stage(data, to: relative))
        case .file(let source):
            let tmp = temporary.appendingPathComponent(UUID().uuidString)
            do { try fm.copyItem(atPath: source, toPath: tmp.path) } catch {
                try? fm.removeItem(at: tmp)
                throw RelatoriaError(.inaccessiblePath, path: root.path, reason: "cannot copy \(name) into the archive: \(error.localizedDescription)")
            }
            staged.append(Staged(temporary: tmp, destination: root.appendingPathComponent(relative)))
        }
        let note = "file: \(name)\ntime: \(Self.iso(date))\nreason: \(reason)\n"
        staged.append(try stage(Data(note.utf8), to: relative + ".error.txt"))
        try commit(staged)
        return relative
    }

    /// Reads a file of the archive by its relative path.
    public func read(_ relative: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(relative))
    }

    public func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// Every record file, relative to the root.
    public func recordFiles() -> [String] {
        let base = root.appendingPathComponent("records")
        guard let e = FileManager.default.enumerator(atPath: base.path) else { return [] }
        return e.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }.map { "records/\($0)" }.sorted()
    }

    /// Every original file, relative to the root.
    public func originalFiles() -> [String] {
        let base = root.appendingPathComponent("originals")
        guard let e = FileManager.default.enumerator(atPath: base.path) else { return [] }
        return e.compactMap { $0 as? String }.filter { !$0.hasSuffix("/") && !FileManager.default.isDirectory(base.appendingPathComponent($0)) }
            .map { "originals/\($0)" }.sorted()
    }

    /// Flushes the file system that holds `url` (one call for a whole batch of files).
    static func flush(_ url: URL) {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { sync(); return }
        defer { close(fd) }
        if syncfs(fd) != 0 { sync() }
    }

    static func stamp(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss"
        return f.string(from: d)
    }

    static func iso(_ d: Date) -> String { ISO8601DateFormatter().string(from: d) }
}

/// `syncfs(2)`: Glibc's module map leaves it out (it needs _GNU_SOURCE), so it is declared here.
@_silgen_name("syncfs")
private func syncfs(_ fd: Int32) -> Int32

extension FileManager {
    func isDirectory(_ url: URL) -> Bool {
        var d: ObjCBool = false
        return fileExists(atPath: url.path, isDirectory: &d) && d.boolValue
    }
}

/// Record JSON as stored in the archive.
public enum RecordEncoding {
    /// The record file's form: indented, keys sorted (the same bytes for the same record, as
    /// JSONEncoder's `[.withoutEscapingSlashes, .prettyPrinted, .sortedKeys]`; ``RecordWriter``).
    public static func pretty(_ record: Record) throws -> Data {
        Data(RecordWriter.bytes(record, pretty: true))
    }

    public static func decode(_ data: Data) throws -> Record {
        try JSONDecoder().decode(Record.self, from: data)
    }

    /// The `text` of a record file, without decoding the rest of the record (search snippets
    /// need only this): the top-level `"text"` value of the pretty form, located by its
    /// indentation; a file in any other form is decoded whole.
    public static func text(ofRecordFile url: URL) -> String? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        let key = Array("\n  \"text\" : \"".utf8)
        let found: String? = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let at = ByteSearch.firstOffset(of: key, in: bytes) else { return nil }
            return jsonString(in: bytes, openingQuote: at + key.count - 1)
        }
        return found ?? (try? decode(data))?.text
    }

    /// The JSON string literal whose opening quote is at `open`, decoded; nil when it is not a
    /// valid one. The common case is decoded here, byte by byte (a third of a search's
    /// snippet time went to JSONSerialization); a `\u` escape of a lone surrogate is left to
    /// JSONSerialization, whose answer it keeps.
    static func jsonString(in bytes: UnsafeBufferPointer<UInt8>, openingQuote open: Int) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(min(bytes.count - open, 1 << 20))
        func hex(_ k: Int) -> UInt32? {
            guard k + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for i in k..<k + 4 {
                let b = bytes[i]
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): v = v << 4 | UInt32(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): v = v << 4 | UInt32(b - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): v = v << 4 | UInt32(b - UInt8(ascii: "A") + 10)
                default: return nil
                }
            }
            return v
        }
        var k = open + 1
        while k < bytes.count {
            // A run of plain bytes (not a quote, a backslash or a control character, which must
            // be escaped) is copied at once.
            var end = k
            // Eight bytes at a time while none of them ends the run (a record's text is
            // kilobytes of plain bytes: a search's snippets spent a third of their time here).
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while end + 8 <= bytes.count, !Self.endsPlainRun(raw.loadUnaligned(fromByteOffset: end, as: UInt64.self)) { end += 8 }
            }
            while end < bytes.count, bytes[end] >= 0x20, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
            if end > k {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[k..<end]))
                k = end
                continue
            }
            let b = bytes[k]
            if b == UInt8(ascii: "\"") {
                // Valid UTF-8 decodes to the same bytes; any invalid byte is replaced (the
                // standard library's fast check, where String(validating:as:) took a generic
                // path of 14 instructions a byte).
                var s = String(decoding: out, as: UTF8.self)
                let same = s.withUTF8 { d in out.withUnsafeBufferPointer { o in d.count == o.count && (o.isEmpty || memcmp(d.baseAddress!, o.baseAddress!, o.count) == 0) } }
                return same ? s : nil
            }
            guard b == UInt8(ascii: "\\") else { return nil }  // a control character must be escaped
            guard k + 1 < bytes.count else { return nil }
            let escaped: UInt8
            switch bytes[k + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): escaped = bytes[k + 1]
            case UInt8(ascii: "b"): escaped = 0x08
            case UInt8(ascii: "f"): escaped = 0x0C
            case UInt8(ascii: "n"): escaped = 0x0A
            case UInt8(ascii: "r"): escaped = 0x0D
            case UInt8(ascii: "t"): escaped = 0x09
            case UInt8(ascii: "u"):
                guard var scalar = hex(k + 2) else { return nil }
                k += 6
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate must be followed by an escaped low one.
                    guard k + 1 < bytes.count, bytes[k] == UInt8(ascii: "\\"), bytes[k + 1] == UInt8(ascii: "u"),
                          let low = hex(k + 2), (0xDC00..<0xE000).contains(low) else { return jsonStringByFoundation(bytes, open) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    k += 6
                } else if (0xDC00..<0xE000).contains(scalar) {
                    return jsonStringByFoundation(bytes, open)
                }
                out.append(contentsOf: String(Unicode.Scalar(scalar)!).utf8)
                continue
            default: return nil
            }
            out.append(escaped)
            k += 2
        }
        return nil
    }

    /// Whether any of the eight bytes of `word` is a control character, a quote or a backslash
    /// (the bytes that end a run of a JSON string's plain bytes). Exact, by the usual bit
    /// tricks: `v - 0x01…01` and `~v` and `0x80…80` is nonzero iff some byte of `v` is 0; with
    /// `0x20…20` for the first term, iff some byte is below 0x20.
    @inline(__always)
    static func endsPlainRun(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        let control = (word &- ones &* 0x20) & ~word & highs != 0
        return control || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
    }

    /// JSONSerialization's reading of the literal at `open` (to its first unescaped quote).
    private static func jsonStringByFoundation(_ bytes: UnsafeBufferPointer<UInt8>, _ open: Int) -> String? {
        var k = open + 1
        while k < bytes.count, bytes[k] != UInt8(ascii: "\"") { k += bytes[k] == UInt8(ascii: "\\") ? 2 : 1 }
        guard k < bytes.count else { return nil }
        let literal = Data(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[open...k]))
        return (try? JSONSerialization.jsonObject(with: literal, options: .fragmentsAllowed)) as? String
    }
}
