public import Foundation
public import RelatoriaCore

/// Reads HTML with libxml2's forgiving parser: scripts, styles and navigation dropped; headings,
/// paragraphs, lists, tables and definition lists kept as blocks; Word-exported HTML included.
public struct HTMLReader: DocumentReader {
    public init() {}

    public func read(_ data: Data, limits: ReaderLimits) throws -> NormalizedDocument {
        try TextDecoder.refuseBinary([UInt8](data.prefix(65_536)))
        let utf8 = String(validating: [UInt8](data), as: UTF8.self) != nil
        let root = try LibXMLParser.parseHTML(data, limits: limits, encoding: utf8 ? "UTF-8" : nil)
        var walker = HTMLWalker()
        walker.walk(root)
        walker.flush()
        var doc = NormalizedDocument(format: .html, blocks: walker.blocks)
        doc.metadata = Self.metadata(root)
        if doc.blocks.isEmpty { doc.warnings.append("the document has no text") }
        return doc
    }

    static func metadata(_ root: XElement) -> DocumentMetadata {
        var meta = DocumentMetadata()
        if let lang = root.attribute("lang") ?? root.attribute("xml:lang"), lang.count >= 2 {
            meta.language = String(lang.prefix(2)).lowercased()
        }
        if let head = root.descendant("head") {
            if let title = head.descendant("title")?.text, !title.isEmpty { meta.title = title }
            for m in head.descendants("meta") {
                if let name = (m.attribute("name") ?? m.attribute("property"))?.lowercased(), let content = m.attribute("content") {
                    meta.properties[name] = content
                }
            }
        }
        return meta
    }
}

/// Walks an HTML tree, turning block elements into blocks and gathering inline text.
struct HTMLWalker {
    private(set) var blocks: [Block] = []
    private var buffer = ""
    private var bufferBold = true
    private var bufferHasText = false
    private var classes: [String] = []
    /// How many `<pre>` elements hold the text being read: only there is a line break of the
    /// source a line break of the text (elsewhere a browser shows it as a space).
    private var preDepth = 0

    static let skipped: Set<String> = ["script", "style", "noscript", "template", "head", "svg", "iframe", "object",
                                       "embed", "select", "button", "nav", "canvas", "math", "input", "textarea"]
    static let blockish: Set<String> = ["p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote",
                                        "pre", "address", "figure", "figcaption", "form", "fieldset", "center", "body",
                                        "html", "hgroup", "details", "summary", "caption", "ul", "ol", "menu", "dir"]

