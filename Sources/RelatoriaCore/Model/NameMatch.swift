/// How a name a person types (an attendee, a topic) finds the names of the archive: every
/// word typed, in the order typed, begins a word of the name, in that name's order; accents,
/// case and punctuation do not matter. "Liliana Duarte" finds "Liliana Marcela Duarte",
/// "duarte" finds it too, and so does "Lil Duarte"; "Duarte Liliana" does not, nor does
/// "arte". `relatoria search` (`--attendee`, `attendee:`, `--topic`, `topic:`) and
/// `relatoria packet --topic` match this way.
///
/// ```swift
/// NameMatch.matches("Liliana Duarte", "Liliana Marcela Duarte")  // true
/// NameMatch.matches("desplazamiento", "Desplazamiento forzado")  // true
/// ```
public enum NameMatch {
    /// Whether `wanted` finds `name`.
    /// - Parameters:
    ///   - wanted: what the person typed.
    ///   - name: a name of the archive (an attendee's name, a topic's label).
    /// - Returns: false when `wanted` has no letter or digit.
    public static func matches(_ wanted: String, _ name: String) -> Bool {
        matches(words: words(wanted), key: Folding.key(name))
    }

    /// The words of ``Folding/key(_:)`` of `s` (folded letters and digits), in order.
    public static func words(_ s: String) -> [String] {
        Folding.key(s).split(separator: " ").map(String.init)
    }

    /// Whether `words` (of ``words(_:)``) find a name whose ``Folding/key(_:)`` is `key`
    /// (words separated by single spaces; anything else in it separates words too). Each word
    /// is matched to the first word of the name it begins, after the previous one's: the
    /// earliest choice leaves the most words for the rest, so this finds a match whenever
    /// there is one.
    public static func matches(words: [String], key: some StringProtocol) -> Bool {
        guard !words.isEmpty else { return false }
        var next = 0
        for word in key.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            if word.hasPrefix(words[next]) {
                next += 1
                if next == words.count { return true }
            }
        }
        return false
    }
}
