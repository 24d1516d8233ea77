public import Foundation
public import RelatoriaCore

/// Picks the reader for a file from its content, with the extension only as a tie-breaker,
/// and reads it.
///
/// Binary formats are sniffed from their first bytes whatever the file is called: `%PDF` is a
/// PDF, an OLE2 file holding a `WordDocument` stream a Word 97-2003 `.doc`, `{\rtf` an RTF,
/// PNG, JPEG and TIFF signatures an image read by OCR; a ZIP is a `.docx` when it holds
/// `word/document.xml` and an `.odt` when it holds `content.xml`. So a `.docx` named `.doc`
/// is read as a `.docx`, and the other way round, with a warning. A `.xml` that holds plain
/// text is read as text; an XML whose root is Akoma Ntoso's or TEI's (`TEI`, `teiCorpus`) is
/// read as that vocabulary, any other as generic XML. A `.docx` that is neither a ZIP nor a
/// `.doc` is refused, and so is a `.doc` or `.rtf` that is an HTML page (the reason says to
/// rename it `.html`).
public struct ReaderRegistry: Sendable {
    public var limits: ReaderLimits
    /// Guesses a scan's language from OCR's first pass when ``ReaderLimits/ocrLanguages`` is
    /// `auto` (the extraction's lexicons); without one, scans are read in all its languages together.
    public var languageGuesser: (any LanguageGuesser)?

    public init(limits: ReaderLimits = .init(), languageGuesser: (any LanguageGuesser)? = nil) {
        self.limits = limits
        self.languageGuesser = languageGuesser
    }

    /// Extensions read as documents. A file with another extension (`.json`, `.xlsx`) is
    /// refused as unsupported unless its bytes are a format read here; a file with none is sniffed.
    public static let knownExtensions: Set<String> = ["docx", "docm", "odt", "xml", "akn", "tei", "html", "htm", "xhtml", "md",
                                                      "markdown", "txt", "text", "rst", "adoc", "asciidoc", "org", "pdf", "doc", "dot", "rtf",
                                                      "png", "jpg", "jpeg", "tif", "tiff"]

    /// What each sniffed binary format is expected to be called.
    private static let extensions: [ByteSniffer.Kind: Set<String>] = [
        .pdf: ["pdf"], .ole: ["doc", "dot"], .rtf: ["rtf", "doc"], .png: ["png"], .jpeg: ["jpg", "jpeg"], .tiff: ["tif", "tiff"],
    ]