    /// True when a paragraph, heading, list or division lies within `e`.
    static func holdsBlocks(_ e: XElement) -> Bool {
        e.elements.contains { ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "section", "article"].contains($0.name.lowercased()) || holdsBlocks($0) }
    }

    mutating func walk(_ e: XElement, listLevel: Int = -1, insideBold: Bool = false) {
        // Word's namespaced elements (<o:p>) are inline, whatever their local name.
        let name = e.prefix.isEmpty && !e.name.contains(":") ? e.name.lowercased() : "span"
        // (A button's label is no text; but a parser that found no end to a button holds the
        // rest of the page inside it: then it is walked.)
        if Self.skipped.contains(name), name != "button" || !Self.holdsBlocks(e) { return }
        // An empty paragraph (Word's <o:p></o:p> reaches us as <p>) must not split the text around it.
        if name == "p", e.text.isEmpty { return }
        let cls = (e.attribute("class") ?? "").lowercased().split(separator: " ").map(String.init)
        classes.append(contentsOf: cls)
        defer { classes.removeLast(cls.count) }
        if name == "pre" { preDepth += 1 }
        defer { if name == "pre" { preDepth -= 1 } }
        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            flush()
            let text = e.text
            if !text.isEmpty { blocks.append(Block(role: .heading, text: text, level: Int(String(name.last!)) ?? 1, hints: classes)) }
        case "br":
            buffer += "\n"
        case "hr":
            flush()
        case "ul", "ol", "menu", "dir":
            flush()
            for c in e.children { visit(c, listLevel: listLevel + 1) }
            flush()
        case "li":
            flush()
            for c in e.children {
                if case .element(let sub) = c, ["ul", "ol"].contains(sub.name.lowercased()) {
                    flush(role: .listItem, level: max(listLevel, 0))
                }
                visit(c, listLevel: listLevel)
            }
            flush(role: .listItem, level: max(listLevel, 0))
        case "table":
            flush()
            tableRows(e)
        case "dl":
            flush()
            definitionList(e)
        case "p" where e.elements.first?.name.lowercased() == "cite" && Self.startsWithElement(e):
            // IRC-style minutes: <p><cite>speaker:</cite> what they said</p>.
            flush()
            let speaker = e.elements[0].text.trimming(ascii: "<>: ")
            for c in e.children { visit(c, listLevel: listLevel) }
            let text = buffer.collapsingWhitespaceKeepingLines()
            buffer = ""; bufferBold = true; bufferHasText = false
            if !text.isEmpty { blocks.append(Block(role: .speech, text: text, speaker: speaker, hints: classes)) }
        case "p" where cls.contains(where: { $0.hasPrefix("msotitle") }):
            flush()
            for c in e.children { visit(c, listLevel: listLevel) }
            flush(role: .heading, level: 1)
        default:
            if Self.blockish.contains(name) {
                flush()
                for c in e.children { visit(c, listLevel: listLevel) }
                flush()
            } else {
                let isBold = ["b", "strong"].contains(name) || (e.attribute("style") ?? "").replacingOccurrences(of: " ", with: "").contains("font-weight:bold")
                for c in e.children { visit(c, listLevel: listLevel, insideBold: insideBold || isBold) }
            }
        }
    }

    private mutating func visit(_ c: XElement.Child, listLevel: Int, insideBold: Bool = false) {
        switch c {
        case .text(let t):
            if !t.trimmingSpacesAndNewlines().isEmpty {
                bufferHasText = true
                if !insideBold { bufferBold = false }
            }
            // ("<P>Agreed: in AP drafts, example.org will be used for\nterms that ...": one line.)
            buffer += preDepth == 0 && (t.containsASCII("\n") || t.containsASCII("\r")) ? t.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") : t
        case .element(let e):
            walk(e, listLevel: listLevel, insideBold: insideBold)
        }
    }

    /// Ends the current run of inline text as a block of `role`.
    /// True when the element's first non-blank child is an element (no text before it).
    static func startsWithElement(_ e: XElement) -> Bool {
        for c in e.children {
            switch c {
            case .text(let t): if !t.trimmingSpacesAndNewlines().isEmpty { return false }
            case .element: return true
            }
        }
        return false
    }

    mutating func flush(role: Block.Role = .paragraph, level: Int = 0) {
        let text = buffer.collapsingWhitespaceKeepingLines()
        let wasBold = bufferBold && bufferHasText
        buffer = ""
        bufferBold = true
        bufferHasText = false
        guard !text.isEmpty else { return }
        let multiline = text.containsASCII("\n")
        if role == .paragraph, multiline {
            // Lines broken with <br>: a place and date line, fields, a list of names.
            let lines = text.linesSplitAtLF(omittingEmptySubsequences: true)
            if LinePatterns.isLineSequence(lines) || lines.dropFirst().allSatisfy({ LinePatterns.field($0) != nil }) {
                blocks += PlainTextReader.lineBlocks(lines).map { var b = $0; b.hints = classes; return b }
                return
            }
        }
        if role == .paragraph, wasBold, text.count <= 120, !multiline {
            blocks.append(Block(role: .heading, text: text, level: 4, hints: classes))
        } else if role == .paragraph, !multiline, let field = LinePatterns.field(text), text.count <= 200 {
            blocks.append(Block(role: .field, text: text, label: field.label, hints: classes))
        } else {
            blocks.append(Block(role: role, text: text, level: level, hints: classes))
        }
    }

    private mutating func tableRows(_ table: XElement) {
        for child in table.elements {
            switch child.name.lowercased() {
            case "thead", "tbody", "tfoot": tableRows(child)
            case "caption":
                let t = child.text
                if !t.isEmpty { blocks.append(Block(role: .heading, text: t, level: 5)) }
            case "tr":
                let cellElements = child.elements.filter { ["td", "th"].contains($0.name.lowercased()) }
                let cells = cellElements.map(Self.cellText)
                guard cells.contains(where: { !$0.isEmpty }) else { continue }
                let header = cellElements.allSatisfy { $0.name.lowercased() == "th" }
                blocks.append(Block(role: .tableRow, text: cells.filter { !$0.isEmpty }.joined(separator: " | "),
                                    cells: cells, isHeaderRow: header, hints: classes))
            default: break
            }
        }
    }

    /// A cell's text with one line per paragraph, list item or line break inside it (as a
    /// Word cell's paragraphs are read): "Ana Gómez" and "Luis Pérez" listed in one cell stay
    /// two lines.
    static func cellText(_ cell: XElement) -> String {
        var raw = ""
        func append(_ e: XElement) {
            for c in e.children {
                switch c {
                case .text(let t): raw += t
                case .element(let sub):
                    let name = sub.name.lowercased()
                    if skipped.contains(name) { continue }
                    if name == "br" { raw += "\n"; continue }
                    let block = blockish.contains(name) || ["li", "p", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd"].contains(name)
                    if block { raw += "\n" }
                    append(sub)
                    if block { raw += "\n" }
                }
            }
        }
        append(cell)
        guard raw.containsASCII("\n") else { return raw.collapsingWhitespace() }
        return raw.linesSplitAtLF(omittingEmptySubsequences: true).map { $0.collapsingWhitespace() }.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    private mutating func definitionList(_ dl: XElement) {
        var term: String?
        for child in dl.elements {
            switch child.name.lowercased() {
            case "dt":
                if let t = term { blocks.append(Block(role: .heading, text: t, level: 5)) }
                term = child.text
            case "dd":
                let value = child.text
                if let t = term, !t.isEmpty {
                    blocks.append(Block(role: .field, text: "\(t): \(value)", label: t.trimming(ascii: ": "), hints: classes))
                } else if !value.isEmpty {
                    blocks.append(Block(role: .paragraph, text: value, hints: classes))
                }
                term = nil
            case "div": definitionList(child)
            default: break
            }
        }
        if let t = term, !t.isEmpty { blocks.append(Block(role: .heading, text: t, level: 5)) }
    }
}
