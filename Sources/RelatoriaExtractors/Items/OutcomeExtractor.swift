import Foundation
import RelatoriaCore

/// Decisions, consensus, dissent and actions.
///
/// Sections that list them (Acuerdos, Consensos, Disensos, Compromisos, ...) are
/// authoritative: when a document has such a section, running text is not mined for that
/// category. Otherwise sentences are read for the lexicon's cue phrases. Proposals that were
/// not adopted and outcomes of other meetings are left out.
struct OutcomeExtractor {
    var decisions: [Decision] = []
    var consensus: [Position] = []
    var dissent: [Position] = []
    var actions: [Action] = []

    let ctx: ExtractionContext
    private let parties: PartyResolver
    /// For each narrative decision: its index, the heading it falls under, and whether it came
    /// from a formal resolution clause ("RESOLVED, that").
    private var decisionScopes: [(index: Int, scope: Int, formal: Bool)] = []

    /// Attendees already found, to resolve owners given by first name.
    var attendees: [Attendee] = []

    /// For each block, the nearest heading at or before it (-1 when none), and the nearest
    /// heading or short item-title line before it: computed once, not walked per item.
    private let headingAt: [Int]
    private let titleBefore: [Int]
    /// For each block, the nearest heading, item title or short line of its own that is not a
    /// speaker's ("p1#90 delimiting with multipart/byteranges" over its discussion): what a
    /// "Conclusion: accepted" is about.
    private let topicBefore: [Int]
    /// Single words the document capitalises in mid-sentence: proper nouns.
    private let properNouns: ProperNouns

    init(_ ctx: ExtractionContext) {
        self.ctx = ctx
        self.parties = PartyResolver(lexicon: ctx.lexicon, language: ctx.language)
        var heading = -1, title = -1, topic = -1
        var headingAt: [Int] = [], titleBefore: [Int] = [], topicBefore: [Int] = []
        for (i, b) in ctx.blocks.enumerated() {
            titleBefore.append(title)
            topicBefore.append(topic)
            if b.role == .heading { heading = i }
            headingAt.append(heading)
            let short = b.text.hasAtMost(90) && !b.text.hasSuffix(".") && !b.text.hasSuffix(":")
            if (b.role == .heading || b.role == .listItem) && short { title = i; topic = i }
            // A short line of its own, neither a speaker's nor a label's ("mnot: agreed").
            // (A title, not a fragment of the discussion: no question or comma in it, and not
            // opening in lower case unless with an issue's number, "p1#90 delimiting ...".)
            if b.role == .paragraph, short, !b.text.prefix(30).contains(":"), Self.readsAsTopic(b.text) { topic = i }
        }
        self.headingAt = headingAt
        self.titleBefore = titleBefore
        self.topicBefore = topicBefore
        self.properNouns = ProperNouns(ctx.layout.text)
    }

    /// The proper nouns of a text, found the first time they are asked for (by an action line
    /// whose owner is a single word: few documents have one, and finding them reads the
    /// whole text Character by Character).
    private final class ProperNouns {
        private let text: String
        private lazy var words: Set<String> = {
            var nouns = Set<String>()
            var previous: Character = "."
            // (The set made once: Foundation builds it again at every `.punctuationCharacters`.)
            let punctuation = CharacterSet.punctuationCharacters
            for word in text.prefix(2_000_000).split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                if let f = word.first, f.isUppercase, previous.isLetter || previous == "," {
                    nouns.insert(String(word).trimming(scalarsIn: punctuation))
                }
                previous = word.last ?? "."
            }
            return nouns
        }()

        init(_ text: String) { self.text = text }

