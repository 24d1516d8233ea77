import Foundation
import RelatoriaCore

/// Walks the `text` of a TEI document (`front`, `body`, `back`) into blocks.
///
/// `div`s nest headings (`head` of a div at depth n is a heading of level n); `p`, `ab` and
/// `seg` are paragraphs; `list/item` list items; `table/row/cell` table rows; `sp` (a drama's or
/// transcript's speech, `speaker` + `p`/`ab`/`l`) and `u` (an utterance of a spoken corpus such as
/// ParlaMint, `who="#ID"` + `seg`s) speeches whose speaker is the name the file's person list
/// gives the id. Stage directions and editorial notes (`note`, `stage`, `incident`, `kinesic`,
/// `vocal`, `gap`: "(Aplausos)", "Applause") are paragraphs of their own, marked `stage direction`,
/// never part of what the speaker said.
struct TEIWalker {
    let people: TEIPeople
    let language: String?
    private(set) var blocks: [Block] = []
    /// The first `docTitle` of a front: the document's visible title.
    private(set) var docTitle: String?
    /// Speeches that name nobody: their `who` is not declared and spells no name.
    private(set) var unnamedSpeeches = 0
    /// The undeclared ids of those speeches, in the order met.
    private(set) var unresolvedIDs: [String] = []

    private var divLevel = 0
    /// The speech being read: who speaks, and the label written before the first paragraph.
    private var speech: (speaker: String?, label: String?)?
    /// The speaker's organization and role from the person list (`speaker.organization`,
    /// `speaker.role`), on each block of the speech.
    private var speechFields: [String: String] = [:]
    /// A list item being read: its level and marker.
    private var item: (level: Int, marker: String?)?
    /// A ParlaMint `note type="speaker"` waiting for the utterance it introduces.
    private var pendingLabel: String?

    init(people: TEIPeople, language: String?) {
        self.people = people
        self.language = language
    }

    /// Stage directions, incidents and editorial notes.
    static let noteLike: Set<String> = ["note", "stage", "incident", "kinesic", "vocal", "gap"]
    /// Elements of no text: page and line beginnings, running heads, links, annotation.
    private static let skipped: Set<String> = ["teiHeader", "standOff", "facsimile", "fw", "pb", "cb", "milestone", "anchor", "graphic",
                                               "interpGrp", "spanGrp", "linkGrp", "timeline", "listPerson", "listOrg", "listPlace",
                                               "pause", "shift", "media", "ptr"]
    private static let paragraphLike: Set<String> = ["p", "ab", "seg", "l", "dateline", "salute", "signed", "byline", "docAuthor",
                                                     "docDate", "docImprint", "docEdition", "trailer", "argument", "epigraph",
                                                     "address", "label", "speaker"]
    /// Elements that are blocks of their own when they stand inside a paragraph.
    private static let blockLevel: Set<String> = ["list", "table", "lg", "sp", "u", "div", "div1", "div2", "div3", "div4", "div5",
                                                  "div6", "div7", "floatingText", "p", "ab", "head", "listBibl"]
    private static let divs: Set<String> = ["div", "div1", "div2", "div3", "div4", "div5", "div6", "div7"]

