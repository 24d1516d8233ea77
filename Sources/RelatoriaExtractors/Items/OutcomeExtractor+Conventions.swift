import Foundation
import RelatoriaCore

/// How minutes write their items, read for ``OutcomeExtractor`` (issue 18): owners beside a
/// task ("Tom Hale – send minutes", "Update the wiki (Anna)", "ACTION (Tom): ..."), a
/// speaker's "will do", one point a line in a form's field, labelled outcome lines
/// ("Decision: ...", "Conclusion: ...").
extension OutcomeExtractor {
    /// The lines of a field's value that lists two or more points, one a line, without their
    /// numbers ("1: ...", "2. ..."); nil for a value of one line or of long running text.
    static func listedLines(_ value: String) -> [String]? {
        guard value.containsASCII("\n") else { return nil }
        let lines = value.linesSplitAtLF(omittingEmptySubsequences: true).map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        guard lines.count >= 2, lines.allSatisfy({ $0.hasAtMost(600) }) else { return nil }
        return lines.map { Patterns.pointNumber.replacing(in: $0, with: "") }
    }

    /// Whether a heading that opens a decisions section names tasks too, after an "and"
    /// ("Acuerdos y tareas", "Decisions and action items", "Acuerdos / compromisos").
    func namesTasksToo(_ heading: String?) -> Bool {
        guard let heading, heading.hasAtMost(80) else { return false }
        let k = " " + Folding.key(heading) + " "
        for sep in [" y ", " and ", " e "] {
            guard let r = k.range(of: sep) else { continue }
            if ctx.lexicon.section(of: String(k[r.upperBound...]).trimmingSpaces()) == "actions" { return true }
        }
        return false
    }

    /// Decision words that a verbal noun of a listed point may be ("Aprobación del acta"):
    /// such a point records a decision, not a task.
    private static let decisionNouns: Set<String> = ["aprobacion", "eleccion", "designacion", "adopcion", "decision", "resolucion", "nombramiento", "ratificacion"]

    /// Whether a listed point reads as a task: it opens with a Spanish infinitive ("Crear el
    /// repositorio", "modificar las estructuras") or a verbal noun of doing ("Creación de los
    /// módulos", "Revisión del código"), not with a decision's ("Aprobación del acta").
    static func readsAsTask(_ text: String) -> Bool {
        let words = Folding.key(Patterns.listMarker.replacing(in: text, with: "")).wordsAtSpaces()
        guard words.count >= 2, let first = words.first.map(String.init) else { return false }
        if Patterns.infinitive.matches(first), first.count >= 4 { return true }
        return (first.hasSuffix("cion") || first.hasSuffix("sion")) && !decisionNouns.contains(first) && ["de", "del"].contains(String(words[1]))
    }

    /// Which part of an action a field's label names, its owner ("Owner:", "Assigned:",
    /// "Responsable:") or its date ("Due:", "Plazo:"): `owner_labels` or `due_labels`.
    func actionPart(_ b: Block) -> String? {
        guard let label = b.label, label.hasAtMost(30) else { return nil }
        let k = Folding.key(label)
        for list in ["owner_labels", "due_labels"] where ctx.lexicon.cueKey(list).contains(where: { $0.key == k }) { return list }
        return nil
    }

    /// Whether a part of an action line names who does it: an attendee (or their first name),
    /// a person's name, a few of them joined, or everyone ("all", "todos").
    func namesOwner(_ part: String) -> Bool {
        let p = part.trimmingSpaces().trimming(ascii: "*_")
        guard !p.isEmpty, p.hasAtMost(60), !p.contains(where: { $0.isNumber }) else { return false }
        if ["all", "everyone", "everybody", "todos", "todas", "todo el equipo", "all members", "equipo", "team"].contains(Folding.key(p)) { return true }
        let names = p.components(separatedBy: CharacterSet(charactersIn: ",/&")).flatMap { $0.components(separatedBy: " y ") }
            .flatMap { $0.components(separatedBy: " and ") }.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        let parser = PersonParser(lexicon: ctx.lexicon)
        return !names.isEmpty && names.allSatisfy { isAttendee($0) || parser.isPersonName($0) }
    }