    /// Reads `data`, named `filename`, into a normalized document.
    /// - Throws: ``ReadFailure`` saying why the bytes are not a readable document.
    public func read(_ data: Data, filename: String) throws -> NormalizedDocument {
        if data.count > limits.maxInputBytes {
            throw ReadFailure("file is \(Counting.bytes(data.count)), over the \(Counting.bytes(limits.maxInputBytes)) a document may have")
        }
        let ext = (filename as NSString).pathExtension.lowercased()
        if data.isEmpty { throw ReadFailure("empty file (0 bytes)") }
        let head = [UInt8](data.prefix(8))
        if let kind = ByteSniffer.kind(data), kind != .zip {
            var doc = try readBinary(data, kind: kind)
            if !ext.isEmpty, let expected = Self.extensions[kind], !expected.contains(ext), let type = doc.fileType {
                doc.warnings.append("named .\(ext) but is a \(type.displayName); read as such")
            }
            return doc
        }
        // A recognizable foreign format is named as what it is ("gzip-compressed data ...").
        if let known = Self.knownBinary(head) { throw ReadFailure(known) }
        if ext == "pdf" { throw ReadFailure("named .pdf but not a PDF: it does not start with %PDF") }
        if ["png", "jpg", "jpeg", "tif", "tiff"].contains(ext) { throw ReadFailure("named .\(ext) but not a PNG, JPEG or TIFF image") }
        if !ext.isEmpty, !Self.knownExtensions.contains(ext), ext.count <= 8, ext.allSatisfy({ $0.isLetter || $0.isNumber }) {
            throw ReadFailure("unsupported format .\(ext); Relatoría reads .docx, .doc, .odt, .rtf, .pdf, .xml, .html, .md, .txt, .rst, .adoc, .org and scans as .png, .jpg or .tif")
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            let zip = try SafeZip(data, limits: limits)
            if zip.contains("word/document.xml") {
                var doc = try DOCXReader.read(zip: zip, limits: limits)
                if ["doc", "dot", "rtf"].contains(ext) { doc.warnings.append("named .\(ext) but is a Word .docx; read as such") }
                return doc
            }
            if zip.contains("content.xml") {
                let mime = (try? zip.read("mimetype")).flatMap { String(data: $0, encoding: .utf8) } ?? ""
                if mime.isEmpty || mime.contains("opendocument.text") { return try ODTReader.read(zip: zip, limits: limits) }
                throw ReadFailure("OpenDocument of type \(mime) is not a text document")
            }
            throw ReadFailure("ZIP archive that is neither a Word .docx nor an OpenDocument .odt")
        }
        if ["docx", "docm", "odt"].contains(ext) {
            throw ReadFailure("named .\(ext) but not a ZIP container: the file is damaged or not \(ext == "odt" ? "an OpenDocument" : "a Word") document")
        }
        // Text-based formats: decide from the first non-blank characters.
        let decoded = try TextDecoder.decode(data.prefix(4096))
        // Lowered in ASCII only: the markers looked for are ASCII, and no other letter lowers
        // into one of theirs (Unicode lowering of the 512 Characters cost 0.2 M instructions).
        let start = String(decoding: decoded.text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }.prefix(512).utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 },
                           as: UTF8.self)
        // A web page saved or renamed as a Word or RTF file (Word's "Save as Web Page" named
        // .doc) is refused, so that whoever named it learns what it is; renamed .html, it is read.
        if ["doc", "dot", "rtf"].contains(ext), Self.looksLikeHTML(start) {
            throw ReadFailure("named .\(ext) but an HTML page: rename it .html to archive it")
        }
        if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") || (start.hasPrefix("<") && ["html", "htm", "xhtml"].contains(ext)) {
            return try HTMLReader().read(data, limits: limits)
        }
        // (A text format's file may open with a comment: doctoc's "<!-- START doctoc ... -->"
        // over a Markdown table of contents. It is XML only when markup follows.)
        let textExtension = ["md", "markdown", "txt", "text", "rst", "adoc", "asciidoc", "org"].contains(ext)
        if start.hasPrefix("<?xml") || start.hasPrefix("<!doctype") || (start.hasPrefix("<!--") && (!textExtension || Self.markupAfterComments(start)))
            || (start.hasPrefix("<") && !start.hasPrefix("<!--") && !textExtension) {
            if start.contains("<html") && !start.contains("<?xml") { return try HTMLReader().read(data, limits: limits) }
            return try readXML(data, ext: ext)
        }
        if ["doc", "dot", "rtf"].contains(ext) {
            throw ReadFailure("named .\(ext) but neither a Word document nor RTF: the file is damaged or of another kind")
        }
        var doc: NormalizedDocument
        if ["md", "markdown"].contains(ext) {
            doc = try MarkdownReader().read(data, limits: limits)
        } else if ["adoc", "asciidoc"].contains(ext) {
            doc = try AsciiDocReader().read(data, limits: limits)
        } else if ext == "org" {
            doc = try OrgReader().read(data, limits: limits)
        } else if ext == "rst" {
            doc = try RSTReader().read(data, limits: limits)
        } else if ["txt", "text"].contains(ext), Self.looksLikeAsciiDoc(data) {
            // AsciiDoc saved as .txt (":Author: Ana" attribute lines under a "= Title" or an
            // underlined one): read as AsciiDoc, still a text file.
            doc = try AsciiDocReader().read(data, limits: limits)
            doc.format = .txt
        } else if ["txt", "text"].contains(ext), Self.looksLikeMarkdown(data) {
            // Notes written in Markdown and saved as .txt ("## TAG Teleconference" /
            // "##### 14 August 2018"): read as Markdown, still a text file.
            doc = try MarkdownReader().read(data, limits: limits)
            doc.format = .txt
        } else {
            doc = try PlainTextReader().read(data, limits: limits)
            if ["xml", "akn", "tei", "html", "htm", "xhtml"].contains(ext) {
                doc.warnings.append("named .\(ext) but holds plain text; read as text")
            }
        }
        return doc
    }

    /// Whether the text after the comments that open `start` opens with markup ("<!-- x --> <root>").
    static func markupAfterComments(_ start: String) -> Bool {
        var rest = Substring(start)
        while rest.hasPrefix("<!--") {
            guard let end = rest.range(of: "-->") else { return true }
            rest = rest[end.upperBound...].drop { $0.isWhitespace }
        }
        return rest.isEmpty || rest.hasPrefix("<")
    }

    /// Whether a text file is written in Markdown: two lines or more among its first 64 KB are
    /// ATX headings of level two or deeper ("## Agenda"; one "#" alone is as often a comment).
    /// AsciiDoc's opening: within the first 12 lines, an attribute entry (":Author: Ana",
    /// ":toc:") after a title, "= Title" or a line underlined with "=".
    static func looksLikeAsciiDoc(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(2048), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).prefix(12)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard let attribute = head.firstIndex(where: { l in
            l.first == ":" && l.dropFirst().prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }).count >= 2
                && l.dropFirst().drop(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }).first == ":"
        }) else { return false }
        return head[..<attribute].enumerated().contains { n, l in
            l.hasPrefix("= ") || n > 0 && l.count >= 4 && l.allSatisfy({ $0 == "=" }) && !head[n - 1].isEmpty
        }
    }

    static func looksLikeMarkdown(_ data: Data) -> Bool {
        var count = 0
        var atLineStart = true
        var hashes = 0
        var afterHashes = false
        for byte in data.prefix(65_536) {
            if byte == 0x0A { atLineStart = true; hashes = 0; afterHashes = false; continue }
            if atLineStart {
                if byte == UInt8(ascii: "#") { hashes += 1; if hashes > 6 { atLineStart = false }; continue }
                if byte == UInt8(ascii: " "), hashes >= 2 { afterHashes = true; atLineStart = false; continue }
                atLineStart = false
                continue
            }
            if afterHashes {
                afterHashes = false
                if byte != UInt8(ascii: " "), byte != 0x0D {
                    count += 1
                    if count >= 2 { return true }
                }
            }
        }
        return false
    }

    private func readBinary(_ data: Data, kind: ByteSniffer.Kind) throws -> NormalizedDocument {
        switch kind {
        case .pdf: return try PDFReader(languageGuesser: languageGuesser).read(data, limits: limits)
        case .ole: return try Word97Reader().read(data, limits: limits)
        case .rtf: return try RTFReader().read(data, limits: limits)
        case .png, .jpeg, .tiff: return try OCRReader(languageGuesser: languageGuesser).read(data, limits: limits)
        case .zip: throw ReadFailure("internal: ZIP is read by its container")
        }
    }

    private func readXML(_ data: Data, ext: String) throws -> NormalizedDocument {
        let root = try LibXMLParser.parseXML(data, limits: limits)
        if root.name.lowercased() == "html" { return try HTMLReader().read(data, limits: limits) }
        if AkomaNtosoReader.isAkomaNtoso(root) { return try AkomaNtosoReader.read(root: root) }
        if TEIReader.isTEI(root) { return TEIReader.read(root: root) }
        return GenericXMLReader.read(root: root)
    }

    /// True when the first characters of a text (lowered) are an HTML page's: a doctype or an
    /// `<html>` element near the start, or one of the elements a page or a fragment opens with.
    static func looksLikeHTML(_ start: String) -> Bool {
        guard start.hasPrefix("<") else { return false }
        if start.hasPrefix("<!doctype html") || start.contains("<html") { return true }
        return ["<head", "<body", "<meta", "<title", "<div", "<p>", "<p ", "<table", "<h1", "<h2", "<h3", "<br", "<span", "<font", "<style"]
            .contains { start.hasPrefix($0) }
    }

    /// Names formats that are recognizably not supported, so the error says what the file is.
    private static func knownBinary(_ head: [UInt8]) -> String? {
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return "an old Office file in a format that is not read here" }
        if head.starts(with: [0x1F, 0x8B]) { return "gzip-compressed data, not a document" }
        if head.starts(with: Array("GIF8".utf8)) { return "a GIF image, which is not read: save a scan as PNG, JPEG or TIFF" }
        if head.starts(with: [0x7F, 0x45, 0x4C, 0x46]) { return "an executable (ELF), not a document" }
        return nil
    }
}