    mutating func walk(_ e: XElement, hints: [String] = []) {
        let name = e.name
        if Self.skipped.contains(name) { return }
        if pendingLabel != nil, name != "u", !Self.noteLike.contains(name) { flushPendingLabel() }
        switch name {
        case _ where Self.divs.contains(name):
            divLevel += 1
            for child in e.elements { walk(child, hints: hints) }
            flushPendingLabel()
            divLevel -= 1
        case "head":
            let t = inlineText(e).text
            if !t.isEmpty { blocks.append(Block(role: .heading, text: t, level: min(6, max(1, divLevel)), hints: hints)) }
        case "docTitle":
            let parts = e.all("titlePart")
            for p in parts.isEmpty ? [e] : parts {
                let t = inlineText(p).text
                guard !t.isEmpty else { continue }
                let main = (p.attribute("type") ?? "main") == "main"
                if main, docTitle == nil { docTitle = t }
                blocks.append(Block(role: .heading, text: t, level: main ? 1 : 2, hints: hints))
            }
        case "titlePart":
            let t = inlineText(e).text
            if !t.isEmpty { blocks.append(Block(role: .heading, text: t, level: 1, hints: hints)) }
        case "list", "listBibl":
            list(e, hints: hints)
        case "table":
            table(e, hints: hints)
        case "sp":
            sp(e, hints: hints)
        case "u":
            u(e, hints: hints)
        case "lg":
            lineGroup(e, hints: hints)
        case "note" where (e.attribute("type") ?? "").lowercased() == "speaker" && speech == nil:
            flushPendingLabel()
            let t = e.text
            if !t.isEmpty { pendingLabel = t }
        case _ where Self.noteLike.contains(name):
            note(e, hints: hints)
        case _ where Self.paragraphLike.contains(name):
            mixed(e, hints: name == "signed" ? hints + ["signature"] : hints)
        default:
            if hasOwnText(e) {
                mixed(e, hints: hints)
            } else if e.elements.isEmpty {
                return
            } else {
                for child in e.elements { walk(child, hints: hints) }
            }
        }
    }

    // MARK: Speeches

    /// `<sp who="#id"><speaker>Sr. PRESIDENTE:</speaker><p>...</p><stage>(Aplausos)</stage></sp>`.
    private mutating func sp(_ e: XElement, hints: [String]) {
        let label = e.first("speaker").map { inlineText($0).text }.flatMap { $0.isEmpty ? nil : $0 }
        let speaker = speakerName(who: e.attribute("who"), label: label, name: e.attribute("name"))
        let outer = speech, outerFields = speechFields
        speech = (speaker, label ?? speaker.map { $0 + ":" })
        speechFields = fields(of: e.attribute("who"))
        for child in e.children {
            switch child {
            case .text(let t) where !t.trimmingSpacesAndNewlines().isEmpty:
                emit(t.collapsingWhitespace(), hints: hints + ["speech"])
            case .element(let x) where x.name != "speaker":
                walk(x, hints: hints + ["speech"])
            default:
                continue
            }
        }
        // A speech of a label alone still says who spoke.
        if let l = speech?.label { emit("", hints: hints + ["speech"], label: l) }
        speech = outer
        speechFields = outerFields
    }

    /// `<u who="#ID">` with `seg`s or text, after an optional `note type="speaker"` label.
    private mutating func u(_ e: XElement, hints: [String]) {
        let label = pendingLabel
        pendingLabel = nil
        let speaker = speakerName(who: e.attribute("who"), label: label, name: e.attribute("name"))
        let outer = speech, outerFields = speechFields
        speech = (speaker, label.map { $0.hasSuffix(":") ? $0 : $0 + ":" } ?? speaker.map { $0 + ":" })
        speechFields = fields(of: e.attribute("who"))
        mixed(e, hints: hints + ["speech"], blockChildren: ["seg"])
        speech = outer
        speechFields = outerFields
    }

    private func fields(of who: String?) -> [String: String] {
        guard let a = people.affiliation(who) else { return [:] }
        var f: [String: String] = [:]
        if let o = a.organization { f["speaker.organization"] = o }
        if let r = a.role { f["speaker.role"] = r }
        return f
    }

    /// The person list's name for `who`, else a name the speech carries (`name="Paul Löbe"`,
    /// as GermaParl writes it, or a `who` that is a name written out, "Ana Gómez"), else the
    /// written label ("Sr. PRESIDENTE:" without its colon), else a name the id spells
    /// ("AnaGómez"); nil (counted, for a warning) when none.
    private mutating func speakerName(who: String?, label: String?, name: String? = nil) -> String? {
        if let resolved = people.resolve(who) { return resolved }
        if let n = name?.collapsingWhitespace(), !n.isEmpty, n.hasAtMost(80) { return n }
        if let w = who?.collapsingWhitespace(), !w.contains("#"), w.contains(" "), w.hasAtMost(80),
           w.allSatisfy({ $0.isLetter || $0 == " " || $0 == "." || $0 == "-" || $0 == "'" }) {
            return w
        }
        if let label {
            let t = label.trimmingSpaces().trimming(ascii: ":.-–— ")
            if !t.isEmpty { return t }
        }
        guard let who else { return nil }
        let ids = TEIPeople.ids(who)
        guard !ids.isEmpty else { return nil }
        let spelled = ids.compactMap(TEIPeople.nameFromID)
        if !spelled.isEmpty, spelled.count == ids.count { return spelled.joined(separator: ", ") }
        unnamedSpeeches += 1
        for id in ids where !unresolvedIDs.contains(id) && unresolvedIDs.count < 3 { unresolvedIDs.append(id) }
        return nil
    }

