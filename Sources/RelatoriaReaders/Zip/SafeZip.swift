import Foundation
import RelatoriaCore
import ZIPFoundation

/// Reads entries of a ZIP container into memory, with the checks ZIPFoundation does not make
/// (see `shared/STACK.md`): entry names are validated, the entry count is bounded, and
/// inflation stops at a byte cap whatever size the entry declares.
final class SafeZip {
    private let archive: Archive
    private var entries: [String: Entry] = [:]
    private let limits: ReaderLimits
    private var inflated = 0
    /// Entry paths in the order the archive lists them.
    private(set) var paths: [String] = []

    init(_ data: Data, limits: ReaderLimits) throws {
        self.limits = limits
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw ReadFailure("not a readable ZIP container: \(Self.describe(error))")
        }
        var count = 0
        for entry in archive {
            count += 1
            if count > limits.maxZipEntries {
                throw ReadFailure("ZIP container lists more than \(limits.maxZipEntries) entries (limits.maxZipEntries)")
            }
            let path = entry.path
            try Self.validate(path)
            if entries[path] == nil { paths.append(path) }
            entries[path] = entry
        }
        if count == 0 { throw ReadFailure("ZIP container is empty") }
    }

    /// Rejects names that would escape a folder if anyone ever extracted them.
    static func validate(_ path: String) throws {
        let bad = path.isEmpty || path.hasPrefix("/") || path.hasPrefix("\\") || path.contains("\\")
            || path.contains("\0") || path.split(separator: "/").contains("..")
            || (path.count >= 2 && path.dropFirst().first == ":")
        if bad {
            throw ReadFailure("unsafe ZIP entry name \(String(reflecting: path.replacingOccurrences(of: "\0", with: "\\0")))")
        }
    }

    func contains(_ path: String) -> Bool { entries[path] != nil }

    /// The inflated bytes of `path`, or nil when absent.
    /// - Throws: ``ReadFailure`` past the per-entry or total cap, or on a damaged entry.
    func read(_ path: String) throws -> Data? {
        guard let entry = entries[path] else { return nil }
        guard entry.type == .file else { return nil }
        let declared = Int(clamping: entry.uncompressedSize)
        if declared > limits.maxEntryBytes {
            throw ReadFailure("ZIP entry \(path) declares \(declared) bytes, over the \(limits.maxEntryBytes)-byte limit (limits.maxEntryBytes)")
        }
        let compressed = max(Int(clamping: entry.compressedSize), 1)
        var out = Data()
        let entryCap = limits.maxEntryBytes, totalCap = limits.maxInflatedBytes, ratio = limits.maxCompressionRatio
        let already = inflated
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                out.append(chunk)
                if out.count > entryCap {
                    throw ReadFailure("ZIP entry \(path) inflates past the \(entryCap)-byte limit (limits.maxEntryBytes): a zip bomb?")
                }
                if already + out.count > totalCap {
                    throw ReadFailure("ZIP container inflates past the \(totalCap)-byte limit (limits.maxInflatedBytes): a zip bomb?")
                }
                if out.count > (1 << 20), out.count / compressed > ratio {
                    throw ReadFailure("ZIP entry \(path) inflates more than \(ratio) times its compressed size (limits.maxCompressionRatio): a zip bomb?")
                }
            }
        } catch let failure as ReadFailure {
            throw failure
        } catch {
            throw ReadFailure("ZIP entry \(path) is damaged: \(Self.describe(error))")
        }
        inflated += out.count
        return out
    }

    /// What went wrong, in words (ZIPFoundation's errors are bare case names such as
    /// `missingEndOfCentralDirectoryRecord`, which no reader of a log should meet).
    static func describe(_ error: any Error) -> String {
        switch error {
        case Archive.ArchiveError.missingEndOfCentralDirectoryRecord:
            return "its closing directory is missing: the file is cut short, or not a ZIP file at all"
        case Archive.ArchiveError.invalidCRC32:
            return "its checksum does not match its bytes"
        case Archive.ArchiveError.invalidCompressionMethod:
            return "it is compressed with a method that cannot be read"
        case Archive.ArchiveError.invalidEntrySize, Archive.ArchiveError.invalidLocalHeaderSize,
             Archive.ArchiveError.invalidLocalHeaderDataOffset, Archive.ArchiveError.invalidCentralDirectoryOffset,
             Archive.ArchiveError.invalidCentralDirectorySize, Archive.ArchiveError.invalidCentralDirectoryEntryCount:
            return "its directory gives sizes or offsets outside the file"
        case Archive.ArchiveError.uncontainedSymlink, Archive.ArchiveError.invalidEntryPath:
            return "it names an entry outside itself"
        case is Archive.ArchiveError:
            return "its structure is damaged"
        default:
            return "its compressed data is damaged"
        }
    }
}
