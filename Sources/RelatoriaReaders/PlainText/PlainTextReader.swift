public import Foundation
public import RelatoriaCore

/// Reads `.txt` (and `.rst`): encoding detected, line endings normalized, page footers
/// dropped; headings, list items, `Label: value` lines and column layouts recognized.
public struct PlainTextReader: DocumentReader {
    public init() {}

    public func read(_ data: Data, limits: ReaderLimits) throws -> NormalizedDocument {
        let decoded = try TextDecoder.decode(data)
        var doc = NormalizedDocument(format: .txt, blocks: Self.blocks(fromText: decoded.text), warnings: decoded.warnings)
        if doc.blocks.isEmpty { doc.warnings.append("the document has no text") }
        return doc
    }

    /// Splits plain text into blocks; shared with readers of formats that hold plain text.
    static func blocks(fromText text: String) -> [Block] {
        var blocks: [Block] = []
        var paragraph: [String] = []
        let lines = text.linesSplitAtLF()
        func flush() {
            blocks += Self.blocks(fromParagraph: paragraph)
            paragraph.removeAll()
        }
        // A TWiki or Foswiki page ("---++ Agenda" headings, "%META:...%" lines).
        let twiki = lines.prefix(40).contains { $0.hasPrefix("%META:") || $0.hasPrefix("---+") }
        for raw in lines {
            var line = raw.containsByte(0x0C) ? raw.replacingOccurrences(of: "\u{000C}", with: "") : raw
            if line.trimmingSpaces().isEmpty || LinePatterns.isPageFooter(line) {
                flush()
                continue
            }
            if twiki {
                if line.hasPrefix("%META:") { flush(); continue }
                if let h = LinePatterns.twikiHeading(line) {
                    flush()
                    blocks.append(Block(role: .heading, text: h.text, level: h.level))
                    continue
                }
                // ("!WaterML": a "!" keeps a CamelCase word from becoming a link.)
                line = LinePatterns.twikiUnescape(line)
            }
            if LinePatterns.isRule(line) {
                // A Setext underline makes the previous single line a heading.
                if paragraph.count == 1, !LinePatterns.isRule(paragraph[0]) {
                    let level = line.trimmingSpaces().hasPrefix("=") ? 1 : 2
                    blocks.append(Block(role: .heading, text: paragraph[0].collapsingWhitespace(), level: level))
                    paragraph.removeAll()
                } else {
                    flush()
                }
                continue
            }
            paragraph.append(line)
        }
        flush()
        return blocks
    }

    /// Lines that each start afresh, one block each.
    static func lineBlocks(_ lines: [String]) -> [Block] {
        lines.enumerated().flatMap { n, line in lineBlock(line, first: n == 0) }
    }

    /// One line of a line sequence as a block; a numbered line reads as a heading only alone.
    private static func lineBlock(_ line: String, first: Bool) -> [Block] {
        let trimmed = line.trimmingSpaces().collapsingWhitespace()
        if let level = LinePatterns.headingLevel(line, alone: false), first || level == 1 || level == 3 {
            return [Block(role: .heading, text: trimmed, level: level)]
        }
        if let item = LinePatterns.listItem(line) {
            return [Block(role: .listItem, text: item.text.collapsingWhitespace(), level: item.indent / 2, marker: item.marker)]
        }
        if let field = LinePatterns.field(line) { return [Block(role: .field, text: trimmed, label: field.label)] }
        if line.containsASCII("   ") || line.containsASCII("\t"), let cells = LinePatterns.columns(line) {
            return [Block(role: .tableRow, text: cells.joined(separator: " | "), cells: cells)]
        }
        return [Block(role: .paragraph, text: trimmed)]
    }