    private mutating func flushPendingLabel() {
        guard let l = pendingLabel else { return }
        pendingLabel = nil
        blocks.append(Block(role: .paragraph, text: l, hints: ["note", "stage direction"]))
    }

    // MARK: Paragraphs

    /// A paragraph-like element: its text (stage directions taken out, after it), split where
    /// a block stands inside it (a `list` in a `p`). `blockChildren`: more elements read as
    /// blocks of their own (an utterance's `seg`s).
    private mutating func mixed(_ e: XElement, hints: [String], blockChildren: Set<String> = []) {
        var text = ""
        var notes: [XElement] = []
        for c in e.children {
            switch c {
            case .text(let t):
                text += t
            case .element(let x):
                if Self.blockLevel.contains(x.name) || blockChildren.contains(x.name) {
                    flush(&text, &notes, hints: hints)
                    walk(x, hints: hints)
                } else if Self.noteLike.contains(x.name) {
                    notes.append(x)
                    text += " "
                } else {
                    appendInline(x, to: &text, notes: &notes)
                }
            }
        }
        flush(&text, &notes, hints: hints)
    }

    /// Marks where a token joins the next (`<w join="right">`): the space after it goes.
    private static let glue: Character = "\u{1}"

    /// Whitespace collapsed, and tokens joined where the markup says so.
    static func finish(_ text: String) -> String {
        let t = text.collapsingWhitespace()
        guard t.contains(glue) else { return t }
        return t.replacingOccurrences(of: "\u{1} ", with: "").replacingOccurrences(of: "\u{1}", with: "")
    }

    private mutating func flush(_ text: inout String, _ notes: inout [XElement], hints: [String]) {
        let t = Self.finish(text)
        text = ""
        if !t.isEmpty { emit(t, hints: hints) }
        for n in notes { note(n, hints: hints.filter { $0 != "speech" }) }
        notes = []
    }

