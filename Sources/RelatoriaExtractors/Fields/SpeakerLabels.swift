import Foundation
import RelatoriaCore

/// Speakers of notes written the way chat logs and scribes write them: a handle or first name
/// as the label of a line ("mnot: this is a clarification", "Mirja: yes", "MT: great"), or a
/// name with a remark in brackets ("Lucas Pardue (as chair): let's see a PR").
///
/// A one-word label is a speaker only in speaker-led notes (three or more labels that recur)
/// and when it recurs itself, or when it is the first name of a speaker named in full. Words
/// that label a scribe's own lines ("conclusion:", "hum:", "response:") and labels the lexicon
/// knows (sections, date, place, title and body labels) are never speakers. A first name is
/// resolved to the one full name the notes give it ("Mirja" → "Mirja Kühlewind").
struct SpeakerLabels {
    /// The hint a block gets when its speaker was found here.
    static let hint = "speaker-label"

    /// Labels of a scribe's own lines, in the languages of the lexicon: never a speaker.
    static let notSpeakers: Set<String> = [
        "conclusion", "conclusions", "response", "responses", "answer", "question", "questions", "hum", "hums", "note", "notes",
        "comment", "comments", "action", "actions", "decision", "decisions", "resolution", "resolved", "outcome", "result", "results",
        "summary", "topic", "proposal", "discussion", "status", "update", "updates", "chair", "chairs", "scribe", "minutes", "agenda",
        "re", "fyi", "todo", "next", "q", "a", "ai", "item", "issue", "issues", "poll", "vote", "consensus", "objection", "objections",
        "agreed", "agreement", "conclusión", "conclusion", "conclusiones", "respuesta", "pregunta", "nota", "notas", "comentario",
        "comentarios", "resultado", "resultados", "tema", "propuesta", "estado", "acuerdo", "decisión", "decision", "votación",
        "observación", "observaciones", "pendiente", "tarea", "tareas", "objetivo", "motivo", "asunto", "http", "https", "mailto",
        "see", "also", "example", "e.g", "i.e", "nb", "ps", "edit", "draft", "slides", "link", "links", "url",
    ]

    /// The label a block opens with ("mnot", "Lucas Pardue" of "Lucas Pardue (as chair): ..."),
    /// nil when it opens with none.
    static func label(of b: Block) -> String? {
        guard b.role == .field || b.role == .paragraph, b.hints.isEmpty, b.fields.isEmpty,
              let colon = b.text.prefix(60).firstIndex(of: ":") else { return nil }
        let value = b.text[b.text.index(after: colon)...].trimmingSpaces()
        guard !value.isEmpty, !value.hasPrefix("//"), value.first != ":" else { return nil }
        var head = b.text[..<colon].trimmingSpaces()
        if head.hasSuffix(")"), let open = head.lastIndex(of: "(") { head = head[..<open].trimmingSpaces() }
        let words = head.wordsAtSpaces()
        guard (1...4).contains(words.count), head.count <= 40, head.first?.isLetter == true,
              head.allSatisfy({ $0.isLetter || $0.isNumber || " -_.'".contains($0) }) else { return nil }
        return head
    }

    /// A stand-up's report labels ("Done", "Will Do", "Blockers": the lexicon's `standup_labels`),
    /// which recur once per member and are never speakers.
    static func isStandUpLabel(_ label: String, _ lexicon: Lexicon) -> Bool {
        let k = Folding.key(label)
        return lexicon.cueKey("standup_labels").contains { $0.key == k }
    }

    /// Whether a one-word label can be a person's handle or first name: a chat handle in
    /// lower case ("lmasinter"), a capitalised word ("Mirja") or initials ("MT"), that no list
    /// of the lexicon holds.
    static func isHandle(_ word: String, lexicon: Lexicon) -> Bool {
        guard (2...24).contains(word.count), let first = word.first, first.isLetter, !word.contains(" ") else { return false }
        let k = Folding.key(word)
        guard !notSpeakers.contains(k), !notSpeakers.contains(word.lowercased()), !isStandUpLabel(word, lexicon), lexicon.section(of: word) == nil,
              !lexicon.dateLabels.contains(k), !lexicon.placeLabels.contains(k), !lexicon.titleLabels.contains(k),
              !lexicon.bodyLabels.contains(k), !lexicon.countries.contains(k), !lexicon.kindWords.contains(k) else { return false }
        let letters = word.filter(\.isLetter)
        if letters.allSatisfy(\.isLowercase) { return true }
        if letters.allSatisfy(\.isUppercase) { return letters.count <= 4 }
        return first.isUppercase && word.dropFirst().filter(\.isLetter).allSatisfy(\.isLowercase)
    }

