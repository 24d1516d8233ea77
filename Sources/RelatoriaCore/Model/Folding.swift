import Foundation

/// Case- and accent-folding that keeps one UTF-16 unit per Character, so that a match found
/// in the folded text maps back to the same Character offsets in the original.
public enum Folding {
    /// Folds one Character: lower-cased, accents removed; anything that does not fold to one
    /// UTF-16 unit becomes a middle dot (punctuation to every pattern).
    public static func fold(_ c: Character) -> Character {
        if c.isASCII { return Character(c.lowercased()) }
        let decomposed = String(c).decomposedStringWithCanonicalMapping.unicodeScalars
        if let base = decomposed.first, base.utf16.count == 1 {
            let lower = String(base).lowercased()
            if lower.utf16.count == 1, let ch = lower.first { return ch }
        }
        if c.isWhitespace { return " " }
        return "·"
    }

    /// The folded form of `s`, with exactly one UTF-16 unit per Character of `s`.
    public static func fold(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s { out.append(fold(c)) }
        return out
    }

    /// Folds and collapses to letters, digits and single spaces: for comparing phrases.
    public static func key(_ s: String) -> String {
        let f = fold(s)
        var out = ""
        var space = false
        for c in f {
            if c.isLetter || c.isNumber {
                if space && !out.isEmpty { out.append(" ") }
                out.append(c)
                space = false
            } else {
                space = true
            }
        }
        return out
    }
}

