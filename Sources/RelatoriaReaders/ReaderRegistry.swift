public import Foundation
public import RelatoriaCore

/// Picks the reader for a file from its content, with the extension only as a tie-breaker,
/// and reads it.
///
/// A `.xml` that holds plain text is read as text; a `.docx` that is not a ZIP is refused;
/// a ZIP is a `.docx` when it holds `word/document.xml` and an `.odt` when it holds
/// `content.xml`, whatever its name.
public struct ReaderRegistry: Sendable {
    public var limits: ReaderLimits

    public init(limits: ReaderLimits = .init()) {
        self.limits = limits
    }

    /// Extensions read as documents. A file with another extension (`.json`, `.pdf`, `.xlsx`)
    /// is refused as unsupported; a file with none is sniffed.
    public static let knownExtensions: Set<String> = ["docx", "docm", "odt", "xml", "akn", "html", "htm", "xhtml", "md",
                                                      "markdown", "txt", "text", "rst", "adoc", "asciidoc"]

    /// Reads `data`, named `filename`, into a normalized document.
    /// - Throws: ``ReadFailure`` saying why the bytes are not a readable document.
    public func read(_ data: Data, filename: String) throws -> NormalizedDocument {
        if data.count > limits.maxInputBytes {
            throw ReadFailure("file is \(data.count) bytes, over the \(limits.maxInputBytes)-byte limit (limits.maxInputBytes)")
        }
        let ext = (filename as NSString).pathExtension.lowercased()
        if data.isEmpty { throw ReadFailure("empty file (0 bytes)") }
        let head = [UInt8](data.prefix(8))
        // A recognizable foreign format is named as what it is ("PDF is not supported ...").
        if let known = Self.knownBinary(head) { throw ReadFailure(known) }
        if !ext.isEmpty, !Self.knownExtensions.contains(ext), ext.count <= 8, ext.allSatisfy({ $0.isLetter || $0.isNumber }) {
            throw ReadFailure("unsupported format .\(ext) (supported: .docx, .odt, .xml, .html, .md, .txt, .rst, .adoc)")
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            let zip = try SafeZip(data, limits: limits)
            if zip.contains("word/document.xml") { return try DOCXReader.read(zip: zip, limits: limits) }
            if zip.contains("content.xml") {
                let mime = (try? zip.read("mimetype")).flatMap { String(data: $0, encoding: .utf8) } ?? ""
                if mime.isEmpty || mime.contains("opendocument.text") { return try ODTReader.read(zip: zip, limits: limits) }
                throw ReadFailure("OpenDocument of type \(mime) is not a text document")
            }
            throw ReadFailure("ZIP archive that is neither a Word .docx nor an OpenDocument .odt")
        }
        if let known = Self.knownBinary(head) { throw ReadFailure(known) }
        if ["docx", "docm", "odt"].contains(ext) {
            throw ReadFailure("named .\(ext) but not a ZIP container: the file is damaged or not a \(ext == "odt" ? "OpenDocument" : "Word") document")
        }
        // Text-based formats: decide from the first non-blank characters.
        let decoded = try TextDecoder.decode(data.prefix(4096))
        // Lowered in ASCII only: the markers looked for are ASCII, and no other letter lowers
        // into one of theirs (Unicode lowering of the 512 Characters cost 0.2 M instructions).
        let start = String(decoding: decoded.text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }.prefix(512).utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 },
                           as: UTF8.self)
        if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") || (start.hasPrefix("<") && ["html", "htm", "xhtml"].contains(ext)) {
            return try HTMLReader().read(data, limits: limits)
        }
        if start.hasPrefix("<?xml") || start.hasPrefix("<!--") || start.hasPrefix("<!doctype") || (start.hasPrefix("<") && !["md", "markdown", "txt", "text", "rst", "adoc", "asciidoc"].contains(ext)) {
            if start.contains("<html") && !start.contains("<?xml") { return try HTMLReader().read(data, limits: limits) }
            return try readXML(data, ext: ext)
        }
        var doc: NormalizedDocument
        if ["md", "markdown"].contains(ext) {
            doc = try MarkdownReader().read(data, limits: limits)
        } else if ["adoc", "asciidoc"].contains(ext) {
            doc = try AsciiDocReader().read(data, limits: limits)
        } else {
            doc = try PlainTextReader().read(data, limits: limits)
            if ["xml", "akn", "html", "htm", "xhtml"].contains(ext) {
                doc.warnings.append("named .\(ext) but holds plain text; read as text")
            }
        }
        return doc
    }

    private func readXML(_ data: Data, ext: String) throws -> NormalizedDocument {
        let root = try LibXMLParser.parseXML(data, limits: limits)
        if root.name.lowercased() == "html" { return try HTMLReader().read(data, limits: limits) }
        if AkomaNtosoReader.isAkomaNtoso(root) { return try AkomaNtosoReader.read(root: root) }
        return GenericXMLReader.read(root: root)
    }

    /// Names formats that are recognizably not supported, so the error says what the file is.
    private static func knownBinary(_ head: [UInt8]) -> String? {
        if head.starts(with: Array("%PDF".utf8)) { return "PDF is not a supported format (convert it to .docx or text)" }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return "legacy Word .doc (OLE) is not supported: save it as .docx" }
        if head.starts(with: Array("{\\rtf".utf8)) { return "RTF is not a supported format: save it as .docx" }
        if head.starts(with: [0x1F, 0x8B]) { return "gzip-compressed data, not a document" }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) || head.starts(with: [0xFF, 0xD8, 0xFF]) || head.starts(with: Array("GIF8".utf8)) {
            return "an image, not a document"
        }
        if head.starts(with: [0x7F, 0x45, 0x4C, 0x46]) { return "an executable (ELF), not a document" }
        return nil
    }
}
