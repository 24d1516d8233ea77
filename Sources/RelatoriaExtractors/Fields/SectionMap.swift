import Foundation
import RelatoriaCore

/// Which section of the document each block belongs to: attendees, decisions, consensus,
/// dissent, actions, agenda, absent, signatures, ... or narrative.
///
/// Headings open sections through the lexicon's `sections` phrases. A deeper heading that
/// opens nothing (a party label such as "Por el Gobierno:") stays inside its section; a
/// heading at the same or a higher level ends it. Structured formats name sections through
/// their element names (hints), which take precedence.
struct SectionMap {
    /// The section of each block, `narrative` when none.
    private(set) var sections: [String]
    /// The set of sections the document has, so extractors know when a section is authoritative.
    private(set) var present: Set<String> = []
    /// The sections the document has beyond single labelled lines: "Decision: ..." or
    /// "Action: ..." marks one item where it stands, and says nothing of the items that the
    /// running text around it records.
    private(set) var held: Set<String> = []
    /// The section a heading opens (nil for other blocks and for headings that open none).
    private(set) var opens: [String?]
    /// For each block inside a section, what opened it: the heading or lead-in line above the
    /// section, the block's own label ("Acuerdos: ..."), or its element name (the `via` of items).
    private(set) var openers: [String?] = []

    static let narrative = "narrative"

