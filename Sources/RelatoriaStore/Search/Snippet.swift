import RelatoriaCore

/// A short passage of a record's text around the first word the query looked for, with the
/// matching words marked. Words match on their beginning, ignoring case and accents, so
/// `reunion` marks *Reuniones* and `acuerdos` marks *acuerdo*.
enum Snippet {
    static func make(_ text: String, terms: [String], open: String, close: String, width: Int = 28) -> String {
        // Without words to find, the beginning of the text is the snippet.
        let words = (terms.isEmpty ? text.prefix(width * 40) : Substring(text)).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        guard !words.isEmpty else { return "" }
        // Stems of the words looked for: the folded word less a few letters of ending.
        let keys = terms.flatMap { $0.split(separator: " ") }.map { Folding.key(String($0)) }.filter { !$0.isEmpty }
        // Short words of a phrase ("de", "la") are not worth marking everywhere.
        let significant = keys.filter { $0.count > 3 }
        let stems: [String] = (significant.isEmpty ? keys : significant).map { k in
            k.count > 5 ? String(k.prefix(max(4, k.count - 3))) : k
        }
        // A word's first letter, folded, rules most words out before the whole word is folded.
        let initials = Set(stems.compactMap(\.first))
        func matches(_ w: Substring) -> Bool {
            guard let c = w.first(where: { $0.isLetter || $0.isNumber }), initials.contains(Folding.fold(c)) else { return false }
            let k = Folding.key(String(w))
            return !k.isEmpty && stems.contains { k.hasPrefix($0) }
        }
        let first = stems.isEmpty ? 0 : (words.firstIndex(where: matches) ?? 0)
        let start = max(0, first - width / 3)
        let end = min(words.count, start + width)
        let body = words[start..<end].map { w in matches(w) ? open + w + close : String(w) }.joined(separator: " ")
        return (start > 0 ? "…" : "") + body + (end < words.count ? "…" : "")
    }
}
