import Foundation
import RelatoriaCore

/// Names who holds a position: the lexicon's party labels (Gobierno, Sociedad civil, G24),
/// "all the parties" phrases, or a named subject ("The United States", "La Embajada de Suecia").
struct PartyResolver {
    let lexicon: Lexicon
    let language: String

    /// The party labels of the document's language, for "las tres partes".
    var allLabels: [String] {
        lexicon.partyLabels.filter { $0.1 == language }.map(\.0)
    }

    /// Who holds the position stated in `sentence`: the subject when it names a party ("Japan",
    /// "La sociedad civil"), else "las tres partes", else the parties the sentence mentions.
    func parties(in sentence: String, subject: String?, before: String? = nil) -> [String] {
        let f = FoldedText(sentence)
        var out: [(Int, String)] = []
        // The words before the cue name the holder: "La sociedad civil manifestó su desacuerdo".
        if let before, !before.isEmpty {
            let bf = FoldedText(before)
            if lexicon.allParties.contains(where: { !bf.find($0).isEmpty }) { return allLabels }
            var found: [(Int, String)] = []
            for (label, phrase, _) in lexicon.parties {
                if let r = bf.find(phrase).first { found.append((r.lowerBound, canonical(label))) }
            }
            if !found.isEmpty {
                var seen = Set<String>()
                return found.sorted { $0.0 < $1.0 }.map(\.1).filter { seen.insert($0).inserted }
            }
        }
        if let subject {
            let sf = FoldedText(subject)
            if lexicon.allParties.contains(where: { !sf.find($0).isEmpty }) { return allLabels }
            let named = subject.components(separatedBy: " and ").flatMap { $0.components(separatedBy: " y ") }.compactMap(named)
            if !named.isEmpty { return named }
        }
        if lexicon.allParties.contains(where: { !f.find($0).isEmpty }) {
            return allLabels
        }
        var covered: [Range<Int>] = []
        for (label, phrase, _) in lexicon.parties {
            for r in f.find(phrase) where !covered.contains(where: { $0.overlaps(r) }) {
                covered.append(r)
                out.append((r.lowerBound, canonical(label)))
            }
        }
        var seen = Set<String>()
        return out.sorted { $0.0 < $1.0 }.map(\.1).filter { seen.insert(Folding.key($0)).inserted }
    }

    /// The document-language label for a party label of any language.
    private func canonical(_ label: String) -> String {
        guard let entry = lexicon.parties.first(where: { $0.0 == label }) else { return label }
        if entry.2 == language { return label }
        // Same phrase in the document's language, if there is one.
        let phrases = Set(lexicon.parties.filter { $0.0 == label }.map(\.1))
        return lexicon.parties.first { $0.2 == language && phrases.contains($0.1) }?.0 ?? label
    }

    /// A subject that names a party: a lexicon label, or a capitalised name (country, embassy).
    func named(_ subject: String) -> String? {
        let k = Folding.key(subject)
        for (label, phrase, _) in lexicon.parties where k.isPhrase(phrase) { return canonical(label) }
        var s = subject.replacingLeadingArticle()
        s = Patterns.embassyOf.replacing(in: s, with: "")
        guard let f = s.first, f.isUppercase, s.wordsAtSpaces().count <= 8 else { return nil }
        return s
    }
}
