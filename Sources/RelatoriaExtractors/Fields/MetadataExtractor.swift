import Foundation
import RelatoriaCore

/// Title, kind, language, date, body and place of a document.
struct MetadataExtractor {
    /// The start of a block: where headers say what they say. Bounds the work on huge blocks.
    static func head(_ b: Block) -> String { b.text.hasAtMost(1_000) ? b.text : String(b.text.prefix(1_000)) }

    // MARK: Language

    static func language(_ ctx: ExtractionContext) -> String {
        let counts = stopwordCounts(ctx.layout.text, lexicon: ctx.lexicon)
        var best: (String, Int)?
        for (language, n) in zip(ctx.lexicon.stopwordLanguageNames, counts) where n > (best?.1 ?? 0) {
            best = (language, n)
        }
        if let best, best.1 >= 3 { return best.0 }
        return ctx.document.metadata.language ?? best?.0 ?? "es"
    }

    /// How many of the first 30,000 characters' words are stopwords of each language of
    /// `lexicon` (in the order of ``Lexicon/stopwordLanguageNames``).
    static func stopwordCounts(_ text: String, lexicon: Lexicon) -> [Int] {
        // (A text of at most 30,000 bytes has at most 30,000 characters: no need to count them.)
        let sample = text.utf8.count <= 30_000 ? text : String(text.prefix(30_000))
        var counts = [Int](repeating: 0, count: lexicon.stopwordLanguageNames.count)
        func count(_ word: Substring) {
            guard !word.isEmpty, var bits = lexicon.stopwordLanguages[word] else { return }
            while bits != 0 {
                counts[bits.trailingZeroBitCount] += 1
                bits &= bits - 1
            }
        }
        let table = lexicon.stopwordTable
        let folded = Folding.forEachASCIIKeyWord(sample) { word in
            guard var bits = table.value(word) else { return }
            while bits != 0 {
                counts[bits.trailingZeroBitCount] += 1
                bits &= bits - 1
            }
        }
        let key = folded ? "" : Folding.key(sample)
        let bytes = key.utf8
        if folded {
            // (Counted above, word by word, as the key's words.)
        } else if bytes.allSatisfy({ $0 < 0x80 }) {
            // ASCII: the words are the runs between spaces, found without walking Characters.
            var start = bytes.startIndex
            for i in bytes.indices where bytes[i] == 0x20 {
                count(key[start..<i])
                start = bytes.index(after: i)
            }
            count(key[start...])
        } else {
            for word in key.wordsAtSpaces() { count(word) }
        }
        return counts
    }

    // MARK: Title

    static func title(_ ctx: ExtractionContext) -> Found<String> {
        let meta = ctx.document.metadata
        if meta.titleIsVisible, let t = meta.title, !t.isEmpty { return Found(t, via: "metadata", 0.95) }
        for b in ctx.blocks.prefix(40) where b.role == .field {
            if let k = ctx.labelKey(b), ctx.lexicon.titleLabels.contains(k) {
                return Found(ctx.fieldValue(b), via: "field:" + Provenance.name(b.label ?? k), 0.95)
            }
        }
        let end = max(ctx.headerEnd, min(3, ctx.blocks.count))
        var best: (score: Double, index: Int, kindWord: Bool)?
        var fromTable: (score: Double, text: String)?
        for i in 0..<min(end, ctx.blocks.count) {
            let b = ctx.blocks[i]
            // A cover table's line that opens with the document's kind ("Proyecto de
            // Programación | Acta de Reunión Práctica 3"): a title, less sure than a heading.
            if b.role == .tableRow, fromTable == nil, let line = kindLine(of: b, ctx) {
                fromTable = (3 - Double(i) * 0.3, line)
                continue
            }
            guard [.heading, .paragraph, .header].contains(b.role), b.text.hasAtMost(250), !b.text.hasAtMost(3) else { continue }
            guard !isNotATitle(b.text, ctx) else { continue }
            // A sentence is no title: "Manordeilo and Salem Community Council held their meeting
            // remotely via Zoom at 7.30pm on the 10th June 2020."
            if b.role == .paragraph, b.text.hasSuffix("."), b.text.split(separator: " ").count >= 10 { continue }
            // (Nor a shorter one, without a kind word: "The first meeting during the 2017-18
            // academic year.", "Good morning, Brett. Hello, Steve.")
            if b.role == .paragraph, readsAsSentence(b.text) {
                let k = Folding.key(b.text)
                if kindPosition(k, ctx.lexicon) == nil || isEventOnly(k, ctx.lexicon) { continue }
            }
            // A section heading ("## Agenda") under the document's own heading of a higher
            // level is one of its parts, not its title, kind word or not.
            // (Nor is any heading under it that does not name the document's kind: "## Updates"
            // under "# Sync 2023-03-05".)
            let key = Folding.key(b.text)
            // (Nor, under a heading of a higher level that names the document's kind, one that
            // names it again: "### Meeting Duration 1.5 hours" under "# Core Devs Meeting #25".)
            if b.role == .heading {
                let above = ctx.blocks[..<i].filter { $0.role == .heading && $0.level < b.level && !isNotATitle($0.text, ctx) }
                // (Nor one that is a kind word and nothing else, "## Notes" under "# Weekly sync
                // 2021-03-09": the part where the notes are.)
                if !above.isEmpty, ctx.lexicon.isExactSection(b.text) || kindPosition(key, ctx.lexicon) == nil
                    || ctx.lexicon.kinds.contains(where: { $0.1 == key })
                    || above.contains(where: { kindPosition(Folding.key($0.text), ctx.lexicon) != nil }) { continue }
            }
            if isLaterPart(i, ctx) { continue }
            var score = 0.0
            if let k = kindPosition(key, ctx.lexicon) { score += k.position == 0 ? 4 : 2 }
            if b.role == .heading { score += 2 + (b.level <= 1 ? 1 : 0) }
            if b.role == .header { score -= 2 }
            if b.text.hasAtMost(59), !ctx.fullDates(in: b.text).isEmpty, kindPosition(key, ctx.lexicon) == nil, !namesASubject(key, ctx) { score -= 5 }
            if isUpper(b.text) { score -= 0.5 }
            score -= Double(i) * 0.3
            if best == nil || score > best!.score { best = (score, i, kindPosition(key, ctx.lexicon) != nil) }
        }
        if let fromTable, fromTable.score > (best?.score ?? -2) {
            return Found(clean(fromTable.text), via: "table+kind-word", 0.7)
        }
        if let best, best.score > -2 {
            var t = ctx.blocks[best.index].text
            // A title split over two lines continues on the next heading.
            let i = best.index
            if i + 1 < ctx.blocks.count, ctx.blocks[i].role == .heading, ctx.blocks[i + 1].role == .heading,
               ctx.blocks[i + 1].level == ctx.blocks[i].level, continues(t, ctx.blocks[i + 1].text) {
                t += " " + ctx.blocks[i + 1].text
            }
            // A heading that names the document's kind ("Acta de ...") is surely its title; a
            // first short line without one less so.
            let heading = ctx.blocks[i].role == .heading
            let via = (heading ? "heading" : "first-lines") + (best.kindWord ? "+kind-word" : "")
            return Found(clean(t), via: via, best.kindWord ? (heading ? 0.9 : 0.8) : (heading ? 0.75 : 0.6))
        }
        if let t = meta.title, !t.isEmpty { return Found(t, via: "metadata", 0.6) }
        if let h = ctx.blocks.indices.first(where: { ctx.blocks[$0].role == .heading && !isNotATitle(ctx.blocks[$0].text, ctx) && !isLaterPart($0, ctx) }) {
            return Found(clean(ctx.blocks[h].text), via: "heading", 0.5)
        }
        // A form without a title line names its subject ("TEMA GENERAL: Planeación de ...").
        if let subject = subjectField(ctx) { return subject }
        // A document whose headings are all its parts ("## Attendees", "## Agenda"): its first.
        if let h = ctx.blocks.prefix(40).first(where: { $0.role == .heading }), ctx.lexicon.isExactSection(h.text) {
            return Found(clean(h.text), via: "heading", 0.3)
        }
        let first = ctx.blocks.first { !isNotATitle($0.text, ctx) } ?? ctx.blocks.first
        // (Of a block of several lines, the first: "ACTA DE REUNIÓN\nReunión número: 1".)
        let line = first.map { $0.text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? $0.text } ?? ""
        // A document without a title line has none: its first sentence is no title (the
        // archive shows the file's name instead).
        // (Nor is a number alone: an XML record's "<ID>41219</ID>".)
        if !line.contains(where: \.isLetter) || readsAsSentence(line), kindPosition(Folding.key(line), ctx.lexicon) == nil || isEventOnly(Folding.key(line), ctx.lexicon) {
            return Found("", via: "none", 0)
        }
        return Found(clean(String(line.prefix(120))), via: "first-line", 0.3)
    }

