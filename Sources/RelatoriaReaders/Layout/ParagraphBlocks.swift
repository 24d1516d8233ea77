import RelatoriaCore

/// Turns the paragraphs of a format without styles (PDF, `.doc` read by catdoc, RTF, OCR
/// text) into blocks, deciding each one's role the way ``DOCXReader`` decides a styled
/// paragraph's, so that the same document gives the same blocks whatever it was saved as.
enum ParagraphBlocks {
    /// One paragraph's text and what its format knew about it.
    struct Paragraph {
        var text: String
        /// A heading level the format gives (PDF: from the font size), if any.
        var headingLevel: Int?
        /// True when every letter is bold (PDF, RTF).
        var allBold = false
        /// A list marker the format gives apart from the text (RTF `\listtext`), if any.
        var marker: String?
        /// Nesting of a list item (0 at the top).
        var listLevel = 0
        /// True when the format knows no bold and no sizes (catdoc, OCR): shapes of the line
        /// decide headings instead.
        var plain = false

        init(_ text: String, headingLevel: Int? = nil, allBold: Bool = false, marker: String? = nil, plain: Bool = false) {
            self.text = text
            self.headingLevel = headingLevel
            self.allBold = allBold
            self.marker = marker
            self.plain = plain
        }
    }

    /// Bullets that word processors write as a glyph of their own before the text.
    static let bullets: Set<Character> = ["•", "◦", "▪", "■", "●", "○", "·", "‣", "⁃", "\u{F0B7}", "\u{F0A7}", "\u{F076}", "\u{F0D8}", "\u{2013}", "-", "*"]

    /// The block of one paragraph.
    static func block(_ p: Paragraph) -> Block? {
        var text = p.text.collapsingWhitespace()
        guard !text.isEmpty else { return nil }
        if let level = p.headingLevel { return Block(role: .heading, text: text, level: level) }
        if let marker = p.marker { return Block(role: .listItem, text: text, level: p.listLevel, marker: marker) }
        if let first = text.first, bullets.contains(first) || first.unicodeScalars.first!.properties.generalCategory == .privateUse, text.count > 2 {
            let rest = text.dropFirst()
            if rest.first == " " || rest.first == "\t" || first.unicodeScalars.first!.properties.generalCategory == .privateUse {
                text = rest.trimmingSpaces()
                return Block(role: .listItem, text: text, level: p.listLevel, marker: "•")
            }
        }
        if p.allBold, text.count <= 120 { return Block(role: .heading, text: text, level: 3) }
        if p.plain, let level = LinePatterns.headingLevel(text, alone: true) {
            return Block(role: .heading, text: text, level: level)
        }
        if p.plain, let item = LinePatterns.listItem(text) {
            return Block(role: .listItem, text: item.text, level: p.listLevel, marker: item.marker)
        }
        if let field = LinePatterns.field(text), text.count <= 240 {
            return Block(role: .field, text: text, label: field.label)
        }
        return Block(role: .paragraph, text: text)
    }

    /// The blocks of one paragraph that may hold line breaks: as ``DOCXReader`` splits a
    /// paragraph with breaks, lines that each start afresh (a title block, names over their
    /// roles) or `Label: value` lines become a block each; other breaks are wraps.
    static func blocks(_ p: Paragraph) -> [Block] {
        let lines = p.text.linesSplitAtLF(omittingEmptySubsequences: true).map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        if lines.count > 1, p.headingLevel == nil, p.marker == nil,
           LinePatterns.isLineSequence(lines) || lines.dropFirst().allSatisfy({ LinePatterns.field($0) != nil }) {
            return PlainTextReader.lineBlocks(lines)
        }
        var joined = p
        joined.text = lines.joined(separator: " ")
        if lines.count > 1 { joined.allBold = false }
        return block(joined).map { [$0] } ?? []
    }

    /// A table row from its cells.
    static func row(_ cells: [String], header: Bool) -> Block? {
        let cells = cells.map { $0.collapsingWhitespace() }
        guard cells.contains(where: { !$0.isEmpty }) else { return nil }
        return Block(role: .tableRow, text: cells.filter { !$0.isEmpty }.joined(separator: " | "), cells: cells, isHeaderRow: header)
    }
}
