public import Foundation

/// Trimming without Foundation's bridge: `trimmingCharacters(in: .whitespaces)` makes an
/// `NSString` and UTF-16 copies of every string it trims, and the readers and extractors trim
/// every line and sentence. These give the same results (the same sets, compared scalar by
/// scalar: every character of those sets is a single UTF-16 unit; tested against Foundation
/// for every BMP character) at native speed.
extension String {
    /// `self` without leading and trailing `CharacterSet.whitespaces` (tab and the Unicode
    /// space separators, Zs).
    public func trimmingSpaces() -> String { Trimming.trim(self[...], Trimming.isSpace) }

    /// `self` without leading and trailing `CharacterSet.whitespacesAndNewlines` (also line
    /// feed to carriage return, next line, and the line and paragraph separators).
    public func trimmingSpacesAndNewlines() -> String { Trimming.trim(self[...], Trimming.isSpaceOrNewline) }
}

extension Substring {
    /// See ``Swift/String/trimmingSpaces()``.
    public func trimmingSpaces() -> String { Trimming.trim(self, Trimming.isSpace) }

    /// See ``Swift/String/trimmingSpacesAndNewlines()``.
    public func trimmingSpacesAndNewlines() -> String { Trimming.trim(self, Trimming.isSpaceOrNewline) }
}

extension String {
    /// `self` without the leading and trailing characters of `set`, printable ASCII characters:
    /// `trimmingCharacters(in: CharacterSet(charactersIn: set))` without the bridge (and
    /// without making a CharacterSet per call).
    public func trimming(ascii set: StaticString) -> String {
        Trimming.trimAny(self[...]) { v in Trimming.contains(set, v) }
    }

    /// `self` without leading and trailing whitespace, newlines (`.whitespacesAndNewlines`)
    /// and the printable ASCII characters of `set`.
    public func trimmingSpacesAndNewlines(andASCII set: StaticString) -> String {
        Trimming.trimAny(self[...]) { v in Trimming.isSpaceOrNewline(v) || Trimming.contains(set, v) }
    }
}

extension String {
    /// `trimmingCharacters(in: set)` scalar by scalar, without the bridge (which copies the
    /// string to UTF-16, and back for the result: most of a one-word search query's parse).
    public func trimming(scalarsIn set: CharacterSet) -> String {
        Trimming.trimAny(self[...]) { set.contains($0) }
    }
}

enum Trimming {
    /// Whether `v` is one of the ASCII bytes of `set`.
    static func contains(_ set: StaticString, _ v: Unicode.Scalar) -> Bool {
        guard v.value < 0x80 else { return false }
        return set.withUTF8Buffer { $0.contains(UInt8(v.value)) }
    }

    /// `trim` for any set: no shortcut for visible ASCII ends, which such a set may hold.
    static func trimAny(_ s: Substring, _ trimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.first, let last = scalars.last, trimmed(first) || trimmed(last) else { return String(s) }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, trimmed(scalars[start]) { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard trimmed(scalars[before]) else { break }
            end = before
        }
        return String(scalars[start..<end])
    }

    static func trim(_ s: Substring, _ trimmed: (Unicode.Scalar) -> Bool) -> String {
        let utf8 = s.utf8
        // Most strings start and end with a visible ASCII character: nothing to trim.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return String(s)
        }
        return trimAny(s, trimmed)
    }

    // Foundation's sets also hold U+200B (zero width space), a format character (Cf).
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s.value == 0x20 || s.value == 0x09 }
        return s.value == 0x200B || s.properties.generalCategory == .spaceSeparator
    }

    static func isSpaceOrNewline(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s.value == 0x20 || (0x09...0x0D).contains(s.value) }
        switch s.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return s.value == 0x85 || s.value == 0x200B
        }
    }
}

extension StringProtocol where UTF8View: BidirectionalCollection {
    /// `firstIndex(of:)` for a printable ASCII character (":", "@"...), found among the bytes:
    /// the first such byte between two ASCII bytes is that Character standing alone (nothing
    /// joins two ASCII characters but CR LF). Any other case (the byte beside a combining mark
    /// or a prepended mark) is left to the Character search, so the answer is always the same.
    @inlinable  // specialized where it is called: generic over StringProtocol, it stepped through the bytes by witness calls
    public func firstIndex(ofASCII c: UInt8) -> Index? {
        precondition(c >= 0x20 && c < 0x7F, "printable ASCII only")
        let bytes = utf8
        guard let i = bytes.firstIndex(of: c) else { return nil }
        let before = i > bytes.startIndex ? bytes[bytes.index(before: i)] : 0
        let next = bytes.index(after: i)
        let after = next < bytes.endIndex ? bytes[next] : 0
        if before < 0x80 && after < 0x80 { return i }
        return firstIndex(of: Character(Unicode.Scalar(c)))
    }
}

extension String {
    /// `count <= n` without counting every Character of a long text: true at once when the
    /// bytes are few enough; else, while every scalar is below U+0300 (each a Character of its
    /// own, but a LF after a CR), scalars counted from the bytes until past `n`; otherwise
    /// decided after walking at most `n` Characters.
    public func hasAtMost(_ n: Int) -> Bool {
        if utf8.count <= n { return true }
        var text = self
        let counted: Bool? = text.withUTF8 { bytes in
            var characters = 0
            var previousCR = false
            for b in bytes {
                if b >= 0xCC { return nil }             // a scalar from U+0300 up: Characters decide
                if b & 0xC0 == 0x80 { continue }        // within a scalar
                if b == 0x0A && previousCR { previousCR = false; continue }  // CR LF, one Character
                previousCR = b == 0x0D
                characters += 1
                if characters > n { return false }
            }
            return true
        }
        return counted ?? dropFirst(n).isEmpty
    }
}

extension String {
    /// `split(separator: "\n", omittingEmptySubsequences:).map(String.init)` by bytes: a line
    /// ends at a line feed that is a Character of its own, which is every line feed but the
    /// one of a CR LF pair (nothing else joins a line feed). The readers split whole texts
    /// into lines; splitting on the Character walked every grapheme of them.
    public func linesSplitAtLF(omittingEmptySubsequences: Bool = false) -> [String] {
        var text = self
        return text.withUTF8 { bytes -> [String] in
            var out: [String] = []
            var start = 0
            for i in 0..<bytes.count where bytes[i] == 0x0A && (i == 0 || bytes[i - 1] != 0x0D) {
                if !omittingEmptySubsequences || i > start {
                    out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                }
                start = i + 1
            }
            if !omittingEmptySubsequences || bytes.count > start {
                out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]), as: UTF8.self))
            }
            return out
        }
    }
}
