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

enum Trimming {
    static func trim(_ s: Substring, _ trimmed: (Unicode.Scalar) -> Bool) -> String {
        let utf8 = s.utf8
        // Most strings start and end with a visible ASCII character: nothing to trim.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return String(s)
        }
        let scalars = s.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, trimmed(scalars[start]) { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard trimmed(scalars[before]) else { break }
            end = before
        }
        return String(scalars[start..<end])
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
