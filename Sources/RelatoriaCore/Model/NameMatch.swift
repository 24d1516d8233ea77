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
        var key = Folding.key(name)
        let words = words(wanted)
        return key.withUTF8 { matches(words: words, key: $0) }
    }

    /// The words of ``Folding/key(_:)`` of `s` (folded letters and digits), in order, as
    /// UTF-8 bytes.
    public static func words(_ s: String) -> [[UInt8]] {
        Folding.key(s).utf8.split(separator: 0x20).map(Array.init)
    }

    /// Whether `words` (of ``words(_:)``) find a name whose ``Folding/key(_:)`` is `key`, as
    /// UTF-8 bytes (words separated by single spaces). Each word is matched to the first word
    /// of the name it begins, after the previous one's: the earliest choice leaves the most
    /// words for the rest, so this finds a match whenever there is one. Bytes, not Characters:
    /// a search checks every attendee's name that holds the longest word given.
    public static func matches(words: [[UInt8]], key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !words.isEmpty else { return false }
        var next = 0
        var start = 0
        while start < key.count {
            var end = start
            while end < key.count && key[end] != 0x20 { end += 1 }
            let word = words[next]
            if end - start >= word.count && word.indices.allSatisfy({ key[start + $0] == word[$0] }) {
                next += 1
                if next == words.count { return true }
            }
            start = end + 1
        }
        return false
    }
}