    init(blocks: [Block], lexicon: Lexicon) {
        sections = Array(repeating: Self.narrative, count: blocks.count)
        opens = Array(repeating: nil, count: blocks.count)
        var current = Self.narrative
        var currentLevel = 0
        var listSeen = false
        // True while the current section was opened by a field or a lead-in line ("Asistentes:",
        // "Board members in attendance were:"): the next labelled field ends it.
        var openedInline = false
        // True while the current section is a label line's list of short lines, one item a
        // line, in plain text ("Attendees" / "Alice Ng" / "Bob Roe"): a line of another shape ends it.
        var lineList = false
        // The last block of a section of one paragraph.
        var closeAfter: Int?
        // True while the current section is a table's rows under a title row of one cell
        // ("ASISTENTES" spanning the table): the table's end or another title row ends it.
        var rowList = false
        // The level of a list item that names a section over its sub-items ("- Attendees" /
        // "  - Ann Lee"): the section ends where the sub-items end.
        var nestedUnder: Int?
        var hinted: [String: String?] = [:]  // a document's blocks share a few element names
        for (i, b) in blocks.enumerated() {
            // (True for a labelled line that is a section by itself.)
            var oneLine = false
            if current == "attachments" {
                sections[i] = current
                continue
            }
            if let fromHints = Self.section(hints: b.hints, lexicon: lexicon, known: &hinted) {
                sections[i] = fromHints
                present.insert(fromHints)
                held.insert(fromHints)
                current = Self.narrative
                continue
            }
            if b.role == .heading { listSeen = false; openedInline = false }
            if rowList, b.role != .tableRow || Self.titleRow(b, lexicon) != nil {
                rowList = false
                current = Self.narrative
                openedInline = false
            }
            // (A table's title row opens its section under any other: "CONCLUSIONES" then, in
            // the same form, a row "TAREAS" over the tasks' rows.)
            if b.role == .tableRow, let s = Self.titleRow(b, lexicon), i + 1 < blocks.count, blocks[i + 1].role == .tableRow {
                current = s
                currentLevel = 9
                rowList = true
                openedInline = false
                sections[i] = "heading"
                continue
            }
            if let c = closeAfter, i > c {
                closeAfter = nil
                current = Self.narrative
                openedInline = false
            }
            if let l = nestedUnder, b.role != .listItem || b.level <= l {
                nestedUnder = nil
                current = Self.narrative
                openedInline = false
            }
            if lineList, b.role != .paragraph || !Self.isShortLine(b.text) || lexicon.isExactSection(b.text) {
                lineList = false
                current = Self.narrative
                openedInline = false
            }
            switch b.role {
            case .heading:
                let level = max(b.level, 1)
                // A letterhead at the very top ("CONSENSO DE CARTAGENA") names an organization,
                // not a section, unless it is exactly a section word.
                // (A heading under the document's own heading of a higher level is one of its
                // parts: "# Minuta 2" then "## Acuerdos finales".)
                // (Nor is a heading a section phrase ends as a whole: "Trustees Present".)
                let letterhead = i < 3 && !lexicon.isExactSection(b.text) && lexicon.sectionMatch(of: b.text)?.extraWords != 0
                    && !blocks[..<i].contains { $0.role == .heading && $0.level < b.level }
                if !letterhead, let s = Self.opened(by: i, blocks, lexicon) {
                    opens[i] = s
                    if s == "consensus" || s == "dissent" || s == "decisions", ["consensus", "dissent", "decisions"].contains(current), level > currentLevel, current != Self.narrative, b.text.hasSuffix(":") {
                        // A lead-in inside a section ("Las organizaciones firmantes acuerdan:").
                        current = s
                    } else {
                        current = s
                        currentLevel = level
                    }
                    sections[i] = "heading"
                } else if current != Self.narrative && (level > currentLevel || b.text.hasSuffix(":"))
                            && !(["attendees", "agenda", "absent"].contains(current) && Self.isNumbered(b.text)) {
                    // A party label inside an attendee list, a sub-heading inside a list of decisions.
                    // A numbered heading after an agenda or attendee list starts the discussion.
                    sections[i] = "heading"
                } else {
                    current = Self.narrative
                    currentLevel = level
                    sections[i] = "heading"
                }
            case .field:
                // "Se excusaron: ..." is a section of one line; "Asistentes: A, B" too, and "12
                // Members in attendance: A, B" (a label a section phrase ends).
                if let label = b.label, let s = lexicon.section(of: label) ?? Self.endingSection(label, lexicon)?.section {
                    sections[i] = s
                    present.insert(s)
                    oneLine = true
                    // A form's field over the rows that go on its list ("PARTICIPANTES: Ana" / "Luis").
                    // (Only a field with no value of its own, or one over a form's bare row: "AI: Greg:
                    // follow up" over a list of reports leaves the list alone.)
                    if i + 1 < blocks.count, blocks[i + 1].label == nil,
                       blocks[i + 1].role == .tableRow && blocks[i + 1].cells.filter({ !$0.isEmpty }).count <= 1
                        || blocks[i + 1].role == .listItem && b.text.trimmingSpaces().hasSuffix(":") {
                        current = s
                        currentLevel = 9
                        openedInline = true
                        listSeen = false
                        oneLine = false
                    }
                } else if openedInline, b.label != nil {
                    current = Self.narrative
                    openedInline = false
                    sections[i] = current
                } else if let label = b.label, Self.endsLists(label, lexicon) {
                    // "Próxima reunión: ...", "Relatoría: ..." close the list above them.
                    current = Self.narrative
                    sections[i] = current
                } else {
                    sections[i] = current
                }
            case .header, .footer:
                sections[i] = "furniture"
            default:
                // A list section ends where its list ends: a plain paragraph after list items
                // (a signature, a closing line) is not one of them.
                if b.role == .paragraph, listSeen, current != Self.narrative {
                    current = Self.narrative
                }
                // A date alone on its line opens the next meeting of a file of several
                // ("Action Items:" / "Share the documents." / "November 16, 2017").
                if b.role == .paragraph, current != Self.narrative, Self.isDateLine(b.text, lexicon) {
                    current = Self.narrative
                    currentLevel = 0
                    openedInline = false
                    lineList = false
                }
                // A form's list goes on over bare one-cell rows only: a row of several cells, or
                // one that opens with a label of its own ("Orden del día:"), is the next part.
                if openedInline, b.role == .tableRow,
                   b.cells.filter({ !$0.isEmpty }).count >= 2 || b.text.split(separator: "\n").first?.hasSuffix(":") == true {
                    current = Self.narrative
                    openedInline = false
                }
                // A list item that is a section's name over deeper items opens that section for
                // them ("- Attendees" / "  - Ann Lee" / "- Decisions" / "  - Move the release").
                if b.role == .listItem, current == Self.narrative, i + 1 < blocks.count, blocks[i + 1].role == .listItem, blocks[i + 1].level > b.level,
                   b.text.hasAtMost(60), lexicon.isExactSection(b.text), let s = lexicon.section(of: b.text) {
                    current = s
                    currentLevel = 9
                    nestedUnder = b.level
                    sections[i] = "heading"
                    continue
                }
                if b.role == .listItem || b.role == .tableRow { listSeen = current != Self.narrative }
                sections[i] = current
                // A list item labelled as an attendee list is one by itself, as a field is:
                // "- **Attendees:** @ana @luis", "- SC Attendees (4/7): ...", "- Regrets: Bo".
                if b.role == .listItem, let s = Self.labelSection(b.text, lexicon), ["attendees", "absent"].contains(s) {
                    sections[i] = s
                }
                // A short lead-in over a list opens the section it names ("ASISTENCIA:", "Board
                // members in attendance were:", "Acuerdos adoptados:").
                // (Inside a section a heading opened, a lead-in is that section's: "The endorsing
                // members agree that:" under "Shared positions".)
                // (A section phrase alone on its line over short lines of plain text opens a
                // list of lines: "Attendees" / "Alice Ng" / "Bob Roe".)
                // ("MEMBERS PRESENT:" over "Councillors Browne, Collins, Foley and Sheahan.": a
                // label of who was there, alone on its line, over the one paragraph that names them.)
                if b.role == .paragraph, current == Self.narrative, b.text.hasSuffix(":"), lexicon.isExactSection(b.text),
                   let s = lexicon.section(of: b.text), ["attendees", "absent"].contains(s), i + 1 < blocks.count,
                   blocks[i + 1].role == .paragraph, blocks[i + 1].text.hasAtMost(400), !blocks[i + 1].text.hasSuffix(":") {
                    current = s
                    currentLevel = 9
                    openedInline = true
                    closeAfter = i + 1
                    sections[i] = "heading"
                    continue
                }
                if b.role == .paragraph, current == Self.narrative, lexicon.isExactSection(b.text), i + 2 < blocks.count,
                   blocks[(i + 1)...(i + 2)].allSatisfy({ $0.role == .paragraph && Self.isShortLine($0.text) && !lexicon.isExactSection($0.text) }),
                   let s = lexicon.section(of: b.text) {
                    current = s
                    currentLevel = 9
                    openedInline = true
                    lineList = true
                    sections[i] = "heading"
                    continue
                }
                if b.role == .paragraph, current == Self.narrative || openedInline, b.text.hasAtMost(80), i + 1 < blocks.count, [.listItem, .tableRow].contains(blocks[i + 1].role),
                   let m = lexicon.sectionMatch(of: b.text).flatMap({ $0.extraWords <= 3 || b.text.hasSuffix(":") ? $0 : nil }) ?? Self.endingSection(b.text, lexicon) {
                    current = m.section
                    currentLevel = 9
                    openedInline = true
                    listSeen = false
                    sections[i] = "heading"
                }
                // A closing phrase that opens a section by itself ("Firman:", "Se excusaron")
                if b.role == .paragraph, b.text.hasAtMost(40), let s = lexicon.section(of: b.text), s == "signatures" {
                    current = s
                    currentLevel = 0
                    sections[i] = "heading"
                }
            }
            if sections[i] != "heading" {
                present.insert(sections[i])
                if !oneLine { held.insert(sections[i]) }
            }
        }
        openers = Self.openers(blocks, sections, opens)
    }

