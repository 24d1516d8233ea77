import Foundation

/// Case- and accent-folding that keeps one UTF-16 unit per Character, so that a match found
/// in the folded text maps back to the same Character offsets in the original.
public enum Folding {
    /// Folds one Character: lower-cased, accents removed; anything that does not fold to one
    /// UTF-16 unit becomes a middle dot (punctuation to every pattern).
    public static func fold(_ c: Character) -> Character {
        if let a = c.asciiValue {
            return (65...90).contains(a) ? Character(Unicode.Scalar(a + 32)) : c
        }
        // Latin-1 and Latin Extended-A, the letters of Spanish and English text: from a table.
        let scalars = c.unicodeScalars
        if scalars.count == 1, let v = scalars.first?.value, v < 0x180, let folded = latin[Int(v)] { return folded }
        let decomposed = String(c).decomposedStringWithCanonicalMapping.unicodeScalars
        if let base = decomposed.first, base.utf16.count == 1 {
            let lower = String(base).lowercased()
            if lower.utf16.count == 1, let ch = lower.first { return ch }
        }
        if c.isWhitespace { return " " }
        return "·"
    }

    /// Folded forms of U+0000–U+017F, computed once.
    private static let latin: [Character?] = (0..<0x180).map { v -> Character? in
        guard let scalar = Unicode.Scalar(v) else { return nil }
        let c = Character(scalar)
        if c.isWhitespace { return " " }
        let decomposed = String(c).decomposedStringWithCanonicalMapping.unicodeScalars
        guard let base = decomposed.first, base.utf16.count == 1 else { return nil }
        let lower = String(base).lowercased()
        return lower.utf16.count == 1 ? lower.first : nil
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