    /// A task whose owner follows its cue (the lexicon's `action_owner_after`: "queda a cargo
    /// de", "se encarga a", "was assigned to"), when a person's name follows: the owner, and the
    /// task, the words before the cue or else those after the name. Nil otherwise ("Ana queda a
    /// cargo de la logística" is Ana's, read as any other cue).
    func ownerAfterCue(_ f: FoldedText) -> (owner: String, task: String, via: String)? {
        guard let r = ctx.lexicon.firstCue("action_owner_after", in: f) else { return nil }
        let after = f.text(r.upperBound..<f.count).trimmingSpaces()
        let particles: Set<String> = ["de", "del", "la", "van", "von", "da", "dos", "y"]
        var name: [String] = []
        var consumed = 0
        for raw in after.split(separator: " ") {
            let w = String(raw).trimming(ascii: ",.;:")
            guard w.first?.isUppercase == true || !name.isEmpty && particles.contains(w) else { break }
            name.append(w)
            consumed += 1
            if raw.last.map({ ",.;:".contains($0) }) == true || name.count >= 5 { break }
        }
        while let last = name.last, particles.contains(last) { name.removeLast(); consumed -= 1 }
        let owner = name.joined(separator: " ")
        guard !owner.isEmpty, isAttendee(owner) || resolveOwner(owner) != owner || PersonParser(lexicon: ctx.lexicon).isPersonName(owner) else { return nil }
        let before = ItemText.clean(f.text(0..<r.lowerBound))
        let rest = ItemText.clean(after.split(separator: " ").dropFirst(consumed).joined(separator: " "))
        let task = before.wordsAtSpaces().count >= 2 ? before : rest
        guard task.wordsAtSpaces().count >= 2 else { return nil }
        return (resolveOwner(owner), task, Provenance.cue(f.text(r).lowercased()) + "+owner-after")
    }

    /// Words a list holds when it has nothing to list: "(none)", "N/A", "TBD", "Ninguno", "No
    /// hay", "Sin acuerdos".
    private static let noneWords: Set<String> = ["none", "n a", "na", "nil", "nothing", "nothing to report", "none noted", "none recorded", "tbd", "no",
                                                 "ninguno", "ninguna", "nada", "no hay", "no aplica", "sin acuerdos", "sin compromisos", "sin tareas", "sin novedad"]

    /// Whether an item's text is only a word for nothing ("(none)", "N/A", "Ninguno.").
    static func saysNone(_ text: String) -> Bool {
        text.hasAtMost(24) && noneWords.contains(Folding.key(text))
    }

    /// A template's placeholder: what is left without its bracketed fields ("[Nombre] - Fecha:
    /// [DD/MM/YYYY]", "[Acción 1] -") is fewer than two words.
    static func isPlaceholder(_ text: String) -> Bool {
        guard text.containsByte(UInt8(ascii: "[")) else { return false }
        let bare = Patterns.squareBracketed.replacing(in: text, with: " ")
        return bare.split(whereSeparator: { !$0.isLetter }).filter { $0.count > 1 }.count < 2
    }

    /// A table's header row that names, after its first column, what the meeting did: notes,
    /// outcomes, decisions, actions (the lexicon's `record_columns`).
    static func isRecordHeader(_ cells: [String], _ ctx: ExtractionContext) -> Bool {
        let phrases = ctx.lexicon.cue("record_columns")
        return cells.dropFirst().contains { cell in
            let k = Folding.key(cell)
            return phrases.contains { k.isPhrase(Folding.key($0)) || k.wordsAtSpaces().contains(Substring(Folding.key($0))) }
        }
    }

    /// "Manu -> Rate datasets", "Ana Ruiz → informe de gastos": a name (one to three capitalised
    /// words), an arrow, and a task of two words or more: (owner, task).
    static func arrowAssignment(_ line: String) -> (String, String)? {
        guard line.containsBytes(" -> ") || line.containsBytes(" \u{2192} ") else { return nil }
        let parts = line.components(separatedBy: line.containsBytes(" -> ") ? " -> " : " \u{2192} ").map { $0.trimmingSpaces() }
        guard parts.count == 2, Patterns.shortName.matches(parts[0]), parts[1].wordsAtSpaces().count >= 2 else { return nil }
        return (parts[0], parts[1])
    }

    /// An action line in two or three parts set off by dashes or an arrow, one of them its
    /// owner: (owner, task, due date's text).
    func dashedParts(_ line: String) -> (String, String, String?)? {
        var parts: [String] = [line]
        for sep in [" -> ", " → ", " – ", " — ", " - "] where parts.count == 1 {
            parts = line.components(separatedBy: sep).map { $0.trimmingSpaces() }
        }
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        if namesOwner(parts[0]), parts[1].wordsAtSpaces().count >= 2 {
            return (parts[0], parts[1], parts.count == 3 ? parts[2] : nil)
        }
        if let last = parts.last, namesOwner(last), parts[0].wordsAtSpaces().count >= 2 {
            return (last, parts[0], parts.count == 3 ? parts[1] : nil)
        }
        return nil
    }

