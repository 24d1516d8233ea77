import Foundation
@testable import RelatoriaKit
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

/// A packet's mail headers never carry a line break of a value (header injection).
struct MIMEHeaderTests {
    @Test func lineBreaksOfValuesBecomeSpaces() {
        for value in ["Acta\r\nBcc: x@example.com", "Acta\n\u{301}Bcc: x@example.com", "Acta\r\u{301}\nBcc: x", "Reunión\nBcc: x"] {
            let header = MIMEMessage.header(value)
            #expect(!header.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }, "\(Array(value.unicodeScalars))")
        }
        #expect(MIMEMessage.header("Acta\r\nBcc: x") == "Acta  Bcc: x")
    }
}
