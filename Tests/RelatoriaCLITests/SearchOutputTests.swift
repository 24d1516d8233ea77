import Foundation
@testable import RelatoriaKit
@testable import RelatoriaWatch
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

/// A packet's mail headers never carry a line break of a value (header injection).
struct MIMEHeaderTests {
    @Test func lineBreaksOfValuesBecomeSpaces() {
        for value in ["Acta\r\nBcc: x@example.com", "Acta\n\u{301}Bcc: x@example.com", "Acta\r\u{301}\nBcc: x", "Reunión\nBcc: x"] {
            let header = MIMEMessage.header(value)
            #expect(!header.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }, "\(Array(value.unicodeScalars))")
        }
        #expect(MIMEMessage.header("Acta\r\nBcc: x") == "Acta  Bcc: x")
        #expect(MIMEMessage.header("Acta\u{0}") != "Acta\u{0}")
    }

    @Test func attachmentNamesNeverBreakTheirHeader() {
        #expect(MIMEMessage.parameter("filename", "acta 12.txt") == "filename=\"acta 12.txt\"")
        #expect(MIMEMessage.parameter("filename", "reunión.txt") == "filename*=utf-8''reuni%C3%B3n.txt")
        for name in ["acta\r\nContent-Type: text/html.txt", "acta\n.txt", "a\"b.txt", "a\u{0}b", "a\tb"] {
            let p = MIMEMessage.parameter("filename", name)
            #expect(p.hasPrefix("filename*=utf-8''"), "\(p)")
            #expect(!p.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(p)")
        }
    }
}

/// A plain log line stays one line whatever a value holds (a file name may hold a line feed).
struct LogLineTests {
    @Test func valuesAreQuotedAndEscaped() {
        #expect(LineLogHandler.field("/inbox/acta.txt") == "/inbox/acta.txt")
        #expect(LineLogHandler.field("") == "\"\"")
        #expect(LineLogHandler.field("/inbox/acta final.txt") == "\"/inbox/acta final.txt\"")
        #expect(LineLogHandler.field("a\"b\\c") == "\"a\\\"b\\\\c\"")
        let forged = "/inbox/x\n2026-01-01T00:00:00.000Z info archived file=forged.txt"
        #expect(LineLogHandler.field(forged) == "\"/inbox/x\\n2026-01-01T00:00:00.000Z info archived file=forged.txt\"")
        // A quote or line feed that a combining mark after it joins into one Character.
        #expect(LineLogHandler.field("x\"\u{301}\n\u{301}y") == "\"x\\\"\u{301}\\n\u{301}y\"")
        #expect(LineLogHandler.field("a\u{85}b\u{2028}c\u{1}") == "\"a\\u{85}b\\u{2028}c\\u{1}\"")
        for value in [forged, "x\r\n\u{301}y", "\u{2029}", "é\u{7F}"] {
            let field = LineLogHandler.field(value)
            #expect(!field.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 })
        }
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


/// The originals in a member's packet carry names that Windows can write.
struct PacketNameTests {
    @Test func namesArePortable() {
        #expect(PacketMaker.portableName("acta-enlace-2006.docx") == "acta-enlace-2006.docx")
        #expect(PacketMaker.portableName("Reunión de la Comisión.docx") == "Reunión de la Comisión.docx")
        #expect(PacketMaker.portableName("Acta 10:30.docx") == "Acta 10_30.docx")
        #expect(PacketMaker.portableName("¿Quórum?.txt") == "¿Quórum_.txt")
        #expect(PacketMaker.portableName("a<b>c\"d/e\\f|g*h.txt") == "a_b_c_d_e_f_g_h.txt")
        #expect(PacketMaker.portableName("acta\r\nX.txt") == "acta__X.txt")
        #expect(PacketMaker.portableName("notas. . ") == "notas")
        #expect(PacketMaker.portableName("...") == "document")
        #expect(PacketMaker.portableName("con.txt") == "_con.txt")
        #expect(PacketMaker.portableName("LPT1") == "_LPT1")
        #expect(PacketMaker.portableName("console.txt") == "console.txt")
    }
}
