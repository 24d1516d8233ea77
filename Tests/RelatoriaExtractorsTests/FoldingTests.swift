import Foundation
@testable import RelatoriaCore
import Testing

/// The fast paths of `Folding` give exactly what folding Character by Character gives.
struct FoldingTests {
    static func referenceFold(_ s: String) -> String {
        var out = ""
        for c in s { out.append(Folding.fold(c)) }
        return out
    }

    static func referenceKey(_ s: String) -> String {
        var out = ""
        var space = false
        for c in referenceFold(s) {
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

    @Test func everyLatinCharacterFoldsAsBefore() {
        for v in 0..<0x300 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let s = "a\(Character(scalar))Z"
            #expect(Folding.fold(s) == Self.referenceFold(s), "U+\(String(v, radix: 16))")
            #expect(Folding.foldUnits(s) == Array(Self.referenceFold(s).utf16), "U+\(String(v, radix: 16))")
            #expect(Folding.key(s) == Self.referenceKey(s), "U+\(String(v, radix: 16))")
        }
    }

    /// Punctuation and symbols from U+0300 up, which the fast paths take when they stand
    /// alone: beside letters, themselves, combining marks, joiners and variation selectors.
    @Test func everySymbolFoldsAsBefore() {
        let ranges: [ClosedRange<UInt32>] = [0x2000...0x2BFF, 0xF000...0xF0FF, 0xFE00...0xFFFD]
        for v in ranges.joined() {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let c = String(scalar)
            for s in ["a\(c)Z", c + c, "–\(c)•", c + "\u{301}", c + "\u{200D}" + c, "e\u{301}" + c, c + "\u{FE0F}", "\r\n\(c)\r", "\u{0915}\(c)"] {
                #expect(Folding.fold(s) == Self.referenceFold(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
                #expect(Folding.foldUnits(s) == Array(Self.referenceFold(s).utf16), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
                #expect(Folding.key(s) == Self.referenceKey(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }

    @Test func mixedTextFoldsAsBefore() {
        let pieces = ["Reunión", " ", "DESPLAZAMIENTO", "\r\n", "\n", "ñandú", "e\u{301}", "Ⅻ", "日本", "👍🏽", "Œuvre", "ß", "\t",
                      "«Acción»", "1.234,5", "İstanbul", "ǅ", "\u{200D}", "‐", "Sjöberg", "ÆØÅ", "ﬁ", "Ω", "\r",
                      "–", "—", "•", "…", "“Acta”", "‘", "€", "™", "→", "■", "●", "\u{F0B7}", "\u{FEFF}", "\u{FFFD}", "\u{301}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let s = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(Folding.fold(s) == Self.referenceFold(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(Folding.fold(s).utf16.count == s.count)
            #expect(Folding.foldUnits(s) == Array(Self.referenceFold(s).utf16), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(Folding.key(s) == Self.referenceKey(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// The words forEachASCIIKeyWord gives are the words of key(_:), whenever it gives any;
    /// it declines only texts whose key is not ASCII or that leave the fast paths.
    @Test func keyWordsAreTheKeysWords() {
        func words(_ s: String) -> [String]? {
            var out: [String] = []
            let done = Folding.forEachASCIIKeyWord(s) { out.append(String(decoding: $0, as: UTF8.self)) }
            return done ? out : nil
        }
        var checked = 0
        for v in UInt32(0)...0x2FFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let c = String(scalar)
            for s in ["Acta\(c)de la Reunión", c + c + " x", "a\r\n" + c, "Sjöberg,\(c)ÑANDÚ 12"] {
                let key = Folding.key(s)
                if let w = words(s) {
                    #expect(w == key.split(separator: " ").map(String.init), "U+\(String(v, radix: 16)) \(s.debugDescription)")
                    checked += 1
                } else {
                    #expect(!key.utf8.allSatisfy({ $0 < 0x80 }) || s.unicodeScalars.contains { $0.value >= 0x180 }, "U+\(String(v, radix: 16))")
                }
            }
        }
        #expect(checked > 1000)
        #expect(words("Reunión del Comité – acta\r\nNo. 5") == ["reunion", "del", "comite", "acta", "no", "5"])
        #expect(words("Nº 5") == nil)  // º folds to itself, a letter: the key is not ASCII
    }

    /// The tables written out in `Folding` are what Foundation and the standard library of this
    /// toolchain say: a table gone stale with a new Unicode version fails here.
    @Test func writtenOutTablesAreWhatUnicodeSays() {
        func decomposedFold(_ c: Character) -> Character? {
            let decomposed = String(c).decomposedStringWithCanonicalMapping.unicodeScalars
            guard let base = decomposed.first, base.utf16.count == 1 else { return nil }
            let lower = String(base).lowercased()
            return lower.utf16.count == 1 ? lower.first : nil
        }
        for v in 0..<0x180 {
            let c = Character(Unicode.Scalar(v)!)
            let expected = c.isWhitespace ? " " : decomposedFold(c)
            let written = Folding.latinFolds[v]
            #expect(written == (expected.map { UInt16($0.unicodeScalars.first!.value) } ?? 0xFFFF), "U+\(String(v, radix: 16))")
            if let expected { #expect(expected.unicodeScalars.count == 1) }
        }
        for v in 0..<0x300 {
            let isWord = Unicode.Scalar(v).map { Character($0).isLetter || Character($0).isNumber } ?? false
            #expect((Folding.latinWordBits[v / 64] >> UInt64(v % 64) & 1 == 1) == isWord, "U+\(String(v, radix: 16))")
        }
        var k = 0
        for block in Folding.Symbols.blocks {
            for v in block {
                let scalar = Unicode.Scalar(v)!
                let c = String(scalar)
                let alone = ("a" + c).count == 2 && (c + "a").count == 2 && (c + c).count == 2
                let folded = (decomposedFold(Character(scalar)) ?? (Character(scalar).isWhitespace ? " " : "·")).unicodeScalars
                let kept = alone && folded.count == 1 && (folded.first!.value < 0x300 || folded.first!.value == v)
                #expect(Folding.Symbols.folds[k] == (kept ? folded.first!.value : 0), "U+\(String(v, radix: 16))")
                #expect(Folding.Symbols.words[k] == (Character(scalar).isLetter || Character(scalar).isNumber))
                k += 1
            }
        }
        #expect(k == Folding.Symbols.folds.count)
    }
}

