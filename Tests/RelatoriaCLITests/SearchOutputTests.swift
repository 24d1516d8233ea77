import Foundation
@testable import RelatoriaKit
import RelatoriaCore
@testable import RelatoriaStore
import Testing

/// The markers of matched words in a snippet become the output's marks: every one, as
/// `replacingOccurrences` replaced them but where a marker and the combining mark after it
/// make one Character (a word of decomposed text that starts with an accent), which it left
/// in the output as a control character.
struct SearchOutputTests {
    @Test func markingReplacesEveryMarker() {
        var g = SystemRandomNumberGenerator()
        let pool: [String] = ["\u{1}", "\u{2}", "a", "é", "e\u{301}", "\u{301}", " ", "日", "😀", "\r\n", "«", "\u{0}", "reunión"]
        let marks = [("«", "»"), ("\u{1B}[1m", "\u{1B}[0m"), ("", "")]
        for _ in 0..<3000 {
            let snippet = (0..<Int.random(in: 0...20, using: &g)).map { _ in pool.randomElement(using: &g)! }.joined()
            for (on, off) in marks {
                let expected = snippet.unicodeScalars.map { $0 == "\u{1}" ? on : $0 == "\u{2}" ? off : String($0) }.joined()
                if !snippet.unicodeScalars.contains("\u{301}") {
                    #expect(expected == snippet.replacingOccurrences(of: "\u{1}", with: on).replacingOccurrences(of: "\u{2}", with: off))
                }
                #expect(SearchRequest.marking(snippet, on: on, off: off) == expected, "\(Array(snippet.unicodeScalars))")
            }
        }
        #expect(SearchRequest.marking("la \u{1}Reunión\u{2} de", on: "«", off: "»") == "la «Reunión» de")
        #expect(SearchRequest.marking("\u{1}\u{301}a\u{2}", on: "«", off: "»") == "«\u{301}a»")
    }
}

/// A record whose file name or title holds a line feed is shown on its lines all the same.
struct ControlCharacterDisplayTests {
    @Test func namesAndTitlesStayOnTheirLine() throws {
        #expect("acta.txt".escapingControls == "acta.txt")
        #expect("x\n2026 info archived\r\t\u{1}\u{85}\u{2028}é".escapingControls == "x\\n2026 info archived\\r\\t\\u{1}\\u{85}\\u{2028}é")
        let hit = SearchResults.Hit(id: "3dc5c02fc92466f4", filename: "x\nforged line.txt", title: "Acta\nde prueba", date: nil, body: nil,
                                    kind: "minutes", score: 1, snippet: "Se \u{1}acordó\u{2} algo")
        var request = SearchRequest()
        request.text = "acordo"
        let out = try request.output(SearchResults(total: 1, hits: [hit], facets: [:]), query: request.query())
        #expect(out == "1 record\n\n«Acta\\nde prueba»\n  3dc5c02fc92466f4  undated  minutes  —  x\\nforged line.txt\n  Se «acordó» algo")
    }
}
