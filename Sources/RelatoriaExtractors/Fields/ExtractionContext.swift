import Foundation
import RelatoriaCore

/// Everything the extractors share about one document: its blocks, their sections and
/// folded text, the lexicon, the main language and (once known) the meeting date.
struct ExtractionContext {
    let document: NormalizedDocument
    let blocks: [Block]
    let layout: TextLayout
    let lexicon: Lexicon
    let dates: DateParser
    let sections: SectionMap
    var language: String = "es"
    var meetingDate: String?
    var nextMeetingDate: String?
    var kind: Record.Kind = .other
    var warnings: [String] = []

    /// Characters of text the item extractors read (default two million: a thousand pages of
    /// minutes). Past them a document is data, not minutes; its full text is kept all the same.
    static let analyzedCharacters = 2_000_000

    init(document: NormalizedDocument, lexicon: Lexicon, dates: DateParser) {
        self.document = document
        var budget = Self.analyzedCharacters
        var analyzed: [Block] = []
        for b in document.blocks {
            budget -= b.text.count
            if budget < 0 { break }
            analyzed.append(b)
        }
        self.blocks = analyzed
        if analyzed.count < document.blocks.count {
            warnings.append("items were extracted from the first \(analyzed.count) of \(document.blocks.count) paragraphs (the first \(Self.analyzedCharacters) characters); the full text is kept")
        }
        self.layout = TextLayout(blocks: document.blocks)
        self.lexicon = lexicon
        self.dates = dates
        self.sections = SectionMap(blocks: analyzed, lexicon: lexicon)
    }

    var dayFirst: Bool { language != "en" }

    var meetingYear: Int? { meetingDate.flatMap { Int($0.prefix(4)) } }

    /// Index of the first block that opens the body: a section heading or a long paragraph.
    var headerEnd: Int {
        for (i, b) in blocks.enumerated() {
            if i >= 12 { return i }
            if sections.opens[i] != nil { return i }
            if b.role != .heading, !["narrative", "furniture", "heading"].contains(sections[i]) { return i }
            if (b.role == .paragraph || b.role == .speech) && !b.text.hasAtMost(280) { return i }
        }
        return min(blocks.count, 12)
    }

    /// The value of a `Label: value` field block (or an XML leaf), without the label.
    func fieldValue(_ b: Block) -> String {
        guard b.role == .field || b.role == .listItem, let label = b.label else { return b.text }
        if b.text.hasPrefix(label) {
            var rest = b.text.dropFirst(label.count)
            if rest.first == ":" { rest = rest.dropFirst() }
            return rest.trimmingSpaces()
        }
        return b.text
    }

    /// A field label folded for lookup in the lexicon's label sets.
    func labelKey(_ b: Block) -> String? {
        guard let l = b.label else { return nil }
        return Folding.key(GenericLabel.split(l))
    }

    /// Full dates in a text, with the document's day/month order.
    func fullDates(in s: String) -> [String] {
        dates.dates(in: FoldedText(s), dayFirst: dayFirst).compactMap { $0.year == nil ? nil : $0.iso() }
    }

    /// Sentences of a block's text, with their Character offsets.
    /// Words that a full stop follows without ending the sentence.
    private static let abbreviations: Set<String> = [
        "sr", "sra", "srta", "dr", "dra", "no", "nº", "art", "num", "p", "a", "m", "d", "c", "ee", "uu",
        "mr", "mrs", "ms", "st", "inc", "ltd", "etc", "vs", "pág", "pag", "ing", "lic", "cra", "av", "tel",
        "e", "u", "s", "i", "ii", "iii", "iv", "vol", "cap", "lit", "núm", "prof", "h",
    ]

    static func sentences(_ s: String) -> [(text: String, range: Range<Int>)] {
        let chars = Array(s)
        // The UTF-8 offset of each Character (and of the end), so that a sentence is cut from
        // `s` as bytes rather than rebuilt Character by Character.
        var offsets: [Int] = [0]
        offsets.reserveCapacity(chars.count + 1)
        for c in chars { offsets.append(offsets[offsets.count - 1] + c.utf8.count) }
        let utf8 = s.utf8
        func text(_ r: Range<Int>) -> Substring {
            s[utf8.index(utf8.startIndex, offsetBy: offsets[r.lowerBound])..<utf8.index(utf8.startIndex, offsetBy: offsets[r.upperBound])]
        }
        var out: [(String, Range<Int>)] = []
        var start = 0
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "." || c == "!" || c == "?" {
                var j = i + 1
                while j < chars.count, chars[j] == "\"" || chars[j] == "”" || chars[j] == ")" { j += 1 }
                let atEnd = j >= chars.count
                let spaceNext = !atEnd && chars[j].isWhitespace
                if atEnd || spaceNext {
                    var k = j
                    while k < chars.count, chars[k].isWhitespace { k += 1 }
                    let nextUpper = k < chars.count && (chars[k].isUppercase || chars[k].isNumber || "\"“¿¡(".contains(chars[k]))
                    var w = i - 1
                    while w >= 0, chars[w].isLetter { w -= 1 }
                    let word = text((w + 1)..<i).lowercased()
                    let isAbbrev = c == "." && (abbreviations.contains(word) || (word.count == 1 && chars[max(0, w)] == "."))
                    if atEnd || (nextUpper && !isAbbrev) {
                        let sentence = String(text(start..<j)).trimmingSpaces()
                        if !sentence.isEmpty { out.append((sentence, start..<j)) }
                        start = k
                        i = k
                        continue
                    }
                }
            }
            i += 1
        }
        if start < chars.count {
            let sentence = String(text(start..<chars.count)).trimmingSpaces()
            if !sentence.isEmpty { out.append((sentence, start..<chars.count)) }
        }
        return out
    }
}

/// Splits element-style labels (`fechaLimite`, `proxima_reunion`) into words.
enum GenericLabel {
    static func split(_ name: String) -> String {
        var out = ""
        var previousLower = false
        for c in name {
            if c == "_" || c == "-" { out.append(" "); previousLower = false; continue }
            if c.isUppercase && previousLower { out.append(" ") }
            out.append(c)
            previousLower = c.isLowercase
        }
        return out
    }
}
