public import Foundation
public import RelatoriaCore

/// Reads Markdown: ATX and Setext headings, lists, pipe tables, block quotes, fenced code;
/// inline markup (emphasis, code, links, images, HTML comments) is removed from the text.
public struct MarkdownReader: DocumentReader {
    public init() {}

    public func read(_ data: Data, limits: ReaderLimits) throws -> NormalizedDocument {
        let decoded = try TextDecoder.decode(data)
        // YAML front matter (Jekyll, Hugo, GitHub Pages): its title is the document's, its
        // date a date field; the rest (layout, permalink, nav_order ...) is the site's, not text.
        let (front, body) = Self.frontMatter(decoded.text)
        var blocks = Self.blocks(body)
        // (A site's date is often the day the page was posted, not the meeting's: marked as the
        // front matter's, it gives way to a date the title or the opening states.)
        // (The page's venue: "location:", "place:", "venue:", "lugar:".)
        if let place = ["location", "venue", "place", "lugar"].lazy.compactMap({ front[$0] }).first(where: { !$0.isEmpty }) {
            blocks.insert(Block(role: .field, text: "Location: " + place, label: "Location", hints: [Block.frontMatterHint]), at: 0)
        }
        // (Who took part, as a site's minutes list them: "participants:" then one name an item.)
        if let (key, people) = Self.attendeeKeys.lazy.compactMap({ k in front[k].map { (k, $0) } }).first(where: { !$0.1.isEmpty }) {
            // (The members a meeting page lists are those who met: labelled as attendees.)
            let label = key == "members" ? "Attendees" : key == "miembros" ? "Asistentes" : key.prefix(1).uppercased() + key.dropFirst()
            blocks.insert(Block(role: .field, text: label + ": " + people, label: label), at: 0)
        }
        // ("chair: Ana Ruiz": who chaired, as a field the extractor reads as a role.)
        if let chair = front["chair"] ?? front["presidente"] ?? front["preside"], !chair.isEmpty, !chair.contains("\n") {
            blocks.insert(Block(role: .field, text: "Chair: " + chair, label: "Chair"), at: 0)
        }
        if let date = front["date"], !date.isEmpty {
            blocks.insert(Block(role: .field, text: "Date: " + date, label: "Date", hints: [Block.frontMatterHint]), at: 0)
        }
        if let title = front["title"], !title.isEmpty { blocks.insert(Block(role: .heading, text: title, level: 1), at: 0) }
        var doc = NormalizedDocument(format: .md, blocks: blocks, warnings: decoded.warnings)
        if let title = front["title"], !title.isEmpty {
            doc.metadata.title = title
            doc.metadata.titleIsVisible = true
        }
        if doc.blocks.isEmpty { doc.warnings.append("the document has no text") }
        return doc
    }

    /// Front matter keys that list who took part.
    /// ("members:" of a meeting page, `layout: meeting`, lists the members who met.)
    static let attendeeKeys = ["participants", "attendees", "present", "attendance", "asistentes", "participantes", "presentes", "members", "miembros"]

    /// Pelican's or MultiMarkdown's metadata: "Key: value" lines that open the file up to its
    /// first blank line ("Title: Board Meeting" / "Date: 2017-01-14 10:20" / "save_as: ..."),
    /// a title among them; nil when the first lines are not all such.
    static func metadataLines(_ t: Substring) -> ([String: String], String)? {
        guard t.first?.isLetter == true else { return nil }
        var keys: [String: String] = [:]
        var end = t.startIndex
        for line in t.split(separator: "\n", maxSplits: 40, omittingEmptySubsequences: false) {
            end = t.index(line.endIndex, offsetBy: line.endIndex < t.endIndex ? 1 : 0)
            let l = line.trimmingSpaces()
            if l.isEmpty { break }
            guard let colon = l.firstIndex(of: ":") else { return nil }
            let key = l[..<colon]
            guard key.count <= 24, key.first?.isLetter == true, key.allSatisfy({ $0.isLetter || $0 == "_" || $0 == "-" || $0 == " " }) else { return nil }
            keys[key.lowercased()] = l[l.index(after: colon)...].trimmingSpaces()
        }
        guard keys.count >= 2, keys["title"] != nil else { return nil }
        return (keys, String(t[end...]))
    }