    /// Notes written as an outline, indentation alone showing what belongs under what
    /// ("2013.08.31" / "    attendees" / "        Chris Wendt" / "    talking points" / ...):
    /// a line with deeper lines under it is their heading, the others items. Nil for lines
    /// that are not an outline: fewer than three, one indentation, the indentation changing
    /// once only (a first line's indent, a hanging indent of wrapped prose), or list markers.
    static func outlineBlocks(_ lines: [String]) -> [Block]? {
        // (Lines with list markers are a list, with its own continuation lines.)
        guard lines.count >= 3, lines.allSatisfy({ $0.hasAtMost(300) && LinePatterns.listItem($0) == nil }) else { return nil }
        let indents = lines.map { line in line.prefix { $0 == " " || $0 == "\t" }.reduce(0) { $0 + ($1 == "\t" ? 4 : 1) } }
        let changes = zip(indents, indents.dropFirst()).filter { $0 != $1 }.count
        let levels = Array(Set(indents)).sorted()
        guard levels.count >= 2, changes >= 2, indents.dropFirst().contains(where: { $0 > indents[0] }) else { return nil }
        return lines.indices.map { n in
            let text = lines[n].trimmingSpaces().collapsingWhitespace()
            let level = levels.firstIndex(of: indents[n]) ?? 0
            let parent = n + 1 < lines.count && indents[n + 1] > indents[n] && text.hasAtMost(80) && !text.hasSuffix(".")
            return parent ? Block(role: .heading, text: text, level: min(6, level + 1)) : Block(role: .listItem, text: text, level: level)
        }
    }

    private static func blocks(fromParagraph lines: [String]) -> [Block] {
        guard !lines.isEmpty else { return [] }
        var out: [Block] = []
        var prose: [String] = []
        func flushProse() {
            guard !prose.isEmpty else { return }
            out.append(Block(role: .paragraph, text: prose.joined(separator: " ").collapsingWhitespace()))
            prose.removeAll()
        }
        // A paragraph whose later lines are items, fields or columns, or whose lines each start
        // afresh (a title block, a list of names), is a sequence of lines, not wrapped prose.
        // (Among two fields or more, a label in lower case is one too: "comment: ...".)
        let fields = lines.filter { LinePatterns.field($0) != nil }.count
        let structured = lines.count == 1 || lines.dropFirst().allSatisfy {
            LinePatterns.listItem($0) != nil || LinePatterns.field($0) != nil || LinePatterns.columns($0) != nil
                || fields >= 2 && LinePatterns.field(String($0.prefix(1)).uppercased() + $0.dropFirst()) != nil
        } || LinePatterns.isLineSequence(lines)
        if structured, lines.count > 1 {
            return lines.enumerated().flatMap { n, line in lineBlock(line, first: n == 0) }
        }
        if let outline = outlineBlocks(lines) { return outline }
        if lines.count > 1, LinePatterns.headingLevel(lines[0], alone: false) == 1 {
            return blocks(fromParagraph: [lines[0]]) + blocks(fromParagraph: Array(lines.dropFirst()))
        }
        for (n, line) in lines.enumerated() {
            let trimmed = line.trimmingSpaces().collapsingWhitespace()
            if n == 0, structured, let level = LinePatterns.headingLevel(line, alone: lines.count == 1) {
                out.append(Block(role: .heading, text: trimmed, level: level))
            } else if let item = LinePatterns.listItem(line) {
                flushProse()
                out.append(Block(role: .listItem, text: item.text.collapsingWhitespace(), level: item.indent / 2, marker: item.marker))
            } else if structured, let field = LinePatterns.field(line) {
                out.append(Block(role: .field, text: trimmed, label: field.label))
            } else if structured, line.containsASCII("   ") || line.containsASCII("\t"), let cells = LinePatterns.columns(line) {
                out.append(Block(role: .tableRow, text: cells.joined(separator: " | "), cells: cells))
            } else if !prose.isEmpty || out.last?.role != .listItem || !line.hasPrefix(" ") {
                prose.append(trimmed)
            } else {
                // An indented continuation of the list item above.
                out[out.count - 1].text += " " + trimmed
            }
        }
        flushProse()
        return out
    }
}