    /// The section a table's title row names: one cell that is exactly a section phrase.
    static func titleRow(_ b: Block, _ lexicon: Lexicon) -> String? {
        guard b.role == .tableRow else { return nil }
        let cells = b.cells.isEmpty ? [b.text] : b.cells.filter { !$0.trimmingSpaces().isEmpty }
        guard cells.count == 1, cells[0].hasAtMost(40), lexicon.isExactSection(cells[0]) else { return nil }
        return lexicon.section(of: cells[0])
    }

    /// A short line that can be a list's item: a few words, no sentence's full stop.
    /// "November 16, 2017", "12th October 2017", "16/11/2017", "2017-11-16", "Martes 12 de
    /// septiembre de 2017": a line that is a date and nothing more (at most six words, a year
    /// of four digits, and only day numbers, month and weekday names and connectors besides).
    static func isDateLine(_ text: String, _ lexicon: Lexicon) -> Bool {
        guard text.hasAtMost(40), text.contains(where: \.isNumber) else { return false }
        let words = Folding.key(text).split(whereSeparator: { " ,/.-".contains($0) })
        guard (1...6).contains(words.count), words.contains(where: { $0.count == 4 && $0.allSatisfy(\.isNumber) }) else { return false }
        let connectors: Set<Substring> = ["de", "del", "of", "the", "el"]
        return words.allSatisfy { w in
            let digits = w.prefix(while: \.isNumber)
            if !digits.isEmpty { return digits.count <= 4 && ["", "st", "nd", "rd", "th", "o"].contains(String(w.dropFirst(digits.count))) }
            return lexicon.months[String(w)] != nil || lexicon.weekdays.contains(String(w)) || connectors.contains(w)
        }
    }

    static func isShortLine(_ text: String) -> Bool {
        text.hasAtMost(60) && !text.hasSuffix(".") && !text.hasSuffix(":") && text.split(separator: " ").count <= 7
    }