    /// A line that reads as running text, not a title: a sentence that ends in a full stop, a
    /// question (two words or more) or exclamation mark (four), or a long line with a comma.
    static func readsAsSentence(_ text: String) -> Bool {
        let t = text.trimmingSpaces()
        let words = t.wordsAtSpaces().count
        if let last = t.last, ".!?".contains(last), words >= 4 || last == "?" && words >= 2 { return true }
        return words > 12 && t.contains(",")
    }

    /// The line of a header table's row that opens with a kind word, when its other lines and
    /// cells are not a form's fields: "Acta de Reunión Práctica 3", not "Entregable | Acta".
    static func kindLine(of b: Block, _ ctx: ExtractionContext) -> String? {
        let cells = b.cells.isEmpty ? [b.text] : b.cells
        for (n, cell) in cells.enumerated() {
            for line in cell.split(separator: "\n") {
                let t = line.trimmingSpaces()
                guard t.count >= 4, t.hasAtMost(120), !t.contains(":"), !isNotATitle(t, ctx),
                      kindPosition(Folding.key(t), ctx.lexicon)?.position == 0 else { continue }
                // A cell after a label cell is the label's value ("Entregable | Acta de Reunión").
                // (An empty cell before it, a logo's, labels nothing.)
                if let before = cells[..<n].last(where: { !$0.trimmingSpaces().isEmpty })?.trimmingSpaces(),
                   before.hasSuffix(":") || before.wordsAtSpaces().count <= 2 && !before.contains("\n") { return nil }
                return t
            }
        }
        return nil
    }

