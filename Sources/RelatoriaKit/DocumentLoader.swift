public import Foundation
public import RelatoriaCore
import RelatoriaReaders

/// Reads a file from disk into its bytes and normalized document, turning every failure into
/// a ``RelatoriaError`` that names the file.
public struct DocumentLoader: Sendable {
    public var limits: ReaderLimits

    public init(limits: ReaderLimits = .init()) {
        self.limits = limits
    }

    /// The bytes of `path`, refusing folders, special files and files over the size limit
    /// before reading them.
    public func bytes(at path: String) throws -> Data {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw RelatoriaError(.inaccessiblePath, path: path, reason: "no such file")
        }
        if isDir.boolValue { throw RelatoriaError(.inaccessiblePath, path: path, reason: "is a folder, not a file") }
        let attrs = try? FileManager.default.attributesOfItem(atPath: path)
        if let type = attrs?[.type] as? FileAttributeType, type != .typeRegular {
            throw RelatoriaError(.inaccessiblePath, path: path, reason: "not a regular file (\(type.rawValue)); not opened")
        }
        if let size = (attrs?[.size] as? NSNumber)?.intValue { try checkSize(size, path: path) }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw RelatoriaError(.inaccessiblePath, path: path, reason: "permission denied")
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RelatoriaError(.inaccessiblePath, path: path, reason: "cannot be read (\(error.localizedDescription))")
        }
    }

    /// The bytes of the file at `rawPath` (a path that is not UTF-8: see
    /// ``FolderWalk/ForeignName``), named `path` in errors: a regular file only, never through
    /// a symbolic link, within the size limit.
    public func bytes(atRawPath rawPath: [CChar], shownAs path: String) throws -> Data {
        let fd = open(rawPath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw RelatoriaError(.inaccessiblePath, path: path, reason: "cannot be opened: \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var st = stat()
        guard fstat(fd, &st) == 0, FileKind(mode: UInt32(st.st_mode)) == .regular else {
            throw RelatoriaError(.inaccessiblePath, path: path, reason: "not a regular file; not opened")
        }
        try checkSize(Int(st.st_size), path: path)
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw RelatoriaError(.inaccessiblePath, path: path, reason: "cannot be read (\(error.localizedDescription))")
        }
    }

    private func checkSize(_ size: Int, path: String) throws {
        guard size > limits.maxInputBytes else { return }
        throw RelatoriaError(.unreadableDocument, path: path, reason: "file is \(Counting.bytes(size)), over the \(Counting.bytes(limits.maxInputBytes)) a document may have")
    }

    /// Reads `data` (named `filename`) into a normalized document; `languageGuesser` picks a
    /// scan's OCR language under `ocr.languages: auto` (see ``ReaderRegistry``).
    public func read(_ data: Data, filename: String, path: String, languageGuesser: (any LanguageGuesser)? = nil) throws -> NormalizedDocument {
        do {
            return try ReaderRegistry(limits: limits, languageGuesser: languageGuesser).read(data, filename: filename)
        } catch let f as ReadFailure {
            throw RelatoriaError(.unreadableDocument, path: path, reason: f.reason)
        } catch {
            throw RelatoriaError(.unreadableDocument, path: path, reason: String(describing: error))
        }
    }
}
