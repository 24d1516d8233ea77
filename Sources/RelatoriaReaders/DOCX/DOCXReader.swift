public import Foundation
public import RelatoriaCore

/// Reads Word `.docx`: body paragraphs with runs joined, headings from styles and from
/// bold-only paragraphs, Word numbering, tables, text boxes, footnotes and endnotes, headers
/// and footers; tracked insertions kept, deletions dropped. Core properties are kept as
/// metadata but never taken for the meeting date.
public struct DOCXReader: DocumentReader {
    // Compiled once (a pattern given to `range(of:options:)` is compiled on every call).
    private static let headerPart = Pattern(#"^word/header\d*\.xml$"#)
    private static let footerPart = Pattern(#"^word/footer\d*\.xml$"#)

    public init() {}

    public func read(_ data: Data, limits: ReaderLimits) throws -> NormalizedDocument {
        let zip = try SafeZip(data, limits: limits)
        return try Self.read(zip: zip, limits: limits)
    }

    static func read(zip: SafeZip, limits: ReaderLimits) throws -> NormalizedDocument {
        guard let main = try zip.read("word/document.xml") else {
            throw ReadFailure("ZIP container has no word/document.xml: not a Word document")
        }
        var warnings: [String] = []
        func part(_ path: String) -> XElement? {
            do {
                guard let d = try zip.read(path) else { return nil }
                return try LibXMLParser.parseXML(d, limits: limits)
            } catch {
                warnings.append("\(path) could not be read: \(error)")
                return nil
            }
        }
        let root: XElement
        do {
            root = try LibXMLParser.parseXML(main, limits: limits)
        } catch let f as ReadFailure {
            throw ReadFailure("word/document.xml: \(f.reason)")
        }
        var walker = DOCXWalker(styles: DOCXStyles(styles: part("word/styles.xml"), numbering: part("word/numbering.xml")))
        let headerPaths = zip.paths.filter { Self.headerPart.matches($0) }.sorted()
        let footerPaths = zip.paths.filter { Self.footerPart.matches($0) }.sorted()

        var blocks: [Block] = []
        var seen = Set<String>()
        func furniture(_ paths: [String], role: Block.Role) -> [Block] {
            var out: [Block] = []
            for p in paths {
                guard let x = part(p) else { continue }
                for b in walker.blocks(of: x) where !LinePatterns.isPageFooter(b.text) && seen.insert(b.text).inserted {
                    var b = b
                    b.role = role
                    out.append(b)
                }
            }
            return out
        }
        blocks += furniture(headerPaths, role: .header)
        if let body = root.first("body") { blocks += walker.blocks(of: body) } else { warnings.append("word/document.xml has no body") }
        for (path, element) in [("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")] {
            guard let notes = part(path) else { continue }
            for note in notes.all(element) where (note.attribute("type") ?? "normal") == "normal" {
                for var b in walker.blocks(of: note) {
                    b.role = .footnote
                    blocks.append(b)
                }
            }
        }
        blocks += furniture(footerPaths, role: .footer)

        var doc = NormalizedDocument(format: .docx, blocks: blocks, warnings: warnings)
        if let core = part("docProps/core.xml") { readCore(core, into: &doc.metadata) }
        if blocks.isEmpty { doc.warnings.append("the document has no text") }
        return doc
    }

    private static func readCore(_ core: XElement, into meta: inout DocumentMetadata) {
        for e in core.elements {
            let t = e.text
            guard !t.isEmpty else { continue }
            meta.properties["docx.core.\(e.name.lowercased())"] = t
            switch e.name {
            case "title": meta.title = t
            case "language": meta.language = String(t.prefix(2)).lowercased()
            case "created", "modified":
                if let iso = AkomaNtosoReader.isoDate(t) {
                    meta.dates.append(.init(value: iso, source: "docx.core.\(e.name)", isEventDate: false))
                }
            default: break
            }
        }
    }

    /// `<w:b/>` or `<w:b w:val="true"/>` is on; `w:val="0"`/`"false"` is off.
    static func isOn(_ e: XElement?) -> Bool {
        guard let e else { return false }
        let v = e.attribute("val")?.lowercased()
        return v == nil || v == "1" || v == "true" || v == "on"
    }
}

/// Walks WordprocessingML containers (body, cell, footnote, header, text box) into blocks.
struct DOCXWalker {
    var styles: DOCXStyles

    init(styles: DOCXStyles) { self.styles = styles }

    mutating func blocks(of container: XElement) -> [Block] {
        var out: [Block] = []
        for child in container.elements {
            switch child.name {
            case "p": out += paragraph(child)
            case "tbl": out += table(child)
            case "sdt", "customXml", "sdtContent", "ins", "moveTo", "smartTag": out += blocks(of: child)
            case "hdr", "ftr": out += blocks(of: child)
            default: break  // sectPr, bookmarks, deletions
            }
        }
        return out
    }

    private struct Runs {
        var text = ""
        var boldChars = 0
        var plainChars = 0
        var textBoxes: [XElement] = []
    }

    private func collect(_ e: XElement, bold: Bool, into r: inout Runs) {
        for child in e.elements {
            switch child.name {
            case "r":
                let rPr = child.first("rPr")
                let runBold = bold || DOCXReader.isOn(rPr?.first("b"))
                    || (rPr?.first("rStyle")?.attribute("val")?.lowercased().contains("strong") ?? false)
                    || (rPr?.first("b") == nil && styles.isBold(styleId: rPr?.first("rStyle")?.attribute("val")))
                let explicitOff = rPr?.first("b").map { !DOCXReader.isOn($0) } ?? false
                run(child, bold: runBold && !explicitOff, into: &r)
            case "ins", "hyperlink", "smartTag", "customXml", "fldSimple", "moveTo", "sdt", "sdtContent", "bdo", "dir":
                collect(child, bold: bold, into: &r)
            default: break  // del, moveFrom, pPr, bookmarks, proofErr, commentRange
            }
        }
    }

    private func run(_ run: XElement, bold: Bool, into r: inout Runs) {
        for c in run.elements {
            switch c.name {
            case "t":
                var t = ""
                for case .text(let s) in c.children { t += s }
                r.text += t
                let n = t.trimmingSpaces().count
                if bold { r.boldChars += n } else { r.plainChars += n }
            case "tab", "ptab": r.text += "\t"
            case "br", "cr": r.text += (c.attribute("type") == "page" ? " " : "\n")
            case "noBreakHyphen": r.text += "-"
            case "softHyphen": break
            case "sym": if let ch = c.attribute("char"), let v = UInt32(ch, radix: 16), let s = Unicode.Scalar(v), v < 0xF000 { r.text.unicodeScalars.append(s) }
            case "drawing", "pict", "AlternateContent", "object":
                r.textBoxes += Self.textBoxes(in: c)
            default: break  // delText, instrText, rPr, fldChar, footnoteReference
            }
        }
    }

    /// Text boxes under a drawing; of `mc:AlternateContent` only the first choice is read, so
    /// a box is not read twice from its VML fallback.
    private static func textBoxes(in e: XElement) -> [XElement] {
        if e.name == "txbxContent" { return [e] }
        if e.name == "AlternateContent" {
            for choice in e.elements {
                let found = textBoxes(in: choice)
                if !found.isEmpty { return found }
            }
            return []
        }
        return e.elements.flatMap { textBoxes(in: $0) }
    }

    private mutating func paragraph(_ p: XElement) -> [Block] {
        let pPr = p.first("pPr")
        // A paragraph whose mark was deleted with tracked changes still shows its text.
        let styleId = pPr?.first("pStyle")?.attribute("val")
        var r = Runs()
        collect(p, bold: styles.isBold(styleId: styleId), into: &r)
        var out: [Block] = []
        let text = r.text.collapsingWhitespaceKeepingLines()
        if !text.isEmpty {
            let numPr = pPr?.first("numPr")
            let numId = numPr?.first("numId")?.attribute("val")
            let ilvl = numPr?.first("ilvl")?.attribute("val").flatMap { Int($0) } ?? 0
            let marker = numId.flatMap { styles.nextMarker(numId: $0, level: ilvl) }
            let outline = pPr?.first("outlineLvl")?.attribute("val").flatMap { Int($0) }
            let multiline = text.containsASCII("\n")
            if let level = styles.headingLevel(styleId: styleId) ?? outline.map({ $0 + 1 }), level <= 9 {
                out.append(Block(role: .heading, text: marker.map { "\($0) \(text)" } ?? text, level: level, marker: marker))
            } else if numId != nil && numId != "0" || styles.isListStyle(styleId: styleId) {
                out.append(Block(role: .listItem, text: text, level: ilvl, marker: marker))
            } else if r.boldChars > 0, r.plainChars == 0, text.count <= 120, !multiline {
                out.append(Block(role: .heading, text: text, level: 3))
            } else if multiline, case let lines = text.linesSplitAtLF(omittingEmptySubsequences: true),
                      LinePatterns.isLineSequence(lines) || lines.dropFirst().allSatisfy({ LinePatterns.field($0) != nil }) {
                out += PlainTextReader.lineBlocks(lines)
            } else if !multiline, let field = LinePatterns.field(text), text.count <= 240 {
                out.append(Block(role: .field, text: text, label: field.label))
            } else {
                out.append(Block(role: .paragraph, text: text))
            }
        }
        for box in r.textBoxes { out += blocks(of: box) }
        return out
    }

    private mutating func table(_ tbl: XElement) -> [Block] {
        var out: [Block] = []
        var first = true
        for tr in tbl.elements where tr.name == "tr" || tr.name == "sdt" || tr.name == "ins" {
            let rows = tr.name == "tr" ? [tr] : tr.descendants("tr")
            for row in rows {
                var cells: [String] = []
                var allBold = true
                for tc in row.elements where tc.name == "tc" || tc.name == "sdt" {
                    let cellBlocks = blocks(of: tc.name == "tc" ? tc : (tc.descendant("tc") ?? tc))
                    let t = cellBlocks.map(\.text).joined(separator: "\n")
                    cells.append(t)
                    if !t.isEmpty && !cellBlocks.allSatisfy({ $0.role == .heading }) { allBold = false }
                }
                guard cells.contains(where: { !$0.isEmpty }) else { continue }
                let declared = row.first("trPr")?.first("tblHeader") != nil
                out.append(Block(role: .tableRow, text: cells.filter { !$0.isEmpty }.joined(separator: " | "), cells: cells,
                                 isHeaderRow: declared || (first && allBold)))
                first = false
            }
        }
        return out
    }
}
