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
        if scalars.count == 1, let v = scalars.first?.value, v < 0x180, let folded = latin(Int(v)) { return folded }
        let decomposed = String(c).decomposedStringWithCanonicalMapping.unicodeScalars
        if let base = decomposed.first, base.utf16.count == 1 {
            let lower = String(base).lowercased()
            if lower.utf16.count == 1, let ch = lower.first { return ch }
        }
        if c.isWhitespace { return " " }
        return "·"
    }

    /// Folded forms of U+0000–U+017F (Latin-1 and Latin Extended-A) as scalar values, 0xFFFF
    /// for none: a whitespace character is a space, any other the lower case of its canonical
    /// decomposition's first scalar when that is one UTF-16 unit. Written out rather than
    /// worked out with Foundation's decomposition at the first fold of each process (3 M
    /// instructions, about a millisecond of every CLI search); FoldingTests works them
    /// out that way and compares.
    static let latinFolds: [UInt16] = [
        0x0000, 0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x0008, 0x0020, 0x0020, 0x0020, 0x0020, 0x0020, 0x000E, 0x000F,
        0x0010, 0x0011, 0x0012, 0x0013, 0x0014, 0x0015, 0x0016, 0x0017, 0x0018, 0x0019, 0x001A, 0x001B, 0x001C, 0x001D, 0x001E, 0x001F,
        0x0020, 0x0021, 0x0022, 0x0023, 0x0024, 0x0025, 0x0026, 0x0027, 0x0028, 0x0029, 0x002A, 0x002B, 0x002C, 0x002D, 0x002E, 0x002F,
        0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037, 0x0038, 0x0039, 0x003A, 0x003B, 0x003C, 0x003D, 0x003E, 0x003F,
        0x0040, 0x0061, 0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067, 0x0068, 0x0069, 0x006A, 0x006B, 0x006C, 0x006D, 0x006E, 0x006F,
        0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077, 0x0078, 0x0079, 0x007A, 0x005B, 0x005C, 0x005D, 0x005E, 0x005F,
        0x0060, 0x0061, 0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067, 0x0068, 0x0069, 0x006A, 0x006B, 0x006C, 0x006D, 0x006E, 0x006F,
        0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077, 0x0078, 0x0079, 0x007A, 0x007B, 0x007C, 0x007D, 0x007E, 0x007F,
        0x0080, 0x0081, 0x0082, 0x0083, 0x0084, 0x0020, 0x0086, 0x0087, 0x0088, 0x0089, 0x008A, 0x008B, 0x008C, 0x008D, 0x008E, 0x008F,
        0x0090, 0x0091, 0x0092, 0x0093, 0x0094, 0x0095, 0x0096, 0x0097, 0x0098, 0x0099, 0x009A, 0x009B, 0x009C, 0x009D, 0x009E, 0x009F,
        0x0020, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
        0x0061, 0x0061, 0x0061, 0x0061, 0x0061, 0x0061, 0x00E6, 0x0063, 0x0065, 0x0065, 0x0065, 0x0065, 0x0069, 0x0069, 0x0069, 0x0069,
        0x00F0, 0x006E, 0x006F, 0x006F, 0x006F, 0x006F, 0x006F, 0x00D7, 0x00F8, 0x0075, 0x0075, 0x0075, 0x0075, 0x0079, 0x00FE, 0x00DF,
        0x0061, 0x0061, 0x0061, 0x0061, 0x0061, 0x0061, 0x00E6, 0x0063, 0x0065, 0x0065, 0x0065, 0x0065, 0x0069, 0x0069, 0x0069, 0x0069,
        0x00F0, 0x006E, 0x006F, 0x006F, 0x006F, 0x006F, 0x006F, 0x00F7, 0x00F8, 0x0075, 0x0075, 0x0075, 0x0075, 0x0079, 0x00FE, 0x0079,
        0x0061, 0x0061, 0x0061, 0x0061, 0x0061, 0x0061, 0x0063, 0x0063, 0x0063, 0x0063, 0x0063, 0x0063, 0x0063, 0x0063, 0x0064, 0x0064,
        0x0111, 0x0111, 0x0065, 0x0065, 0x0065, 0x0065, 0x0065, 0x0065, 0x0065, 0x0065, 0x0065, 0x0065, 0x0067, 0x0067, 0x0067, 0x0067,
        0x0067, 0x0067, 0x0067, 0x0067, 0x0068, 0x0068, 0x0127, 0x0127, 0x0069, 0x0069, 0x0069, 0x0069, 0x0069, 0x0069, 0x0069, 0x0069,
        0x0069, 0x0131, 0x0133, 0x0133, 0x006A, 0x006A, 0x006B, 0x006B, 0x0138, 0x006C, 0x006C, 0x006C, 0x006C, 0x006C, 0x006C, 0x0140,
        0x0140, 0x0142, 0x0142, 0x006E, 0x006E, 0x006E, 0x006E, 0x006E, 0x006E, 0x0149, 0x014B, 0x014B, 0x006F, 0x006F, 0x006F, 0x006F,
        0x006F, 0x006F, 0x0153, 0x0153, 0x0072, 0x0072, 0x0072, 0x0072, 0x0072, 0x0072, 0x0073, 0x0073, 0x0073, 0x0073, 0x0073, 0x0073,
        0x0073, 0x0073, 0x0074, 0x0074, 0x0074, 0x0074, 0x0167, 0x0167, 0x0075, 0x0075, 0x0075, 0x0075, 0x0075, 0x0075, 0x0075, 0x0075,
        0x0075, 0x0075, 0x0075, 0x0075, 0x0077, 0x0077, 0x0079, 0x0079, 0x0079, 0x007A, 0x007A, 0x007A, 0x007A, 0x007A, 0x007A, 0x017F,
    ]

    /// The fold of a scalar below U+0180 as a Character, nil when the table has none.
    private static func latin(_ v: Int) -> Character? {
        let f = latinFolds[v]
        return f == 0xFFFF ? nil : Unicode.Scalar(f).map(Character.init)
    }

    /// `latinFolds` for the fast path (a character the table cannot fold is the middle dot, as
    /// in ``fold(_:)-(Character)``).
    private static let latinScalars: [UInt32] = latinFolds.map { $0 == 0xFFFF ? 0xB7 : UInt32($0) }

    /// Whether each scalar below U+0300 is a letter or a digit as a Character of its own, as
    /// bits (scalar v: bit v % 64 of word v / 64; written out as `latinFolds`, and tested so).
    static let latinWordBits: [UInt64] = [
        0x03FF000000000000, 0x07FFFFFE07FFFFFE, 0x762C040000000000, 0xFF7FFFFFFF7FFFFF,
        0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF,
        0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0x0000501F0003FFC3,
    ]

    private static let latinWordScalars: [Bool] = (0..<0x300).map { v in latinWordBits[v / 64] >> UInt64(v % 64) & 1 == 1 }

    /// The typographic punctuation of everyday documents from U+0300 up: dashes, quotes,
    /// bullets and ellipsis (U+2010–U+2027), per mille, primes and angle quotes, the euro and
    /// trade mark signs, arrows, square and round bullets, the private-use bullets of Word's
    /// Symbol and Wingdings fonts, the byte order mark and the replacement character. Each one
    /// kept is a Character of its own beside any other scalar of the fast paths (FoldingTests
    /// checks it: nothing joins it to a letter after or before it, or to itself), so the
    /// fast paths fold them scalar by scalar and give what folding Characters gives. Any other
    /// scalar from U+0300 up (a combining mark, an emoji, another script) sends the text down
    /// the Character path.
    struct Symbols {
        static let blocks: [ClosedRange<UInt32>] = [
            0x2010...0x2027, 0x2030...0x203A, 0x20AC...0x20AC, 0x2122...0x2122, 0x2190...0x2193,
            0x25A0...0x25AB, 0x25CB...0x25CF, 0xF0A7...0xF0A7, 0xF0B7...0xF0B7, 0xF0D8...0xF0D8,
            0xF0FC...0xF0FC, 0xFEFF...0xFEFF, 0xFFFD...0xFFFD,
        ]
        /// Per scalar of `blocks`, in order: its fold, 0 when it is not kept. A scalar is kept
        /// when it is a Character of its own beside a letter and beside itself and folds (as
        /// ``fold(_:)-(Character)``) to one scalar below U+0300 or to itself: all of them fold
        /// to themselves. Written out, not worked out at the first symbol met in each process
        /// (FoldingTests works it out and compares).
        static let folds: [UInt32] = [
            0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2016, 0x2017, 0x2018, 0x2019, 0x201A, 0x201B,
            0x201C, 0x201D, 0x201E, 0x201F, 0x2020, 0x2021, 0x2022, 0x2023, 0x2024, 0x2025, 0x2026, 0x2027,
            0x2030, 0x2031, 0x2032, 0x2033, 0x2034, 0x2035, 0x2036, 0x2037, 0x2038, 0x2039, 0x203A, 0x20AC,
            0x2122, 0x2190, 0x2191, 0x2192, 0x2193, 0x25A0, 0x25A1, 0x25A2, 0x25A3, 0x25A4, 0x25A5, 0x25A6,
            0x25A7, 0x25A8, 0x25A9, 0x25AA, 0x25AB, 0x25CB, 0x25CC, 0x25CD, 0x25CE, 0x25CF, 0xF0A7, 0xF0B7,
            0xF0D8, 0xF0FC, 0xFEFF, 0xFFFD,
        ]
        /// Per scalar of `blocks`: whether it is a letter or a digit (for ``key(_:)``, which
        /// reads folded text, where a kept scalar stands for itself). None is.
        static let words: [Bool] = folds.map { _ in false }

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
