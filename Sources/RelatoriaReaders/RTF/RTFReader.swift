public import Foundation
public import RelatoriaCore

/// Reads RTF with a parser of its own, in one pass and without recursion: groups are a stack
/// bounded by ``ReaderLimits/maxDepth``, so 10,000 nested groups are refused, not a stack
/// overflow. Paragraphs (`\par`), table cells and rows (`\cell`, `\row`), list markers
/// (`\listtext`, `\pntext`, `\ls`), headings (`\outlinelevel`, or a style named "heading N"),
/// bold, Unicode (`\u`) and Windows-1252 (`\'hh`) characters; headers and footers kept apart;
/// fonts, colours, pictures, field instructions and other `\*` destinations skipped. The
/// `\info` group gives the title and creation date as metadata.
public struct RTFReader: DocumentReader {
    public init() {}

    public func read(_ data: Data, limits: ReaderLimits) throws -> NormalizedDocument {
        var parser = RTFParser(bytes: [UInt8](data), maxDepth: limits.maxDepth)
        try parser.run()
        var doc = NormalizedDocument(format: .txt, fileType: .rtf)
        doc.blocks = parser.headers.map { Block(role: .header, text: $0) } + parser.blocks + parser.footers.map { Block(role: .footer, text: $0) }
        if let t = parser.info["title"], !t.isEmpty { doc.metadata.title = t }
        if let c = parser.created { doc.metadata.dates.append(.init(value: c, source: "rtf.info.creatim", isEventDate: false)) }
        for (k, v) in parser.info { doc.metadata.properties["rtf.info.\(k)"] = v }
        if doc.blocks.isEmpty { throw ReadFailure("the RTF document has no text") }
        return doc
    }
}