    /// A count or note in brackets within a label ("SC Attendees (4/7)"): compiled once.
    private static let bracketed = Pattern(#"\s*\([^)]*\)"#)

    /// The section a `Label: value` line's short label names.
    static func labelSection(_ text: String, _ lexicon: Lexicon) -> String? {
        guard let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 40 else { return nil }
        let label = Self.bracketed.replacing(in: String(text[..<colon]), with: "")
        guard !text[text.index(after: colon)...].trimmingSpaces().isEmpty else { return nil }
        return lexicon.section(of: label)
    }

    /// What opened the section of each block (see ``openers``).
    private static func openers(_ blocks: [Block], _ sections: [String], _ opens: [String?]) -> [String?] {
        var out = [String?](repeating: nil, count: blocks.count)
        var heading: String?
        for i in blocks.indices {
            let s = sections[i]
            if s == "heading" {
                // (A sub-heading inside a section, "Por el Gobierno:", opens nothing: the
                // section keeps the heading that opened it.)
                if opens[i] != nil || blocks[i].role != .heading { heading = blocks[i].text }
                continue
            }
            guard s != narrative, s != "furniture" else { continue }
            if blocks[i].role == .field, let label = blocks[i].label, i == 0 || sections[i - 1] != s {
                out[i] = label
            } else if i > 0, sections[i - 1] == s, let o = out[i - 1] {
                out[i] = o
            } else if i > 0, sections[i - 1] == "heading", let heading {
                out[i] = heading
            } else {
                out[i] = blocks[i].label ?? blocks[i].hints.last
            }
        }
        return out
    }

    /// The section heading `i` opens. A long heading that starts with a section word opens
    /// that section only when a list follows ("5. Compromisos para el primer semestre"), not
    /// prose ("2. Follow-up to the Cartagena Declaration").
    private static func opened(by i: Int, _ blocks: [Block], _ lexicon: Lexicon) -> String? {
        guard let m = lexicon.sectionMatch(of: blocks[i].text) else {
            return lexicon.section(of: blocks[i].text)
        }
        // "Follow up on cardiac BEP", "Seguimiento del plan": a matter followed up is a topic;
        // "Follow-up" alone heads the tasks.
        if m.section == "actions", m.extraWords > 0,
           ["follow up", "follow-up", "followup", "seguimiento"].contains(where: { Lexicon.stripNumbering(Folding.key(blocks[i].text)).hasPrefix($0) }) { return nil }
        if m.extraWords <= 3 { return m.section }
        let next = blocks[(i + 1)...].first { $0.role != .heading }
        return next.map { [.listItem, .tableRow, .field].contains($0.role) } == true ? m.section : nil
    }

    /// The section a short title names by its last words ("TipView Attendee List", the title
    /// of a collapsible box over the list): at most five words, the last two or three a
    /// section phrase.
    static func endingSection(_ text: String, _ lexicon: Lexicon) -> (section: String, extraWords: Int)? {
        let words = Folding.key(text).wordsAtSpaces().map(String.init)
        guard (2...5).contains(words.count) else { return nil }
        for n in [3, 2] where n < words.count {
            let tail = words.suffix(n).joined(separator: " ")
            if lexicon.isExactSection(tail), let s = lexicon.section(of: tail) { return (s, 0) }
        }
        return nil
    }

    static func isNumbered(_ text: String) -> Bool {
        Patterns.numberedHeading.firstRange(in: text) != nil
    }

    /// Labels of document-level facts (next meeting, date, place, rapporteur) that end a list.
    static func endsLists(_ label: String, _ lexicon: Lexicon) -> Bool {
        let k = Folding.key(label)
        if lexicon.dateLabels.contains(k) || lexicon.placeLabels.contains(k) { return true }
        return (lexicon.cue("next_meeting") + lexicon.cue("document_labels")).contains { Folding.key($0) == k }
    }

    /// The section named by structured-format hints (element names, AKN section names).
    /// `known` keeps each hint's answer for the next blocks.
    static func section(hints: [String], lexicon: Lexicon, known: inout [String: String?]) -> String? {
        for h in hints.reversed() {
            let s: String?
            if let k = known[h] {
                s = k
            } else {
                // Singular element names: <acuerdo> in <acuerdos>, <asistente>.
                s = lexicon.section(of: h) ?? lexicon.section(of: h + "s") ?? lexicon.section(of: h + "es")
                known[h] = .some(s)
            }
            if let s { return s }
        }
        return nil
    }

    subscript(_ i: Int) -> String { sections[i] }
}
