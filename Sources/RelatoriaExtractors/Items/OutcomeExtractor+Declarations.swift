import Foundation
import RelatoriaCore

/// The operative points of a declaration (issue 18): a pronouncement of several organizations
/// writes each point as a paragraph that opens with its verb, in capitals or in the first
/// person plural ("EXIGIR que el Estado ...", "Denunciamos la ...", "We call on the
/// Government ..."). A point that takes a position (demands, denounces, rejects, warns, calls
/// on) is a point its signatories agree on: consensus. A point that acts (ratifies, declares,
/// constitutes, appoints) is a decision.
extension OutcomeExtractor {
    /// The verb an operative point opens with, or nil: an infinitive in capitals ("EXIGIR",
    /// "RATIFICAR"), a first person plural the lexicon names ("Exigimos", "Decidimos"), or "We"
    /// and a verb it names ("We call on", "We resolve").
    func operativeVerb(_ text: String) -> (key: String, position: Bool)? {
        let plain = Patterns.listMarker.replacing(in: text.trimmingSpaces(), with: "").trimming(ascii: "*_")
        let words = plain.wordsAtSpaces().prefix(4).map { String($0).trimming(ascii: "*_:,.") }
        guard words.count >= 3, let first = words.first else { return nil }
        let positions = ctx.lexicon.cueKey("position_verbs").map(\.key), acts = ctx.lexicon.cueKey("act_verbs").map(\.key)
        func kind(_ key: String) -> (key: String, position: Bool)? {
            if positions.contains(where: { key.hasPrefix($0) }) { return (key, true) }
            if acts.contains(where: { key.hasPrefix($0) }) { return (key, false) }
            return nil
        }
        let key = Folding.key(first)
        // "EXIGIR", "PRONUNCIAR": a Spanish infinitive written in capitals.
        if first.count >= 5, first.allSatisfy({ $0.isUppercase }), Patterns.infinitive.matches(key) { return kind(key) }
        // "Exigimos", "Rechazamos": the first person plural opens the point.
        if first.first?.isUppercase == true, key.hasSuffix("amos") || key.hasSuffix("emos") || key.hasSuffix("imos") { return kind(key) }
        // "We call on", "We strongly condemn".
        if key == "we" || key == "nosotros" || key == "nosotras" {
            let verb = Folding.key(words[1]).hasSuffix("ly") && words.count > 2 ? words[2] : words[1]
            return kind(Folding.key(verb))
        }
        return nil
    }

    /// Reads block `i` of a declaration as an operative point; false when it is none.
    mutating func declarationPoint(_ i: Int, _ b: Block) -> Bool {
        guard ctx.kind == .declaration, [.paragraph, .listItem].contains(b.role), let verb = operativeVerb(b.text) else { return false }
        // (The point's first sentence: what follows argues it.)
        let first = ExtractionContext.sentences(b.text).first?.text ?? b.text
        let text = ItemText.clean(first)
        guard text.wordsAtSpaces().count >= 3 else { return false }
        let anchor = ctx.layout.anchor(block: i, part: Substring(first), in: b.text)
        if verb.position {
            consensus.append(Position(text: text, parties: [], anchor: anchor, confidence: 0.6, via: "declaration:" + verb.key))
        } else {
            decisions.append(Decision(text: text, anchor: anchor, confidence: 0.65, via: "declaration:" + verb.key))
        }
        return true
    }
}
