import Foundation
import RelatoriaCore

/// Helpers that turn a sentence or list item into the text of a record item.
enum ItemText {
    /// Trims list markers, quotes, surrounding punctuation and whitespace.
    static func clean(_ s: String) -> String {
        var t = s.trimmingSpacesAndNewlines()
        // A sentence hard-wrapped over lines is one line of text ("The communication\nwas
        // ordered accepted").
        if t.containsByte(UInt8(ascii: "\n")) { t = t.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        if let r = Patterns.listMarker.firstRange(in: t) {
            t.removeSubrange(r)
        }
        // MeetBot's attribution of a line to who typed it, and when: "ACTION: send the
        // screenshots  (FranciscoD, 15:48:51)".
        if t.last == ")", t.containsByte(UInt8(ascii: ":")), let r = meetBotStamp.firstRange(in: t) { t.removeSubrange(r) }
        while let l = t.last, ".;,: ".contains(l) { t.removeLast() }
        while let f = t.first, ",;: ".contains(f) { t.removeFirst() }
        if let f = t.first, f.isLowercase { t = f.uppercased() + t.dropFirst() }
        return t
    }

    private static let meetBotStamp = Pattern(#"\s*\(\s*[\w|.\[\]@`^{}-]+,\s*\d{1,2}:\d{2}(?::\d{2})?\s*\)$"#)

    /// The clause of a sentence that holds a cue: "Aceptamos el cronograma, pero la sociedad
    /// civil deja constancia de ..." → "la sociedad civil deja constancia de ...".
    static func clause(_ f: FoldedText, around cue: Range<Int>) -> Range<Int> {
        let before = f.folded.prefix(cue.lowerBound)
        var start = 0
        for sep in [", pero ", ", but ", "; ", ": ", ", aunque ", ", although ", ", sin embargo, ", ", however, ", ", mientras que ", ", while "] {
            if let r = before.range(of: sep, options: .backwards) {
                start = max(start, before.distance(from: before.startIndex, to: r.upperBound))
            }
        }
        return start..<f.count
    }

    /// The part of `sentence` after a cue found at `range` when the cue opens the sentence
    /// (within its first eight words) and enough follows; otherwise the whole sentence.
    static func afterCue(_ f: FoldedText, _ range: Range<Int>) -> String {
        let before = f.text(0..<range.lowerBound)
        // A passive cue ("X was approved", "El acta fue aprobada") follows what was decided.
        let cueWords = Folding.key(f.text(range)).wordsAtSpaces()
        let passive = ["fue", "fueron", "was", "were", "is", "are", "queda", "quedo", "quedaron", "been", "ha", "han", "duly", "ordered"].contains(cueWords.first.map(String.init) ?? "")
            || (cueWords.count == 1 && Patterns.participleEnding.matches(String(cueWords[0])))
        if passive, Folding.key(before).wordsAtSpaces().filter({ !["se", "it", "y", "and"].contains($0) }).count >= 2 {
            return clean(f.original)
        }
        let after = f.text(range.upperBound..<f.count)
        let afterWords = after.wordsAtSpaces().count
        if before.wordsAtSpaces().count <= 8, afterWords >= 3 {
            var a = after.trimmingSpaces()
            for adverb in ["igualmente ", "tambien ", "ademas ", "asimismo ", "also ", "further ", "finalmente ", "por unanimidad ", "unanimously "]
            where Folding.fold(a).hasPrefix(adverb) {
                a = String(a.dropFirst(adverb.count))
            }
            for lead in ["que ", "en que ", "sobre ", "con ", "de ", "en ", "to ", "that ", "on ", "with ", "a "] where a.lowercased().hasPrefix(lead) {
                a = String(a.dropFirst(lead.count))
                break
            }
            return clean(a)
        }
        return clean(f.original)
    }

    /// True when a phrase of `cues` occurs in `f`.
    static func has(_ f: FoldedText, _ cues: [String]) -> Range<Int>? {
        var best: Range<Int>?
        for c in cues {
            if let r = f.find(c).first, best == nil || r.lowerBound < best!.lowerBound { best = r }
        }
        return best
    }

    /// Words that open a sentence without being its subject.
    private static let openers: Set<String> = ["tras", "finalmente", "ademas", "asimismo", "sin embargo", "por su parte", "igualmente",
        "despues", "luego", "en consecuencia", "por ultimo", "after", "finally", "however", "also", "in addition", "then", "furthermore",
        "moreover", "as a result", "following", "por otra parte", "de otro lado", "en ese sentido",
        // What a clause is about, not who speaks: "Respecto a las expectativas, todos coinciden".
        "respecto a", "respecto de", "con respecto a", "en cuanto a", "en relacion con", "en relacion a", "acerca de", "sobre",
        "regarding", "as for", "as to", "with regard to", "concerning", "in relation to", "on", "about"]

    /// Spanish verbs in the preterite whose folded form is a noun: "objetó" / "objeto",
    /// "rechazó" / "rechazo"; and English "objects", a noun after a determiner ("these objects").
    private static let nounHomographs: Set<String> = ["objeto", "rechazo", "objects"]
    /// Words that only introduce a noun ("tiene por objeto el ...", "su rechazo a ...").
    private static let nounIntroducers: Set<String> = ["el", "un", "por", "de", "del", "al", "su", "sus", "como", "sin", "con", "nuestro",
        "este", "ese", "tal", "mismo", "unico", "principal", "ser", "es", "sea", "sera", "fue", "seran", "son", "pleno", "total", "absoluto",
        "the", "these", "those", "its", "their", "our", "such", "all", "some", "many", "other", "of", "no", "any", "new"]

    /// A cue that opens with such a verb, written without its accent after a word that only
    /// introduces a noun, is the noun: "La educación tendrá por objeto el pleno desarrollo ..."
    /// objects to nothing. (Written with its accent, "objetó" is the verb wherever it stands.)
    static func isNounHomograph(_ f: FoldedText, at r: Range<Int>) -> Bool {
        let cue = f.text(r)
        guard let word = cue.split(separator: " ").first, nounHomographs.contains(String(word).lowercased()) else { return false }
        let before = f.text(max(0, r.lowerBound - 16)..<r.lowerBound).split(whereSeparator: { $0 == " " || $0 == "\n" }).last
        return before.map { nounIntroducers.contains(Folding.key(String($0))) } ?? false
    }

    /// "0 votos en contra", "no votes against", "ningún voto en contra": a count of none
    /// before the cue, which then records no one's dissent.
    static func countsNone(_ f: FoldedText, before r: Range<Int>) -> Bool {
        guard let word = Folding.key(f.text(max(0, r.lowerBound - 12)..<r.lowerBound)).wordsAtSpaces().last else { return false }
        return ["0", "cero", "ningun", "ninguno", "ninguna", "no", "sin", "zero", "nil", "none"].contains(String(word).trimming(ascii: "(:"))
    }

    /// Roles that stand in lower case before a person's name.
    static let roleNouns: Set<String> = ["consejero", "consejera", "delegado", "delegada", "representante", "profesor", "profesora", "concejal",
        "concejala", "diputado", "diputada", "senador", "senadora", "ministro", "ministra", "embajador", "embajadora", "presidente",
        "presidenta", "secretario", "secretaria", "vocal", "tesorero", "tesorera", "coordinador", "coordinadora", "councillor", "delegate",
        "professor", "ambassador", "chair", "chairman", "chairwoman", "member", "miembro", "integrante", "compañero", "compañera", "companero", "companera"]

    /// Words that open a sentence capitalised without naming anyone.
    static let notSubjects: Set<String> = ["se", "lo", "la", "las", "los", "le", "les", "el", "ella", "ellos", "ellas", "yo", "nos", "nosotros",
        "usted", "ustedes", "esto", "este", "esta", "eso", "ese", "esa", "aquello", "it", "this", "that", "these", "those", "there", "here",
        "we", "i", "you", "he", "she", "they", "one", "everyone", "someone", "nobody", "todos", "alguien", "nadie", "cada"]

    /// Possessives open a speaker's "our group", "nuestro grupo" or an address, "My Lords":
    /// no subject begins with one (the speaker holds the position or the commitment).
    static let possessives: Set<String> = ["my", "our", "your", "his", "her", "its", "their", "mi", "mis", "nuestro", "nuestra",
                                           "nuestros", "nuestras", "su", "sus", "tu", "tus", "vuestro", "vuestra"]

    /// The capitalised subject before a verb: "La Embajada de Noruega se comprometió" →
    /// "Embajada de Noruega"; "El señor Echeverri, de OACNUDH, preparará" → "Echeverri"
    /// (`honorifics`: the lexicon's, folded).
    static func subject(_ text: String, honorifics: Set<String>) -> String? {
        let clauses = text.components(separatedBy: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        var candidate: String?
        for c in clauses {
            let k = Folding.key(c)
            if openers.contains(where: { k.isPhrase($0) }) { continue }
            candidate = c
            break
        }
        guard var t = candidate else { return nil }
        t = Patterns.leadingArticleOrConjunction.replacing(in: t, with: "")
        var words = t.wordsAtSpaces().map(String.init)
        // (An item's number before it: "4.4.9. Cllr. O. Williams", "11i) Cllr. H. Gwynne".)
        if words.count > 1, words[0].contains(where: \.isNumber), words[0].hasSuffix(")") || words[0].hasSuffix(".") { words.removeFirst() }
        // (A form of address of the lexicon's `honorifics`, with or without its full stop:
        // "Sr.", "Lic", "Cllr. O. Williams".)
        while words.count > 1, case let w = Folding.fold(words[0]), honorifics.contains(w) || honorifics.contains(w.trimming(ascii: ".")) || honorifics.contains(w + ".") {
            words.removeFirst()
        }
        // A role written in lower case before the name: "la consejera Marta Ríos" → "Marta Ríos"
        // (not "La Secretaría Técnica", whose capital makes it the name).
        while words.count > 1, words[0].first?.isLowercase == true, words[1].first?.isUppercase == true,
              roleNouns.contains(Folding.fold(words[0])) {
            words.removeFirst()
        }
        // Trailing adverbs: "La Embajada de Noruega también" → "Embajada de Noruega".
        while let last = words.last, last.first?.isLowercase == true, words.count > 1,
              ["tambien", "ademas", "also", "then", "further", "finalmente", "igualmente", "asimismo", "se", "ya", "hoy"].contains(Folding.key(last)) {
            words.removeLast()
        }
        // The proper-noun run that opens the clause: "Japan indicated that it" → "Japan".
        let connectors: Set<String> = ["de", "del", "la", "las", "los", "el", "y", "e", "of", "the", "and", "for", "para", "por"]
        var run: [String] = []
        for (n, w) in words.enumerated() {
            if w.first?.isUppercase == true || w.first?.isNumber == true { run.append(w); continue }
            if connectors.contains(Folding.key(w)), !run.isEmpty,
               let next = words[(n + 1)...].first(where: { !connectors.contains(Folding.key($0)) }), next.first?.isUppercase == true {
                run.append(w)
                continue
            }
            break
        }
        t = run.joined(separator: " ")
        guard !run.isEmpty, run.count <= 10, !possessives.contains(Folding.key(run[0])) else { return nil }
        // A sentence's first word capitalised is no subject when it is a pronoun or a
        // particle ("Se somete a votación ...", "It was noted ...").
        if run.count == 1, notSubjects.contains(Folding.key(t)) { return nil }
        return t
    }

    /// An action's text in the infinitive the way minutes list tasks: "enviará el acta" →
    /// "Enviar el acta"; "will circulate the draft" → "Circulate the draft"; commitment cues
    /// ("se comprometió a") dropped.
    static func task(_ text: String, cues: [String]) -> String {
        var t = text.trimmingSpaces()
        let f = FoldedText(t)
        for c in cues where c.hasSuffix(" a") || c.hasSuffix(" de") || c.hasSuffix(" to") || c.hasSuffix(" for") {
            if let r = f.find(c).first, r.lowerBound == 0 {
                t = f.text(r.upperBound..<f.count).trimmingSpaces()
                break
            }
        }
        for aux in ["will ", "would ", "shall "] where Folding.fold(t).hasPrefix(aux) { t = String(t.dropFirst(aux.count)) }
        var words = t.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if var first = words.first {
            var trailing = ""
            while let l = first.last, ",;:".contains(l) { trailing = String(l) + trailing; first.removeLast() }
            defer { if !trailing.isEmpty, !words.isEmpty { words[0] += trailing } }
            let k = Folding.fold(first)
            let irregular = ["hara": "hacer", "haran": "hacer", "tendra": "tener", "tendran": "tener", "pondra": "poner", "pondran": "poner",
                             "dira": "decir", "podra": "poder", "sabra": "saber", "vendra": "venir", "saldra": "salir"]
            if let inf = irregular[k] {
                words[0] = inf
            } else if let r = Patterns.futureEnding.firstRange(in: first) {
                let stem = first[..<r.lowerBound]
                let vowel = first[r.lowerBound...].first.map { String($0) } ?? "a"
                words[0] = String(stem) + ["á": "a", "é": "e", "í": "i"][vowel, default: vowel] + "r"
            }
        }
        return clean(words.joined(separator: " "))
    }

    /// False when `text` has no verb in the future tense to find: every match of
    /// ``Patterns/futureVerb`` holds "will", "would", "shall" (the future of reported speech:
    /// "Cllr Williams would send a letter", "Cart shall open an account") or "rá" (the endings ará, erá, irá...), and most
    /// texts have neither (they are not handed to the regular expression).
    static func mayHoldFutureVerb(_ text: String) -> Bool {
        text.containsBytes("will") || text.containsBytes("r\u{E1}") || text.containsBytes("would") || text.containsBytes("shall")
    }

    /// The Character range of the first verb in the future tense ("enviará", "will send").
    static func futureVerb(_ text: String) -> Range<Int>? {
        guard mayHoldFutureVerb(text) else { return nil }
        guard let r = Patterns.futureVerb.firstRange(in: text) else {
            return nil
        }
        let start = text.distance(from: text.startIndex, to: r.lowerBound)
        return start..<(start + text.distance(from: r.lowerBound, to: r.upperBound))
    }

    /// The point without the reason given for it: "incluir un mecanismo independiente, pues
    /// considera suficiente ..." → "incluir un mecanismo independiente".
    static func withoutJustification(_ text: String) -> String {
        for sep in [", pues ", ", porque ", ", ya que ", ", dado que ", ", puesto que ", ", since ", ", because ", ", as it "] {
            if let r = text.range(of: sep) {
                let head = String(text[..<r.lowerBound])
                if head.wordsAtSpaces().count >= 4 { return clean(head) }
            }
        }
        return text
    }

    /// Splits "realizar dos consultas ..., y discutir el documento ..." into its two decisions:
    /// a coordinated second infinitive starts a second decision.
    static func splitDecisions(_ text: String) -> [String] {
        guard let r = Patterns.coordinatedInfinitive.firstRange(in: text) else { return [text] }
        let a = String(text[..<r.lowerBound]), b = String(text[r.upperBound...])
        guard a.wordsAtSpaces().count >= 4, b.wordsAtSpaces().count >= 4,
              let first = a.wordsAtSpaces().first, Patterns.infinitive.matches(String(first)) else {
            return [text]
        }
        return [clean(a), clean(b)]
    }

    /// Splits "X, y en que Y" / "X, and that Y" into its points.
    static func splitPoints(_ text: String) -> [String] {
        let parts = text.components(separatedBy: #", y en que "#).flatMap { $0.components(separatedBy: " y en que ") }
            .flatMap { $0.components(separatedBy: ", and that ") }
        return parts.count > 1 ? parts.map(clean) : [text]
    }
}