    /// An owner in brackets inside an action line: (owner, the line without it).
    func bracketedOwner(_ line: String) -> (String, String)? {
        guard line.containsByte(UInt8(ascii: "(")) || line.containsByte(UInt8(ascii: "[")),
              let r = Patterns.bracketed.firstRange(in: line) else { return nil }
        let inner = String(line[r].dropFirst().dropLast())
        guard namesOwner(inner) else { return nil }
        let rest = (line[..<r.lowerBound] + " " + line[r.upperBound...]).collapsingSpaces().trimmingSpaces()
        return rest.wordsAtSpaces().count >= 2 ? (inner.trimmingSpaces(), rest) : nil
    }

    /// The owner an action label names in brackets ("ACTION (Tom Hale): ..." → "Tom Hale").
    func labelOwner(_ label: String) -> String? {
        let inner = PersonParser.parenthesis(label.trimming(ascii: ": ")).1
        return inner.flatMap { namesOwner($0) ? $0 : nil }
    }

    /// Replies that take on a task ("will do", "I'll do it", "yo me encargo"), alone or after
    /// "ok", "sure", "yes".
    static let acceptance = Pattern(#"^(?:(?:ok(?:ay)?|sure|yes|yep|fine|si|vale|claro|de acuerdo|perfecto)\s*[,.!]?\s*)?(?:i\s*will do(?: (?:it|that|so))?|will do(?: (?:it|that|so))?|i ?ll do (?:it|that)|i can do (?:it|that)|i ll take (?:it|that)|i will take (?:it|that)|on it|yo me encargo|me encargo(?: yo)?|lo hago(?: yo)?|lo hare|me ocupo(?: yo)?)\s*[.!]?$"#)

    /// Whether a speaker's statement is a reply that takes on a task.
    static func acceptsTask(_ statement: String) -> Bool {
        statement.hasAtMost(40) && acceptance.matches(Folding.key(statement.replacingOccurrences(of: "'", with: " ").replacingOccurrences(of: "’", with: " ")))
    }

    /// What the speaker just before block `i` (another than `speaker`) asked or proposed, as a
    /// task ("Please email the chairs ..." → "Email the chairs ..."); nil when no speech of at
    /// least three words comes within the three blocks before.
    func previousRequest(before i: Int, speaker: String?) -> String? {
        for j in stride(from: i - 1, through: max(0, i - 3), by: -1) {
            let p = ctx.blocks[j]
            guard p.role == .speech else { continue }
            if p.speaker == speaker { return nil }
            var t = p.text
            if let colon = t.firstIndex(ofASCII: UInt8(ascii: ":")), t.distance(from: t.startIndex, to: colon) <= 150, p.speaker.map({ t.hasPrefix($0) }) ?? false || p.hints.contains(SpeakerLabels.hint) {
                t = String(t[t.index(after: colon)...]).trimmingSpaces()
            }
            for lead in ["please ", "por favor, ", "por favor "] where t.lowercased().hasPrefix(lead) { t = String(t.dropFirst(lead.count)) }
            return t.wordsAtSpaces().count >= 3 ? ItemText.clean(t) : nil
        }
        return nil
    }

    /// Whether a field's label followed by its colon is a cue of an item ("Decision:",
    /// "Resolution:", "Acuerdo:").
    func labelIsCue(_ label: String?) -> Bool {
        guard let label, label.hasAtMost(30) else { return false }
        let f = FoldedText(label + ":")
        return ["decision", "consensus", "dissent", "action"].contains { ctx.lexicon.firstCue($0, in: f).map { $0.lowerBound == 0 && $0.upperBound == f.count } == true }
    }

    /// An item's text without the context a short outcome was given ("Budget — Members agreed
    /// to meet monthly" → "Members agreed to meet monthly").
    static func withoutContext(_ text: String) -> String {
        guard let r = text.range(of: " — ", options: .backwards) else { return text }
        return String(text[r.upperBound...])
    }

    /// Labels a scribe puts before an outcome ("conclusion: accepted", "resolution: ..."):
    /// the item is what follows them.
    static let scribeLabels: Set<String> = ["conclusion", "conclusions", "outcome", "result", "resolution", "conclusión", "conclusion final", "resultado"]

    /// Whether a short line of its own reads as the title of what follows (an issue, an item of
    /// the agenda) rather than a fragment of the discussion: no question mark and no comma, and
    /// not opening in lower case unless with an issue's number ("p1#90 delimiting ...").
    static func readsAsTopic(_ line: String) -> Bool {
        guard !line.hasSuffix("?"), !line.contains("?"), !line.contains(", ") else { return false }
        guard let first = line.first, first.isLowercase else { return true }
        let word = line.prefix { $0 != " " }
        return word.contains(where: { $0.isNumber || $0 == "#" })
    }

    /// The words before a sentence's first colon ("Conclusion" of "Conclusion: accepted"); the
    /// whole sentence when it has none.
    static func labelHead(_ s: String) -> String {
        guard let colon = s.prefix(30).firstIndex(of: ":") else { return s }
        return String(s[..<colon])
    }
}