    /// A subject field among the first blocks: "Tema general:", "Asunto:", "Subject:" (the
    /// lexicon's `subject_labels`), as a field or as a line of a table.
    static func subjectField(_ ctx: ExtractionContext) -> Found<String>? {
        let labels = Set(ctx.lexicon.cue("subject_labels").map { Folding.key($0) })
        guard !labels.isEmpty else { return nil }
        for b in ctx.blocks.prefix(20) where [.field, .tableRow, .paragraph].contains(b.role) {
            let lines = b.role == .field ? [b.text] : b.text.split(separator: "\n").map(String.init)
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let label = Folding.key(String(line[..<colon]))
                let value = line[line.index(after: colon)...].trimmingSpaces()
                if labels.contains(label), value.count >= 4, value.hasAtMost(150) {
                    return Found(clean(value), via: "field:" + String(line[..<colon]).trimmingSpaces(), 0.6)
                }
            }
        }
        return nil
    }

    /// A line with a date that names a subject besides it: three words or more that are not the
    /// date's ("2019-03-12 Requirements for the Naming Policy", not "Thursday, 25 August 2005").
    static func namesASubject(_ key: String, _ ctx: ExtractionContext) -> Bool {
        let dateWords: Set<String> = ["de", "del", "of", "the", "el", "on", "y", "and", "th", "st", "nd", "rd"]
        let words = key.wordsAtSpaces().filter { w in
            w.count > 1 && w.contains(where: \.isLetter) && !w.contains(where: \.isNumber) && !dateWords.contains(String(w))
                && ctx.lexicon.months[String(w)] == nil && !ctx.lexicon.weekdays.contains(String(w))
        }
        return words.count >= 3
    }

    /// Whether heading `i` names a section ("## Agenda") after a section heading of the same or
    /// a higher level ("## Attendees"): the document's parts begin before it, so it is one
    /// of them, not the document's title.
    static func isLaterPart(_ i: Int, _ ctx: ExtractionContext) -> Bool {
        let b = ctx.blocks[i]
        guard b.role == .heading, ctx.lexicon.isExactSection(b.text) else { return false }
        return ctx.blocks[..<i].contains { $0.role == .heading && $0.level <= b.level && ctx.lexicon.isExactSection($0.text) && kindPosition(Folding.key($0.text), ctx.lexicon) == nil }
    }

    /// Lines at the top that are never the title: a label or lead-in ("Chairs:"), a section
    /// heading ("Participants", "Asistentes"), a form's field ("FECHA: 13 DE SEPTIEMBRE DE
    /// 2019"), a table of contents ("Índice", "2- Desarrollo de la Reunión ………… 3").
    static func isNotATitle(_ text: String, _ ctx: ExtractionContext) -> Bool {
        let t = text.trimmingSpaces()
        let key = Folding.key(t)
        // ("Agenda", "Orden del día" name a section and a kind of document: an agenda's title.)
        // (A kind word and a date before the colon make a title: "Minuta 20/05/2025:".)
        if t.hasSuffix(":") && !(kindPosition(key, ctx.lexicon)?.position == 0 && !ctx.fullDates(in: t).isEmpty)
            || ctx.lexicon.isExactSection(t) && kindPosition(key, ctx.lexicon) == nil { return true }
        if ["indice", "contenido", "contenidos", "contents", "table of contents", "tabla de contenido", "tabla de contenidos"].contains(where: { key == $0 || key.hasPrefix($0 + " de ") }) {
            return true
        }
        if Patterns.tocLine.firstRange(in: t) != nil { return true }
        // A transcript's speaker label: "[Speaker 5]", "[Ana]".
        if t.first == "[", t.last == "]", t.hasAtMost(40) { return true }
        if let colon = t.firstIndex(of: ":") {
            let label = Folding.key(String(t[..<colon]))
            let lex = ctx.lexicon
            if lex.dateLabels.contains(label) || lex.placeLabels.contains(label) || lex.cue("document_labels").contains(where: { Folding.key($0) == label }) {
                return true
            }
            // ("Meeting Date/Time: Friday 9/22/17 at 14:00 UTC", "Hora y fecha: ...": a label of
            // a few words, one of them a date's.)
            let labelWords = label.wordsAtSpaces()
            if labelWords.count <= 4, labelWords.contains(where: { lex.dateLabels.contains(String($0)) }), !ctx.fullDates(in: String(t[t.index(after: colon)...])).isEmpty {
                return true
            }
            // A form's field with a short value ("NUMERO DE ACTA: 01", "Versión: 1.0") names a
            // detail, not the document; "Acta 3: Reunión de seguimiento" is a title.
            // (A label: a few words without digits, then ": " — not "14:00 UTC".)
            let value = t[t.index(after: colon)...].trimmingSpaces()
            let after = t.index(after: colon)
            if after == t.endIndex || t[after] == " ", label.wordsAtSpaces().count <= 5, !label.contains(where: \.isNumber),
               value.wordsAtSpaces().count <= 2, kindPosition(label, lex)?.position != 0 { return true }
        }
        return false
    }

    private static func continues(_ a: String, _ b: String) -> Bool {
        let last = Folding.key(a).wordsAtSpaces().last.map(String.init) ?? ""
        let connectors: Set<String> = ["de", "del", "la", "las", "los", "el", "en", "y", "sobre", "para", "of", "the", "on", "and", "for", "to"]
        if connectors.contains(last) || a.hasSuffix("–") || a.hasSuffix("-") { return true }
        if let f = b.first, f.isLowercase { return true }
        return false
    }

    static func isUpper(_ s: String) -> Bool {
        let letters = s.filter { $0.isLetter }
        return letters.count >= 4 && letters.allSatisfy { $0.isUppercase }
    }

    private static func clean(_ s: String) -> String {
        var t = s.trimmingSpaces()
        while let l = t.last, ":;,".contains(l) { t.removeLast() }
        return t.collapsingSpaces()
    }

    // MARK: Kind

    static func kindPosition(_ key: String, _ lexicon: Lexicon) -> (kind: Record.Kind, position: Int)? {
        var best: (Record.Kind, Int, Int)?
        var event: (Record.Kind, Int, Int)?
        let padded = PaddedKey(key)
        let events = lexicon.eventKinds
        // (A phrase is looked for only in a key that holds its first word: most lines hold
        // no kind word, and every phrase of every language was searched in each.)
        let words = Set(key.split(separator: " "))
        for (kind, phrase) in lexicon.kinds where words.contains(phrase.prefix { $0 != " " }) {
            guard let pos = padded.offset(of: phrase) else { continue }
            // A word that names the event ("meeting", "reunión") gives way to one that names the
            // document ("Meeting Agenda", "Teleconference Minutes"), wherever each stands.
            if events.contains(phrase) {
                if event == nil || pos < event!.1 || (pos == event!.1 && phrase.count > event!.2) { event = (kind, pos, phrase.count) }
                continue
            }
            if best == nil || pos < best!.1 || (pos == best!.1 && phrase.count > best!.2) { best = (kind, pos, phrase.count) }
        }
        return (best ?? event).map { ($0.0, $0.1) }
    }

    /// Whether `key` holds a kind word of minutes that names the document, not the event
    /// ("minutes", "acta", "notes"; not "meeting").
    static func namesTheRecord(_ key: String, _ ctx: ExtractionContext) -> Bool {
        let padded = PaddedKey(key)
        return ctx.lexicon.kinds.contains { $0.0 == .minutes && !ctx.lexicon.eventKinds.contains($0.1) && padded.offset(of: $0.1) != nil }
    }

    /// Whether `b` is a heading of at most `length` characters that names the record of a
    /// meeting ("Minutes", "Resumen de la reunión"; with `atStart`, as its first words), not
    /// only the event.
    static func namesTheRecord(heading b: Block, atMost length: Int, atStart: Bool, _ ctx: ExtractionContext) -> Bool {
        guard b.role == .heading, b.text.hasAtMost(length) else { return false }
        let key = Folding.key(b.text)
        guard let k = kindPosition(key, ctx.lexicon), k.kind == .minutes, !atStart || k.position == 0 else { return false }
        return !isEventOnly(key, ctx.lexicon)
    }

    /// True when the only kind words of `key` name the event, not the document.
    static func isEventOnly(_ key: String, _ lexicon: Lexicon) -> Bool {
        let events = lexicon.eventKinds
        let padded = PaddedKey(key)
        let words = Set(key.split(separator: " "))
        return !lexicon.kinds.contains { words.contains($0.1.prefix { $0 != " " }) && !events.contains($0.1) && padded.offset(of: $0.1) != nil }
    }

    /// Whether the document invites to a meeting to come: an `announcement` cue in its first
    /// pages, or a heading with the word "agenda" / "orden del día".
    static func announcesMeeting(_ ctx: ExtractionContext) -> Bool {
        if ctx.blocks.contains(where: { b in
            guard b.role == .heading, b.text.hasAtMost(80) else { return false }
            let k = " " + Folding.key(b.text) + " "
            return k.contains(" agenda ") || k.contains(" orden del dia ")
        }) {
            return true
        }
        return ctx.lexicon.firstCue("announcement", in: FoldedText(String(ctx.layout.text.prefix(4_000)))) != nil
    }

    static func kind(_ ctx: ExtractionContext, title: String) -> Record.Kind {
        if let k = kindPosition(Folding.key(title), ctx.lexicon) {
            // A title that names only the event ("Winter General Meeting", "Reunión marzo
            // 2017") says nothing of the document: a notice with its order of business and no
            // record of what happened is an agenda.
            // So is an invitation to it ("Items on the agenda include:", "¡Estáis todos
            // invitados!": the lexicon's `announcement` cues) or a heading that names its agenda
            // ("Call Agenda").
            // (Unless a heading at the top names the document: "# Resumen de la última reunión"
            // under the page's title "Última reunión".)
            if k.kind == .minutes, isEventOnly(Folding.key(title), ctx.lexicon),
               ctx.sections.present.isDisjoint(with: ["attendees", "decisions", "actions", "consensus", "dissent", "absent"]),
               ctx.sections.present.contains("agenda") || announcesMeeting(ctx),
               !ctx.blocks.prefix(4).contains(where: { namesTheRecord(heading: $0, atMost: 120, atStart: false, ctx) }) {
                return .agenda
            }
            // An agenda that the same page turns into the record is minutes: a title that names
            // both ("Plenum 2014-06-12 Agenda/Minutes"), or a heading that names the record
            // after it ("Agenda" ... "Minutes").
            if k.kind == .agenda, namesTheRecord(Folding.key(title), ctx)
                || ctx.blocks.contains(where: { namesTheRecord(heading: $0, atMost: 40, atStart: true, ctx) }) {
                return .minutes
            }
            return k.kind
        }
        switch ctx.document.metadata.documentType ?? "" {
        case "debate", "debatereport": return .minutes
        case "statement": return .declaration
        default: break
        }
        for b in ctx.blocks.prefix(ctx.headerEnd) where b.role == .heading {
            if let k = kindPosition(Folding.key(b.text), ctx.lexicon), k.position == 0 { return k.kind }
        }
        if ctx.sections.present.contains("attendees") || ctx.sections.present.contains("decisions") { return .minutes }
        // A line at the top that opens with a kind word, in a table's cell as much as in a
        // paragraph ("Entregable | Acta de Reunión", a cover table's "Acta de Reunión Práctica 3").
        for b in ctx.blocks.prefix(max(ctx.headerEnd, 10)) where b.role != .footer && b.text.hasAtMost(2_000) {
            for line in b.text.split(separator: "\n").flatMap({ $0.components(separatedBy: " | ") }) where line.hasAtMost(80) {
                if let k = kindPosition(Folding.key(line), ctx.lexicon), k.position == 0 { return k.kind }
            }
        }
        // A transcript or speaker-led notes record a meeting.
        if ctx.blocks.lazy.filter({ $0.role == .speech }).prefix(3).count >= 3 { return .minutes }
        // Last, the file name's kind word ("gestion-datos-minuta-requisitos.txt", "ActaREI_02ago07").
        let name = ctx.filename.split(whereSeparator: { !$0.isLetter }).joined(separator: " ")
        if let k = kindPosition(Folding.key(name), ctx.lexicon) { return k.kind }
        // A document that names no kind but records outcomes is a meeting's record: a list of
        // tasks, positions or apologies, or a decision or vote in its text ("Unanimously
        // approved", "Result: Carried", "(-1): 5"), as a vote's report or bare notes write them.
        if !ctx.sections.present.isDisjoint(with: ["actions", "consensus", "dissent", "absent"]) { return .minutes }
        let opening = FoldedText(String(ctx.layout.text.prefix(20_000)))
        if ["decision", "dissent", "consensus"].contains(where: { ctx.lexicon.firstCue($0, in: opening) != nil }) { return .minutes }
        return .other
    }

    // MARK: Date

    /// Whether numeric dates read day first: outside English, yes; in English, what the
    /// document's own numeric dates show ("24/07/2007" can only be read one way), else the order
    /// that makes one of them the date the file name gives, else month first.
    static func dayFirst(_ ctx: ExtractionContext) -> Bool {
        let byLanguage = ctx.language != "en"
        // Day first is all but universal outside English: only English documents are asked.
        guard !byLanguage else { return true }
        let numeric = DateParser.numericDates(in: ctx.layout.text)
        if let order = numeric.order { return order }
        // (No numeric date that reads both ways: the order changes nothing.)
        guard numeric.ambiguous else { return byLanguage }
        guard let named = ctx.dates.fileNameDate(ctx.filename, dayFirst: byLanguage), let y = named.year else { return byLanguage }
        for b in ctx.blocks.prefix(20) {
            for d in ctx.dates.dates(in: FoldedText(head(b)), dayFirst: true) where d.year == y {
                if d.month == named.month && d.day == named.day { return true }
                if d.month == named.day && d.day == named.month { return false }
            }
        }
        return byLanguage
    }

    /// The meeting's or signing date; warnings say when it had to be inferred or is missing.
    static func date(_ ctx: inout ExtractionContext, title: String) -> Found<String>? {
        let meta = ctx.document.metadata
        if let d = meta.dates.first(where: { $0.isEventDate }) { return Found(d.value, via: "metadata:" + d.source, 0.95) }
        // A labelled date ("Fecha: ...", <fecha>, a "Fecha | ..." table row) outside the task lists.
        var frontMatter: Found<String>?
        for (i, b) in ctx.blocks.enumerated() where (b.role == .field || b.role == .tableRow) && i < max(ctx.headerEnd + 10, 20) {
            guard !["actions", "agenda"].contains(ctx.sections[i]) else { continue }
            if b.hints == [Block.frontMatterHint] {
                if frontMatter == nil, let d = firstMeetingDate(in: ctx.fieldValue(b), ctx) { frontMatter = Found(d, via: "front-matter:date", 0.8) }
                continue
            }
            if b.role == .tableRow {
                let cells = b.text.components(separatedBy: " | ")
                if cells.count == 2, ctx.lexicon.dateLabels.contains(Folding.key(cells[0])), let d = firstMeetingDate(in: cells[1], ctx) {
                    return Found(d, via: "field:" + Provenance.name(cells[0]), 0.95)
                }
                continue
            }
            if let k = ctx.labelKey(b), ctx.lexicon.dateLabels.contains(k) || b.hints.last.map({ ctx.lexicon.dateLabels.contains(Folding.key($0)) }) == true {
                if let d = firstMeetingDate(in: ctx.fieldValue(b), ctx) { return Found(d, via: "field:" + Provenance.name(b.label ?? b.hints.last ?? "date"), 0.95) }
            }
        }
        // A date in the title is the meeting's ("Acta de la sesión del 30 de noviembre de 2006").
        if let d = firstMeetingDate(in: title, ctx, quoted: false) { return Found(d, via: "title", 0.9) }
        for i in 0..<min(ctx.headerEnd + 1, ctx.blocks.count) where ctx.blocks[i].role != .footer && ctx.blocks[i].role != .header
            && ctx.blocks[i].hints != [Block.frontMatterHint] {
            if let d = firstMeetingDate(in: head(ctx.blocks[i]), ctx, nextMeeting: true) { return Found(d, via: "header", 0.85) }
        }
        // The first paragraph often says when the meeting took place.
        for i in ctx.headerEnd..<min(ctx.headerEnd + 3, ctx.blocks.count) where ctx.blocks[i].role == .paragraph {
            if let d = firstMeetingDate(in: head(ctx.blocks[i]), ctx, strict: true) { return Found(d, via: "first-paragraph", 0.75) }
        }
        // A page's front matter date when the document states none (the day it was posted, often).
        // When the text gives the day and month itself ("Tuesday, November 10"), the text's day
        // wins, in the front matter's year.
        if let frontMatter {
            if let year = Int(frontMatter.value.prefix(4)), let iso = headerDayMonth(ctx)?.match.iso(fallbackYear: year) {
                ctx.warnings.append("meeting date \(iso): the day the text states, in the year of the page's front matter (\(frontMatter.value))")
                return Found(iso, via: "day-month+front-matter-year", 0.6)
            }
            return frontMatter
        }
        if let d = meta.dates.first(where: { $0.source.hasPrefix("akn.FRBRWork") }) {
            ctx.warnings.append("meeting date taken from the work's FRBR date (\(d.value)); the document states none")
            return Found(d.value, via: "metadata:FRBRWork", 0.5)
        }
        // The first lines of a document whose header the section map did not find (metadata
        // fields of an XML record, a header under a menu), outside task lists.
        // Only short lines (or short cells of a table row): in running text a date is as likely
        // a deadline as the meeting's.
        for i in 0..<min(15, ctx.blocks.count) where ![.footer, .header, .listItem].contains(ctx.blocks[i].role) && ctx.sections[i] != "actions" {
            let b = ctx.blocks[i]
            let lines = b.role == .tableRow ? b.text.components(separatedBy: " | ") : [b.text]
            for line in lines where line.hasAtMost(160) {
                if let d = firstMeetingDate(in: line, ctx, strict: true) { return Found(d, via: "opening-lines", 0.7) }
            }
        }
        // The signing line at the end of a declaration or of minutes ("Dada en Bogotá, a los ...",
        // "Done at Quibdó, 29 May 2007"); not the next meeting's date nor a deadline.
        for b in ctx.blocks.suffix(6).reversed() where b.text.hasAtMost(300) && b.role != .footer && b.role != .listItem {
            if let d = firstMeetingDate(in: b.text, ctx, strict: true, deadlines: true) { return Found(d, via: "signing-line", 0.7) }
        }
        // A day and month with the year given elsewhere ("martes 14 de marzo", "los días 28 y 29
        // de septiembre"): the year of the document's first full date, of the title, of the file name.
        var year: Int?
        for b in ctx.blocks.prefix(40) where year == nil {
            year = ctx.dates.dates(in: FoldedText(head(b)), dayFirst: ctx.dayFirst).first(where: { $0.year != nil })?.year
        }
        year = year ?? Self.yearMention(title) ?? ctx.dates.fileNameDate(ctx.filename, dayFirst: ctx.dayFirst)?.year ?? Self.yearMention(ctx.filename)
        for b in ctx.blocks.prefix(40) where year == nil { year = Self.yearMention(head(b)) }
        let dayMonth = headerDayMonth(ctx)
        if let dayMonth, let year, let iso = dayMonth.match.iso(fallbackYear: year) {
            ctx.warnings.append("meeting date \(iso): the year was taken from elsewhere in the document")
            return Found(iso, via: "day-month+year-elsewhere", 0.45)
        }
        let partialNote = dayMonth?.words
        // A date the format declares that is not the event's (a TEI file's publication date):
        // when the file was published, which may be long after the meeting.
        if let d = meta.dates.first(where: { !$0.isEventDate && $0.source.hasPrefix("tei.") }) {
            ctx.warnings.append("meeting date \(d.value) taken from the file's publication date; the document states none")
            return Found(d.value, via: "metadata:" + d.source, 0.3)
        }
        // Last, the file name ("ActaREI_02ago07.docx", "acta-2005-06-08.md").
        if let d = ctx.dates.fileNameDate(ctx.filename, dayFirst: ctx.dayFirst), let iso = d.iso() {
            ctx.warnings.append("meeting date \(iso) taken from the file name; the text states none")
            return Found(iso, via: "filename", 0.3)
        }
        if let partialNote {
            ctx.warnings.append("the meeting date has no year (\(partialNote)); date left empty")
        } else {
            ctx.warnings.append("no meeting date found in the document")
        }
        return nil
    }

    /// The first day and month without a year in the header's lines, outside task lists
    /// ("martes 14 de marzo"), with the words it was read from; not a date another one quotes.
    private static func headerDayMonth(_ ctx: ExtractionContext) -> (match: DateMatch, words: String)? {
        for i in 0..<min(ctx.headerEnd + 3, ctx.blocks.count) where ctx.sections[i] != "actions" {
            let f = FoldedText(head(ctx.blocks[i]))
            if let partial = ctx.dates.dates(in: f, dayFirst: ctx.dayFirst).first(where: { $0.year == nil && !isQuoted(f, $0.range, ctx) }) {
                return (partial, f.text(partial.range))
            }
        }
        return nil
    }

    private static func yearMention(_ s: String) -> Int? {
        guard let r = Patterns.yearMention.firstRange(in: s) else { return nil }
        return Int(s[r])
    }

    /// True when the words just before a date say it is some other date (a previous meeting, a deadline).
    static func isQuoted(_ f: FoldedText, _ range: Range<Int>, _ ctx: ExtractionContext) -> Bool {
        let before = Folding.key(f.text(max(0, range.lowerBound - 40)..<range.lowerBound))
        let padded = " \(before)"
        return ctx.lexicon.notMeetingDate.contains { padded.hasSuffix(" \($0)") }
    }

    /// True when the words before a date in its line speak of another date anywhere, not only
    /// just before it ("La próxima reunión se realizará el 12 de julio", "deadline ... 9 August").
    /// With `deadlines`, the due-date cues ("para el", "by") count too: at the end of a document
    /// a date after them is a task's deadline, not a signing date.
    static func isLooselyQuoted(_ f: FoldedText, _ range: Range<Int>, _ ctx: ExtractionContext, deadlines: Bool = false) -> Bool {
        let padded = " \(Folding.key(f.text(max(0, range.lowerBound - 80)..<range.lowerBound))) "
        let phrases = ctx.lexicon.notMeetingDate + ctx.lexicon.cue("next_meeting") + (deadlines ? ctx.lexicon.cue("due") : [])
        return phrases.contains { padded.contains(" \(Folding.key($0)) ") }
    }

    /// With `nextMeeting`, a date after the words of the next meeting in its line is skipped too.
    private static func firstMeetingDate(in s: String, _ ctx: ExtractionContext, quoted: Bool = true, strict: Bool = false, deadlines: Bool = false,
                                         nextMeeting: Bool = false) -> String? {
        let f = FoldedText(s)
        for d in ctx.dates.dates(in: f, dayFirst: ctx.dayFirst) where d.year != nil && !d.endOfMonth {
            if quoted, isQuoted(f, d.range, ctx) { continue }
            if nextMeeting, ctx.lexicon.firstCue("next_meeting", in: FoldedText(f.text(max(0, d.range.lowerBound - 80)..<d.range.lowerBound))) != nil { continue }
            if strict, isLooselyQuoted(f, d.range, ctx, deadlines: deadlines) { continue }
            return d.iso()
        }
        return nil
    }

    // MARK: Body

    static func body(_ ctx: ExtractionContext, title: String, kind: Record.Kind) -> Found<String>? {
        for b in ctx.blocks.prefix(60) where b.role == .field {
            if let k = ctx.labelKey(b), ctx.lexicon.bodyLabels.contains(k) {
                let v = ctx.fieldValue(b)
                if v.count <= 150 { return Found(organPhrase(in: v, ctx) ?? v, via: "field:" + Provenance.name(b.label ?? k), 0.9) }
            }
        }
        for b in ctx.blocks.prefix(ctx.headerEnd + 1) {
            if let p = b.fields["docproponent.ref"] ?? b.fields["docproponent"] { return Found(p, via: "metadata:docProponent", 0.9) }
        }
        // A declaration speaks for whoever heads its letterhead.
        if kind == .declaration || kind == .report {
            for b in ctx.blocks.prefix(ctx.headerEnd) {
                if Folding.key(b.text) == Folding.key(title) { break }
                if b.role == .heading || b.role == .paragraph, b.text.hasAtMost(120), let o = organPhrase(in: b.text, ctx) {
                    return Found(o, via: "letterhead", 0.8)
                }
            }
            if let issuer = issuerBeforeKind(title, ctx) { return Found(issuer, via: "title:issuer", 0.6) }
        }
        if let o = organPhrase(in: title, ctx) {
            // A general meeting is the organ only when no organ heads the page: "GOVAN
            // COMMUNITY COUNCIL" over "General Meeting 3rd July 2023" is the council's.
            if isGeneralMeeting(o) {
                for b in ctx.blocks.prefix(ctx.headerEnd) where b.text.hasAtMost(120) && !b.isHeaderRow && b.role != .field {
                    if let head = organPhrase(in: b.text, ctx), !isGeneralMeeting(head) { return Found(head, via: "header:organ", 0.7) }
                }
            }
            return Found(o, via: "title:organ", 0.8)
        }
        // The organ a format's metadata names (TEI `meeting`, `orgName`, `authority`).
        for h in ctx.document.metadata.bodyHints where h.hasAtMost(200) {
            if let o = organPhrase(in: h, ctx) { return Found(o, via: "metadata:organ", 0.75) }
        }
        for b in ctx.blocks.prefix(ctx.headerEnd) where b.text.hasAtMost(200) && !b.isHeaderRow {
            // A label that names a group before its members ("Board: @ron @lassulus") or a
            // column ("Committee Member | Vote") is no body; nor a field's running value
            // ("Done: finished the Story Board").
            if b.role == .field || b.role == .listItem && labelNamesMembers(b.text) { continue }
            // (A sentence's lower-case words after the organ are its predicate: "The Steering
            // Committee met online.")
            let sentence = b.role == .paragraph && b.text.trimmingSpaces().hasSuffix(".")
            if let o = organPhrase(in: b.text, ctx, prose: sentence) { return Found(o, via: "header:organ", 0.65) }
        }
        if let o = enactingOrgan(ctx) { return Found(o, via: "enacting-formula", 0.7) }
        // ("2008-10-10 Lumiera Developers Meeting": a date that opens the title is not the name.)
        let named = withoutLeadingDate(title)
        if let a = acronymBeforeKind(named, ctx) { return Found(a, via: "title:acronym", 0.5) }
        if let n = nameBeforeKind(named, ctx) { return Found(n, via: "title:name", 0.4) }
        if let n = nameAfterKind(named, ctx) { return Found(n, via: "title:name", 0.4) }
        // The opening paragraphs name the organ that met ("The Board of Directors met ...",
        // "Siendo las 18:00 horas se reunió la Junta Directiva ...").
        for b in ctx.blocks.dropFirst(ctx.headerEnd).prefix(4) where b.role == .paragraph {
            if let o = organPhrase(in: head(b), ctx, prose: true) { return Found(o, via: "opening:organ", 0.5) }
        }
        // The author a format declares (Akoma Ntoso FRBRauthor) when the text names no organ.
        if let author = ctx.document.metadata.author { return Found(author, via: "metadata:author", 0.5) }
        return siteName(ctx, title: title).map { Found($0, via: "metadata:site-title", 0.4) }
    }

    /// "Annual General Meeting", "AGM", "Asamblea General": a meeting of all the members.
    static func isGeneralMeeting(_ organ: String) -> Bool {
        let k = Folding.key(organ)
        return k.contains("general meeting") || ["agm", "egm", "sgm"].contains(k)
    }

    /// "Board: @ron @lassulus", "Comité: Ana Gil, Luis Paz": a short label before a list.
    static func labelNamesMembers(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let label = text[..<colon]
        let value = text[text.index(after: colon)...].trimmingSpaces()
        return !value.isEmpty && label.wordsAtSpaces().count <= 4
    }

    /// "TAG Teleconference", "CCSS General Meeting", "GISAT - Reunión": a group's acronym that
    /// opens a title, just before its kind word, or follows the kind word that opens it
    /// ("Reunión GISAT 04/10/2023"): the group that met.
    static func acronymBeforeKind(_ title: String, _ ctx: ExtractionContext) -> String? {
        let words = title.split(separator: " ").map(String.init)
        guard words.count >= 2, let first = words.first else { return nil }
        func acronym(_ w: String) -> Bool {
            let letters = w.filter(\.isLetter)
            // (In capitals, or mixed with at least as many capitals as not: "CoRE", "PyAr".)
            let capitals = letters.filter(\.isUppercase).count
            return (2...6).contains(letters.count) && w.first?.isUppercase == true && capitals >= 2 && capitals * 2 >= letters.count
                && w.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "/" }) && !ctx.lexicon.kindWords.contains(Folding.key(w))
        }
        // "Reunión GISAT 04/10/2023": the acronym right after the kind word that opens the title
        // (three capitals or more, not a Roman numeral: "Acta III").
        if kindPosition(Folding.key(first), ctx.lexicon)?.position == 0, acronym(words[1]), words[1].filter(\.isUppercase).count >= 3,
           !words[1].allSatisfy({ "IVXLCDM".contains($0) }) { return words[1] }
        guard acronym(first) else { return nil }
        // What follows is the kind word, or capitalised words before it ("General Meeting",
        // "- Reunión"; not "USA trip notes"), or "@" and the event ("CoRE @ IETF97").
        let rest = Array(words.dropFirst().filter { $0 != "-" && $0 != "–" && $0 != ":" }.prefix(3))
        for n in rest.indices {
            if rest[n] == "@", n == 0 { return first }
            if kindPosition(Folding.key(rest[n]), ctx.lexicon)?.position == 0 { return first }
            if rest[n].first?.isUppercase != true { return nil }
        }
        return nil
    }

    /// "Acta de Reunión - Ocial", "Meeting Minutes: [G4/Borroo]": after a title made of kind
    /// words and a dash or colon, a name of one to three capitalised words (no date, no lower
    /// case word, no number alone: "Acta de reunión - Planificación del sprint" names a topic).
    static func nameAfterKind(_ title: String, _ ctx: ExtractionContext) -> String? {
        var head = "", rest = ""
        for sep in [" - ", " – ", " — ", ": "] {
            if let r = title.range(of: sep) { head = String(title[..<r.lowerBound]); rest = String(title[r.upperBound...]); break }
        }
        let headWords = Folding.key(head).wordsAtSpaces()
        guard !headWords.isEmpty, headWords.allSatisfy({ w in
            ["de", "la", "del", "of", "the", "y", "and"].contains(w) || kindPosition(String(w), ctx.lexicon)?.position == 0
        }) else { return nil }
        var name = rest.trimmingSpaces()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()).trimmingSpaces() }
        let words = name.wordsAtSpaces()
        guard (1...3).contains(words.count), ctx.fullDates(in: name).isEmpty,
              words.allSatisfy({ w in w.first?.isUppercase == true && w.contains(where: \.isLetter) && ctx.lexicon.months[Folding.key(String(w))] == nil
                  && kindPosition(Folding.key(String(w)), ctx.lexicon) == nil }) else { return nil }
        return name
    }

    /// A title without the numeric date that opens it ("2008-10-10 Lumiera Developers Meeting",
    /// "2024.06.03 - Board call").
    static func withoutLeadingDate(_ title: String) -> String {
        let words = title.wordsAtSpaces()
        guard let first = words.first, first.count >= 6, first.filter(\.isNumber).count >= 4,
              first.allSatisfy({ $0.isNumber || "-./:".contains($0) }) else { return title }
        return words.dropFirst().drop(while: { ["-", "–", "—", ":", "|"].contains($0) }).joined(separator: " ")
    }

    /// "Ethereum Core Devs Meeting #25", "Fedora Tour meeting minutes": the capitalised name
    /// that opens a title just before its kind word (two to four words; not a date, a
    /// number, nor a word of frequency or kind: "Weekly", "Annual", "Special").
    static func nameBeforeKind(_ title: String, _ ctx: ExtractionContext) -> String? {
        let words = title.split(separator: " ").map(String.init)
        let generic: Set<String> = ["weekly", "monthly", "annual", "regular", "special", "extraordinary", "ordinary", "general", "first", "second",
                                    "third", "last", "next", "final", "joint", "the", "our", "team", "group", "online", "virtual", "public",
                                    "ultima", "primera", "segunda", "tercera", "nueva", "proxima", "la", "el", "una", "un", "mi", "nuestra"]
        var name: [String] = []
        for w in words.prefix(5) {
            let key = Folding.key(w)
            if kindPosition(key, ctx.lexicon)?.position == 0 || ctx.lexicon.eventKinds.contains(key) {
                guard name.count >= 2, !name.allSatisfy({ generic.contains(Folding.key($0)) }),
                      !generic.contains(Folding.key(name[0])) else { return nil }
                return name.joined(separator: " ")
            }
            // (A number of one to three digits inside the name: "ISO/TC 154 CAT"; not a year.)
            let number = name.count > 0 && (1...3).contains(w.count) && w.allSatisfy(\.isNumber)
            guard w.first?.isUppercase == true || w.first?.isNumber == true && name.count > 0, w.contains(where: \.isLetter) || number,
                  ctx.lexicon.months[key] == nil, !w.hasSuffix(":"), !w.hasSuffix(",") else { return nil }
            name.append(w)
        }
        return nil
    }

    /// The enacting formula of a resolution or declaration: the organ alone on its line,
    /// followed by a comma, before its recitals or operative clauses ("La Asamblea General,",
    /// "The Security Council,", "El Consejo Directivo,").
    static func enactingOrgan(_ ctx: ExtractionContext) -> String? {
        for b in ctx.blocks.prefix(80) where [.paragraph, .heading, .field].contains(b.role) {
            var t = b.text.trimmingSpaces()
            guard t.hasSuffix(","), t.hasAtMost(60) else { continue }
            t.removeLast()
            let words = t.wordsAtSpaces().map(String.init)
            guard (2...6).contains(words.count), let first = words.first, first.first?.isUppercase == true else { continue }
            // The whole line is the organ's name, with its article.
            let article = ["la", "el", "los", "las", "the"].contains(Folding.key(first))
            guard let organ = organPhrase(in: t, ctx),
                  Folding.key(organ) == Folding.key(article ? words.dropFirst().joined(separator: " ") : t) else { continue }
            return organ
        }
        return nil
    }

    /// A web page's own title names its site beside the page ("Minutes 2024-01-19 – PSI AIMS
    /// SIG Website", "Minutes – br-visualization"): the part that is not the page's title, a
    /// kind word or a date is the group that publishes its minutes there.
    static func siteName(_ ctx: ExtractionContext, title: String) -> String? {
        let meta = ctx.document.metadata
        guard !meta.titleIsVisible, let full = meta.title else { return nil }
        var parts = [full]
        for sep in [" – ", " — ", " | ", " - "] where parts.count == 1 { parts = full.components(separatedBy: sep) }
        guard parts.count == 2 else { return nil }
        let titleKey = Folding.key(title)
        let others = parts.map { $0.trimmingSpaces() }.filter { p in
            let k = Folding.key(p)
            return !k.isEmpty && k != titleKey && !titleKey.contains(k) && kindPosition(k, ctx.lexicon).map { $0.position == 0 } != true
                && ctx.fullDates(in: p).isEmpty
        }
        guard others.count == 1, var site = others.first else { return nil }
        for suffix in [" Website", " website", " Web Site", " Home", " Homepage", " Wiki", " wiki", " Blog", " blog"] where site.hasSuffix(suffix) {
            site = String(site.dropLast(suffix.count)).trimmingSpaces()
        }
        return site.isEmpty || !site.hasAtMost(60) ? nil : site
    }

    /// "G24 Statement on ..." → "G24": the words before the kind word.
    private static func issuerBeforeKind(_ title: String, _ ctx: ExtractionContext) -> String? {
        let words = title.wordsAtSpaces().map(String.init)
        for (i, w) in words.enumerated() where i > 0 {
            let k = Folding.key(w)
            if ctx.lexicon.kinds.contains(where: { $0.1 == k }) {
                let issuer = words[..<i].joined(separator: " ")
                if issuer.first?.isUppercase == true, issuer.count <= 60 { return issuer }
                return nil
            }
        }
        return nil
    }

    /// The name of an organ in a line: an organ noun of the lexicon, with the proper-noun words
    /// that qualify it before (English) and after (Spanish) it.
    /// In running prose (`prose`), the name ends at its last capitalised word.
    static func organPhrase(in s: String, _ ctx: ExtractionContext, prose: Bool = false) -> String? {
        let tokens = Tokenized(s)
        guard !tokens.words.isEmpty else { return nil }
        let keys = tokens.words.map { Folding.key($0) }
        let present = Set(keys)  // an organ whose first word is absent cannot occur
        var bestMatch: (start: Int, end: Int)?
        for parts in ctx.lexicon.organWords {
            guard let head = parts.first, parts.count <= keys.count, present.contains(head) else { continue }
            for i in 0...(keys.count - parts.count) where keys[i..<(i + parts.count)].elementsEqual(parts) {
                // An organ noun written in lower case mid-sentence is a common noun, not a name.
                let first = tokens.words[i]
                // (A lower-case single noun such as "meeting" is not a name; a lower-case organ of
                // several words such as "heads of cooperation" is specific enough.)
                // (Unless its name follows it: "el grupo Interferencias", "la comisión Verdad".)
                if i > 0, first.first?.isLowercase == true, parts.count == 1,
                   !(i + 1 < tokens.words.count && !tokens.breakBefore[i + 1] && tokens.words[i + 1].first?.isUppercase == true) { continue }
                // ("the general meeting" in running text is the event, not its name: "Annual
                // General Meeting", "AGM".)
                if first.first?.isLowercase == true, parts.contains("meeting") { continue }
                if bestMatch == nil || i < bestMatch!.start { bestMatch = (i, i + parts.count) }
                break
            }
        }
        guard var (start, end) = bestMatch else { return nil }
        let matchedWords = end - start, bestStart = start
        let connectors: Set<String> = ["de", "del", "la", "las", "los", "el", "y", "e", "sobre", "para", "contra", "en", "of", "the", "on", "for", "and", "a"]
        let stops: Set<String> = ["no", "n", "nº", "no.", "numero", "acta", "meeting", "session", "minutes", "reunion", "sesion", "telco", "call"]
        let kindWords = ctx.lexicon.kindWords
        func isName(_ w: String) -> Bool {
            guard let f = w.first else { return false }
            if kindWords.contains(Folding.key(w)) || stops.contains(Folding.key(w)) { return false }
            return f.isUppercase || w.first == "\"" || w.first == "“" || (w.count >= 2 && w.allSatisfy { $0.isUppercase || $0.isNumber })
        }
        // Right: capitalised words, joined by connectors, quoted names.
        var j = end
        while j < tokens.words.count {
            let w = tokens.words[j]
            if tokens.breakBefore[j] { break }
            if isName(w) && !w.allSatisfy({ $0.isNumber }) { j += 1; end = j; continue }
            if connectors.contains(Folding.key(w)) {
                var k = j
                while k < tokens.words.count, connectors.contains(Folding.key(tokens.words[k])), !tokens.breakBefore[k] { k += 1 }
                if k < tokens.words.count, !tokens.breakBefore[k], isName(tokens.words[k]), !tokens.words[k].allSatisfy({ $0.isNumber }) {
                    j = k
                    continue
                }
            }
            break
        }
        // A lower-case tail that ends the phrase ("Bloque temático Desplazamiento forzoso y
        // asistencia humanitaria"): names of thematic bodies run on in lower case.
        var k = end
        var tail: [String] = []
        while k < tokens.words.count, !tokens.breakBefore[k] {
            let w = tokens.words[k]
            // ("QUIC WG meeting": a kind word or "meeting" ends the name.)
            guard w.first?.isLowercase == true, !w.contains(where: { $0.isNumber }), !stops.contains(Folding.key(w)), !kindWords.contains(Folding.key(w)) else { break }
            tail.append(w)
            k += 1
        }
        if !prose, !tail.isEmpty, tail.count <= 6, k == tokens.words.count || tokens.breakBefore[k],
           let last = tail.last, !connectors.contains(Folding.key(last)) {
            end = k
        }
        // Left (English word order): "G24 Technical Secretariat", "Publishing Maintenance Working Group".
        var i = start
        // (Not a year: "2023 Annual General Meeting" is the Annual General Meeting.)
        while i > 0, !tokens.breakBefore[i], isName(tokens.words[i - 1]), !connectors.contains(Folding.key(tokens.words[i - 1])),
              !tokens.words[i - 1].allSatisfy(\.isNumber) {
            i -= 1
        }
        start = i
        // A generic noun alone ("Equipo", "Team", "Grupo") names no one body; in English its
        // name comes before it ("Rust Users Group"; "Club Records" is no club's name).
        if ctx.lexicon.cue("generic_organs").contains(keys[bestStart..<(bestStart + matchedWords)].joined(separator: " ")),
           start == bestStart && (end == bestStart + matchedWords || ctx.language == "en") { return nil }
        return expandingAbbreviations(titleCased(tokens.text(start..<end)))
    }

    /// "QUIC WG" → "QUIC Working Group": an organ's abbreviation (the lexicon's organ `wg`)
    /// written out, as the body is named elsewhere.
    static func expandingAbbreviations(_ s: String) -> String {
        let words = s.wordsAtSpaces().map(String.init)
        guard words.contains("WG") else { return s }
        return words.map { $0 == "WG" ? "Working Group" : $0 }.joined(separator: " ")
    }

    /// "ESPACIO DE COORDINACIÓN DE PLATAFORMAS" → "Espacio de Coordinación de Plataformas";
    /// short acronyms ("DIH", "G24") stay as they are. Text not in capitals is returned as is.
    static func titleCased(_ s: String) -> String {
        guard isUpper(s), s.wordsAtSpaces().count >= 2 else { return s }
        let lower: Set<String> = ["de", "del", "la", "las", "los", "el", "y", "e", "en", "para", "por", "sobre", "contra", "a", "al",
                                  "of", "the", "and", "on", "for", "in", "to"]
        return s.wordsAtSpaces().enumerated().map { n, w in
            let word = String(w)
            if n > 0, lower.contains(Folding.key(word)) { return word.lowercased() }
            if word.contains(where: { $0.isNumber }) || word.count <= 4 && !lower.contains(Folding.key(word)) { return word }
            return word.prefix(1) + word.dropFirst().lowercased()
        }.joined(separator: " ")
    }

    // MARK: Place

    static func place(_ ctx: ExtractionContext) -> String? {
        // The place a format declares (a TEI setting's placeName).
        if let p = ctx.document.metadata.place, !p.isEmpty { return p }
        for b in ctx.blocks.prefix(ctx.headerEnd + 2) {
            if let l = b.fields["location.ref"] ?? b.fields["location"] { return l }
        }
        var labelled: String?
        for (i, b) in ctx.blocks.enumerated() where [.field, .tableRow, .listItem, .heading].contains(b.role) && i < max(ctx.headerEnd + 10, 20) {
            // A form's "Lugar: ..." field, or a "Lugar | ..." row of a header table; a list
            // item or a line in bold written as one ("- Place: ...", "**Lugar: ...**").
            let v: String
            if b.role == .tableRow {
                let cells = b.cells.filter { !$0.isEmpty }
                guard cells.count == 2, isPlaceLabel(Folding.key(cells[0]), ctx) else { continue }
                v = cells[1]
            } else if b.role == .listItem || b.role == .heading {
                guard let colon = b.text.firstIndex(of: ":"), b.text[..<colon].wordsAtSpaces().count <= 4,
                      isPlaceLabel(Folding.key(String(b.text[..<colon])), ctx) else { continue }
                v = String(b.text[b.text.index(after: colon)...]).trimmingSpaces()
            } else {
                guard let k = ctx.labelKey(b), isPlaceLabel(k, ctx) else { continue }
                v = ctx.fieldValue(b)
            }
            if let p = knownPlace(in: v, ctx) { return p }
            let first = cityCandidate(v)
            if let first, ctx.fullDates(in: first).isEmpty { return first }
            // A labelled place is what the form says, a room or an address as much as a city
            // ("SALON DE CLASE C 201", "Centro Académico de San José, Laboratorio del tercer piso"),
            // when no city is named in the header either (the city is the place then).
            let value = v.trimmingSpaces().trimming(ascii: ".")
            if labelled == nil, !value.isEmpty, value.hasAtMost(100), !value.contains("\n"), ctx.fullDates(in: value).isEmpty, !value.contains("://") {
                labelled = value
            }
        }
        // "Bogotá, D.C., 14 de marzo de 2006", "Bogotá, 14/03/2006"
        for b in ctx.blocks.prefix(ctx.headerEnd + 1) where b.text.hasAtMost(160) {
            if let comma = b.text.firstIndex(ofASCII: UInt8(ascii: ",")), !ctx.fullDates(in: b.text).isEmpty,
               let city = cityCandidate(String(b.text[..<comma])), ctx.fullDates(in: city).isEmpty,
               // (A city's name is capitalised but for its connectors: "Cartagena de Indias";
               // "Opened async, until 2026-08-25" names none.)
               city.wordsAtSpaces().allSatisfy({ $0.first?.isUppercase == true || ["de", "del", "la", "las", "los", "el", "of", "the", "y", "on", "upon", "en"].contains(String($0)) }),
               !ctx.lexicon.weekdays.contains(Folding.key(city)),  // "Thursday, 25 August 2005" names no place
               !namesTheMeeting(city, ctx) {  // nor "DSF Board monthly meeting, October 12, 2023"
                return knownPlace(in: city, ctx) ?? city
            }
        }
        for b in ctx.blocks.prefix(ctx.headerEnd + 1) where b.role != .footer {
            if let p = knownPlace(in: head(b), ctx) { return p }
        }
        if let labelled { return labelled }
        // "Minutes of the meeting held at The Church on Monday 13 May", "sesión celebrada en la
        // Sala de Juntas del Rectorado": the venue after a place cue, at the top.
        for b in ctx.blocks.prefix(ctx.headerEnd + 3) where b.role != .footer && b.role != .speech {
            if let p = venueAfterCue(in: head(b), ctx) { return p }
        }
        // A room in brackets on a line at the top: "1300-1500 Afternoon Session I (Room 300)",
        // "Reunión ordinaria (Sala 2)".
        for b in ctx.blocks.prefix(max(ctx.headerEnd + 3, 6)) where b.role != .footer && b.role != .speech && b.text.hasAtMost(200) {
            if let r = Patterns.bracketedRoom.firstRange(in: b.text) {
                return String(b.text[r].dropFirst().dropLast()).trimmingSpaces()
            }
        }
        // A street address alone on a line at the top: "3738 Walnut Avenue, Carmichael,
        // California 95608", "Calle 72 No. 10-34, Bogotá".
        for b in ctx.blocks.prefix(max(ctx.headerEnd + 3, 8)) where [.paragraph, .heading].contains(b.role) && b.text.hasAtMost(120) {
            let t = b.text.trimmingSpaces()
            if Self.streetAddress.matches(t), ctx.fullDates(in: t).isEmpty { return ItemText.clean(t) }
        }
        return nil
    }

    private static let streetAddress = Pattern(#"^(?:\d{1,6}[A-Za-z]? (?:[A-Z][\w.'-]* ){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Place|Pl|Way|Court|Ct|Square|Sq)\b\.?|(?:Calle|Carrera|Avenida|Av\.|Avda\.|Cra\.|Cl\.|Transversal|Diagonal) [\w.]+ (?:No\.?|N°|#|Nº) ?\d)"#)

    /// Abbreviations of titles and streets in addresses ("Tte.", "Gral.", "Ma.", "Av.", "St.").
    private static let addressAbbreviations: Set<String> = ["tte", "gral", "ma", "av", "avda", "dr", "dra", "sr", "sra", "sta", "sto", "col",
        "cnel", "lic", "ing", "prof", "st", "rd", "ave", "blvd", "mt", "pte", "pje", "gob"]

    /// Nouns that open a venue in lower case ("en la sala de juntas").
    private static let venueNouns: Set<String> = [
        "sala", "salon", "aula", "auditorio", "sede", "oficina", "oficinas", "biblioteca", "edificio", "casa", "hall", "room", "office", "library", "building",
        "calle", "avenida", "plaza", "cafeteria", "laboratorio", "restaurante", "centro", "club", "street", "avenue", "cafe", "laboratory", "centre", "center",
    ]

    /// The venue that follows a place cue of the lexicon (`place_cues`): capitalised words (or
    /// a venue noun and what qualifies it), up to a time, a date, a weekday or a clause's end.
    static func venueAfterCue(in s: String, _ ctx: ExtractionContext) -> String? {
        for cue in ctx.lexicon.cue("place_cues") {
            guard let r = s.range(of: cue, options: [.caseInsensitive, .diacriticInsensitive]) else { continue }
            // The cue must be whole words.
            if r.lowerBound > s.startIndex, s[s.index(before: r.lowerBound)].isLetter { continue }
            if r.upperBound < s.endIndex, s[r.upperBound].isLetter { continue }
            let words = s[r.upperBound...].prefix(200).split(separator: " ").map(String.init)
            var out: [String] = []
            let articles: Set<String> = ["the", "la", "el", "los", "las"]
            let connectors: Set<String> = ["de", "del", "of", "la", "el", "los", "las", "y", "and"]
            let lex = ctx.lexicon
            for (n, raw) in words.enumerated() {
                let w = raw.trimmingCharacters(in: CharacterSet(charactersIn: ",;.:()"))
                let key = Folding.key(w)
                if w.isEmpty || w.contains(where: \.isNumber) || lex.weekdays.contains(key) || lex.months[key] != nil { break }
                if out.isEmpty, articles.contains(key), n == 0 { out.append(w); continue }
                let capital = w.first?.isUppercase == true
                // (An abbreviation keeps its full stop and the name goes on: "Tte. José Ma. Olvera".)
                let abbreviation = capital && raw.hasSuffix(".") && n + 1 < words.count && Self.addressAbbreviations.contains(key)
                if capital || (out.filter { !articles.contains(Folding.key($0)) }.isEmpty && venueNouns.contains(key)) {
                    out.append(abbreviation ? w + "." : w)
                } else if !out.isEmpty, connectors.contains(key) {
                    out.append(w)
                } else {
                    break
                }
                if !abbreviation, raw.last.map({ ",;.:".contains($0) }) == true { break }
            }
            while let last = out.last, connectors.contains(Folding.key(last)) || articles.contains(Folding.key(last)) { out.removeLast() }
            let named = out.filter { !articles.contains(Folding.key($0)) }
            guard !named.isEmpty, out.count <= 8 else { continue }
            // ("la Sala de Juntas": Spanish names its venue without the article; "The Church" keeps it.)
            if let first = out.first, ["la", "el", "los", "las"].contains(Folding.key(first)) { out.removeFirst() }
            let venue = out.joined(separator: " ")
            return venue.first?.isLowercase == true ? venue.prefix(1).uppercased() + venue.dropFirst() : venue
        }
        return nil
    }

    /// The words before a date name the meeting or its body, not a place: a kind word
    /// ("meeting", "Acta") or an organ noun ("DSF Board monthly meeting, October 12, 2023").
    static func namesTheMeeting(_ s: String, _ ctx: ExtractionContext) -> Bool {
        let key = Folding.key(s)
        if kindPosition(key, ctx.lexicon) != nil { return true }
        let words = Set(key.wordsAtSpaces().map(String.init))
        if !words.isDisjoint(with: ["meeting", "reunion", "sesion", "session", "call", "minutes"]) { return true }
        return ctx.lexicon.organWords.contains { $0.count == 1 && words.contains($0[0]) }
    }

    /// A place label ("Lugar"), or one that begins with a place label joined to more words
    /// ("Lugar o medio de reunión", "Lugar de la reunión", "Venue and time"); not the place of
    /// the next meeting.
    static func isPlaceLabel(_ key: String, _ ctx: ExtractionContext) -> Bool {
        if ctx.lexicon.placeLabels.contains(key) { return true }
        let words = key.wordsAtSpaces()
        guard words.count >= 3, words.count <= 7, ["o", "y", "de", "del", "or", "and", "of"].contains(String(words[1])),
              !key.contains("proxim"), !key.contains("next") else { return false }
        return ctx.lexicon.placeLabels.contains(String(words[0]))
    }

    /// A short capitalised phrase that can be a city: "Bogotá", "Cartagena de Indias".
    private static func cityCandidate(_ s: String) -> String? {
        var t = s.components(separatedBy: ",")[0].trimmingSpaces()
        t = Patterns.districtSuffix.replacing(in: t, with: "")
        let words = t.wordsAtSpaces()
        guard (1...4).contains(words.count), let f = t.first, f.isUppercase, t.count <= 40, !t.contains(where: { $0.isNumber }) else { return nil }
        return t
    }

    private static func knownPlace(in s: String, _ ctx: ExtractionContext) -> String? {
        let padded = PaddedKey(Folding.key(s))
        var best: (String, Int)?
        for (name, key, needle) in ctx.lexicon.places {
            if let pos = padded.offset(of: key, needle: needle) {
                if best == nil || pos < best!.1 { best = (name, pos) }
            }
        }
        return best?.0
    }
}

