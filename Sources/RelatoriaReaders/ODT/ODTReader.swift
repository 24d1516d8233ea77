public import Foundation
public import RelatoriaCore

/// Reads OpenDocument text (`.odt`): headings with their outline level, paragraphs, lists,
/// tables, sections and notes from `content.xml`; title and dates from `meta.xml`.
/// Tracked deletions (kept by ODF in `text:tracked-changes`) are dropped.
public struct ODTReader: DocumentReader {
    public init() {}

    public func read(_ data: Data, limits: ReaderLimits) throws -> NormalizedDocument {
        let zip = try SafeZip(data, limits: limits)
        return try Self.read(zip: zip, limits: limits)
    }

    static func read(zip: SafeZip, limits: ReaderLimits) throws -> NormalizedDocument {
        guard let content = try zip.read("content.xml") else {
            throw ReadFailure("ZIP container has no content.xml: not an OpenDocument text")
        }
        let root: XElement
        do { root = try LibXMLParser.parseXML(content, limits: limits) } catch let f as ReadFailure {
            throw ReadFailure("content.xml: \(f.reason)")
        }
        var blocks: [Block] = []
        var notes: [Block] = []
        if let text = root.first("body")?.first("text") { walk(text, into: &blocks, notes: &notes, listLevel: -1) }
        var doc = NormalizedDocument(format: .odt, blocks: blocks + notes)
        if let metaData = try? zip.read("meta.xml"), let meta = try? LibXMLParser.parseXML(metaData, limits: limits) {
            for e in meta.first("meta")?.elements ?? [] {
                let t = e.text
                guard !t.isEmpty else { continue }
                doc.metadata.properties["odt.meta.\(e.name.lowercased())"] = t
                if e.name == "title" { doc.metadata.title = t }
                if e.name == "creation-date" || e.name == "date", let iso = AkomaNtosoReader.isoDate(t) {
                    doc.metadata.dates.append(.init(value: iso, source: "odt.meta.\(e.name)", isEventDate: false))
                }
            }
        }
        if blocks.isEmpty { doc.warnings.append("the document has no text") }
        return doc
    }

    private static func inlineText(_ e: XElement, notes: inout [Block]) -> String {
        var s = ""
        for c in e.children {
            switch c {
            case .text(let t): s += t
            case .element(let x):
                switch x.name {
                case "s": s += String(repeating: " ", count: Int(x.attribute("c") ?? "1") ?? 1)
                case "tab": s += "\t"
                case "line-break": s += "\n"
                case "note":
                    if let body = x.first("note-body") {
                        var inner: [Block] = []
                        walk(body, into: &inner, notes: &notes, listLevel: -1)
                        notes += inner.map { var b = $0; b.role = .footnote; return b }
                    }
                case "annotation", "tracked-changes", "change", "change-start", "change-end", "bookmark", "reference-mark": break
                default: s += inlineText(x, notes: &notes)
                }
            }
        }
        return s
    }

    private static func walk(_ e: XElement, into blocks: inout [Block], notes: inout [Block], listLevel: Int) {
        for child in e.elements {
            switch child.name {
            case "h":
                let t = inlineText(child, notes: &notes).collapsingWhitespaceKeepingLines()
                if !t.isEmpty { blocks.append(Block(role: .heading, text: t, level: Int(child.attribute("outline-level") ?? "1") ?? 1)) }
            case "p":
                let t = inlineText(child, notes: &notes).collapsingWhitespaceKeepingLines()
                guard !t.isEmpty else { continue }
                let style = (child.attribute("style-name") ?? "").lowercased()
                if listLevel >= 0 {
                    blocks.append(Block(role: .listItem, text: t, level: listLevel))
                } else if style.hasPrefix("title") || style.hasPrefix("heading") {
                    blocks.append(Block(role: .heading, text: t, level: style.hasPrefix("title") ? 1 : 2))
                } else if let f = LinePatterns.field(t), t.count <= 240 {
                    blocks.append(Block(role: .field, text: t, label: f.label))
                } else {
                    blocks.append(Block(role: .paragraph, text: t))
                }
            case "list":
                walk(child, into: &blocks, notes: &notes, listLevel: listLevel + 1)
            case "list-item", "list-header", "section", "index-body", "table-of-content", "alphabetical-index":
                walk(child, into: &blocks, notes: &notes, listLevel: listLevel)
            case "table":
                tableRows(child, header: false, into: &blocks, notes: &notes)
            case "tracked-changes", "sequence-decls", "variable-decls", "user-field-decls", "forms": break
            default: walk(child, into: &blocks, notes: &notes, listLevel: listLevel)
            }
        }
    }

    private static func tableRows(_ e: XElement, header: Bool, into blocks: inout [Block], notes: inout [Block]) {
        for row in e.elements {
            switch row.name {
            case "table-header-rows": tableRows(row, header: true, into: &blocks, notes: &notes)
            case "table-rows", "table-row-group": tableRows(row, header: header, into: &blocks, notes: &notes)
            case "table-row":
                let cells = row.all("table-cell").map { cell -> String in
                    var inner: [Block] = []
                    walk(cell, into: &inner, notes: &notes, listLevel: -1)
                    return inner.map(\.text).joined(separator: "\n")
                }
                if cells.contains(where: { !$0.isEmpty }) {
                    blocks.append(Block(role: .tableRow, text: cells.filter { !$0.isEmpty }.joined(separator: " | "),
                                        cells: cells, isHeaderRow: header))
                }
            default: break
            }
        }
    }
}