    /// The keys and plain values of a front matter block that opens `text` (YAML: "---" lines
    /// around "key: value" lines; TOML, Hugo's: "+++" lines around "key = value" lines), and
    /// the text after it; no keys and the whole text when there is none.
    static func frontMatter(_ text: String) -> ([String: String], String) {
        var t = text[...]
        if t.first == "\u{FEFF}" { t = t.dropFirst() }
        let toml = t.hasPrefix("+++\n") || t.hasPrefix("+++\r\n")
        guard toml || t.hasPrefix("---\n") || t.hasPrefix("---\r\n") else { return metadataLines(t) ?? ([:], text) }
        let fence = toml ? "+++" : "---"
        let separator: Character = toml ? "=" : ":"
        var keys: [String: String] = [:]
        var first = true
        // A YAML block scalar ("title: >" then indented lines) goes on under its key.
        var block: String?
        var sequence: String?
        for line in t.split(separator: "\n", maxSplits: 200, omittingEmptySubsequences: false) {
            let after = t.index(line.endIndex, offsetBy: line.endIndex < t.endIndex ? 1 : 0)
            let l = line.trimmingSpaces()
            if first { first = false; continue }
            // A YAML sequence under a key with no value ("participants:" then "  - Ana Ruiz"):
            // its items, one a line.
            if let key = sequence {
                if l.hasPrefix("- ") {
                    let item = l.dropFirst(2).trimmingSpaces()
                    if !item.isEmpty { keys[key] = (keys[key].map { $0.isEmpty ? "" : $0 + "\n" } ?? "") + item }
                    continue
                }
                sequence = nil
            }
            if let key = block {
                if line.first == " " || line.first == "\t", !l.isEmpty {
                    keys[key] = (keys[key].map { $0.isEmpty ? "" : $0 + " " } ?? "") + l
                    continue
                }
                block = nil
            }
            if l == fence || !toml && l == "..." { return (keys, String(t[after...])) }
            guard line.first?.isLetter == true, let colon = line.firstIndex(of: separator) else { continue }
            let key = line[..<colon].trimmingSpaces().lowercased()
            var value = line[line.index(after: colon)...].trimmingSpaces()
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                value = String(value.dropFirst().dropLast())
                // (YAML's escapes: "Declaraci\xF3n", "Los\_\xC1ngeles"; '' in single quotes.)
                if !toml, q == "\"", value.contains("\\") { value = Self.unescapeYAML(value) }
                if !toml, q == "'" { value = value.replacingOccurrences(of: "''", with: "'") }
            }
            if !toml, [">", "|", ">-", "|-", ">+", "|+"].contains(value) {
                if keys[key] == nil { keys[key] = ""; block = key }
                continue
            }
            if keys[key] == nil {
                keys[key] = value
                if value.isEmpty && !toml { sequence = key }
            }
        }
        return ([:], text)
    }

    /// A YAML double-quoted scalar's escapes: `\xF3` (two hex digits), `\u00F3`, `\U000000F3`,
    /// `\_` (a no-break space, read as a space), `\n`, `\t`, `\"`, `\\` ...; an unknown one is kept as written.
    private static let yamlEscapes: [Unicode.Scalar: String] = ["n": "\n", "t": "\t", "r": "\r", "0": "\u{0}", "\"": "\"", "\\": "\\", "/": "/", " ": " ",
                                                                "_": " ", "N": "\u{85}", "L": "\u{2028}", "P": "\u{2029}", "e": "\u{1B}", "a": "\u{7}", "b": "\u{8}"]

    static func unescapeYAML(_ s: String) -> String {
        var out = ""
        var it = Array(s.unicodeScalars)[...]
        while let c = it.popFirst() {
            guard c == "\\", let e = it.popFirst() else { out.unicodeScalars.append(c); continue }
            if let r = yamlEscapes[e] { out += r; continue }
            let width = e == "x" ? 2 : e == "u" ? 4 : e == "U" ? 8 : 0
            if width > 0, it.count >= width, let v = UInt32(String(String.UnicodeScalarView(it.prefix(width))), radix: 16), let u = Unicode.Scalar(v) {
                out.unicodeScalars.append(u)
                it = it.dropFirst(width)
                continue
            }
            out.unicodeScalars.append(c)
            out.unicodeScalars.append(e)
        }
        return out
    }

    // Compiled once (a pattern given to `range(of:options:)` is compiled on every call).
    private static let headingMark = Pattern(#"^#{1,6}\s+"#)
    /// A heading written without its space ("#Resumen de la reunión"): the marks before a
    /// capital, on a line of two words or more that holds no other hashtag.
    private static let tightHeadingMark = Pattern(#"^#{1,6}(?=\p{Lu})"#)
    private static let closingMarks = Pattern(#"\s+#+\s*$"#)
    private static let separatorCell = Pattern(#"^:?-+:?$"#)

    static func blocks(_ text: String) -> [Block] {
        var out: [Block] = []
        var prose: [String] = []
        var tableHeader: Block?
        var inFence = false
        var fence: [String] = []
        // (Most texts have no comment: the expression, compiled at each call, runs only on those.)
        let source = text.containsBytes("<!--") ? text.replacingOccurrences(of: #"<!--[\s\S]*?-->"#, with: "", options: .regularExpression) : text
        let lines = source.linesSplitAtLF()

        // Whether each prose line ends with a hard line break (two spaces or a backslash).
        var breaks: [Bool] = []
        func flushProse() {
            guard !prose.isEmpty else { return }
            // Lines that each start afresh (fields, names) or that end with a hard line break
            // stay apart; wrapped prose is joined.
            let hard = prose.count > 1 && breaks.dropLast().allSatisfy { $0 }
            // (A label that opens a list below counts with the fields: "📆 Fecha: 03/03/2025" /
            // "👥 Asistentes:".)
            let lines = prose.count > 1 && (hard || prose.allSatisfy { LinePatterns.field($0) != nil || $0.trimmingSpaces().hasSuffix(":") && $0.count <= 60 }
                                            && prose.contains { LinePatterns.field($0) != nil } || LinePatterns.isLineSequence(prose))
                ? prose : [prose.joined(separator: " ")]
            prose.removeAll()
            breaks.removeAll()
            for line in lines {
                let text = line.collapsingWhitespace()
                if let field = LinePatterns.field(text), text.count <= 200 {
                    out.append(Block(role: .field, text: text, label: field.label))
                } else {
                    out.append(Block(role: .paragraph, text: text))
                }
            }
        }
        func flushTable() {
            if let h = tableHeader { out.append(h) }
            tableHeader = nil
        }

        var i = 0
        // The number of the last line that belonged to a list item (`i` after it was read).
        var itemLine = -1
        // Lines the search for raw HTML blocks' ends may read in all: a file of many unclosed
        // `<div>` lines must not be read again from each of them (30,000 took minutes).
        var htmlBudget = lines.count + 10_000
        while i < lines.count {
            let line = lines[i]
            let t = line.trimmingSpaces()
            i += 1
            if t.hasPrefix("```") || t.hasPrefix("~~~") {
                if inFence {
                    let code = fence.joined(separator: "\n").trimmingSpacesAndNewlines()
                    if !code.isEmpty { out.append(Block(role: .paragraph, text: code)) }
                    fence.removeAll()
                } else {
                    flushProse()
                }
                inFence.toggle()
                continue
            }
            if inFence { fence.append(line); continue }
            // A raw HTML block (a table, a div of fields) is read as HTML: its rows, cells and
            // lists keep their structure instead of running together as one paragraph. (As in
            // CommonMark, such a block-level tag opening a line ends the paragraph above it.)
            if t.first == "<", let end = Self.htmlBlockEnd(lines, from: i - 1, budget: &htmlBudget),
               let html = Self.htmlBlocks(lines[(i - 1)..<end].joined(separator: "\n")) {
                flushProse(); flushTable()
                out += html
                i = end
                continue
            }
            if t.isEmpty || LinePatterns.isPageFooter(t) {
                flushProse(); flushTable()
                continue
            }
            // Setext heading: a prose line underlined by === or ---.
            if prose.count == 1, t.count >= 3, t.allSatisfy({ $0 == "=" }) || t.allSatisfy({ $0 == "-" }) {
                let heading = prose[0]
                prose.removeAll()
                out.append(Block(role: .heading, text: inline(heading), level: t.hasPrefix("=") ? 1 : 2))
                continue
            }
            if LinePatterns.isRule(t) { flushProse(); continue }
            if t.hasPrefix("#"), let r = Self.headingMark.firstRange(in: t)
                ?? (t.wordsAtSpaces().count >= 2 && !t.contains(" #") ? Self.tightHeadingMark.firstRange(in: t) : nil) {
                flushProse(); flushTable()
                let level = t[r].filter { $0 == "#" }.count
                let text = inline(Self.closingMarks.replacing(in: String(t[r.upperBound...]), with: ""))
                if !text.isEmpty { out.append(Block(role: .heading, text: text, level: level)) }
                continue
            }
            if t.hasPrefix("|") {
                flushProse()
                let cells = Self.cells(t)
                if cells.allSatisfy({ Self.separatorCell.matches($0) }) {
                    tableHeader?.isHeaderRow = true
                    flushTable()
                    continue
                }
                flushTable()
                let clean = cells.map(inline)
                tableHeader = Block(role: .tableRow, text: clean.joined(separator: " | "), cells: clean)
                continue
            }
            flushTable()
            var body = t
            while body.hasPrefix(">") { body = String(body.dropFirst()).trimmingSpaces() }
            if let item = LinePatterns.listItem(line.hasPrefix(">") ? body : line) {
                flushProse()
                out.append(Block(role: .listItem, text: inline(item.text), level: item.indent / 2, marker: item.marker))
                itemLine = i
                continue
            }
            // A lazy continuation line (CommonMark): a list item's sentence wrapped onto a line
            // that is not indented ("2. ... The letter" / "was ordered accepted ..."). Only a
            // line that goes on with the sentence: lower-case, or after an item that does not end
            // one; never a field.
            if prose.isEmpty, itemLine == i - 1, out.last?.role == .listItem, !line.hasPrefix(">"), LinePatterns.field(body) == nil,
               body.first.map { $0.isLetter || $0.isNumber } == true, body.first?.isLowercase == true || !(out.last?.text.last.map { ".:;!?)".contains($0) } ?? true) {
                out[out.count - 1].text += " " + inline(body)
                itemLine = i
                continue
            }
            if !prose.isEmpty || out.last?.role != .listItem || !line.hasPrefix("  ") {
                // A bold-only line is a heading; a **Label:** value line is a field.
                if prose.isEmpty, let h = boldHeading(body) {
                    out.append(Block(role: .heading, text: h, level: 3))
                    continue
                }
                let hardBreak = line.hasSuffix("  ") || line.hasSuffix("\\")
                prose.append(inline(hardBreak && body.hasSuffix("\\") ? String(body.dropLast()) : body))
                breaks.append(hardBreak)
            } else {
                out[out.count - 1].text += " " + inline(body)
                itemLine = i
            }
        }
        flushProse(); flushTable()
        if inFence, !fence.isEmpty { out.append(Block(role: .paragraph, text: fence.joined(separator: "\n"))) }
        return out
    }

    private static let htmlBlockStart = Pattern(#"(?i)^<(table|div|details|section|center|dl|ul|ol|blockquote|h[1-6]|article|header|footer|main|aside|figure)(?=[\s>/]|$)"#)

    /// The index after the last line of a raw HTML block opening at `start` (a block-level
    /// element, closed where its nesting of the same element returns to zero); nil when the
    /// line opens none, the element is not closed within 5,000 lines, or `budget` (lines read,
    /// counted down) runs out.
    static func htmlBlockEnd(_ lines: [String], from start: Int, budget: inout Int) -> Int? {
        let first = lines[start].trimmingSpaces()
        guard let r = htmlBlockStart.firstRange(in: first) else { return nil }
        let name = first[first.index(after: r.lowerBound)..<r.upperBound].lowercased()
        // Occurrences of "<name" or "</name" followed by a space, ">", "/" or the line's end.
        func count(_ tag: String, in line: String) -> Int {
            var n = 0
            var rest = line[...]
            while let found = rest.range(of: tag) {
                let next = found.upperBound < rest.endIndex ? rest[found.upperBound] : " "
                if next == " " || next == ">" || next == "/" || next == "\t" { n += 1 }
                rest = rest[found.upperBound...]
            }
            return n
        }
        var depth = 0
        for j in start..<min(lines.count, start + 5_000) {
            budget -= 1
            if budget < 0 { return nil }
            let line = lines[j].lowercased()
            guard line.contains("<") else { continue }
            depth += count("<" + name, in: line) - count("</" + name, in: line)
            if depth <= 0 { return j + 1 }
        }
        return nil
    }

    /// The blocks of a raw HTML fragment, as the HTML reader makes them; nil when it holds none.
    static func htmlBlocks(_ html: String) -> [Block]? {
        guard let root = try? LibXMLParser.parseHTML(Data(("<div>" + html + "</div>").utf8), limits: ReaderLimits(), encoding: "UTF-8") else { return nil }
        var walker = HTMLWalker()
        walker.walk(root)
        walker.flush()
        return walker.blocks.isEmpty ? nil : walker.blocks
    }

    private static func cells(_ row: String) -> [String] {
        var t = row.trimmingSpaces()
        if t.hasPrefix("|") { t.removeFirst() }
        if t.hasSuffix("|") { t.removeLast() }
        return t.replacingOccurrences(of: "\\|", with: "\u{1}").split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.replacingOccurrences(of: "\u{1}", with: "|").trimmingSpaces() }
    }

    private static func boldHeading(_ line: String) -> String? {
        for mark in ["**", "__"] where line.hasPrefix(mark) && line.hasSuffix(mark) && line.count > 4 {
            let inner = line.dropFirst(2).dropLast(2)
            // (A sentence in bold is a sentence: "**Action - JS to send the list to LM.**".)
            if inner.hasSuffix("."), inner.wordsAtSpaces().count >= 6 { return nil }
            if !inner.contains(mark) { return inline(String(inner)) }
        }
        return nil
    }

    // (Pandoc's attributes after an image or a link, "{.wp-image-16}" / "{#fig1 width=50%}", go with it.)
    private static let inline0 = Pattern(#"!\[([^\]]*)\]\([^)]*\)(\{[#.][^{}]*\})?"#)
    private static let inline1 = Pattern(#"\[([^\]]+)\]\([^)]*\)(\{[#.][^{}]*\})?"#)
    private static let inline2 = Pattern(#"\[([^\]]+)\]\[[^\]]*\]"#)
    private static let inline3 = Pattern(#"<(https?://[^>]+)>"#)
    private static let inline4 = Pattern(#"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"#)
    private static let inline5 = Pattern(#"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)"#)
    private static let inline6 = Pattern(#"(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])"#)
    private static let inline7 = Pattern(#"~~(.+?)~~"#)
    private static let inline8 = Pattern(#"`([^`]*)`"#)
    private static let inline9 = Pattern(#"</?[a-zA-Z][^>]*>"#)
    private static let inline10 = Pattern(#"\\([\\`*_{}\[\]()#+\-.!|])"#)

    /// Removes inline Markdown: images and links keep their text, emphasis and code marks go.
    static func inline(_ s: String) -> String {
        // Very long lines skip the pattern work: they are data, not prose with markup.
        guard s.utf8.count <= 20_000 else { return s.collapsingWhitespace() }
        var t = s
        // Each pattern needs one of these characters; a replacement only keeps part of its
        // match, so a character absent before a pattern is absent after it: most lines of
        // prose have none and skip the regular expressions. (Which are present is read once,
        // from the line as it came: a pattern run on a line whose character an earlier
        // replacement removed finds nothing and changes nothing.)
        var present = [Bool](repeating: false, count: 128)
        var line = s
        line.withUTF8 { for b in $0 where b < 0x80 { present[Int(b)] = true } }
        func has(_ c: Unicode.Scalar) -> Bool { present[Int(c.value)] }
        if has("!") { t = inline0.replacing(in: t, with: "$1") }
        if has("[") {
            t = inline1.replacing(in: t, with: "$1")
            t = inline2.replacing(in: t, with: "$1")
        }
        if has("<") { t = inline3.replacing(in: t, with: "$1") }
        if has("*") || has("_") { t = inline4.replacing(in: t, with: "$2") }
        if has("*") { t = inline5.replacing(in: t, with: "$1") }
        if has("_") { t = inline6.replacing(in: t, with: "$1") }
        if has("~") { t = inline7.replacing(in: t, with: "$1") }
        if has("`") { t = inline8.replacing(in: t, with: "$1") }
        if has("<") { t = inline9.replacing(in: t, with: "") }
        if has("\\") { t = inline10.replacing(in: t, with: "$1") }
        return t.collapsingWhitespace()
    }
}
