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
        // (Texts of no more bytes than the budget have no more Characters: none to count.)
        if document.blocks.reduce(0, { $0 + $1.text.utf8.count }) <= budget {
            analyzed = document.blocks
        } else {
            for b in document.blocks {
                budget -= b.text.count
                if budget < 0 { break }
                analyzed.append(b)
            }
        }
        let parser = PersonParser(lexicon: lexicon)
        let fields = analyzed.map { HeadingLines.promoted(Self.dashedField(Self.formField($0, lexicon: lexicon), lexicon: lexicon)) }
        // A speaker speaks more than once: a label met once ("Last Committer: ...") is a field.
        var labelCounts: [String: Int] = [:]
        for b in fields where b.role == .field { if let l = b.label { labelCounts[l, default: 0] += 1 } }
        // Speaker-led notes: once three people speak (a name's label met twice or more), a
        // person's name met once is a speaker too ("Robin Marx: will do.").
        let speakers = Set(fields.lazy.filter { ($0.label.flatMap { labelCounts[$0] } ?? 0) >= 2 && Self.speech($0, lexicon: lexicon, parser: parser).role == .speech }.compactMap(\.label))
        let speakerLed = speakers.count >= 3
        let speeches = fields.map { b in (labelCounts[b.label ?? ""] ?? 0) >= 2 || speakerLed ? Self.speech(b, lexicon: lexicon, parser: parser) : b }
        // Handles, first names and names with a remark in brackets as speakers' labels.
        self.blocks = SpeakerLabels.apply(speeches, lexicon: lexicon, parser: parser)
        if analyzed.count < document.blocks.count {
            warnings.append("items were extracted from the first \(analyzed.count) of \(document.blocks.count) paragraphs (the first \(Self.analyzedCharacters) characters); the full text is kept")
        }
        self.layout = TextLayout(blocks: document.blocks)
        self.lexicon = lexicon
        self.dates = dates
        self.sections = SectionMap(blocks: blocks, lexicon: lexicon)
    }

    /// A table row of one cell that reads "Label: value" ("PARTICIPANTES: Ana Gómez", "Asistentes:"
    /// over a list of names) is a form's field, as the same line outside a table would be.
    /// A row of two cells whose first names a list the lexicon knows ("ASISTENTES | Ana Gómez",
    /// "Acuerdos adoptados | 1: ...") is that list's field too: the label cell of a form.
    static func formField(_ b: Block, lexicon: Lexicon) -> Block {
        if b.role == .tableRow, !b.isHeaderRow, b.cells.count == 2, !b.cells[1].isEmpty, let label = labelCell(b.cells[0], lexicon: lexicon),
           lexicon.section(of: String(b.cells[1].prefix(60))) == nil, !isColumnTitle(b.cells[1], lexicon: lexicon) {
            var f = b
            f.role = .field
            f.label = label
            return f
        }
        guard b.role == .tableRow, b.cells.filter({ !$0.isEmpty }).count <= 1, b.text.hasAtMost(2_000),
              let colon = b.text.firstIndex(of: ":") else { return b }
        let label = b.text[..<colon].trimmingSpaces()
        let words = label.wordsAtSpaces()
        guard (1...6).contains(words.count), label.count <= 40, !label.contains(where: { $0.isNumber || $0 == "\n" }),
              label.first?.isLetter == true else { return b }
        var f = b
        f.role = .field
        f.label = label
        return f
    }

    /// A paragraph that opens with the name of a list of people and a dash ("Present – Cllr
    /// Ana Ruiz, Cllr Tom Hale", "Apologies — Jo Lee") is that list's field, as with a colon;
    /// so is one opened by a task's label ("Action - JS to send the list").
    static func dashedField(_ b: Block, lexicon: Lexicon) -> Block {
        guard b.role == .paragraph, b.label == nil, let first = b.text.first, first.isLetter,
              let dash = b.text.prefix(40).firstIndex(where: { $0 == "–" || $0 == "—" || $0 == "-" }) else { return b }
        let label = b.text[..<dash].trimmingSpaces()
        // (A hyphen inside a word, "Co-chairs", is no dash: the label ends at a space or the dash itself.)
        guard !label.isEmpty, b.text[..<dash].last == " " || b.text[dash] != "-",
              lexicon.isExactSection(label), let s = lexicon.section(of: label),
              s == "attendees" || s == "absent" || s == "actions" && label.wordsAtSpaces().count <= 2 else { return b }
        var f = b
        f.role = .field
        f.label = label
        return f
    }

    /// The first cell of a form's row when it is a short label that opens a list section
    /// ("👥 ASISTENTES", "Acuerdos:"); nil otherwise.
    private static func labelCell(_ cell: String, lexicon: Lexicon) -> String? {
        let label = cell.trimmingSpaces()
        let words = label.wordsAtSpaces()
        guard !label.isEmpty, label.count <= 40, (1...6).contains(words.count), !label.contains(where: { $0.isNumber || $0 == "\n" }),
              let section = lexicon.section(of: label), listSections.contains(section) else { return nil }
        return label
    }

    /// Sections that list people or points.
    static let listSections: Set<String> = ["attendees", "absent", "agenda", "decisions", "consensus", "dissent", "actions"]

    /// A column's title ("Responsables y Fecha", "Owner"): a cell that opens with a label of a
    /// task or attendee table.
    private static func isColumnTitle(_ cell: String, lexicon: Lexicon) -> Bool {
        guard cell.hasAtMost(50), let first = Folding.key(cell).wordsAtSpaces().first else { return false }
        return ["owner_labels", "due_labels", "task_labels", "name_labels", "organization_labels", "role_labels"].contains { list in
            lexicon.cueKey(list).contains { first.hasPrefix($0.key) && !$0.key.contains(" ") || Folding.key(cell).hasPrefix($0.key) }
        }
    }

    /// A "Name: text" line whose label is a person's name ("Ted Hardie: Please email the
    /// chairs") is that person speaking, not a field: speaker-led notes and transcripts.
    static func speech(_ b: Block, lexicon: Lexicon, parser: PersonParser) -> Block {
        guard b.role == .field, b.hints.isEmpty, b.fields.isEmpty, let label = b.label?.trimmingSpaces(), label.hasAtMost(40),
              (2...4).contains(label.wordsAtSpaces().count), lexicon.section(of: label) == nil else { return b }
        let k = Folding.key(label)
        guard !lexicon.dateLabels.contains(k), !lexicon.placeLabels.contains(k), !lexicon.titleLabels.contains(k), !lexicon.bodyLabels.contains(k),
              !SpeakerLabels.isStandUpLabel(label, lexicon), parser.isPersonName(label) else { return b }
        var value = b.text
        if value.hasPrefix(label) { value = String(value.dropFirst(label.count)).trimming(ascii: ": ") }
        guard value.wordsAtSpaces().count >= 2 else { return b }
        var s = b
        s.role = .speech
        s.speaker = label
        return s
    }

    /// Whether `3/4/2006` reads 3 April: set from the document's own numeric dates when one of
    /// them can only be read one way, else from its language (``MetadataExtractor/dayFirst(_:)``).
    var dayFirst = true
    /// The file's name as dropped: the meeting date's last resort.
    var filename = ""

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
            var rest = b.text.dropFirst(label.count).drop { $0 == " " }
            // "Label: value", or a form's row "Label | value".
            if rest.first == ":" || rest.first == "|" && b.role == .field && b.cells.count == 2 { rest = rest.dropFirst() }
            // "Present – Ana Ruiz, Tom Hale" (``dashedField(_:lexicon:)``).
            else if let d = rest.first, "–—-".contains(d) { rest = rest.dropFirst() }
            return rest.trimmingSpaces()
        }
        // ("📆 Fecha: 14/02/2025": a pictograph before the label.)
        if let r = b.text.range(of: label + ":"), b.text.distance(from: b.text.startIndex, to: r.lowerBound) <= 8 {
            return b.text[r.upperBound...].trimmingSpaces()
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
    static let abbreviations: Set<String> = [
        "sr", "sra", "srta", "dr", "dra", "no", "nº", "art", "num", "p", "a", "m", "d", "c", "ee", "uu",
        "mr", "mrs", "ms", "st", "inc", "ltd", "etc", "vs", "pág", "pag", "ing", "lic", "cra", "av", "tel",
        "e", "u", "s", "i", "ii", "iii", "iv", "vol", "cap", "lit", "núm", "prof", "h",
        // Forms of address before a name: "Dña. María López", "Cllr. Ann Lee", "Ilmo. Sr. D.".
        "dña", "dª", "sres", "sras", "ilmo", "ilma", "excmo", "excma", "lda", "ldo", "cllr", "cllrs", "rev",
        "lcda", "lcdo", "licda", "licdo", "mtro", "mtra", "profa", "arq", "abg", "abog",
    ]

    static func sentences(_ s: String) -> [(text: String, range: Range<Int>)] {
        // Most texts are scalars that each stand as a Character: split by scalars, without
        // breaking the text into Characters (the same offsets and answers, SentenceTests).
        if let scalars = Folding.standaloneScalars(s) { return sentences(of: scalars, in: s) }
        return sentences(of: Array(s), in: s)
    }

    private static func sentences<E: TextElement>(of chars: [E], in s: String) -> [(text: String, range: Range<Int>)] {
        // The UTF-8 offset of each element (and of the end), so that a sentence is cut from
        // `s` as bytes rather than rebuilt element by element.
        let offsets = utf8Offsets(chars)
        let utf8 = s.utf8
        func text(_ r: Range<Int>) -> Substring {
            s[utf8.index(utf8.startIndex, offsetBy: offsets[r.lowerBound])..<utf8.index(utf8.startIndex, offsetBy: offsets[r.upperBound])]
        }
        var out: [(String, Range<Int>)] = []
        var start = 0
        var i = 0
        while i < chars.count {
            let c = chars[i].scalarValue
            if c == 0x2E || c == 0x21 || c == 0x3F {  // . ! ?
                var j = i + 1
                while j < chars.count, let v = chars[j].scalarValue, v == 0x22 || v == 0x201D || v == 0x29 { j += 1 }  // " ” )
                let atEnd = j >= chars.count
                let spaceNext = !atEnd && chars[j].isWhitespaceElement
                if atEnd || spaceNext {
                    var k = j
                    while k < chars.count, chars[k].isWhitespaceElement { k += 1 }
                    let nextUpper = k < chars.count && chars[k].opensSentence
                    var w = i - 1
                    while w >= 0, chars[w].isLetterElement { w -= 1 }
                    let raw = text((w + 1)..<i)
                    let word = raw.lowercased()
                    // (A capital letter alone is an initial: "B. Jones", "J. R. Smith".)
                    let isAbbrev = c == 0x2E && (abbreviations.contains(word) || (word.count == 1 && chars[max(0, w)].scalarValue == 0x2E)
                        || raw.count == 1 && raw.first!.isUppercase)
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

/// The UTF-8 offset of each element of a text, and of its end.
func utf8Offsets<E: TextElement>(_ chars: [E]) -> [Int] {
    var offsets: [Int] = [0]
    offsets.reserveCapacity(chars.count + 1)
    for c in chars { offsets.append(offsets[offsets.count - 1] + c.utf8Length) }
    return offsets
}

/// What sentence and segment splitting ask of a Character, or of a scalar that stands as one.
protocol TextElement {
    var utf8Length: Int { get }
    /// The value of the element's one scalar; nil for a Character of several.
    var scalarValue: UInt32? { get }
    var isWhitespaceElement: Bool { get }
    var isLetterElement: Bool { get }
    /// Upper case, a digit, or an opening quote, question or exclamation mark or parenthesis.
    var opensSentence: Bool { get }
}

extension Character: TextElement {
    var utf8Length: Int { utf8.count }
    var scalarValue: UInt32? { unicodeScalars.count == 1 ? unicodeScalars.first?.value : nil }
    var isWhitespaceElement: Bool { isWhitespace }
    var isLetterElement: Bool { isLetter }
    var opensSentence: Bool { isUppercase || isNumber || "\"“¿¡(".contains(self) }
}

extension Unicode.Scalar: TextElement {
    /// The Character properties of each scalar below U+0300, made once: bit 0 whitespace,
    /// bit 1 letter, bit 2 opens a sentence.
    private static let latinTraits: [UInt8] = (0..<0x300).map { v in
        guard let scalar = Unicode.Scalar(v) else { return 0 }
        let c = Character(scalar)
        return (c.isWhitespaceElement ? 1 : 0) | (c.isLetterElement ? 2 : 0) | (c.opensSentence ? 4 : 0)
    }

    private func trait(_ bit: UInt8, _ property: (Character) -> Bool) -> Bool {
        value < 0x300 ? Self.latinTraits[Int(value)] & bit != 0 : property(Character(self))
    }

    var utf8Length: Int { utf8.count }
    var scalarValue: UInt32? { value }
    var isWhitespaceElement: Bool { trait(1, \.isWhitespaceElement) }
    var isLetterElement: Bool { trait(2, \.isLetterElement) }
    var opensSentence: Bool { trait(4, \.opensSentence) }
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