    /// The blocks with the speakers this convention finds made speeches; `blocks` unchanged
    /// when the notes are not speaker-led.
    static func apply(_ blocks: [Block], lexicon: Lexicon, parser: PersonParser) -> [Block] {
        var labels: [String?] = []
        var counts: [String: Int] = [:]
        for b in blocks {
            let l = b.role == .speech ? nil : label(of: b)
            labels.append(l)
            if let l { counts[l, default: 0] += 1 }
        }
        // Full names that speak (already speeches, or labels of two to four words that read
        // as a name), and one-word handles.
        var fullNames = Set(blocks.compactMap { $0.role == .speech ? $0.speaker?.trimmingSpaces() : nil }.filter { $0.contains(" ") })
        for (l, _) in counts where l.contains(" ") && parser.isPersonName(l) && lexicon.section(of: l) == nil && !isStandUpLabel(l, lexicon) { fullNames.insert(l) }
        let handles = Set(counts.filter { !$0.key.contains(" ") && $0.value >= 2 && isHandle($0.key, lexicon: lexicon) }.map(\.key))
        let recurring = Set(blocks.compactMap { $0.role == .speech ? $0.speaker : nil }).union(handles)
            .union(fullNames.filter { (counts[$0] ?? 0) >= 2 })
        guard recurring.count >= 3 else { return blocks }
        let text = blocks.lazy.map(\.text).joined(separator: "\n")
        // Made once, on the first one-word label, for all of them (a document of thousands of
        // labels read its whole text again for each).
        var names: FirstNames?
        var resolved: [String: String] = [:]
        func name(_ l: String) -> String? {
            if l.contains(" ") { return fullNames.contains(l) ? l : nil }
            if let r = resolved[l] { return r }
            if names == nil { names = FirstNames(speakers: fullNames, text: text) }
            let full = names!.fullName(of: l)
            guard handles.contains(l) || full != nil && isHandle(l, lexicon: lexicon) else { return nil }
            resolved[l] = full ?? l
            return full ?? l
        }
        return zip(blocks, labels).map { b, l in
            guard let l, let speaker = name(l) else { return b }
            var s = b
            s.role = .speech
            s.speaker = speaker
            s.hints = [hint]
            return s
        }
    }

    /// The one full name a first name stands for: a speaker named in full, else a name of two
    /// capitalised words the text gives once or more, the first this one ("Mirja Kühlewind").
    static func fullName(of first: String, speakers: Set<String>, text: String) -> String? {
        FirstNames(speakers: speakers, text: text).fullName(of: first)
    }

    /// The full names of speakers by their first word, and the words that follow each word of
    /// a text after one space when they read as a surname, made in one pass over the text.
    struct FirstNames {
        private var speakersByFirst: [String: [String]] = [:]
        /// For each string that stands before a space with no letter before it, the capitalised
        /// words seen after that space.
        private var following: [Substring: Set<String>] = [:]

        init(speakers: Set<String>, text: String) {
            for s in speakers {
                if let f = s.wordsAtSpaces().first { speakersByFirst[String(f), default: []].append(s) }
            }
            // Every " " of the text: the run of characters before it (up to 40, no space or
            // newline), each of its suffixes that starts after a non-letter, and the word after.
            let chars = Array(text.indices)
            var k = 0
            while k < chars.count {
                let at = chars[k]
                defer { k += 1 }
                guard text[at] == " ", k > 0 else { continue }
                let after = text[text.index(after: at)...].prefix { $0.isLetter || $0 == "-" || $0 == "'" }
                guard let f = after.first, f.isUppercase, after.count >= 2, after.dropFirst().contains(where: \.isLetter),
                      after.dropFirst().contains(where: \.isLowercase) else { continue }
                var start = k - 1
                while start > 0, k - start < 40, !text[chars[start - 1]].isWhitespace { start -= 1 }
                for p in start..<k where p == 0 || !text[chars[p - 1]].isLetter {
                    guard text[chars[p]].isLetter else { continue }
                    following[text[chars[p]..<at], default: []].insert(String(after))
                }
            }
        }

        /// ``SpeakerLabels/fullName(of:speakers:text:)``.
        func fullName(of first: String) -> String? {
            guard let initial = first.first, initial.isUppercase, first.dropFirst().contains(where: \.isLowercase) else { return nil }
            let bySpeaker = speakersByFirst[first] ?? []
            if bySpeaker.count == 1 { return bySpeaker.first }
            if bySpeaker.count > 1 { return nil }
            guard let surnames = following[first[...]], surnames.count == 1 else { return nil }
            return first + " " + surnames.first!
        }
    }
}
