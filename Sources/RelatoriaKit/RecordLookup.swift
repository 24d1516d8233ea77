public import Foundation
public import RelatoriaCore
public import RelatoriaStore

/// A record found by its id or an unambiguous prefix of it, as `relatoria show` and the web
/// application find it: where its files are, the names it arrived under.
public struct RecordLookup: Sendable {
    /// Why no single record was found.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case notFound(String)
        case ambiguous(String, [String])

        public var description: String {
            switch self {
            case .notFound(let id): "no record with id \(id)"
            case .ambiguous(let id, let ids): "the id prefix \(id) is ambiguous: \(ids.joined(separator: ", "))"
            }
        }
    }

    /// The full id.
    public let id: String
    public let recordPath: String
    public let originalPath: String
    /// Every name the file arrived under, first seen first.
    public let filenames: [String]

    /// The record whose id is `id` or starts with it.
    /// - Throws: ``Failure`` when none or several match; the index's error when it cannot be read.
    public init(_ id: String, in index: RecordIndex) throws {
        let wanted = id.lowercased()
        let matches = try index.ids(withPrefix: id)
        guard !matches.isEmpty else { throw Failure.notFound(id) }
        guard matches.count == 1 || matches.contains(wanted) else { throw Failure.ambiguous(id, matches) }
        let full = matches.count == 1 ? matches[0] : wanted
        guard let entry = try index.entry(id: full) else { throw Failure.notFound(id) }
        self.id = full
        (recordPath, originalPath, filenames) = (entry.recordPath, entry.originalPath, entry.filenames)
    }

    /// The record file's bytes (the JSON `relatoria show --json` prints).
    public func recordData(in archive: FileArchive) throws -> Data { try archive.read(recordPath) }

    /// The record.
    public func record(in archive: FileArchive) throws -> Record { try RecordEncoding.decode(recordData(in: archive)) }

    /// The original file's bytes.
    public func original(in archive: FileArchive) throws -> Data { try archive.read(originalPath) }
}
