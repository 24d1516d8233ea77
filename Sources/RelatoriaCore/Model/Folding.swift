import Foundation

/// Case- and accent-folding that keeps one UTF-16 unit per Character, so that a match found
/// in the folded text maps back to the same Character offsets in the original.
public enum Folding {
    /// Folds one Character: lower-cased, accents removed; anything that does not fold to one
    /// UTF-16 unit becomes a middle dot (punctuation to every pattern).
    public static func fold(_ c: Character) -> Character {
        if let a = c.asciiValue {
            // From the value, not `c`: CR LF is one Character whose ASCII value is LF.
            return Character(Unicode.Scalar((65...90).contains(a) ? a + 32 : a))
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

    /// `latin` as scalar values, for the fast path (a character the table cannot fold is the
    /// middle dot, as in ``fold(_:)-(Character)``).
    private static let latinScalars: [UInt32] = latin.map { $0?.unicodeScalars.first?.value ?? 0xB7 }

    /// The folded form of `s`, with exactly one UTF-16 unit per Character of `s`.
    public static func fold(_ s: String) -> String {
        if let fast = foldLatin(s) { return fast }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s { out.append(fold(c)) }
        return out
    }

    /// The fold of a text whose scalars are all below U+0300 (ASCII and Latin letters, no
    /// combining marks), where every scalar but the LF of a CR LF is a Character of its own:
    /// folded scalar by scalar, without breaking the text into Characters. nil otherwise.
    private static func foldLatin(_ s: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var previousCR = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v >= 0x300 || (v == 0x0A && previousCR) { return nil }
            previousCR = v == 0x0D
            if v < 0x80 {
                out.append(v >= 65 && v <= 90 ? UInt8(v + 32) : UInt8(v))
                continue
            }
            let f = v < 0x180 ? latinScalars[Int(v)] : 0
            guard f != 0, f < 0x800 else { return nil }
            if f < 0x80 {
                out.append(UInt8(f))
            } else {
                out.append(UInt8(0xC0 | (f >> 6)))
                out.append(UInt8(0x80 | (f & 0x3F)))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Folds and collapses to letters, digits and single spaces: for comparing phrases.
    public static func key(_ s: String) -> String {
        let f = fold(s)
        if f.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: letters and digits are [a-z0-9] (folded text has no capitals).
            var out: [UInt8] = []
            out.reserveCapacity(f.utf8.count)
            var space = false
            for b in f.utf8 {
                if (b >= 97 && b <= 122) || (b >= 48 && b <= 57) {
                    if space && !out.isEmpty { out.append(32) }
                    out.append(b)
                    space = false
                } else {
                    space = true
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
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

