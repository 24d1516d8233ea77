import RelatoriaCore
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
            #expect(Folding.key(s) == Self.referenceKey(s), "U+\(String(v, radix: 16))")
        }
    }

    @Test func mixedTextFoldsAsBefore() {
        let pieces = ["Reunión", " ", "DESPLAZAMIENTO", "\r\n", "\n", "ñandú", "e\u{301}", "Ⅻ", "日本", "👍🏽", "Œuvre", "ß", "\t",
                      "«Acción»", "1.234,5", "İstanbul", "ǅ", "\u{200D}", "‐", "Sjöberg", "ÆØÅ", "ﬁ", "Ω", "\r"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let s = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(Folding.fold(s) == Self.referenceFold(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(Folding.fold(s).utf16.count == s.count)
            #expect(Folding.key(s) == Self.referenceKey(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
