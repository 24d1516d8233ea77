import Foundation
import RelatoriaCore

/// The operative points of a declaration (issue 18): a pronouncement of several organizations
/// writes each point as a paragraph that opens with its verb, in capitals or in the first
/// person plural ("EXIGIR que el Estado ...", "Denunciamos la ...", "We call on the
/// Government ..."). A point that takes a position (demands, denounces, rejects, warns, calls
/// on) is a point its signatories agree on: consensus. A point that acts (ratifies, declares,
/// constitutes, appoints) is a decision; one that undertakes ("Nos comprometemos a ...", "We
/// pledge to ...") a commitment.
extension OutcomeExtractor {
    /// The verb an operative point opens with, or nil: an infinitive in capitals ("EXIGIR",
    /// "RATIFICAR"), a first person plural the lexicon names ("Exigimos", "Decidimos"), or "We"
    /// and a verb it names ("We call on", "We resolve").
    func operativeVerb(_ text: String) -> (key: String, list: String)? {
        let plain = Patterns.listMarker.replacing(in: text.trimmingSpaces(), with: "").trimming(ascii: "*_")
        if let verb = verbAfterRecital(plain) { return verb }
        let words = plain.wordsAtSpaces().prefix(4).map { String($0).trimming(ascii: "*_:,.") }
        guard words.count >= 3, let first = words.first else { return nil }
        // "Nos comprometemos a ...", "Prevemos ...", "We commit to ...": what the signatories
        // undertake to do is their commitment.
        if let c = commitment(words) { return (c, "actions") }
        let key = Folding.key(first)
        // "EXIGIR", "PRONUNCIAR": a Spanish infinitive written in capitals.
        if first.count >= 5, first.allSatisfy({ $0.isUppercase }), Patterns.infinitive.matches(key) { return verbList(key) }
        // "Queremos expresar nuestra solidaridad", "Deseamos reiterar": the verb after the wish.
        if ["queremos", "deseamos", "quisieramos"].contains(key) { return verbList(Folding.key(words[1])) }
        // "Exigimos", "Rechazamos": the first person plural opens the point.
        if first.first?.isUppercase == true, key.hasSuffix("amos") || key.hasSuffix("emos") || key.hasSuffix("imos") { return verbList(key) }
        // "Nosotros, como la comunidad de científicos ..., apoyamos ...": the first person plural
        // after the apposition.
        if key == "nosotros" || key == "nosotras", plain.wordsAtSpaces().first?.hasSuffix(",") == true,
           let verb = plain.wordsAtSpaces().dropFirst().prefix(30).map({ Folding.key(String($0).trimming(ascii: "*_:,.")) })
               .first(where: { $0.count > 5 && ($0.hasSuffix("amos") || $0.hasSuffix("emos") || $0.hasSuffix("imos")) }) {
            return verbList(verb)
        }
        // "We call on", "We strongly condemn".
        if key == "we" || key == "nosotros" || key == "nosotras" {
            let verb = Folding.key(words[1]).hasSuffix("ly") && words.count > 2 ? words[2] : words[1]
            return verbList(Folding.key(verb))
        }
        return nil
    }

    /// A verb's list: a position's (`position_verbs`) is consensus, an act's (`act_verbs`) a decision.
    private func verbList(_ key: String) -> (key: String, list: String)? {
        if ctx.lexicon.cueKey("position_verbs").contains(where: { key.hasPrefix($0.key) }) { return (key, "consensus") }
        if ctx.lexicon.cueKey("act_verbs").contains(where: { key.hasPrefix($0.key) }) { return (key, "decisions") }
        return nil
    }

    /// The commitment phrase (`commitment_openers`: "nos comprometemos", "prevemos", "tenemos
    /// previsto", "we commit", "we pledge") the words of a point open with, or nil.
    private func commitment(_ words: [String]) -> String? {
        let opening = Folding.key(words.prefix(3).joined(separator: " "))
        return ctx.lexicon.cueKey("commitment_openers").first(where: { opening == $0.key || opening.hasPrefix($0.key + " ") })?.key
    }

    /// "Reconociendo la necesidad de ..., hacemos un llamado a ...", "Teniendo en cuenta que ...,
    /// instamos a ...", "Recognizing ..., we call on ...": a point that opens with its recital
    /// (a gerund) takes the position of the first person plural after one of its commas.
    private func verbAfterRecital(_ plain: String) -> (key: String, list: String)? {
        let first = Folding.key(String(plain.prefix(while: { $0.isLetter })))
        guard first.count > 5, first.hasSuffix("ando") || first.hasSuffix("iendo") || first.hasSuffix("ing") else { return nil }
        var rest = Substring(plain)
        while let comma = rest.firstIndex(of: ",") {
            rest = rest[rest.index(after: comma)...]
            let words = rest.wordsAtSpaces().prefix(4).map { Folding.key(String($0).trimming(ascii: "*_:,.")) }
            guard words.count >= 3 else { return nil }
            var verb = words[0] == "we" || words[0] == "nosotros" || words[0] == "nosotras" ? words[1] : words[0]
            // "hacemos un llamado a": the call is the verb.
            if verb == "hacemos", words.count > 2, words[1] == "un", words[2].hasPrefix("llamad") { verb = "llamamos" }
            guard verb.hasSuffix("amos") || verb.hasSuffix("emos") || verb.hasSuffix("imos") || words[0] == "we" else { continue }
            if let c = commitment(words) { return (c, "actions") }
            if let found = verbList(verb) { return found }
        }
        return nil
    }

    /// Reads block `i` of a declaration as an operative point; false when it is none. The
    /// point is its first sentence (what follows argues it), and each later sentence that opens
    /// with an operative verb of its own is a point too ("Rechazamos toda persecución ...
    /// Exigimos el reconocimiento de su trabajo.").
    mutating func declarationPoint(_ i: Int, _ b: Block) -> Bool {
        guard ctx.kind == .declaration, [.paragraph, .listItem].contains(b.role), let verb = operativeVerb(b.text) else { return false }
        let sentences = ExtractionContext.sentences(b.text).map(\.text)
        guard let first = sentences.first, ItemText.clean(first).wordsAtSpaces().count >= 3 else { return false }
        for (n, sentence) in sentences.enumerated() {
            guard let verb = n == 0 ? verb : operativeVerb(sentence) else { continue }
            let text = ItemText.clean(sentence)
            guard text.wordsAtSpaces().count >= 3 else { continue }
            let anchor = ctx.layout.anchor(block: i, part: Substring(sentence), in: b.text)
            switch verb.list {
            case "consensus": consensus.append(Position(text: text, parties: [], anchor: anchor, confidence: 0.6, via: "declaration:" + verb.key))
            case "actions": actions.append(Action(text: text, owner: nil, due: nil, anchor: anchor, confidence: 0.55, via: "declaration:" + verb.key))
            default: decisions.append(Decision(text: text, anchor: anchor, confidence: 0.65, via: "declaration:" + verb.key))
            }
        }
        return true
    }
}
