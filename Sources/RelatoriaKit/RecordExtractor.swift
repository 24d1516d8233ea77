public import Foundation
public import RelatoriaCore
public import RelatoriaExtractors
import Crypto

/// Reads one file and extracts its record, without archiving anything: the operation behind
/// `relatoria extract`, and the first half of ingestion.
public struct RecordExtractor: Sendable {
    public let loader: DocumentLoader
    public let pipeline: ExtractionPipeline

    public init(loader: DocumentLoader, pipeline: ExtractionPipeline) {
        self.loader = loader
        self.pipeline = pipeline
    }

    /// The record of the file at `path`.
    /// - Throws: ``RelatoriaError``: `inaccessiblePath` when the file cannot be opened,
    ///   `unreadableDocument` when its bytes are not a readable document.
    public func record(at path: String) throws -> Record {
        let data = try loader.bytes(at: path)
        let filename = (path as NSString).lastPathComponent
        return try record(data: data, filename: filename, path: path)
    }

    /// The record of `data`, named `filename` (`path` is only used in error messages). A
    /// scan's OCR language is guessed by the pipeline's lexicons, which give the record its language.
    public func record(data: Data, filename: String, path: String) throws -> Record {
        let document = try loader.read(data, filename: filename, path: path, languageGuesser: pipeline.lexicon)
        let sha = Self.sha256(data)
        let source = Record.Source(filename: filename, format: document.format, sha256: sha, bytes: data.count,
                                   filetype: document.fileType, ocr: document.ocr ? true : nil)
        return pipeline.record(for: document, source: source)
    }

    /// Lower-case hex SHA-256 of `data`.
    public static func sha256(_ data: Data) -> String {
        // Two hex digits per byte from a table (String(format: "%02x") per byte cost 330,000
        // instructions a document, more than the hash of a 10 KB file).
        let digits = Array("0123456789abcdef".utf8)
        let digest = SHA256.hash(data: data)
        return String(unsafeUninitializedCapacity: SHA256.byteCount * 2) { out in
            var i = 0
            for byte in digest {
                out[i] = digits[Int(byte >> 4)]
                out[i + 1] = digits[Int(byte & 0x0F)]
                i += 2
            }
            return i
        }
    }
}