/// A phrase key (``Folding/key(_:)``) between spaces, searched for other keys on word
/// boundaries: `" \(key) ".range(of: " \(phrase) ")` as a Character offset, by bytes when both
/// are ASCII (where Foundation's search and a byte search agree: ASCII has no canonically
/// equivalent forms), by Foundation's search otherwise.
struct PaddedKey {
    private let text: String
    private let bytes: [UInt8]
    private let isASCII: Bool

    init(_ key: String) {
        text = " \(key) "
        bytes = Array(text.utf8)
        isASCII = bytes.allSatisfy { $0 < 0x80 }
    }

    func offset(of phrase: String) -> Int? { offset(of: phrase, needle: Self.needle(phrase)) }

    /// The same, given `needle(phrase)` made beforehand (a lexicon's places are searched in
    /// every document's header lines).
    func offset(of phrase: String, needle: [UInt8]?) -> Int? {
        guard isASCII, let needle else {
            guard let r = text.range(of: " \(phrase) ") else { return nil }
            return text.distance(from: text.startIndex, to: r.lowerBound)
        }
        return bytes.withUnsafeBufferPointer { ByteSearch.firstOffset(of: needle, in: $0) }
    }

    /// `" \(phrase) "` as bytes when `phrase` is ASCII (searched by bytes), else nil.
    static func needle(_ phrase: String) -> [UInt8]? {
        let p = phrase.utf8
        return p.allSatisfy({ $0 < 0x80 }) ? [32] + Array(p) + [32] : nil
    }
}

