import RelatoriaCore

/// Turns the HTML that wvWare writes for a Word 97-2003 document into blocks as
/// ``DOCXReader`` would give them. wvWare keeps each paragraph's style name
/// (`<div name="Heading 1">`), lists as `<ol>`/`<ul>` of numbered `<li value>`, tables,
/// bold (`<b>`), line breaks (`<br>`), and the header and footer as paragraphs styled
/// "Header" and "Footer".
struct WvHTMLWalker {
    private(set) var blocks: [Block] = []
    private(set) var headers: [String] = []
    private(set) var footers: [String] = []
    private let maxDepth: Int

    init(maxDepth: Int) { self.maxDepth = maxDepth }

    typealias List = (ordered: Bool, type: String)

    mutating func walk(_ e: XElement, depth: Int = 0, list: List? = nil, item: Int? = nil) {
        guard depth < maxDepth else { return }
        for child in e.elements {
            switch child.name.lowercased() {
            case "table": table(child)
            case "ol": walk(child, depth: depth + 1, list: (true, child.attribute("type") ?? "1"))
            case "ul": walk(child, depth: depth + 1, list: (false, ""))
            case "li": walk(child, depth: depth + 1, list: list, item: Int(child.attribute("value") ?? "") ?? 1)
            case "div" where child.attribute("name") != nil: paragraph(child, list: list, item: item)
            case "script", "style", "head", "title": break
            default: walk(child, depth: depth + 1, list: list, item: item)
            }
        }
    }

    private static func marker(_ list: List, _ n: Int) -> String {
        guard list.ordered else { return "•" }
        let k = UInt8(max(1, min(n, 26)))
        switch list.type {
        case "a": return String(UnicodeScalar(0x60 + k)) + ")"
        case "A": return String(UnicodeScalar(0x40 + k)) + ")"
        default: return "\(n)."
        }
    }

    /// The element's text with `<br>` as a line feed, and how many of its characters are bold
    /// and how many are not (spaces aside, as the DOCX reader counts them).
    private static func text(_ e: XElement, bold: Bool, into s: inout String, _ b: inout Int, _ p: inout Int, depth: Int = 0) {
        guard depth < 64 else { return }
        for child in e.children {
            switch child {
            case .text(let t):
                s += t
                let n = t.trimmingSpacesAndNewlines().count
                if bold { b += n } else { p += n }
            case .element(let c):
                let name = c.name.lowercased()
                if name == "br" { s += "\n"; continue }
                text(c, bold: bold || name == "b" || name == "strong", into: &s, &b, &p, depth: depth + 1)
            }
        }
    }

    private mutating func paragraph(_ div: XElement, list: List?, item: Int?) {
        var raw = "", b = 0, p = 0
        Self.text(div, bold: false, into: &raw, &b, &p)
        let text = raw.collapsingWhitespaceKeepingLines()
        guard !text.isEmpty else { return }
        let style = (div.attribute("name") ?? "").lowercased()
        if style == "header" || style == "footer" {
            let flat = text.collapsingWhitespace()
            guard !LinePatterns.isPageFooter(flat) else { return }
            if style == "header", !headers.contains(flat) { headers.append(flat) }
            if style == "footer", !footers.contains(flat) { footers.append(flat) }
            return
        }
        var level: Int?
        if style == "title" || style == "título" { level = 1 }
        for prefix in ["heading ", "título ", "titulo "] where style.hasPrefix(prefix) { level = Int(style.dropFirst(prefix.count)) }
        if let level, level <= 9 {
            blocks.append(Block(role: .heading, text: text.collapsingWhitespace(), level: level))
            return
        }
        var para = ParagraphBlocks.Paragraph(text, allBold: b > 0 && p == 0)
        if let list, let item { para.marker = Self.marker(list, item) } else if style.hasPrefix("list") { para.marker = "•" }
        blocks += ParagraphBlocks.blocks(para)
    }

    private mutating func table(_ t: XElement) {
        var first = true
        for tr in t.descendants("tr") {
            var cells: [String] = []
            var allBold = true
            for td in tr.elements where ["td", "th"].contains(td.name.lowercased()) {
                var raw = "", b = 0, p = 0
                Self.text(td, bold: td.name.lowercased() == "th", into: &raw, &b, &p)
                if p > 0 { allBold = false }
                let paragraphs = td.descendants("div").map { div -> String in
                    var s = "", x = 0, y = 0
                    Self.text(div, bold: false, into: &s, &x, &y)
                    return s.collapsingWhitespace()
                }.filter { !$0.isEmpty }
                cells.append(paragraphs.isEmpty ? raw.collapsingWhitespace() : paragraphs.joined(separator: "\n"))
            }
            if let row = ParagraphBlocks.row(cells, header: first && allBold) {
                blocks.append(row)
                first = false
            }
        }
    }
}
