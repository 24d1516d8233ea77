import Foundation
import RelatoriaCore
@testable import RelatoriaExtractors
import Testing

/// The extractors' own string searches find what the Foundation searches they replace found.
struct SearchEquivalenceTests {
    static let words = ["acta", "reunion", "de", "la", "comision", "enlace", "ss", "x", "ñandu", "cafe", "e\u{301}", "ω", "2006", "ﬁn", "acta de", ""]

    static func phrases(_ n: Int) -> [String] {
        var g = SystemRandomNumberGenerator()
        return (0..<n).map { _ in (0..<Int.random(in: 0...4, using: &g)).map { _ in words.randomElement(using: &g)! }.joined(separator: " ") }
    }

    @Test func paddedKeyOffsetsAreFoundationsOffsets() {
        let keys = Self.phrases(300), phrases = Self.phrases(60)
        for key in keys {
            let padded = PaddedKey(key), text = " \(key) "
            for phrase in phrases {
                let expected = text.range(of: " \(phrase) ").map { text.distance(from: text.startIndex, to: $0.lowerBound) }
                #expect(padded.offset(of: phrase) == expected, "\(phrase) in \(key)")
            }
        }
    }

    /// The NSString search that `FoldedText.find` replaced.
    static func foundationFind(_ f: FoldedText, _ phrase: String) -> [Range<Int>] {
        guard !phrase.isEmpty else { return [] }
        func isWordChar(_ s: String) -> Bool { s.first.map { $0.isLetter || $0.isNumber } ?? false }
        var out: [Range<Int>] = []
        let ns = f.folded as NSString
        var search = NSRange(location: 0, length: ns.length)
        while true {
            let r = ns.range(of: phrase, options: [.literal], range: search)
            if r.location == NSNotFound { break }
            let before = r.location == 0 ? " " : ns.substring(with: NSRange(location: r.location - 1, length: 1))
            let afterIndex = r.location + r.length
            let after = afterIndex >= ns.length ? " " : ns.substring(with: NSRange(location: afterIndex, length: 1))
            let lastIsWord = phrase.last.map { $0.isLetter || $0.isNumber } ?? false
            if !isWordChar(before), !lastIsWord || !isWordChar(after) { out.append(r.location..<(r.location + r.length)) }
            search = NSRange(location: r.location + 1, length: ns.length - r.location - 1)
        }
        return out
    }

    @Test func foldedTextFindsWhatTheNSStringSearchFound() {
        let texts = Self.phrases(200).map { $0.replacingOccurrences(of: " ", with: ["  ", ", ", " – ", ".", " "].randomElement()!) }
        for t in texts + ["aaa", "a.a.a", "Acta: acta-acta", "ßss", "·acta·"] {
            let f = FoldedText(t)
            for phrase in Self.phrases(20).map(Folding.fold) + ["a", "aa", "a.", ".", "acta"] {
                #expect(f.find(phrase) == Self.foundationFind(f, phrase), "\(phrase) in \(t)")
            }
        }
    }

    @Test func isPhraseIsEqualityOrPrefixAndSpace() {
        let keys = Self.phrases(300) + ["acta \u{301}x", "acta\u{301} de", "acta  de", " acta"], phrases = Self.phrases(60) + ["acta", "acta ", ""]
        for key in keys {
            for phrase in phrases {
                #expect(key.isPhrase(phrase) == (key == phrase || key.hasPrefix(phrase + " ")), "\(phrase) in \(key)")
            }
        }
    }
}
