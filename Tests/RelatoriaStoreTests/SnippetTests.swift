import RelatoriaCore
@testable import RelatoriaStore
import Testing

/// Snippets mark the words whose key begins with a stem of the query; an ASCII word's key is
/// compared as it is made, which must answer as `Folding.key(word).hasPrefix(stem)` does.
struct SnippetTests {
    @Test func asciiKeyPrefixAgreesWithFoldingKey() {
        var g = SystemRandomNumberGenerator()
        let pool = Array("aAbBdDeEsSzZ09-./()'\",:;_!?".utf8)
        var words: [String] = ["", "-", "de", "DESPLAZAMIENTO", "(desplazamiento)", "e-mail", "e--mail.", "a.b.c", "2006-11-20", "...x"]
        for _ in 0..<3000 {
            words.append(String(decoding: (0..<Int.random(in: 0...12, using: &g)).map { _ in pool.randomElement(using: &g)! }, as: UTF8.self))
        }
        var stems: [String] = ["d", "de", "des", "desplaz", "e m", "e", "a b", "2006 1", "x", "ab", "z0"]
        for w in words.prefix(400) {
            let k = Folding.key(w)
            if !k.isEmpty { stems.append(String(k.prefix(Int.random(in: 1...k.count, using: &g)))) }
        }
        for w in words {
            let key = Folding.key(w)
            for stem in stems {
                let expected = !key.isEmpty && key.hasPrefix(stem)
                #expect(Snippet.asciiKey(of: Substring(w).utf8, hasPrefix: Array(stem.utf8)) == expected, "\(w) \(stem)")
            }
        }
    }

    @Test func marksTheWordsOfTheQuery() {
        let text = "Acta de la reunión. La Comisión trató el DESPLAZAMIENTO forzado (desplazamientos) y el e-mail de Acción Social."
        let s = Snippet.make(text, terms: ["desplazamiento", "e-mail", "accion"], open: "[", close: "]")
        #expect(s == "Acta de la reunión. La Comisión trató el [DESPLAZAMIENTO] forzado [(desplazamientos)] y el [e-mail] de [Acción] Social.")
        // A match far into a long text: the nine words before it, then the rest up to 28 words.
        let words = (1...60).map { "palabra\($0)" }
        let long = (words[..<40] + ["Desplazamiento"] + words[40...]).joined(separator: " ")
        let shown = Snippet.make(long, terms: ["desplazamiento"], open: "[", close: "]")
        #expect(shown == "…" + (words[31..<40] + ["[Desplazamiento]"] + words[40..<58]).joined(separator: " ") + "…")
    }
}
