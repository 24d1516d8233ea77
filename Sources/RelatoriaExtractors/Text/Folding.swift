import Foundation
import RelatoriaCore

/// A string with its folded twin, for matching cue phrases and patterns and mapping matches
/// back to the original text.
struct FoldedText {
    let original: String
    let folded: String
    /// The folded text's UTF-16 units: one per Character, so unit offsets are Character offsets.
    let units: [UInt16]

    init(_ s: String) {
        original = s
        folded = Folding.fold(s)
        units = Array(folded.utf16)
    }

    /// The number of Characters.
    var count: Int { units.count }

    /// The original text of Character offsets `range` (walked to: most texts are asked for
    /// none, so they are not broken into Characters up front).
    func text(_ range: Range<Int>) -> String {
        let lo = max(0, min(range.lowerBound, count)), hi = max(lo, min(range.upperBound, count))
        let start = original.index(original.startIndex, offsetBy: lo)
        return String(original[start..<original.index(start, offsetBy: hi - lo)])
    }

    /// Every match of `regex` in the folded text, as NSRanges (= Character offsets).
    func matches(_ regex: NSRegularExpression) -> [NSTextCheckingResult] {
        regex.matches(in: folded, range: NSRange(location: 0, length: (folded as NSString).length))
    }

    /// The folded text of an NSRange.
    func foldedText(_ r: NSRange) -> String {
        guard r.location != NSNotFound else { return "" }
        return (folded as NSString).substring(with: r)
    }

    /// Character ranges where `phrase` (already folded) occurs on word boundaries.
    func find(_ phrase: String) -> [Range<Int>] {
        guard !phrase.isEmpty else { return [] }
        var out: [Range<Int>] = []
        let ns = folded as NSString
        var search = NSRange(location: 0, length: ns.length)
        while true {
            let r = ns.range(of: phrase, options: [.literal], range: search)
            if r.location == NSNotFound { break }
            let before = r.location == 0 ? " " : ns.substring(with: NSRange(location: r.location - 1, length: 1))
            let afterIndex = r.location + r.length
            let after = afterIndex >= ns.length ? " " : ns.substring(with: NSRange(location: afterIndex, length: 1))
            let lastIsWord = phrase.last.map { $0.isLetter || $0.isNumber } ?? false
            if !Self.isWordChar(before), !lastIsWord || !Self.isWordChar(after) {
                out.append(r.location..<(r.location + r.length))
            }
            search = NSRange(location: r.location + 1, length: ns.length - r.location - 1)
        }
        return out
    }

    private static func isWordChar(_ s: String) -> Bool {
        guard let c = s.first else { return false }
        return c.isLetter || c.isNumber
    }
}