/// Words of a line with the punctuation that separates them, for phrase growing.
struct Tokenized {
    var words: [String] = []
    /// True when punctuation (, ; : – ( ) .) stands between word i-1 and word i.
    var breakBefore: [Bool] = []
    private var spans: [Range<String.Index>] = []
    private let source: String

    init(_ s: String) {
        source = s
        var i = s.startIndex
        var pendingBreak = false
        while i < s.endIndex {
            let c = s[i]
            if c.isLetter || c.isNumber || c == "\"" || c == "“" || c == "”" || c == "'" || c == "’" {
                var j = i
                while j < s.endIndex, s[j].isLetter || s[j].isNumber || "\"“”'’-/.".contains(s[j]) {
                    if s[j] == ".", s.index(after: j) < s.endIndex, s[s.index(after: j)].isWhitespace { break }
                    j = s.index(after: j)
                }
                if j == i { j = s.index(after: i) }
                words.append(String(s[i..<j]).trimming(ascii: "-/"))
                spans.append(i..<j)
                breakBefore.append(pendingBreak)
                pendingBreak = false
                i = j
            } else {
                if ",;:–—()[].|-".contains(c) { pendingBreak = true }
                i = s.index(after: i)
            }
        }
    }

    func text(_ r: Range<Int>) -> String {
        guard !r.isEmpty else { return "" }
        var t = String(source[spans[r.lowerBound].lowerBound..<spans[r.upperBound - 1].upperBound])
        t = t.trimming(ascii: " .,")
        return t
    }
}

extension String {
    func collapsingSpaces() -> String {
        split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
    }
}