        func contains(_ word: String) -> Bool { words.contains(word) }
    }

    mutating func run() {
        var columns: [String: Int]?
        var leadIn: (owner: String?, kind: String)?
        // "Approved creation of:", "Se acordó lo siguiente:" over a list: each item a decision.
        var decisionLeadIn: (text: String, via: String)?
        var taskTable = false
        var recordTable = false
        var motionTable: (motion: Int, status: Int)?
        var narrativeKinds: Set<String> = ctx.kind == .report || ctx.kind == .agenda ? [] : ["decisions", "consensus", "dissent", "actions"]
            .filter { !ctx.sections.held.contains($0) }.reduce(into: Set<String>()) { $0.insert($1) }
        // Minutes that mark their actions ("ACTION:", "AI:", "@name:") list them all that way:
        // future tenses in their running text are reports, not commitments.
        if ctx.blocks.indices.contains(where: { isActionLine($0) }) { narrativeKinds.remove("actions") }
        // The action an action line just gave, and the last line of its group: "Action: Create
        // the logo" / "Due: October" / "Assigned: All" is one action.
        var group: (block: Int, action: Int)?
        var actionsBefore = 0
        let voted = voteRecords()
        for (i, b) in ctx.blocks.enumerated() where !voted.contains(i) {
            let section = ctx.sections[i]
            if actions.count > actionsBefore {
                group = i > 0 && (ctx.blocks[i - 1].role == .field || isActionLine(i - 1)) ? (i - 1, actions.count - 1) : nil
                actionsBefore = actions.count
            }
            if b.role == .field, let g = group, g.block == i - 1, let part = actionPart(b) {
                let value = ItemText.clean(ctx.fieldValue(b))
                if part == "owner_labels", actions[g.action].owner == nil, !value.isEmpty {
                    actions[g.action].owner = resolveOwner(value)
                    actions[g.action].confidence = min(1, (actions[g.action].confidence ?? 0.7) + 0.15)
                } else if part == "due_labels", actions[g.action].due == nil {
                    actions[g.action].due = DueDate.resolve(value, ctx: ctx, labelled: true)
                }
                group = (i, g.action)
                continue
            }
            if b.role == .heading || section == "heading" {
                columns = nil
                leadIn = nil
                decisionLeadIn = nil
                // "The Technical Secretariat will:" as a heading-like lead-in.
                if b.text.hasSuffix(":"), let l = actionLeadIn(b.text) { leadIn = l }
                continue
            }
            // A table whose header names what happened ("Topic | Notes", "Punto | Acuerdos") records
            // the meeting, even under an "Agenda" heading.
            if b.role != .tableRow { recordTable = false }
            if b.role == .tableRow, b.isHeaderRow { recordTable = Self.isRecordHeader(b.cells, ctx) }
            let inRecordTable = recordTable && b.role == .tableRow && section == "agenda"
            if ["attendees", "absent", "agenda", "signatures", "copies", "reviewers", "furniture", "attachments", "recitals"].contains(section), !inRecordTable { continue }
            // A table of motions ("Motion Text | Moved by | Seconded by | Status"): each row whose
            // status says it passed is a decision; a count against in it, a dissent.
            if b.role != .tableRow { motionTable = nil }
            if b.role == .tableRow, let m = motionTable, !b.isHeaderRow, max(m.motion, m.status) < b.cells.count {
                motionRow(i, motion: b.cells[m.motion], status: b.cells[m.status])
                continue
            }
            if b.role == .tableRow, let m = Self.motionColumns(b.cells, ctx) {
                motionTable = m
                continue
            }
            if b.role == .tableRow, b.isHeaderRow || (columns == nil && AttendeeExtractor.isHeader(b.cells, ctx)) {
                columns = AttendeeExtractor.headerColumns(b.cells, ctx)
                taskTable = section == SectionMap.narrative && columns?["owner_labels"] != nil && Self.isTaskHeader(b.cells, ctx)
                continue
            }
            // A task table wherever it stands: a row of short titles, one of them an owner column
            // ("Temas tratados y acuerdos | Responsables y Fecha", "Task | Owner | Due").
            if b.role == .tableRow, section == SectionMap.narrative, Self.isTaskHeader(b.cells, ctx) {
                columns = AttendeeExtractor.headerColumns(b.cells, ctx)
                taskTable = true
                continue
            }
            // In a section of tasks or decisions too, a task table's header gives its columns
            // ("TAREAS" / "PERSONA ASIGNADA | DESCRIPCIÓN | FECHA" / rows), whatever table came before.
            if b.role == .tableRow, section == "actions" || section == "decisions", Self.isTaskHeader(b.cells, ctx) {
                columns = AttendeeExtractor.headerColumns(b.cells, ctx)
                continue
            }
            // The table ends where its rows stop having cells ("Temas a tratar en la próxima reunión: ...").
            if b.role != .tableRow || b.cells.filter({ !$0.isEmpty }).count < 2 { taskTable = false }
            if taskTable, b.role == .tableRow, section == SectionMap.narrative, !ctx.sections.present.contains("actions") {
                sectionAction(i, b, columns: columns, via: "table")
                continue
            }
            // The cells of a table's row after its first (the topic): what a cue in them says
            // ("Approve the agenda | Agenda approved", "Quorum rules | Agreed to publish ...").
            if b.role == .tableRow, !b.isHeaderRow, section == SectionMap.narrative || inRecordTable, !narrativeKinds.isEmpty {
                for cell in b.cells.dropFirst() where cell.wordsAtSpaces().count >= 2 {
                    narrative(i, Block(role: .paragraph, text: cell), kinds: narrativeKinds, anchorText: b.text)
                }
                continue
            }
            if b.text.hasSuffix(":") && b.text.hasAtMost(159) {
                leadIn = actionLeadIn(b.text)
                decisionLeadIn = leadIn == nil && section == SectionMap.narrative && narrativeKinds.contains("decisions") ? self.decisionLeadIn(b.text) : nil
                continue
            }
            if ["decisions", "consensus", "dissent", "actions"].contains(section) {
                sectionItem(i, b, section: section, columns: columns)
            } else if let l = leadIn, b.role == .listItem {
                addAction(text: ItemText.clean(b.text), owner: l.owner, dueText: b.text, anchor: ctx.layout.anchor(block: i), via: "lead-in", confidence: 0.7)
            } else if let d = decisionLeadIn, b.role == .listItem {
                // "The following payments were approved:" over payees and sums is one decision,
                // the payments' list (one line each is no point of its own).
                if Patterns.moneyAmount.matches(b.text) {
                    if !(decisions.last.map { $0.text == d.text && $0.via == "lead-in+" + d.via } ?? false) {
                        decisions.append(Decision(text: d.text, anchor: ctx.layout.anchor(block: i), confidence: 0.75, via: "lead-in+" + d.via))
                    }
                } else {
                    decisions.append(Decision(text: d.text + " " + ItemText.clean(b.text), anchor: ctx.layout.anchor(block: i), confidence: 0.75, via: "lead-in+" + d.via))
                }
            } else if !narrativeKinds.isEmpty, [.paragraph, .speech, .listItem, .field].contains(b.role) {
                // (A declaration's operative point, "EXIGIR que ...", "We call on ...", is read
                // by its opening verb.)
                if !(section == SectionMap.narrative && declarationPoint(i, b)) { narrative(i, b, kinds: narrativeKinds) }
            }
            if b.role != .listItem { leadIn = nil; decisionLeadIn = nil }
            // A paragraph whose last sentence leads in to tasks ("... Two action items are:")
            // hands them its list, after its own sentences were read.
            if b.role == .paragraph, b.text.hasSuffix(":"), !b.text.hasAtMost(159), let last = ExtractionContext.sentences(b.text).last?.text,
               last.hasAtMost(159), let l = actionLeadIn(last) {
                leadIn = l
            }
        }
        tallies(skipping: voted)
        dropFormalClausesOfApprovedResolutions()
        actionsFromDecisions()
        // A party is someone: not the first word of a sentence ("While", "Conflictos") nor a
        // verb in capitals ("PRONUNCIAR").
        for k in consensus.indices { consensus[k].parties = consensus[k].parties.filter(isPlausibleParty) }
        for k in dissent.indices { dissent[k].parties = dissent[k].parties.filter(isPlausibleParty) }
        // A template's placeholder ("[Descripción del compromiso]", "[Acción 1] -") is no task;
        // a point that says there was none ("(none)", "N/A", "Ninguno") is no item.
        actions = actions.filter { !Self.isPlaceholder($0.text) && !Self.saysNone($0.text) }
        decisions.removeAll { Self.saysNone($0.text) }
        consensus.removeAll { Self.saysNone($0.text) }
        dissent.removeAll { Self.saysNone($0.text) }
        for k in actions.indices where actions[k].owner.map(Self.isPlaceholder) == true { actions[k].owner = nil }
        // A summary of resolutions at the top repeats the ones in the body: one item each.
        decisions = Self.unique(decisions) { $0.text }
        consensus = Self.unique(consensus) { $0.text }
        dissent = Self.unique(dissent) { $0.text }
        actions = Self.unique(actions) { $0.text }
    }

    private static func unique<T>(_ items: [T], _ text: (T) -> String) -> [T] {
        var seen = Set<String>()
        return items.filter { seen.insert(Folding.key(text($0))).inserted }
    }

    /// "ACTION: ...", "AI: ...", "@name: ..." lines.
    private func isActionLine(_ i: Int) -> Bool {
        let b = ctx.blocks[i]
        return isActionsField(b) || Self.isAtNameLine(b.text) || afterActionLabel(b.text) != nil
    }

    /// A field labelled as the actions section ("Acciones: ...", <acciones>).
    private func isActionsField(_ b: Block) -> Bool {
        b.role == .field && b.label.map { ctx.lexicon.section(of: $0) == "actions" } == true
    }

    /// "@Brett: request a better report".
    private static func isAtNameLine(_ text: String) -> Bool {
        text.utf8.first == UInt8(ascii: "@") && Patterns.atNameLine.firstRange(in: text) != nil
    }

    /// Where the text after an actions label at the head of `text` starts ("ACTION: ...",
    /// "AI: ..."), nil when it has none.
    private func afterActionLabel(_ text: String) -> String.Index? {
        // (Only the first 25 Characters can hold it: a colon further on is no label's.)
        // ("ACTION (Tom Hale): ..." names its owner in brackets: up to 60 Characters then.)
        guard let colon = text.prefix(text.first.map { _ in text.prefix(25).contains("(") ? 60 : 25 } ?? 25).firstIndex(ofASCII: UInt8(ascii: ":")) else { return nil }
        let head = PersonParser.parenthesis(String(text[..<colon]).trimmingSpaces()).0
        return ctx.lexicon.isExactSection(head) && ctx.lexicon.section(of: head) == "actions" ? text.index(after: colon) : nil
    }

    /// A dissent's text: what its parties hold, after the cue ("La sociedad civil manifestó su
    /// desacuerdo con el calendario ..." → "El calendario ..."; its parties say who). A short
    /// clause is kept whole when it names no party ("Several members were not convinced the
    /// fees are fair") or when what follows the cue is no object ("Andrew pushed back, saying
    /// the fees are small").
    static func dissentText(_ f: FoldedText, clause: Range<Int>, cue r: Range<Int>, named: Bool) -> String {
        let whole = f.text(clause)
        let cueRange = (r.lowerBound - clause.lowerBound)..<(r.upperBound - clause.lowerBound)
        let after = f.text(r.upperBound..<clause.upperBound).trimmingSpaces()
        if whole.wordsAtSpaces().count <= 20, !named || after.hasPrefix(",") { return ItemText.clean(whole) }
        return ItemText.afterCue(FoldedText(whole), cueRange)
    }

    /// "Finance Committee Report: the budget ...": a short label of capitalised words (two to
    /// six) before a colon that opens a sentence.
    static func openingLabel(_ sentence: String) -> String? {
        guard let colon = sentence.firstIndex(of: ":") else { return nil }
        let label = sentence[..<colon].trimmingSpaces()
        let words = label.wordsAtSpaces()
        guard (2...6).contains(words.count), words.first?.first?.isUppercase == true,
              words.allSatisfy({ $0.first?.isUppercase == true || $0.first == "&" || ["of", "and", "de", "del", "y", "la", "el", "the", "on"].contains($0) })
        else { return nil }
        return String(label)
    }

    /// Index of the heading that governs block `i` (-1 when none).
    private func scope(of i: Int) -> Int { headingAt[i] }

    /// What the part of the minutes holding block `i` is about: the nearest heading, or the
    /// short line that titles an item ("A. The meeting of January 15, 2014"); lead-ins ending
    /// with a colon are skipped.
    private func scopeHeading(before i: Int) -> String? {
        titleBefore[i] >= 0 ? ctx.blocks[titleBefore[i]].text : nil
    }

    /// The "RESOLVED, that ..." clauses of a resolution are its body: when the same part of the
    /// minutes records the resolution's approval, that approval is the one decision.
    private mutating func dropFormalClausesOfApprovedResolutions() {
        let approvedScopes = Set(decisionScopes.filter { !$0.formal }.map(\.scope))
        let drop = Set(decisionScopes.filter { $0.formal && approvedScopes.contains($0.scope) }.map(\.index))
        decisions = decisions.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
    }

    /// A decision that gives a task to a named party is also an action, unless the same task
    /// is already among the commitments: "El Gobierno presentará ...", "Encargar a la
    /// Secretaría Técnica el apoyo ...".
    private mutating func actionsFromDecisions() {
        // The actions' content words, made once each (not once per decision and action).
        var actionWords = actions.map { Self.contentWords($0.text) }
        for d in decisions {
            let f = FoldedText(Self.withoutContext(d.text))
            var owner: String?
            var task = Self.withoutContext(d.text)
            if let r = ctx.lexicon.firstCue("assign", in: f), r.lowerBound <= 2 {
                let rest = f.text(r.upperBound..<f.count)
                let words = rest.wordsAtSpaces().map(String.init)
                var ownerWords: [String] = []
                for (n, w) in words.enumerated() {
                    let k = Folding.key(w)
                    if w.first?.isUppercase == true || (["de", "del", "la", "las", "los", "el", "y"].contains(k) && (ownerWords.isEmpty || n + 1 < words.count && words[n + 1].first?.isUppercase == true)) {
                        ownerWords.append(w)
                    } else { break }
                }
                while let l = ownerWords.first, l.first?.isLowercase == true { ownerWords.removeFirst() }
                if !ownerWords.isEmpty {
                    owner = ownerWords.joined(separator: " ").trimming(ascii: ",")
                    task = words.dropFirst(words.firstIndex(of: ownerWords.last!).map { $0 + 1 } ?? 0).joined(separator: " ")
                }
            } else if let r = ctx.lexicon.firstCue("action", in: f), r.lowerBound > 0,
                      f.text(0..<r.lowerBound).wordsAtSpaces().count <= 8, !f.text(0..<r.lowerBound).contains(","),
                      let s = subject(f.text(0..<r.lowerBound)) {
                owner = s
                task = ItemText.task(f.text(r.lowerBound..<f.count), cues: ctx.lexicon.cue("action"))
            }
            guard let owner, task.count >= 6 else { continue }
            let taskWords = Self.contentWords(task), decisionWords = Self.contentWords(d.text)
            if actionWords.contains(where: { Self.similar($0, taskWords) || Self.similar($0, decisionWords) }) { continue }
            addAction(text: ItemText.clean(task), owner: owner, dueText: d.text, anchor: d.anchor ?? Anchor(start: 0, end: 0),
                      via: "decision:" + (d.via ?? "cue"), confidence: min(0.6, d.confidence ?? 0.6))
            // addAction only appends.
            for a in actions.dropFirst(actionWords.count) { actionWords.append(Self.contentWords(a.text)) }
        }
    }

    /// Word-overlap similarity of two item texts (Dice over content words).
    static func similar(_ a: String, _ b: String) -> Bool { similar(contentWords(a), contentWords(b)) }

    /// Dice similarity of two sets of ``contentWords(_:)``, at least one half.
    static func similar(_ x: Set<String>, _ y: Set<String>) -> Bool {
        guard !x.isEmpty, !y.isEmpty else { return false }
        return Double(2 * x.intersection(y).count) / Double(x.count + y.count) >= 0.5
    }

    /// A text's content words for ``similar(_:_:)``: folded, longer than three letters, cut to six.
    static func contentWords(_ s: String) -> Set<String> {
        Set(Folding.key(s).wordsAtSpaces().filter { $0.count > 3 }.map { String($0.prefix(6)) })
    }

    // MARK: Lead-ins

    /// "La Secretaría Técnica se compromete a:", "The Technical Secretariat will:"
    private func actionLeadIn(_ text: String) -> (owner: String?, kind: String)? {
        // ("Two action items are:", "Las tareas son:": the verb after the cue says nothing.)
        var t = String(text.dropLast()).trimmingSpaces()
        for verb in [" are", " is", " include", " includes", " were", " son", " fueron", " incluyen"] where Folding.fold(t).hasSuffix(verb) {
            t = String(t.dropLast(verb.count))
        }
        let f = FoldedText(t)
        // (A lead-in that names the list, "Two action items are:", names no owner.)
        let lists = ["action items", "action points", "next steps", "tareas", "compromisos", "acciones a seguir", "proximos pasos"]
        let cues = ctx.lexicon.cue("action") + ["will", "se compromete a", "se comprometen a"] + lists
        guard let r = ItemText.has(f, cues), r.upperBound >= f.count - 2 else { return nil }
        if lists.contains(Folding.fold(f.text(r))) { return (nil, "actions") }
        return (subject(f.text(0..<r.lowerBound)), "actions")
    }

    /// A lead-in line with a decision cue ("Approved creation of:", "Se acordó lo siguiente:"),
    /// not a proposal, a report of another meeting or a failed vote: its words and its cue.
    private func decisionLeadIn(_ text: String) -> (text: String, via: String)? {
        let t = String(text.dropLast()).trimmingSpaces()
        let f = FoldedText(t)
        guard t.wordsAtSpaces().count <= 12, let r = ctx.lexicon.firstCue("decision", in: f),
              ctx.lexicon.firstCue("proposal", in: f) == nil, ctx.lexicon.firstCue("quoted", in: f) == nil,
              ctx.lexicon.firstCue("failed", in: f) == nil,
              Patterns.stillToBeTaken.firstRange(in: Folding.fold(f.text(max(0, r.lowerBound - 14)..<r.lowerBound))) == nil else { return nil }
        return (ItemText.clean(t), Provenance.cue(f.text(r).lowercased()))
    }

    // MARK: Sections

    /// The `via` of an item of a section: "section:" and what opened it ("section:Acuerdos").
    private func sectionVia(_ i: Int, _ section: String) -> String {
        "section:" + Provenance.name(ctx.sections.openers[i] ?? section)
    }

    private mutating func sectionItem(_ i: Int, _ b: Block, section: String, columns: [String: Int]?) {
        // A form's field that lists one point a line ("Acuerdos | 1: ... / 2: ..."): each line an item.
        if b.role == .field, b.fields.isEmpty, let lines = Self.listedLines(ctx.fieldValue(b)) {
            for line in lines { sectionItem(i, Block(role: .listItem, text: line), section: section, columns: nil) }
            return
        }
        let anchor = ctx.layout.anchor(block: i)
        // "Manu -> Rate datasets" among the points agreed: a point that hands a task to a
        // member by an arrow is that member's task.
        if section == "decisions", b.role == .listItem || b.role == .paragraph, let (owner, task) = Self.arrowAssignment(b.text) {
            addAction(text: ItemText.clean(task), owner: resolveOwner(owner), dueText: task, anchor: anchor, via: sectionVia(i, section) + "+arrow", confidence: 0.75)
            return
        }
        // Under a heading that names decisions and tasks ("Acuerdos y tareas"), a point that
        // reads as a task ("Crear el repositorio", "Creación del módulo") is a task.
        if section == "actions" || section == "decisions" && b.role == .listItem && namesTasksToo(ctx.sections.openers[i]) && Self.readsAsTask(b.text) {
            sectionAction(i, b, columns: columns, via: sectionVia(i, section))
            return
        }
        // A table of points agreed with an owner column ("Accionable | Acuerdo | Responsable |
        // Fecha límite"): each row is a decision and its owner's task.
        if section == "decisions", b.role == .tableRow, let c = columns, let o = c["owner_labels"], o < b.cells.count {
            let skip = Set([o, c["due_labels"]].compactMap { $0 })
            let text = ItemText.clean(b.cells.enumerated().filter { !skip.contains($0.offset) }.map { $0.element.trimmingSpaces() }
                .filter { !$0.isEmpty }.joined(separator: ": "))
            guard text.count >= 3 else { return }
            let via = sectionVia(i, section)
            decisions.append(Decision(text: text, anchor: anchor, confidence: 0.85, via: via))
            let owner = b.cells[o].trimmingSpaces()
            let due = c["due_labels"].flatMap { $0 < b.cells.count ? b.cells[$0] : nil }
            addAction(text: text, owner: owner.isEmpty ? nil : ItemText.clean(owner).collapsingSpaces(), dueText: due, anchor: anchor, dueIsField: true,
                      via: via + "+owner", confidence: 0.85)
            return
        }
        var text: String
        if b.role == .tableRow, let c = columns, let t = c["task_labels"], t < b.cells.count {
            text = b.cells[t]
        } else if b.role == .field || b.label != nil {
            text = ctx.fieldValue(b)
        } else {
            text = b.text
        }
        guard text.count >= 3 else { return }
        // "Contact: G24 Technical Secretariat" closing a section is not one of its points.
        // (A field whose own label names the section, "Decision: adopt the budget", is its point.)
        if b.role == .field, b.fields.isEmpty, text.wordsAtSpaces().count <= 8,
           b.label.map({ ctx.lexicon.section(of: $0) != section }) ?? true { return }
        let f = FoldedText(text)
        // Inside a consensus or dissent section, the cue decides which of the two a point is.
        var kind = section
        if ctx.lexicon.firstCue("dissent", in: f) != nil {
            // "Germany dissociates itself from the decision ..." listed among the decisions.
            kind = "dissent"
        } else if section != "decisions", ctx.lexicon.firstCue("consensus", in: f) != nil {
            kind = "consensus"
        }
        let explicit = partiesField(b)
        // A point its section lists is sure; one a cue moved to another list ("dissociates
        // itself" among the decisions) a little less.
        var via = sectionVia(i, section)
        var confidence = section == "decisions" ? 0.9 : 0.85
        if kind != section, let r = ctx.lexicon.firstCue(kind == "dissent" ? "dissent" : "consensus", in: f) {
            via += "+" + Provenance.cue(f.text(r).lowercased())
            confidence = 0.75
        }
        switch kind {
        case "decisions":
            // "The motion to raise dues failed 2-3" listed among the decisions decided nothing
            // (a body that rejects a request, "se rechaza la solicitud", has decided).
            if let r = ctx.lexicon.firstCue("failed", in: f), !Folding.fold(f.text(r)).hasPrefix("reject"), !Folding.fold(f.text(r)).contains("rechaz") { return }
            decisions.append(Decision(text: ItemText.clean(stripDecisionCue(text)), anchor: anchor, confidence: confidence, via: via))
        case "consensus":
            let cue = ctx.lexicon.firstCue("consensus", in: f)
            let subject = cue.flatMap { self.subject(f.text(0..<$0.lowerBound)) }
            consensus.append(Position(text: cue.map { ItemText.afterCue(f, $0) } ?? ItemText.clean(text),
                                      parties: explicit ?? parties.parties(in: text, subject: subject, before: cue.map { f.text(0..<$0.lowerBound) }), anchor: anchor,
                                      confidence: confidence, via: via))
        default:
            let cue = ctx.lexicon.firstCue("dissent", in: f)
            let subject = cue.flatMap { self.subject(f.text(0..<$0.lowerBound)) } ?? labelSubject(text)
            dissent.append(Position(text: ItemText.clean(text), parties: explicit ?? parties.parties(in: text, subject: subject, before: cue.map { f.text(0..<$0.lowerBound) }), anchor: anchor,
                                    confidence: confidence, via: via))
        }
    }

    /// ``ItemText/subject(_:honorifics:)`` with the lexicon's forms of address.
    func subject(_ text: String) -> String? { ItemText.subject(text, honorifics: ctx.lexicon.honorifics) }

    /// "Red Nacional de Programas: desacuerdo con ..." — the label before a colon.
    private func labelSubject(_ text: String) -> String? {
        guard let colon = text.firstIndex(ofASCII: UInt8(ascii: ":")) else { return nil }
        let head = String(text[..<colon])
        return head.wordsAtSpaces().count <= 10 ? head : nil
    }

    private func partiesField(_ b: Block) -> [String]? {
        for l in ctx.lexicon.cue("parties_labels") {
            if let v = b.fields[Folding.key(l)] {
                return v.split(whereSeparator: { $0 == ";" || $0 == "," }).map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
            }
        }
        return nil
    }

    private func stripDecisionCue(_ text: String) -> String {
        let f = FoldedText(text)
        if let r = ctx.lexicon.firstCue("decision", in: f), r.lowerBound <= 2, f.count - r.upperBound > 12 {
            return ItemText.afterCue(f, r)
        }
        return text
    }

    /// An item of a task section or task table; `via` says which.
    private mutating func sectionAction(_ i: Int, _ b: Block, columns: [String: Int]?, via: String) {
        let anchor = ctx.layout.anchor(block: i)
        // Each field's name split into words and made a key, once (in the dictionary's order).
        let named = b.fields.map { (key: Folding.key(GenericLabel.split($0.key)), value: $0.value) }
        func field(_ labels: String) -> String? {
            for l in ctx.lexicon.cueKey(labels) {
                for f in named where f.key.isPhrase(l.key) { return f.value }
            }
            return nil
        }
        if b.role == .tableRow || !b.fields.isEmpty {
            var task: String?, owner: String?, due: String?
            if let c = columns {
                if let t = c["task_labels"], t < b.cells.count { task = b.cells[t] }
                if let o = c["owner_labels"], o < b.cells.count { owner = b.cells[o] }
                if let d = c["due_labels"], d < b.cells.count { due = b.cells[d] }
            }
            task = task ?? field("task_labels") ?? b.label.flatMap { b.fields[$0.lowercased()] } ?? (b.cells.first { !$0.isEmpty })
            owner = owner ?? field("owner_labels")
            due = due ?? field("due_labels")
            if let task, !task.isEmpty {
                if owner == nil, due == nil, b.role != .tableRow {
                    parseActionLine(task, anchor: anchor, via: via, confidence: 0.85)
                } else {
                    addAction(text: ItemText.clean(task), owner: owner.map { ItemText.clean($0).collapsingSpaces() }, dueText: due, anchor: anchor, dueIsField: true,
                              via: via, confidence: 0.9)
                }
            }
            return
        }
        var text = isActionsField(b) ? ctx.fieldValue(b) : b.text
        // "Action items, by person": "* FranciscoD" over the items of that person is who owns
        // them, not a task ("**UNASSIGNED**" likewise).
        if b.role == .listItem, i + 1 < ctx.blocks.count, ctx.blocks[i + 1].role == .listItem, ctx.blocks[i + 1].level > b.level,
           text.wordsAtSpaces().count <= 3, !text.wordsAtSpaces().dropFirst().contains(where: { $0.first?.isLowercase == true }) { return }
        // "Action (Nadia Ferro): confirm the booking": the label's bracket names the owner.
        if b.role == .field, let label = b.label, let owner = labelOwner(label) { text = owner + ": " + ctx.fieldValue(b) }
        if text.hasSuffix(":") { return }
        // A line that reports what someone said ("Suggests keeping the name", "Asks if there
        // are objections", "Comenta que ...") is the discussion, not a task.
        for said in [text, b.role == .field ? ctx.fieldValue(b) : text] {
            if let first = Folding.key(String(said.prefix(40))).wordsAtSpaces().first(where: { !["also", "tambien", "then", "luego"].contains($0) }),
               ctx.lexicon.cue("reporting_verbs").contains(String(first)) { return }
        }
        // A checklist item already ticked ("[x] Send the invitations", "✔ ...") is done, not a
        // commitment; an open one ("[ ] Book the room") is, without its box.
        if ["[x]", "[X]", "☑", "✅", "✔", "✓"].contains(where: { text.hasPrefix($0) }) || b.marker.map({ ["[x]", "[X]"].contains($0) }) == true { return }
        if text.hasPrefix("[ ]") {
            parseActionLine(String(text.dropFirst(3)).trimmingSpaces(), anchor: anchor, via: via + "+checkbox", confidence: 0.85)
            return
        }
        // (The item a task is given under: a heading, or a list item it is nested in, not the
        // task listed just before it.)
        let t = titleBefore[i]
        let under = t >= 0 && (ctx.blocks[t].role != .listItem || b.role == .listItem && ctx.blocks[t].level < b.level)
        parseActionLine(text, anchor: anchor, context: under ? scopeHeading(before: i) : nil, via: via, confidence: 0.85,
                        ownerHint: b.role == .field ? personHeading(of: i, label: b.label) : nil)
    }

    /// "Task. Responsable: X. Fecha: D." / "Owner: task by D." / "X enviará ... antes del D."
    private mutating func parseActionLine(_ text: String, anchor: Anchor, context: String? = nil, via: String, confidence: Double,
                                          ownerHint: String? = nil) {
        var task = text
        var owner: String?
        var due: String?
        // Labelled parts inside the line.
        for (labels, assign) in [("owner_labels", 0), ("due_labels", 1)] {
            // Every label pattern needs a colon: a line without one skips them all.
            guard task.containsByte(UInt8(ascii: ":")) else { continue }
            // A pattern runs only when its label may be in the line: an ASCII label that the
            // line's lower-cased bytes do not hold cannot match (see asciiLowercasedBytesIfCaseSafe).
            let lowered = task.asciiLowercasedBytesIfCaseSafe()
            // (Cue lists are longest first already.)
            for l in ctx.lexicon.cue(labels) {
                if let lowered, !l.isEmpty, l.utf8.allSatisfy({ $0 < 0x80 }),
                   lowered.withUnsafeBufferPointer({ ByteSearch.firstOffset(of: Array(l.utf8), in: $0) }) == nil { continue }
                let pattern = "(?i)(?:^|[.;,]\\s*|\\s)" + NSRegularExpression.escapedPattern(for: l) + "\\s*:\\s*([^.;]+(?:\\.[^\\s][^.;]*)*)"
                if let r = Pattern.cached(pattern).firstRange(in: task) {
                    let m = String(task[r])
                    let value = m[m.index(after: m.firstIndex(ofASCII: UInt8(ascii: ":"))!)...].trimmingSpaces()
                    if assign == 0 { owner = value } else { due = value }
                    task.removeSubrange(r)
                    break
                }
            }
        }
        // "@Brett: request a better report", "AI: Greg: follow up".
        task = task.trimmingSpaces()
        // "@bob-dev: fix the parser", "TODO @carla review the guide": the handle owns the task.
        if owner == nil, task.containsByte(UInt8(ascii: "@")), Patterns.handleTask.matches(task) {
            owner = Patterns.handleTask.replacing(in: task, with: "$1")
            task = Patterns.handleTask.replacing(in: task, with: "$2")
        }
        if task.hasPrefix("@") { task.removeFirst() }
        if owner == nil, let r = Patterns.ownerToTask.firstRange(in: task) {
            // "Bertrand to pursue a report", "duga to generate some content".
            owner = Patterns.trailingTo.replacing(in: String(task[r]), with: "")
            task = String(task[r.upperBound...])
        }
        if owner == nil, let colon = task.firstIndex(ofASCII: UInt8(ascii: ":")) {
            let head = String(task[..<colon]).trimmingSpaces()
            if head.wordsAtSpaces().count <= 10, head.first?.isUppercase == true, !head.contains(where: { $0.isNumber }) {
                owner = head
                task = String(task[task.index(after: colon)...])
            }
        }
        // "Tom Hale – send minutes – 10 March", "Review the draft - all", "Enviar acta -> Luis".
        if owner == nil, let (o, t, d) = dashedParts(task) {
            owner = o
            task = t
            if due == nil, let d { due = d }
        }
        // "Update the wiki (Anna)", "Prepare budget [Tom] by 20 March".
        if owner == nil, let (o, t) = bracketedOwner(task) {
            owner = o
            task = t
        }
        if owner == nil {
            let f = FoldedText(task)
            // "X enviará ...", "X will send ...": a cue phrase, or any verb in the future tense.
            if let r = ctx.lexicon.firstCue("action", in: f) ?? ItemText.futureVerb(task) {
                owner = subject(f.text(0..<r.lowerBound))
                if owner != nil { task = ItemText.task(f.text(r.lowerBound..<f.count), cues: ctx.lexicon.cue("action")) }
            }
        }
        // (The person whose part of the minutes holds the line: a stand-up's "Lee I:" over "Will do: ...".)
        if owner == nil { owner = ownerHint }
        var taskText = ItemText.clean(task)
        // "follow up" says little alone: the item it was given under says about what.
        // (Not the heading that opened the task list: "[Action items]" says nothing.)
        if taskText.wordsAtSpaces().count <= 3, let context, ctx.lexicon.section(of: context) == nil {
            taskText += " [\(ItemText.clean(context))]"
        }
        addAction(text: taskText, owner: owner.map { resolveOwner(ItemText.clean($0)) }, dueText: due ?? text, anchor: anchor, dueIsField: due != nil,
                  via: via, confidence: confidence)
    }

    /// The person a part of the minutes is about, when its heading names one: a stand-up's
    /// "Lee I:" or "Ana Pérez" over "Done: ... / Will do: ... / Blockers: ...", whose tasks are
    /// that person's. A lone first name ("Aaron:") counts only over a stand-up's own labels.
    private func personHeading(of i: Int, label: String?) -> String? {
        let h = scope(of: i)
        guard h >= 0 else { return nil }
        let name = ctx.blocks[h].text.trimmingSpaces().trimming(ascii: ":").trimmingSpaces()
        guard !name.isEmpty, name.count <= 60, !name.contains(where: \.isNumber), ctx.lexicon.section(of: name) == nil else { return nil }
        if isAttendee(name) || PersonParser(lexicon: ctx.lexicon).isPersonName(name) { return resolveOwner(name) }
        guard let label, ctx.lexicon.cue("standup_task_labels").contains(where: { Folding.key($0) == Folding.key(label) }),
              Patterns.firstNameWithInitial.matches(name) else { return nil }
        return resolveOwner(name)
    }

    /// The motion an outcome said alone answers: "The Chief Whip moved: That the House
    /// resolves that— / (a) ... / (b) ..." in the blocks just before it (up to six, not past a
    /// heading), from its "That" to the outcome, at most 400 Characters.
    private func motionBefore(_ i: Int) -> String? {
        var j = i - 1
        while j >= 0, j >= i - 6, ctx.blocks[j].role != .heading {
            let t = ctx.blocks[j].text
            if let r = Patterns.movedThat.firstRange(in: t) {
                var parts = [String(t[r.upperBound...])]
                for k in (j + 1)..<i { parts.append(ctx.blocks[k].text) }
                let motion = ItemText.clean(parts.joined(separator: " ").collapsingSpaces())
                return motion.wordsAtSpaces().count >= 3 ? String(motion.prefix(400)) : nil
            }
            j -= 1
        }
        return nil
    }

    /// The text of a motion written as a form a few blocks before block `i`: under a "Texto:" /
    /// "Texto de la moción:" / "Motion text:" label (a heading over its paragraphs, or a field
    /// with its value), not past another motion's number. At most 400 characters.
    func labelledMotionText(before i: Int) -> String? {
        var j = i - 1
        while j >= 0, j >= i - 15 {
            let b = ctx.blocks[j]
            let head = Folding.key(b.label ?? (b.role == .heading ? b.text : "")).trimming(ascii: ": ")
            if Self.motionTextLabels.contains(head) {
                var parts: [String] = []
                if b.role == .field { parts.append(ctx.fieldValue(b)) }
                var k = j + 1
                while k < i, ctx.blocks[k].role == .paragraph || ctx.blocks[k].role == .listItem, parts.joined().count < 400 {
                    parts.append(ctx.blocks[k].text)
                    k += 1
                }
                let motion = ItemText.clean(parts.joined(separator: " ").collapsingSpaces())
                return motion.wordsAtSpaces().count >= 3 ? String(motion.prefix(400)) : nil
            }
            // (Another motion's number ends the search: "Moción No.: 5".)
            if j < i - 1, b.role == .heading, ["mocion", "motion"].contains(where: { Folding.key(b.text).hasPrefix($0) }) { return nil }
            j -= 1
        }
        return nil
    }

    /// Whether a sentence speaks of the motion or proposal ("the motion", "la moción", "la
    /// propuesta"): its outcome is that motion's.
    static func mentionsMotion(_ f: FoldedText) -> Bool {
        !f.find("the motion").isEmpty || !f.find("la mocion").isEmpty || !f.find("la propuesta").isEmpty
    }

    private static let motionTextLabels: Set<String> = ["texto", "texto de la mocion", "texto de la propuesta", "motion text", "text of the motion", "text",
                                                        "mocion", "motion"]

    /// Whether the words before a decision cue make it a condition or a supposition, not an
    /// outcome: "Even if it's immediately adopted ...", "members (whether ...) shall be admitted
    /// only by invitation approved by ...", "... that would point to ..." (the lexicon's
    /// `conditional` words).
    private func isConditional(_ before: String) -> Bool {
        let words = " " + Folding.key(before) + " "
        return ctx.lexicon.cue("conditional").contains { words.contains(" " + $0 + " ") }
    }

    /// A position that says only that there was one ("No objections.", "All agree", "Carried by 2
    /// votes to 1") with what it is about: the question just before it in the same paragraph
    /// ("Any objections to a sandbox on GitHub? No objections."), else the item's title line or
    /// heading ("Add CI to the org — No objections").
    private func withContext(_ text: String, block i: Int, previous: String?) -> String {
        guard text.wordsAtSpaces().count <= 6 else { return text }
        // (Or the statement just before it: "Registries: expert review for most. Nodding from
        // the room, general agreement.")
        if let previous, previous.wordsAtSpaces().count >= 3 {
            return ItemText.clean(previous) + " — " + text
        }
        let topic = max(topicBefore[i], titleBefore[i])
        guard topic >= 0, topic != i else { return text }
        return ItemText.clean(ctx.blocks[topic].text) + " — " + text
    }

    /// A name that can hold a position: one that could own a task (several words, a party or
    /// country of the lexicon, an attendee, a word the document capitalises mid-sentence, an
    /// acronym), but no pronoun and no word in capitals longer than eight letters.
    private func isPlausibleParty(_ name: String) -> Bool {
        if name.contains(" ") { return true }
        // (As an owner, but a word in capitals longer than an acronym is a verb: "PRONUNCIAR".)
        if ItemText.notSubjects.contains(Folding.key(name)) || name.count > 8 && name.allSatisfy({ $0.isUppercase }) { return false }
        return isPlausibleOwner(name)
    }

    /// A subject that can own a task: several capitalised words, an acronym, a party, an
    /// attendee, or a single word that the document also capitalises mid-sentence (a proper
    /// noun, not "Sponsors" at the start of a sentence). Pronouns never.
    private func isPlausibleOwner(_ owner: String) -> Bool {
        let k = Folding.key(owner)
        let pronouns: Set<String> = ["my", "our", "we", "i", "it", "they", "this", "that", "these", "those", "he", "she", "there", "here",
                                     "you", "nosotros", "yo", "esto", "este", "esta", "ello", "ellos", "ellas", "el", "ella", "se"]
        if pronouns.contains(k) { return false }
        if owner.contains(" ") || owner.count >= 2 && owner.allSatisfy({ $0.isUppercase || $0.isNumber }) { return true }
        if ctx.lexicon.parties.contains(where: { $0.1 == k }) || ctx.lexicon.countries.contains(k) { return true }
        if attendees.contains(where: { Folding.key($0.name).wordsAtSpaces().contains(Substring(k)) }) { return true }
        return properNouns.contains(owner)
    }

    /// Whether a name is an attendee's, in full or by first name.
    func isAttendee(_ name: String) -> Bool {
        // (Without a form of address: "Cllr Williams", "la señora Pérez".)
        let k = Folding.key(PersonParser(lexicon: ctx.lexicon).stripHonorifics(name))
        guard !k.isEmpty else { return false }
        let given = k.wordsAtSpaces()
        // ("O. Williams", "J. R. Smith": initials before a surname.)
        let initialled = given.count >= 2 && given.dropLast().allSatisfy { $0.count == 1 }
        return attendees.contains { a in
            let n = Folding.key(a.name)
            let words = n.wordsAtSpaces()
            // In full, by first name, or by a surname of three letters or more ("Williams" for
            // "Cllr. O. Williams", as minutes write a member the second time), or by an initial
            // and the surname ("O. Williams" for Owen Williams).
            return n == k || words.first.map(String.init) == k || k.count >= 3 && words.count >= 2 && words.last.map(String.init) == k
                || initialled && words.count >= 2 && words.last == given.last && words.first?.first == given.first?.first
        }
    }

    /// "Irene to help with prep before maternity leave" → ("Irene", "help with prep ..."): the
    /// first clause of a sentence that opens with an attendee followed by "to" and a verb.
    private func attendeeTo(_ sentence: String) -> (String, String)? {
        for clause in sentence.components(separatedBy: CharacterSet(charactersIn: ",;")) {
            let c = clause.trimmingSpaces().trimming(ascii: "(")
            guard c.containsBytes(" to "), let r = Patterns.ownerToTask.firstRange(in: c) else { continue }
            var owner = Patterns.trailingTo.replacing(in: String(c[r]), with: "").trimmingSpaces()
            let task = String(c[r.upperBound...])
            guard !task.hasPrefix("be "), task.wordsAtSpaces().count >= 2 else { continue }
            if owner.hasPrefix("The ") { owner = String(owner.dropFirst(4)) }
            if isAttendee(owner) { return (owner, task) }
            // "PL to ask the council": an attendee's initials; "Clerk to write to the council":
            // the role an attendee holds.
            if let a = attendee(initials: owner) { return (a, task) }
            if attendees.contains(where: { $0.role.map { Folding.key($0) == Folding.key(owner) } ?? false }) { return (owner, task) }
        }
        return nil
    }

    /// The one attendee whose initials are `token` ("PL" for "Piet Lindqvist", "JMR" for
    /// "José María Ruiz"; forms of address left out), or nil.
    private func attendee(initials token: String) -> String? {
        guard (2...4).contains(token.count), token.allSatisfy({ $0.isUppercase && $0.isLetter }) else { return nil }
        let parser = PersonParser(lexicon: ctx.lexicon)
        let matches = attendees.filter { a in
            let words = parser.stripHonorifics(a.name).wordsAtSpaces().filter { $0.first?.isUppercase == true }
            return words.count >= 2 && String(words.compactMap(\.first)) == token
        }
        return matches.count == 1 ? matches[0].name : nil
    }

    /// The columns of a motions table's header: one that names the motion (the lexicon's
    /// `motion_columns`: "Motion", "Motion Text", "Moción") and one its outcome
    /// (`status_columns`: "Status", "Result", "Resultado").
    static func motionColumns(_ cells: [String], _ ctx: ExtractionContext) -> (motion: Int, status: Int)? {
        guard cells.count >= 2, cells.count <= 8 else { return nil }
        let keys = cells.map { Folding.key($0.trimming(ascii: "*:")) }
        let motions = Set(ctx.lexicon.cue("motion_columns").map { Folding.key($0) })
        let statuses = Set(ctx.lexicon.cue("status_columns").map { Folding.key($0) })
        guard let m = keys.firstIndex(where: { motions.contains($0) }), let st = keys.lastIndex(where: { statuses.contains($0) }), m != st else { return nil }
        return (m, st)
    }

    /// A row of a motions table: a decision when its status says it passed ("Accepted
    /// unanimously", "Passed by show of hands, 1 against", "Aprobada"), none when it failed or
    /// lapsed; a count against in the status is a dissent.
    /// (`passedByCount`: for a vote recorded without its result, whether more voted for it than
    /// against; `against`: the count against when a record gives it as a number, whatever word
    /// labels it, "Nay" or "En contra"; else it is read from the status.)
    mutating func motionRow(_ i: Int, motion: String, status: String, passedByCount: Bool? = nil, against: Int? = nil, via: String = "motion-table") {
        let text = ItemText.clean(motion)
        guard text.wordsAtSpaces().count >= 2 else { return }
        let f = FoldedText(status)
        let anchor = ctx.layout.anchor(block: i)
        let said = ItemText.clean(status)
        let item = text + ": " + said.prefix(1).lowercased() + said.dropFirst()
        let failed = ctx.lexicon.firstCue("failed", in: f) != nil || ["lapsed", "withdrawn", "retirada", "retirado", "decae"].contains { Folding.key(status).contains($0) }
        let passed = passedByCount ?? (ctx.lexicon.firstCue("bare_outcome", in: f) != nil || ctx.lexicon.firstCue("decision", in: f) != nil)
        if passed, !failed {
            decisions.append(Decision(text: item, anchor: anchor, confidence: 0.85, via: via))
        }
        if (against ?? Tally.read(status)?.against ?? 0) > 0 {
            dissent.append(Position(text: item, parties: [], anchor: anchor, confidence: 0.8, via: via + "+tally"))
        }
    }

    /// Whether a sentence's last word (before a closing bracket or full stop) can be an
    /// outcome's: "passed", "carried", "agreed", "approved", "adopted", "aprobado/a", "unanimously".
    static func endsOnOutcome(_ f: FoldedText) -> Bool {
        var end = f.units.count
        while end > 0, [0x20, 0x2E, 0x29, 0x0A].contains(f.units[end - 1]) { end -= 1 }
        let tail = f.foldedText(max(0, end - 12)..<end)
        return ["passed", "carried", "agreed", "approved", "adopted", "aprobado", "aprobada", "unanimously", "unanimidad"].contains { tail.hasSuffix($0) }
    }

    /// The motion among the three sentences before sentence `n` (a seconder's sentence between
    /// them passed over): one that says what it moves ("moved to accept ...", "moved that ...",
    /// "moved the minutes be accepted"), not "proposed acceptance".
    static func motion(before n: Int, in sentences: [String], labelled: Bool = false) -> String? {
        for k in stride(from: n - 1, through: max(0, n - 3), by: -1) {
            let t = sentences[k]
            if t.hasSuffix("?") { return nil }
            // ("Motion: to approve the budget", "Moción: aprobar el presupuesto": the motion
            // labelled, in the sentence or as the field the sentences are the value of; "Moved:
            // Ana Gil", "Gil/Pérez": its mover and seconder, passed over.)
            if k == 0, labelled, t.wordsAtSpaces().count >= 2 { return t }
            if let label = t.firstIndex(of: ":"), Self.isMotionLabel(String(t[..<label])),
               t[t.index(after: label)...].wordsAtSpaces().count >= 2 { return t }
            if Self.namesMover(t) { continue }
            if Patterns.motionClause.firstRange(in: t) != nil { return t }
            if let r = t.range(of: "moved ", options: .caseInsensitive), t[r.upperBound...].wordsAtSpaces().count >= 4 { return t }
            // ("Ian seconded.", "Seconded by Rod.": the seconder, between the motion and its outcome.)
            let key = Folding.key(t)
            guard key.contains("second") || key.contains("secund"), t.wordsAtSpaces().count <= 8 else { return nil }
        }
        return nil
    }

    /// "Motion", "Moción", "Proposal", "Propuesta": a label that says a motion follows.
    static func isMotionLabel(_ label: String) -> Bool {
        ["motion", "mocion", "proposal", "propuesta"].contains(Folding.key(label))
    }

    /// "Moved: Ana Gil", "Moved by Ana Gil", "Gil/Pérez", "Ana/Luis": a sentence that only
    /// names who moved (and seconded) a motion.
    static func namesMover(_ t: String) -> Bool {
        let words = t.wordsAtSpaces()
        guard words.count <= 5 else { return false }
        let k = Folding.key(t)
        if k.hasPrefix("moved by ") || k.hasPrefix("moved ") && t.contains(":") || k.hasPrefix("movido por ") || k.hasPrefix("propuesto por ") { return true }
        // "Gil/Pérez": two capitalised words joined by a slash, the mover and the seconder.
        return words.count == 1 && t.split(separator: "/").count == 2 && t.split(separator: "/").allSatisfy { $0.first?.isUppercase == true && $0.count >= 2 }
    }

    /// "The issue was resolved": a problem solved, not a resolution; "it was resolved that"
    /// and "RESOLVED" decide.
    /// (Lower case within its sentence, and neither "resolved that / to" nor "it was resolved".)
    static func isSolvedProblem(_ f: FoldedText, _ r: Range<Int>) -> Bool {
        guard r.count == 8 else { return false }
        let cue = f.text(r)
        guard Folding.key(cue) == "resolved", r.lowerBound > 4, cue.first?.isLowercase == true else { return false }
        let after = Folding.key(f.text(r.upperBound..<min(f.count, r.upperBound + 30))).wordsAtSpaces().prefix(2).map(String.init)
        let next = after.first ?? ""
        // ("resolved to adopt" decides; "resolved to everyone's satisfaction" solved.)
        let toWhom = next == "to" && after.count == 2 && (after[1].hasSuffix("'s") || after[1].hasSuffix("’s")
            || ["the", "a", "an", "everyone", "everybody", "all", "our", "their", "its", "his", "her", "mutual"].contains(after[1]))
        if ["that", "to", "unanimously", "by", "as", "upon", "on"].contains(next), !toWhom { return false }
        let before = Folding.key(f.text(max(0, r.lowerBound - 24)..<r.lowerBound)).wordsAtSpaces().suffix(2)
        return !(before.first == "it" && ["was", "is", "has"].contains(before.last.map(String.init) ?? ""))
    }

    /// A first name or nickname resolved to the one attendee it can only mean ("Greg" → "Greg Stein").
    func resolveOwner(_ owner: String) -> String {
        let bare = PersonParser(lexicon: ctx.lexicon).stripHonorifics(owner)
        guard !bare.contains(" ") else { return owner }
        let k = Folding.key(bare)
        let matches = attendees.filter { a in
            let words = Folding.key(a.name).wordsAtSpaces()
            return words.first.map(String.init) == k || Folding.key(a.name) == k
                || k.count >= 3 && words.count >= 2 && words.last.map(String.init) == k
        }
        return matches.count == 1 ? matches[0].name : owner
    }

    /// A commitment; without an owner it is less sure (0.15 less than `confidence`).
    private mutating func addAction(text: String, owner: String?, dueText: String?, anchor: Anchor, dueIsField: Bool = false,
                                    via: String, confidence: Double) {
        guard text.count >= 3 else { return }
        let due = dueText.flatMap { DueDate.resolve($0, ctx: ctx, labelled: dueIsField) }
        var clean = text
        // The deadline phrase is the due date, not part of the task.
        if !dueIsField {
            clean = ItemText.clean(DueDate.removeDeadline(from: text, ctx: ctx))
        }
        // A first name alone is the attendee who bears it ("Facundo traerá ..." → Facundo Pérez).
        actions.append(Action(text: clean, owner: owner.map(resolveOwner), due: due, anchor: anchor,
                              confidence: owner == nil ? max(0.2, confidence - 0.15) : confidence, via: via))
    }

    /// The header of a task table: two or more short cells without digits, one of them naming
    /// the owner column (the lexicon's `owner_labels`: "Responsable", "Owner", "Assigned to").
    static func isTaskHeader(_ cells: [String], _ ctx: ExtractionContext) -> Bool {
        let nonEmpty = cells.filter { !$0.isEmpty }
        guard nonEmpty.count >= 2, nonEmpty.allSatisfy({ $0.hasAtMost(50) && !$0.contains(where: { $0.isNumber }) }) else { return false }
        let owners = ctx.lexicon.cueKey("owner_labels")
        return nonEmpty.contains { cell in
            let words = Folding.key(cell).wordsAtSpaces()
            return owners.contains { o in words.first.map { String($0) == o.key || $0.hasPrefix(o.key) } == true }
        }
    }

    // MARK: Tallies

    /// Vote counts ("8 for, 0 against", "adopted 7-2", "Against: 1"): a count with votes
    /// against is a dissent whose voters are not named; a count that passed in running text
    /// is a decision when no cue made it one already. Proposals that failed give none.
    private mutating func tallies(skipping voted: Set<Int>) {
        guard ctx.kind != .agenda else { return }
        let listsDissent = ctx.sections.present.contains("dissent")
        // (The items already found, by where they stand: a long table of counts is looked up in,
        // not searched through, at each row.)
        var dissentAt = AnchorIndex(dissent.map(\.anchor)), decisionsAt = AnchorIndex(decisions.map(\.anchor))
        for (i, b) in ctx.blocks.enumerated() where [.paragraph, .listItem, .speech, .field, .tableRow].contains(b.role) && !voted.contains(i) {
            let section = ctx.sections[i]
            guard !["attendees", "absent", "agenda", "signatures", "copies", "reviewers", "furniture", "attachments", "heading", "recitals"].contains(section),
                  b.text.utf8.count <= 20_000, Tally.read(b.text) != nil else { continue }
            // (Most blocks hold no count: the whole text is searched once, sentences only after.)
            let sentences = ExtractionContext.sentences(b.text)
            for (n, s) in sentences.enumerated() {
                guard let t = Tally.read(s.text) else { continue }
                let anchor = ctx.layout.anchor(block: i, part: Substring(s.text), in: b.text)
                var text = ItemText.clean(Self.bareCount(s.text) ? sentences[max(0, n - 2)...n].map(\.text).joined(separator: " ") : s.text)
                var contextual = withContext(text, block: i, previous: nil)
                // ("La moción no pasa con 7 votos en contra": with the motion's labelled text.)
                if Self.mentionsMotion(FoldedText(s.text)), let motion = labelledMotionText(before: i) {
                    text = motion + " — " + text
                    contextual = text
                }
                // (A count alone in its block, "23 Yes, 3 No, 3 No Opinion": with the question just
                // before it, "Show of hands: should we merge the PR?", or the topic it is under.)
                if n == 0, sentences.count == 1, s.text.first?.isNumber == true {
                    let question = i > 0 ? ctx.fieldValue(ctx.blocks[i - 1]) : ""
                    text = question.hasSuffix("?") && question.wordsAtSpaces().count >= 3 ? ItemText.clean(question) + " — " + text : contextual
                    contextual = text
                }
                if t.against > 0, !listsDissent {
                    if let d = dissentAt.first(overlapping: anchor) {
                        // A vote's cue ("voted against", "opposed") found it first: the count is
                        // the point, not the words after the cue ("19 voted for, 1 voted against;
                        // the question was decided in the affirmative").
                        if let via = dissent[d].via, via.hasPrefix("cue:"), ["vot", "oppos", "against", "contra"].contains(where: { via.contains($0) }) {
                            dissent[d].text = contextual
                            dissent[d].via = via + "+tally"
                        }
                    } else {
                        dissent.append(Position(text: contextual, parties: [], anchor: anchor, confidence: 0.85, via: "tally"))
                        dissentAt.insert(anchor, index: dissent.count - 1)
                    }
                }
                let failed = ctx.lexicon.firstCue("failed", in: FoldedText(s.text)) != nil
                if t.passed, !failed, section == SectionMap.narrative {
                    if let d = decisionsAt.first(overlapping: anchor) {
                        // A decision a cue found whose sentence also gives the count: surer.
                        if decisions[d].via?.hasSuffix("+tally") == false, (decisions[d].confidence ?? 0) < 0.85 {
                            decisions[d].via = (decisions[d].via ?? "cue") + "+tally"
                            decisions[d].confidence = 0.85
                        }
                    } else {
                        decisions.append(Decision(text: text, anchor: anchor, confidence: 0.85, via: "tally"))
                        decisionsAt.insert(anchor, index: decisions.count - 1)
                    }
                }
            }
        }
    }

    /// "There were 9 votes for and 2 against this motion.", "Hubo 12 votos a favor ...": a count
    /// that names no motion, which the sentences before it state ("Ann moved that ... . This was
    /// seconded by Bob."): the item is read with them.
    static func bareCount(_ sentence: String) -> Bool {
        let k = Folding.key(String(sentence.prefix(24)))
        return ["there were ", "there was ", "hubo ", "se registraron ", "the vote was ", "the vote is ", "vote is ", "vote: ", "la votacion fue ", "votes: ", "votos: ", "result: ", "resultado: "]
            .contains { k.hasPrefix($0) }
    }

    /// Items' anchors sorted by where they start, to find one that overlaps an anchor in
    /// O(log n) (an item anchored over many later ones, 64 or more, is not found).
    struct AnchorIndex {
        private var spans: [(start: Int, end: Int, index: Int)]

        init(_ anchors: [Anchor?]) {
            spans = anchors.enumerated().compactMap { n, a in a.map { ($0.start, $0.end, n) } }.sorted { $0.start < $1.start }
        }

        /// The lowest index of an item whose anchor overlaps `a`, or nil.
        func first(overlapping a: Anchor?) -> Int? {
            guard let a else { return nil }
            var lo = 0, hi = spans.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if spans[mid].start < a.end { lo = mid + 1 } else { hi = mid }
            }
            var best: Int?
            var k = lo - 1
            while k >= 0, k >= lo - 64 {
                if spans[k].end > a.start { best = min(best ?? Int.max, spans[k].index) }
                k -= 1
            }
            return best
        }

        mutating func insert(_ a: Anchor?, index: Int) {
            guard let a else { return }
            var lo = 0, hi = spans.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if spans[mid].start <= a.start { lo = mid + 1 } else { hi = mid }
            }
            spans.insert((a.start, a.end, index), at: lo)
        }
    }

    private static func overlaps(_ a: Anchor?, _ b: Anchor?) -> Bool {
        guard let a, let b else { return false }
        return a.start < b.end && b.start < a.end
    }

    // MARK: Narrative

    /// `anchorText` is the text of block `i` as the record holds it, when `b` is a part of it
    /// (a table's cell).
    private mutating func narrative(_ i: Int, _ b: Block, kinds: Set<String>, anchorText: String? = nil) {
        // "AI: Greg: follow up", "ACTION: duga to ...", "@Brett: request ...": an action line wherever it stands.
        if isActionsField(b) {
            parseActionLine(ctx.fieldValue(b), anchor: ctx.layout.anchor(block: i), context: scopeHeading(before: i),
                            via: "label:" + Provenance.name(b.label ?? "action"), confidence: 0.85, ownerHint: personHeading(of: i, label: b.label))
            return
        }
        // The same label at the head of a paragraph that runs over several lines.
        if let rest = afterActionLabel(b.text) {
            let owner = labelOwner(String(b.text[..<rest]))
            parseActionLine((owner.map { $0 + ": " } ?? "") + String(b.text[rest...]).trimmingSpaces(), anchor: ctx.layout.anchor(block: i), context: scopeHeading(before: i),
                            via: "label:" + Provenance.name(String(b.text[..<rest])), confidence: 0.85)
            return
        }
        if Self.isAtNameLine(b.text) {
            parseActionLine(b.text, anchor: ctx.layout.anchor(block: i), context: scopeHeading(before: i), via: "label:@name", confidence: 0.8)
            return
        }
        // (A field whose label is itself a cue, "Decision: adopt the budget", keeps its label.)
        var text = b.role == .field && !labelIsCue(b.label) ? ctx.fieldValue(b) : b.text
        guard text.utf8.count <= 20_000 else { return }
        // A speech opens with its speaker ("Klaus Hoffmeister (Germany): ..."): the speaker's
        // side holds what "we" say.
        var speakerParty: String?
        if b.role == .speech, let colon = text.firstIndex(ofASCII: UInt8(ascii: ":")), text.distance(from: text.startIndex, to: colon) <= 150 {
            let prefix = String(text[..<colon])
            // (A speaker found by the label of the line is that label's person: "Lucas (chair)".)
            speakerParty = b.hints.contains(SpeakerLabels.hint) ? b.speaker
                : PersonParser.parenthesis(prefix).1 ?? b.speaker ?? PersonParser(lexicon: ctx.lexicon).stripHonorifics(prefix)
            text = String(text[text.index(after: colon)...]).trimmingSpaces()
        }
        // "Robin Marx: will do." takes on what the speaker before asked for.
        if b.role == .speech, kinds.contains("actions"), Self.acceptsTask(text), let owner = speakerParty ?? b.speaker,
           let request = previousRequest(before: i, speaker: b.speaker) {
            addAction(text: request, owner: resolveOwner(owner), dueText: request, anchor: ctx.layout.anchor(block: i), via: "speaker+reply", confidence: 0.5)
            return
        }
        // A sentence gives an item only with a cue of one (or a verb in the future tense with
        // a deadline): the cues of all sentences are found in one pass over the whole text,
        // and a sentence is searched only for the lists it holds a phrase of (most paragraphs
        // hold none, and are not split into sentences).
        let events = ctx.lexicon.sentenceCueEvents(FoldedText(text))
        let mayHoldAttendeeTo = kinds.contains("actions") && !attendees.isEmpty && text.containsBytes(" to ")
        guard ItemText.mayHoldFutureVerb(text) || mayHoldAttendeeTo || events.contains(where: { $0.mask & Lexicon.itemOrOutcomeBits != 0 }) else { return }
        let sentences = ExtractionContext.sentences(text)
        // (Made once a block, when a motion is looked for before an outcome.)
        lazy var sentenceTexts = sentences.map(\.text)
        let masks = Lexicon.sentenceCueMasks(events, sentences: sentences.map(\.range))
        let lexicon = ctx.lexicon
        func cue(_ name: String, _ n: Int, _ f: FoldedText) -> Range<Int>? {
            masks[n] & Lexicon.sentenceCueBit(name) == 0 ? nil : lexicon.firstCue(name, in: f)
        }
        var lastDissent: Int?
        var previous: String?
        // (Anchors are found in the block's own text: a field's value or a speech's words are
        // a part of it, after the label or the speaker.)
        let layout = ctx.layout, blockText = anchorText ?? b.text
        for (n, s) in sentences.enumerated() {
            defer { previous = s.text }
            // No cue of an item and no verb in the future tense: nothing to find in it.
            if masks[n] & Lexicon.itemOrOutcomeBits == 0 && !ItemText.mayHoldFutureVerb(s.text) && !(mayHoldAttendeeTo && s.text.containsBytes(" to ")) { continue }
            let f = FoldedText(s.text)
            // Found only for a sentence that gives an item (most give none).
            lazy var anchor = layout.anchor(block: i, part: Substring(s.text), in: blockText)
            if cue("quoted", n, f) != nil { continue }
            // "Proposed by A, seconded by B. Agreed.": an outcome said alone is the decision on
            // what this part of the minutes is about (its heading or title line). Not a
            // speaker's "Agreed." (one person's assent).
            if kinds.contains("decisions"), b.role != .speech, speakerParty == nil, cue("bare_outcome", n, f) != nil,
               lexicon.cue("bare_outcome").contains(Folding.key(s.text).trimmingSpaces()) {
                // After a motion ("X moved: That the House resolves that— ..." / "Agreed to."),
                // what was agreed is the motion.
                if let motion = motionBefore(i) {
                    decisions.append(Decision(text: motion, anchor: anchor, confidence: 0.75, via: "outcome+motion"))
                    continue
                }
                // "President moved to accept the minutes. Passed.", "Peter moved that the report be
                // accepted. Ian seconded. Unanimously accepted.": the motion a sentence or two before.
                if let motion = Self.motion(before: n, in: sentenceTexts, labelled: b.label.map(Self.isMotionLabel) ?? false) {
                    decisions.append(Decision(text: ItemText.clean(motion), anchor: anchor, confidence: 0.7, via: "outcome+motion"))
                    continue
                }
                if let motion = labelledMotionText(before: i) {
                    decisions.append(Decision(text: motion + " — " + ItemText.clean(s.text), anchor: anchor, confidence: 0.7, via: "outcome+motion"))
                    continue
                }
                // "Finance Committee Report: ... Report accepted.": the label that opens the
                // item is what the outcome is about.
                if n > 0, let label = Self.openingLabel(sentenceTexts[0]) {
                    decisions.append(Decision(text: label + ": " + ItemText.clean(s.text), anchor: anchor, confidence: 0.7, via: "outcome+label"))
                    continue
                }
                let topic = max(topicBefore[i], titleBefore[i])
                if topic >= 0, let label = Self.openingLabel(ctx.blocks[topic].text) {
                    decisions.append(Decision(text: label + ": " + ItemText.clean(s.text), anchor: anchor, confidence: 0.7, via: "outcome+label"))
                } else if topic >= 0 {
                    decisions.append(Decision(text: ItemText.clean(ctx.blocks[topic].text) + " — " + ItemText.clean(s.text), anchor: anchor,
                                              confidence: 0.7, via: "outcome+topic"))
                }
                continue
            }
            // "President moved to keep the officers (passed).", "Secretary moved to vote ...:
            // passed.": a motion that closes on its outcome.
            // (Looked for only in a sentence that ends on such a word: most end on none.)
            if kinds.contains("decisions"), b.role != .speech, speakerParty == nil, s.text.utf8.count < 1200, Self.endsOnOutcome(f),
               let o = Patterns.closingOutcome.firstRange(in: s.text), Patterns.motionSentence.firstRange(in: s.text) != nil {
                let motion = ItemText.clean(String(s.text[..<o.lowerBound]))
                if motion.wordsAtSpaces().count >= 3 {
                    decisions.append(Decision(text: motion, anchor: anchor, confidence: 0.7, via: "motion+outcome"))
                    continue
                }
            }
            let proposal = cue("proposal", n, f)
            // A question states no position ("Is there anyone who objects to ...?", "¿Alguien se
            // opone?"): its answer does.
            let question = s.text.hasSuffix("?")
            // ("X as opposed to Y" compares; it objects to nothing.)
            if kinds.contains("dissent"), !question, let r = cue("dissent", n, f),
               !Folding.key(f.text(max(0, r.lowerBound - 3)..<min(f.count, r.upperBound + 3))).contains("as opposed to"),
               !ItemText.isNounHomograph(f, at: r), !ItemText.countsNone(f, before: r) {
                let rest = Folding.key(f.text(r.upperBound..<f.count))
                let anaphoric = rest.wordsAtSpaces().count <= 4
                let clause = ItemText.clause(f, around: r)
                let subject = self.subject(f.text(clause.lowerBound..<r.lowerBound))
                var who = parties.parties(in: s.text, subject: subject, before: f.text(clause.lowerBound..<r.lowerBound))
                if let sp = speakerParty, subject == nil || who.isEmpty { who = [sp] }
                if anaphoric, let previous { who += parties.parties(in: previous, subject: nil).filter { !who.contains($0) } }
                if anaphoric, let d = lastDissent {
                    // "No hubo acuerdo sobre este punto": both sides of the point before.
                    for p in who where !dissent[d].parties.contains(p) { dissent[d].parties.append(p) }
                    continue
                }
                var itemText = anaphoric ? (previous.map(ItemText.clean) ?? ItemText.clean(s.text))
                    : Self.dissentText(f, clause: clause, cue: r, named: !who.isEmpty)
                // "Hubo diferencias en la valoración ...": the next sentence says what they were.
                if !anaphoric, rest.wordsAtSpaces().count < 10, n + 1 < sentences.count, cue("two_sided", n, f) != nil,
                   cue("dissent", n + 1, FoldedText(sentences[n + 1].text)) == nil {
                    itemText += ": " + ItemText.clean(sentences[n + 1].text)
                }
                var allWho = who
                // (Who the sentence names stays: "La consejera Marta Ríos salvó su voto.")
                if anaphoric, let previous { allWho = who + parties.parties(in: previous + " " + s.text, subject: nil).filter { !who.contains($0) } }
                // (A first name alone is the attendee who bears it: "Andrew pushed back" → Andrew Lee.)
                allWho = allWho.map(resolveOwner)
                dissent.append(Position(text: ItemText.withoutJustification(itemText), parties: allWho, anchor: anchor,
                                        confidence: allWho.isEmpty ? 0.5 : 0.6, via: Provenance.cue(f.text(r).lowercased())))
                lastDissent = dissent.count - 1
                continue
            }
            if kinds.contains("consensus"), !question, let r = cue("consensus", n, f) {
                let subject = self.subject(f.text(0..<r.lowerBound))
                var who = parties.parties(in: s.text, subject: subject, before: f.text(0..<r.lowerBound))
                if let sp = speakerParty, who.isEmpty { who = [sp] }
                // ("No objections." is the cue alone: what it is about stands before it.)
                let cueKey = Folding.key(f.text(r))
                for point in ItemText.splitPoints(ItemText.afterCue(f, r)) {
                    let bare = Folding.key(point).contains(cueKey)
                    consensus.append(Position(text: bare ? withContext(point, block: i, previous: previous) : point, parties: who, anchor: anchor,
                                              confidence: 0.65, via: Provenance.cue(f.text(r).lowercased())))
                }
                continue
            }
            if kinds.contains("decisions"), let r = cue("decision", n, f),
               Patterns.stillToBeTaken.firstRange(in: Folding.fold(f.text(max(0, r.lowerBound - 14)..<r.lowerBound))) == nil,
               !isConditional(f.text(0..<r.lowerBound)), !Self.isSolvedProblem(f, r),
               // ("Meeting Minutes: September 12, 2019 (approved November 14, 2019)": a note at
               // the top on when these minutes were approved, not an outcome of the meeting.)
               !(i < 5 && f.text(max(0, r.lowerBound - 2)..<r.lowerBound).contains("(")),
               // (Nor "Approved Minutes Jan 27 2021", a status line at the top.)
               !(i < 5 && r.lowerBound <= 1 && ["minutes", "acta", "minuta"].contains(where: { Folding.key(f.text(r.upperBound..<min(f.count, r.upperBound + 10))).hasPrefix($0) })) {
                // (A decision still to be taken — "will be approved by written procedure" — is not one.)
                if let p = proposal, p.lowerBound < r.lowerBound, !f.text(p.upperBound..<r.lowerBound).contains(" y "),
                   !(" " + Folding.key(f.text(p.upperBound..<r.lowerBound))).hasSuffix(" and") { continue }
                // "Tom agreed to draft the letter": a person who agrees to do something commits
                // to it (the cue is a commitment's too); "the committee agreed to" decides.
                if kinds.contains("actions"), let a = cue("action", n, f), a.lowerBound == r.lowerBound,
                   let owner = subject(f.text(0..<r.lowerBound)), isAttendee(owner) || PersonParser(lexicon: ctx.lexicon).isPersonName(owner) {
                    addAction(text: ItemText.task(f.text(a.lowerBound..<f.count), cues: ctx.lexicon.cue("action")), owner: owner, dueText: s.text, anchor: anchor,
                              via: Provenance.cue(f.text(a).lowercased()), confidence: 0.6)
                    continue
                }
                // "Member Kattouw seconded the motion, which was then approved unanimously": what
                // was approved is the motion of the sentence before; so it is for an outcome said
                // alone with its count ("MOTION: Approve the budget. Gil/Pérez. Carried 5-0.").
                let aboutMotion = Self.mentionsMotion(f)
                if aboutMotion || r.lowerBound <= 1 && s.text.wordsAtSpaces().count <= 4,
                   let motion = Self.motion(before: n, in: sentenceTexts, labelled: b.label.map(Self.isMotionLabel) ?? false) {
                    decisions.append(Decision(text: ItemText.clean(motion), anchor: anchor, confidence: 0.7, via: "motion+" + Provenance.cue(f.text(r).lowercased())))
                    continue
                }
                // ("Texto: Que se apruebe el orden del día ... Observación: La moción pasa por
                // unanimidad.": the motion's text is under its label a few blocks before.)
                if aboutMotion, let motion = labelledMotionText(before: i) {
                    decisions.append(Decision(text: motion + " — " + ItemText.clean(s.text), anchor: anchor, confidence: 0.7,
                                              via: "motion+" + Provenance.cue(f.text(r).lowercased())))
                    continue
                }
                var text = ItemText.afterCue(f, r)
                let afterWords = f.text(r.upperBound..<f.count).wordsAtSpaces().count
                // (Unless the cue opens what follows: "... and RESOLVED that the budget be adopted".)
                let clauseWords: Set<String> = ["that", "que", "to"]
                let opensClause = clauseWords.contains(Folding.key(f.text(r.upperBound..<f.count)).wordsAtSpaces().first.map(String.init) ?? "")
                    || clauseWords.contains(Folding.key(f.text(r)).wordsAtSpaces().last.map(String.init) ?? "")
                // (An election keeps its verb: "Cllr Llewellyn was duly elected", not "Cllr Llewellyn".)
                let cueKey = Folding.key(f.text(r))
                let namesOfficer = ["elect", "appoint", "elegid", "electo", "electa", "designad"].contains { cueKey.contains($0) }
                if !opensClause, !namesOfficer, f.text(0..<r.lowerBound).wordsAtSpaces().count >= afterWords, afterWords <= 8 {
                    // "Special Order 7A, Establish ..., was approved by Unanimous Vote": what precedes the cue.
                    let before = ItemText.clean(Patterns.trailingAuxiliary.replacing(in: f.text(0..<r.lowerBound), with: ""))
                    if before.wordsAtSpaces().count >= 3 { text = before }
                }
                // "Approved by General Consent." under "A. The meeting of January 15, 2014";
                // "Conclusion: accepted" under the line that names the issue discussed.
                let labelled = Self.labelHead(s.text) != s.text
                let topic = max(topicBefore[i], titleBefore[i])
                if f.text(0..<r.lowerBound).wordsAtSpaces().count <= 1, afterWords <= (labelled ? 12 : 6), topic >= 0 {
                    // (Without the scribe's label: "Conclusion:" is no part of what was decided.)
                    var said = s.text
                    if labelled, Self.scribeLabels.contains(Folding.key(Self.labelHead(s.text))), let colon = s.text.firstIndex(of: ":") {
                        said = String(s.text[s.text.index(after: colon)...])
                    }
                    // (As the scribe wrote it: "drop it from the draft" keeps its lower case.)
                    var outcome = ItemText.clean(said)
                    if said.trimmingSpaces().first?.isLowercase == true { outcome = outcome.prefix(1).lowercased() + outcome.dropFirst() }
                    text = ItemText.clean(ctx.blocks[topic].text) + " — " + outcome
                }
                // (A clause of a resolution opens its sentence or is written in capitals: "RESOLVED,
                // that ...", "Be it resolved"; "it was resolved that" reports a decision.)
                let formal = ctx.lexicon.cue("formal_resolution").contains { c in
                    f.find(c).contains { r in r.lowerBound <= 4 || !f.text(r).contains(where: \.isLowercase) }
                }
                let via = Provenance.cue(f.text(r).lowercased())
                for part in ItemText.splitDecisions(text) {
                    decisionScopes.append((decisions.count, scope(of: i), formal))
                    decisions.append(Decision(text: part, anchor: anchor, confidence: formal ? 0.8 : 0.7, via: via))
                }
                // (Read without the context a short outcome was given: "Budget — Members agreed ...".)
                let own = Self.withoutContext(text)
                if kinds.contains("actions"), let a = ctx.lexicon.firstCue("action", in: FoldedText(own)) ?? ItemText.futureVerb(own) {
                    let tf = FoldedText(own)
                    if let owner = subject(tf.text(0..<a.lowerBound)), isPlausibleOwner(owner) {
                        addAction(text: ItemText.task(tf.text(a.lowerBound..<tf.count), cues: ctx.lexicon.cue("action")), owner: owner, dueText: text, anchor: anchor,
                                  via: via + "+" + Provenance.cue(tf.text(a).lowercased()), confidence: 0.6)
                    }
                }
                continue
            }
            // "La redacción del informe queda a cargo de Marta Ruiz", "Se encarga a Marta Ruiz la
            // redacción", "The booking was assigned to Luis Pérez": the owner after the cue.
            if !kinds.isEmpty, proposal == nil, let given = ownerAfterCue(f) {
                addAction(text: given.task, owner: given.owner, dueText: s.text, anchor: anchor, via: given.via, confidence: 0.6)
                continue
            }
            // A commitment cue; or any future tense with a deadline ("Norway will confirm its
            // contribution by 15 December"), not a plan announced without one.
            let context = ctx
            let futureWithDeadline = ItemText.futureVerb(s.text).flatMap { DueDate.resolve(s.text, ctx: context, labelled: false) != nil ? $0 : nil }
            let actionCue = cue("action", n, f)
            // A verb in the future tense alone is a commitment only when its subject is an
            // attendee ("Camilo will look to contribute", "David realizará la página web").
            let futureAlone = actionCue == nil && futureWithDeadline == nil ? ItemText.futureVerb(s.text) : nil
            // Where the tasks are listed (running text is read, not for actions), it still
            // commits an attendee it names with a commitment cue ("Luis Vega se encargará de
            // revisar la redacción").
            let cuedOnly = !kinds.contains("actions")
            if kinds.contains("actions") || cuedOnly && actionCue != nil, proposal == nil, let r = actionCue ?? futureWithDeadline ?? futureAlone {
                // "Kari Solheim said that Norway will confirm ...": the subject of the clause with
                // the verb; an apposition ("El señor Echeverri, de OACNUDH, preparará") falls
                // back to the sentence's subject.
                let head = f.text(0..<r.lowerBound)
                var last = head
                for sep in [" that ", " que ", ",", ";", "…", "\n", ":"] {
                    if let cut = last.range(of: sep, options: .backwards) { last = String(last[cut.upperBound...]) }
                }
                let candidates = [last, head].compactMap { subject($0) }
                // "Robin Marx: I will send the draft": who speaks of themselves is the owner.
                let firstPerson = ["i", "yo", "me", "i ll"].contains(Folding.key(last).trimmingSpaces()) || Folding.key(last).trimmingSpaces().isEmpty
                // "would" and "shall" report a commitment only with another's name before them,
                // never in a question nor in the first person ("Would your organization ...?",
                // "I would favour ...": a wish or an opinion).
                if actionCue == nil, ["would", "shall"].contains(Folding.key(f.text(r)).wordsAtSpaces().first.map(String.init) ?? ""),
                   question || firstPerson { continue }
                // ("@yoltricolor tratará de contactar ...": an attendee's handle is the subject.)
                let trimmedLast = last.trimmingSpaces()
                let handle = trimmedLast.first == "@" && !trimmedLast.contains(" ") && isAttendee(String(trimmedLast.dropFirst())) ? String(trimmedLast.dropFirst()) : nil
                let named = handle ?? candidates.first(where: isPlausibleOwner)
                // (For a future tense alone, the subject of its own clause, and a verb of doing:
                // "a common API ... will be surprised" is nobody's task.)
                if futureAlone != nil {
                    let verb = Folding.key(f.text(r)).wordsAtSpaces().last.map(String.init) ?? ""
                    let clauseSubject = handle ?? subject(last)
                    guard !["be", "have", "need", "likely", "probably", "not"].contains(verb),
                          clauseSubject.map(isAttendee) == true && named == clauseSubject || b.role == .speech && firstPerson else { continue }
                }
                guard let owner = named ?? (b.role == .speech && firstPerson ? speakerParty : nil) else { continue }
                if cuedOnly, !isAttendee(owner) { continue }
                // A commitment cue with its owner named is middling; a speaker's "I will" or a
                // future tense alone, less.
                let via = actionCue != nil ? Provenance.cue(f.text(r).lowercased()) : futureAlone != nil ? "future-verb+attendee" : "future-verb+deadline"
                addAction(text: ItemText.task(f.text(r.lowerBound..<f.count), cues: ctx.lexicon.cue("action")), owner: owner, dueText: s.text, anchor: anchor,
                          via: named == nil ? "speaker+" + via : via, confidence: actionCue == nil ? 0.45 : (named == nil ? 0.55 : 0.6))
                continue
            }
            // "Irene to help with prep", "..., Camilo to check the analytics": an attendee
            // followed by "to" and a verb, the way English minutes write an action.
            if mayHoldAttendeeTo, proposal == nil, let (owner, task) = attendeeTo(s.text) {
                addAction(text: ItemText.clean(task), owner: owner, dueText: s.text, anchor: anchor, via: "attendee+to", confidence: 0.55)
            }
        }
    }
}