    /// One block of text: a speech's (its label before the first), a list item's or a paragraph.
    private mutating func emit(_ text: String, hints: [String], label forced: String? = nil) {
        if var s = speech {
            let label = forced ?? s.label
            s.label = nil
            speech = s
            let full = [label, text].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: " ")
            guard !full.isEmpty else { return }
            blocks.append(Block(role: .speech, text: full, speaker: s.speaker, hints: hints, fields: speechFields))
        } else if var i = item {
            blocks.append(Block(role: .listItem, text: text, level: i.level, hints: hints, marker: i.marker))
            i.marker = nil
            item = i
        } else {
            guard !text.isEmpty else { return }
            blocks.append(Block(role: .paragraph, text: text, hints: hints))
        }
    }

    /// A stage direction or note, as a paragraph of its own (its `desc` in the text's language
    /// when it has one: a ParlaMint `<vocal><desc>Applause</desc></vocal>`).
    private mutating func note(_ e: XElement, hints: [String]) {
        let descs = e.all("desc")
        let t = (TEIHeader.pick(descs, language).map(\.text) ?? e.text).collapsingWhitespace()
        guard !t.isEmpty else { return }
        let type = e.attribute("type").map { GenericXMLReader.splitWords($0) }
        blocks.append(Block(role: .paragraph, text: t, hints: hints.filter { $0 != "speech" } + ["stage direction", e.name] + (type.map { [$0] } ?? [])))
    }

    /// Appends the text of an inline element; notes inside it are taken out.
    private func appendInline(_ x: XElement, to text: inout String, notes: inout [XElement]) {
        switch x.name {
        case "lb", "cb":
            if x.attribute("break") != "no" { text += " " }
        case _ where Self.skipped.contains(x.name):
            return
        case "del", "orig", "sic", "abbr":
            // (Inside a <choice>, the regularised reading is taken; alone, the text stands.)
            for c in x.children { append(c, to: &text, notes: &notes) }
        case "w", "pc", "s":
            // A linguistically annotated text (ParlaMint's .ana): a token, then a space unless
            // it joins the next ("draft" before "."); a sentence ends with a space.
            for c in x.children { append(c, to: &text, notes: &notes) }
            let join = x.attribute("join") ?? ""
            text.append(join == "right" || join == "both" ? Self.glue : " ")
        case "choice":
            let preferred = x.elements.first { ["reg", "expan", "corr"].contains($0.name) } ?? x.elements.first
            if let p = preferred { for c in p.children { append(c, to: &text, notes: &notes) } }
        default:
            if Self.noteLike.contains(x.name) {
                notes.append(x)
                text += " "
                return
            }
            for c in x.children { append(c, to: &text, notes: &notes) }
        }
    }

    private func append(_ c: XElement.Child, to text: inout String, notes: inout [XElement]) {
        switch c {
        case .text(let t): text += t
        case .element(let x): appendInline(x, to: &text, notes: &notes)
        }
    }

    /// An element's text without its notes, and the notes.
    private func inlineText(_ e: XElement) -> (text: String, notes: [XElement]) {
        var text = ""
        var notes: [XElement] = []
        for c in e.children { append(c, to: &text, notes: &notes) }
        return (Self.finish(text), notes)
    }

    private func hasOwnText(_ e: XElement) -> Bool {
        e.children.contains { if case .text(let t) = $0 { !t.trimmingSpacesAndNewlines().isEmpty } else { false } }
    }

    // MARK: Lists, tables, verse

    /// Items, at the nesting level of the list; a `label` before an item is its marker.
    private mutating func list(_ e: XElement, hints: [String]) {
        let outer = item
        let level = (outer?.level ?? -1) + 1
        var label: String?
        for child in e.elements {
            switch child.name {
            case "head":
                head(child, hints: hints)
            case "label":
                label = inlineText(child).text
            case "item":
                // (Inside a speech, an item is the speaker's: a speech block.)
                item = (level, child.attribute("n") ?? label)
                mixed(child, hints: hints)
                item = outer
                label = nil
            default:
                walk(child, hints: hints)
            }
        }
        item = outer
    }

    /// A list's or table's `head`: a heading one level below its division's.
    private mutating func head(_ e: XElement, hints: [String]) {
        let t = inlineText(e).text
        if !t.isEmpty { blocks.append(Block(role: .heading, text: t, level: min(6, divLevel + 1), hints: hints)) }
    }

    private mutating func table(_ e: XElement, hints: [String]) {
        for child in e.elements {
            switch child.name {
            case "head":
                head(child, hints: hints)
            case "row":
                let cellElements = child.all("cell")
                let cells = cellElements.map { inlineText($0).text }
                guard cells.contains(where: { !$0.isEmpty }) else { continue }
                let header = child.attribute("role") == "label" || cellElements.allSatisfy { $0.attribute("role") == "label" }
                blocks.append(Block(role: .tableRow, text: cells.filter { !$0.isEmpty }.joined(separator: " | "), cells: cells,
                                    isHeaderRow: header, hints: hints))
            default:
                walk(child, hints: hints)
            }
        }
    }

    /// A group of verse lines, one block with a line each.
    private mutating func lineGroup(_ e: XElement, hints: [String]) {
        var lines: [String] = []
        var notes: [XElement] = []
        for child in e.elements {
            if child.name == "l" {
                let (t, n) = inlineText(child)
                if !t.isEmpty { lines.append(t) }
                notes += n
            } else if Self.noteLike.contains(child.name) {
                notes.append(child)
            } else if child.name == "head" {
                walk(child, hints: hints)
            }
        }
        if !lines.isEmpty { emit(lines.joined(separator: "\n"), hints: hints) }
        for n in notes { note(n, hints: hints) }
    }
}
