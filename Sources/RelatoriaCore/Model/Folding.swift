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

    /// Whether each scalar below U+0300 is a letter or a digit as a Character of its own.
    private static let latinWordScalars: [Bool] = (0..<0x300).map { v in
        Unicode.Scalar(v).map { Character($0).isLetter || Character($0).isNumber } ?? false
    }

    /// The typographic punctuation of everyday documents from U+0300 up: dashes, quotes,
    /// bullets and ellipsis (U+2010–U+2027), per mille, primes and angle quotes, the euro and
    /// trade mark signs, arrows, square and round bullets, the private-use bullets of Word's
    /// Symbol and Wingdings fonts, the byte order mark and the replacement character. Each one
    /// kept is a Character of its own beside any other scalar of the fast paths (tested when the
    /// table is made: nothing joins it to a letter after or before it, or to itself), so the
    /// fast paths fold them scalar by scalar and give what folding Characters gives. Any other
    /// scalar from U+0300 up (a combining mark, an emoji, another script) sends the text down
    /// the Character path. Few on purpose: the table is made in each process that meets one.
    private struct Symbols {
        static let blocks: [ClosedRange<UInt32>] = [
            0x2010...0x2027, 0x2030...0x203A, 0x20AC...0x20AC, 0x2122...0x2122, 0x2190...0x2193,
            0x25A0...0x25AB, 0x25CB...0x25CF, 0xF0A7...0xF0A7, 0xF0B7...0xF0B7, 0xF0D8...0xF0D8,
            0xF0FC...0xF0FC, 0xFEFF...0xFEFF, 0xFFFD...0xFFFD,
        ]
        /// Per scalar of `blocks`, in order: its fold, 0 when it is not kept.
        static let folds: [UInt32] = blocks.flatMap { block in block.map(entry) }
        /// Per scalar of `blocks`: whether it is a letter or a digit (for ``key(_:)``, which
        /// reads folded text, where a kept scalar stands for itself).
        static let words: [Bool] = blocks.flatMap { block in
            block.map { v in Unicode.Scalar(v).map { Character($0).isLetter || Character($0).isNumber } ?? false }
        }

        private static func entry(_ v: UInt32) -> UInt32 {
            guard let scalar = Unicode.Scalar(v) else { return 0 }
            let c = String(scalar)
            guard ("a" + c).count == 2, (c + "a").count == 2, (c + c).count == 2 else { return 0 }
            let folded = Folding.fold(Character(scalar)).unicodeScalars
            // (A fold from U+0300 up must be the scalar itself, known to stand alone.)
            guard folded.count == 1, let f = folded.first?.value, f < 0x300 || f == v else { return 0 }
            return f
        }

        /// The position of `v` in `folds`, nil outside `blocks`.
        static func index(_ v: UInt32) -> Int? {
            var base = 0
            for block in blocks {
                if block.contains(v) { return base + Int(v - block.lowerBound) }
                base += block.count
            }
            return nil
        }

        /// The fold of `v` when the fast paths may take it, else nil.
        static func fold(_ v: UInt32) -> UInt32? {
            guard let i = index(v), folds[i] != 0 else { return nil }
            return folds[i]
        }
    }

    /// The folded form of `s`, with exactly one UTF-16 unit per Character of `s`.
    public static func fold(_ s: String) -> String {
        if let fast = foldScalars(s) { return fast }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s { out.append(fold(c)) }
        return out
    }

    /// The UTF-16 units of ``fold(_:)-(String)``, one per Character of `s`, made straight from
    /// the scalars (no folded String, no transcoding of it): what matching reads.
    public static func foldUnits(_ s: String) -> [UInt16] {
        var text = s
        let fast: [UInt16]? = text.withUTF8 { bytes in
            var inDomain = true
            let out = [UInt16](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                var i = 0, k = 0
                var previousCR = false
                while i < bytes.count {
                    let b = bytes[i]
                    if b < 0x80 {
                        if b == 0x0A && previousCR { inDomain = false; break }
                        previousCR = b == 0x0D
                        buffer[k] = UInt16(b >= 65 && b <= 90 ? b + 32 : b)
                        k += 1
                        i += 1
                        continue
                    }
                    previousCR = false
                    guard let (v, length) = scalar(at: i, in: bytes), let f = fastFold(v) else { inDomain = false; break }
                    buffer[k] = UInt16(f)
                    k += 1
                    i += length
                }
                count = k
            }
            return inDomain ? out : nil
        }
        if let fast { return fast }
        // Each Character folds to one unit (see fold(_:) of a Character).
        var out: [UInt16] = []
        out.reserveCapacity(s.utf8.count)
        for c in s { out.append(fold(c).utf16.first ?? 0xB7) }
        return out
    }

    /// The non-ASCII scalar whose UTF-8 starts at `i` of valid UTF-8 `bytes` (two or three
    /// bytes: the Basic Multilingual Plane), with its length; nil for a four-byte one.
    @inline(__always)
    private static func scalar(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (UInt32, Int)? {
        let b = bytes[i]
        if b < 0xE0, i + 1 < bytes.count {
            return (UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2)
        }
        if b < 0xF0, i + 2 < bytes.count {
            return (UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        return nil
    }

    /// Whether a fold from ``fastFold(_:)`` is a letter or a digit (a word's, in a key).
    @inline(__always)
    private static func isWordFold(_ f: UInt32) -> Bool {
        if f < 0x300 { return latinWordScalars[Int(f)] }
        return Symbols.index(f).map { Symbols.words[$0] } ?? false
    }

    /// The fold of a non-ASCII scalar within the fast paths (below U+0180, or a kept symbol),
    /// nil outside them.
    @inline(__always)
    private static func fastFold(_ v: UInt32) -> UInt32? {
        if v < 0x180 { return latinScalars[Int(v)] }
        if v >= 0x300 { return Symbols.fold(v) }
        return nil
    }

    /// The fold of a text whose scalars are all below U+0300 (ASCII and Latin letters, no
    /// combining marks) or among ``Symbols``, where every scalar but the LF of a CR LF is a
    /// Character of its own: folded scalar by scalar, without breaking the text into
    /// Characters. nil otherwise.
    private static func foldScalars(_ s: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var previousCR = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v == 0x0A && previousCR { return nil }
            previousCR = v == 0x0D
            if v < 0x80 {
                out.append(v >= 65 && v <= 90 ? UInt8(v + 32) : UInt8(v))
                continue
            }
            let f: UInt32
            if v < 0x180 {
                f = latinScalars[Int(v)]
            } else if v >= 0x300, let symbol = Symbols.fold(v) {
                f = symbol
            } else {
                return nil
            }
            appendUTF8(f, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 form of a scalar of the Basic Multilingual Plane.
    private static func appendUTF8(_ f: UInt32, to out: inout [UInt8]) {
        if f < 0x80 {
            out.append(UInt8(f))
        } else if f < 0x800 {
            out.append(UInt8(0xC0 | (f >> 6)))
            out.append(UInt8(0x80 | (f & 0x3F)))
        } else {
            out.append(UInt8(0xE0 | (f >> 12)))
            out.append(UInt8(0x80 | ((f >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (f & 0x3F)))
        }
    }

    /// The scalars of `s` when each is a Character of its own (every scalar below U+0300 or
    /// among the typographic symbols of the fast paths, and no CR LF pair): then a Character
    /// offset is a scalar offset, and a Character's properties are its scalar's. nil otherwise.
    public static func standaloneScalars(_ s: String) -> [Unicode.Scalar]? {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.utf8.count)
        var previousCR = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v == 0x0A && previousCR { return nil }
            previousCR = v == 0x0D
            if v >= 0x300, Symbols.fold(v) == nil { return nil }
            out.append(scalar)
        }
        return out
    }

    /// Calls `body` with each word of ``key(_:)`` of `s`, in order, as UTF-8 bytes, when that
    /// key is ASCII and `s` is within the fast paths (scalars below U+0180, or ``Symbols``;
    /// CR and LF are separators either way): folding and splitting in one pass, without the
    /// folded text or the key as strings. Returns false, having called `body` for nothing,
    /// otherwise (a scalar from U+0180 to U+02FF or another script, a letter or digit that
    /// folds outside ASCII); the caller then splits ``key(_:)`` itself.
    public static func forEachASCIIKeyWord(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        var text = s
        return text.withUTF8 { bytes -> Bool in
            // First a pass that only checks, so that `body` sees either every word or none.
            var i = 0
            while i < bytes.count {
                if bytes[i] < 0x80 { i += 1; continue }
                guard let (v, length) = scalar(at: i, in: bytes), let f = fastFold(v) else { return false }
                i += length
                // A letter or digit that folds outside ASCII makes the key non-ASCII.
                if f >= 0x80 && isWordFold(f) { return false }
            }
            let word = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
            defer { word.deallocate() }
            var n = 0
            func flush() {
                if n > 0 { body(UnsafeBufferPointer(rebasing: word[0..<n])) }
                n = 0
            }
            i = 0
            while i < bytes.count {
                var f = UInt32(bytes[i])
                if f < 0x80 {
                    if f >= 65 && f <= 90 { f += 32 }
                    i += 1
                } else {
                    let (v, length) = scalar(at: i, in: bytes)!  // (checked above)
                    f = fastFold(v)!
                    i += length
                }
                if (f >= 97 && f <= 122) || (f >= 48 && f <= 57) {
                    word[n] = UInt8(f)
                    n += 1
                } else {
                    flush()
                }
            }
            flush()
            return true
        }
    }

    /// Folds and collapses to letters, digits and single spaces: for comparing phrases.
    public static func key(_ s: String) -> String {
        if let fast = keyInOnePass(s) { return fast }
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
        if let fast = keyScalars(f) { return fast }
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

    /// ``key(_:)`` of a text within the fast paths (scalars below U+0180 or kept symbols; CR
    /// and LF are separators either way), folded and keyed in one pass over its UTF-8 bytes,
    /// without the folded text as a String; nil for any other text.
    private static func keyInOnePass(_ s: String) -> String? {
        var text = s
        return text.withUTF8 { bytes -> String? in
            var inDomain = true
            // A fold is never longer in UTF-8 than its scalar, and a space stands for at
            // least one byte that is not a letter or digit: the key fits in the text's bytes.
            let key = String(unsafeUninitializedCapacity: bytes.count) { out in
                var n = 0
                var space = false
                var i = 0
                while i < bytes.count {
                    var f = UInt32(bytes[i])
                    let word: Bool
                    if f < 0x80 {
                        if f >= 65 && f <= 90 { f += 32 }
                        word = (f >= 97 && f <= 122) || (f >= 48 && f <= 57)
                        i += 1
                    } else {
                        guard let (v, length) = scalar(at: i, in: bytes), let folded = fastFold(v) else { inDomain = false; return 0 }
                        f = folded
                        i += length
                        word = isWordFold(f)
                    }
                    guard word else { space = true; continue }
                    if space && n > 0 { out[n] = 32; n += 1 }
                    space = false
                    if f < 0x80 {
                        out[n] = UInt8(f); n += 1
                    } else if f < 0x800 {
                        out[n] = UInt8(0xC0 | (f >> 6)); out[n + 1] = UInt8(0x80 | (f & 0x3F)); n += 2
                    } else {
                        out[n] = UInt8(0xE0 | (f >> 12)); out[n + 1] = UInt8(0x80 | ((f >> 6) & 0x3F)); out[n + 2] = UInt8(0x80 | (f & 0x3F)); n += 3
                    }
                }
                return n
            }
            return inDomain ? key : nil
        }
    }

    /// ``key(_:)`` of a folded text whose scalars are all below U+0300 or among ``Symbols``
    /// (each a Character of its own), scalar by scalar; nil otherwise.
    private static func keyScalars(_ f: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(f.utf8.count)
        var space = false
        for scalar in f.unicodeScalars {
            let v = scalar.value
            let word: Bool
            if v < 0x300 {
                word = latinWordScalars[Int(v)]
            } else if let i = Symbols.index(v), Symbols.folds[i] != 0 {
                word = Symbols.words[i]
            } else {
                return nil
            }
            if word {
                if space && !out.isEmpty { out.append(32) }
                appendUTF8(v, to: &out)
                space = false
            } else {
                space = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
