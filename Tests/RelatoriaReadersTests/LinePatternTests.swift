import Foundation
import Testing
@testable import RelatoriaReaders

/// The readers' one-pass letter counts give what Foundation's character sets give.
struct LinePatternTests {
    /// Every scalar of the Basic Multilingual Plane and a few beyond it, one line each: the
    /// count of letters and of capitals is Foundation's `letters` and `uppercaseLetters`.
    @Test func letterCountsAreFoundationsCharacterSets() {
        let letters = CharacterSet.letters, upper = CharacterSet.uppercaseLetters
        let values = Array(UInt32(0)..<0x10000) + [0x1D400, 0x1D41A, 0x10400, 0x10428, 0x1F600, 0x20000]
        // Scalars assigned after Unicode 15 are left out: Swift's tables and Foundation's ICU
        // date from different Unicode versions and disagree on those (U+1AD0, U+A7CB, ...).
        let scalars = values.compactMap { Unicode.Scalar($0) }.filter { ($0.properties.age?.major ?? 99) <= 15 }
        var mismatches: [String] = []
        for s in scalars {
            let counts = LinePatterns.letterCounts(String(Character(s)))
            let expected = (letters.contains(s) ? 1 : 0, upper.contains(s) ? 1 : 0)
            if counts.letters != expected.0 || counts.upper != expected.1 { mismatches.append(String(s.value, radix: 16)) }
        }
        #expect(mismatches.isEmpty, "U+\(mismatches.prefix(20).joined(separator: ", U+"))")
        #expect(LinePatterns.letterCounts("ACTA DE LA REUNIÓN Nº 3") == (17, 16))  // º is a letter (Lo), not a capital
        #expect(LinePatterns.letterCounts("Acta de la Reunión 3") == (15, 2))
    }

    @Test func headingsByCapitalsAndColons() {
        #expect(LinePatterns.headingLevel("ACTA DE LA REUNIÓN", alone: true) == 1)
        #expect(LinePatterns.headingLevel("ÓRDEN", alone: false) == 1)
        #expect(LinePatterns.headingLevel("ABC", alone: true) == nil)  // three capitals: too short to call
        #expect(LinePatterns.headingLevel("Acta de la reunión", alone: true) == nil)
        #expect(LinePatterns.headingLevel("Compromisos acordados:", alone: true) == 3)
        #expect(LinePatterns.headingLevel("2. Seguimiento de compromisos", alone: true) == 2)
        #expect(LinePatterns.headingLevel("- 12 -", alone: true) == nil)
    }
}
