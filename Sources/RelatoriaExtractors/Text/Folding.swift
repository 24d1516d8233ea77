import Foundation
import RelatoriaCore

/// A string with its folded twin, for matching cue phrases and patterns and mapping matches
/// back to the original text.
struct FoldedText {
    let original: String
    /// The folded text's UTF-16 units: one per Character, so unit offsets are Character offsets.
    let units: [UInt16]

    init(_ s: String) {
        original = s
        units = Folding.foldUnits(s)
    }

    /// The folded text (made when asked: matching reads `units`, and most texts are asked for
    /// nothing else).
    var folded: String { String(decoding: units, as: UTF16.self) }

    /// The number of Characters.
    var count: Int { units.count }

    /// The original text of Character offsets `range` (walked to: most texts are asked for
    /// none, so they are not broken into Characters up front).
    func text(_ range: Range<Int>) -> String {
        let lo = max(0, min(range.lowerBound, count)), hi = max(lo, min(range.upperBound, count))
        let start = original.index(original.startIndex, offsetBy: lo)
        return String(original[start..<original.index(start, offsetBy: hi - lo)])
    }

    /// The folded text of a range of units (Characters).
    func foldedText(_ r: Range<Int>) -> String {
        guard r.lowerBound >= 0, r.upperBound <= units.count else { return "" }
        return String(decoding: units[r], as: UTF16.self)
    }

    /// Character ranges where `phrase` (already folded) occurs on word boundaries: every
    /// occurrence of its UTF-16 units (overlapping ones too) not preceded by a letter or digit
    /// and, when the phrase ends with one, not followed by one.
    func find(_ phrase: String) -> [Range<Int>] {
        let p = Array(phrase.utf16)
        guard !p.isEmpty, p.count <= units.count else { return [] }
        let lastIsWord = phrase.last.map { $0.isLetter || $0.isNumber } ?? false
        var out: [Range<Int>] = []
        for start in 0...(units.count - p.count) where units[start] == p[0] {
            guard p.indices.allSatisfy({ units[start + $0] == p[$0] }) else { continue }
            let end = start + p.count
            if start > 0 && Self.isWordUnit(units[start - 1]) { continue }
            if lastIsWord && end < units.count && Self.isWordUnit(units[end]) { continue }
            out.append(start..<end)
        }
        return out
    }

    /// Whether a folded text's unit (one Character of its own) is a letter or a digit, as
    /// `Character` says (a lone surrogate, which folding never leaves, is neither).
    private static func isWordUnit(_ u: UInt16) -> Bool {
        Unicode.Scalar(u).map { Character($0).isLetter || Character($0).isNumber } ?? false
    }
}

extension String {
    /// Whether this key is `phrase` or starts with `phrase` and a space: `self == phrase ||
    /// hasPrefix(phrase + " ")`, without making `phrase + " "` (called for every phrase of a
    /// lexicon list, for every name or heading).
    func isPhrase(_ phrase: String) -> Bool {
        self == phrase || (hasPrefix(phrase) && dropFirst(phrase.count).first == " ")
    }
}
