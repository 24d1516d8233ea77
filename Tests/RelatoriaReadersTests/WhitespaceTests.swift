import Foundation
import RelatoriaTestSupport
import Testing
@testable import RelatoriaReaders

/// The one-pass whitespace collapsing gives what the definition it replaced gives: scalars'
/// whitespace runs made one space, and for lines, a split on Character "\n", each line
/// collapsed, empty ones dropped.
struct ReaderWhitespaceTests {
    private static func collapsedByScalars(_ s: String) -> String {
        var out = ""
        var pendingSpace = false
        for ch in s.unicodeScalars {
            if ch.properties.isWhitespace || ch.value == 0xA0 || ch.value == 0x200B {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    private static func collapsedByLines(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false)
            .map { collapsedByScalars(String($0)) }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    @Test func matchesTheDefinitionOnGeneratedTexts() {
        let pieces = ["a", "Zé", "e\u{301}", "\u{301}", "ñ", " ", "  ", "\t", "\n", "\r", "\r\n", "\n\r", "\u{0B}", "\u{0C}",
                      "\u{85}", "\u{A0}", "\u{1680}", "\u{2003}", "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{3000}",
                      "\u{FEFF}", "–", "😀", "👍🏽", "字", "x.y", "\u{0}"]
        var random = Xorshift(seed: 0x9E37_79B9_7F4A_7C15)  // deterministic, whatever the platform's generator
        func next(_ bound: Int) -> Int { random.next(bound) }
        var mismatches: [String] = []
        for _ in 0..<30_000 {
            let text = (0..<next(14)).map { _ in pieces[next(pieces.count)] }.joined()
            if text.collapsingWhitespace() != Self.collapsedByScalars(text) { mismatches.append("plain \(text.debugDescription)") }
            if text.collapsingWhitespaceKeepingLines() != Self.collapsedByLines(text) { mismatches.append("lines \(text.debugDescription)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    @Test func everyBMPScalarIsClassedAsBefore() {
        var mismatches: [String] = []
        for v in UInt32(0)...0xFFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let text = "a" + String(s) + "b\n" + String(s) + "\n c" + String(s)
            if text.collapsingWhitespace() != Self.collapsedByScalars(text) || text.collapsingWhitespaceKeepingLines() != Self.collapsedByLines(text) {
                mismatches.append("U+\(String(v, radix: 16))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
        #expect("  Acta \u{A0} de\r\n la\treunión  \n\n  Bogotá ".collapsingWhitespaceKeepingLines() == "Acta de la reunión\nBogotá")
    }
}

/// Newlines normalized by bytes as Foundation's two replacements normalized them.
struct NewlineTests {
    @Test func sameAsReplacingOccurrences() {
        let pieces = ["\r\n", "\r", "\n", "\r\r\n", "a", "é", "e\u{301}", "\r\u{301}", "\u{301}\r", "👍🏽", "\n\r", " ", "\u{2028}", "\u{85}"]
        var random = Xorshift(seed: 0xBB67_AE85_84CA_A73B)  // deterministic, whatever the platform's generator
        func next(_ bound: Int) -> Int { random.next(bound) }
        var bad: [String] = []
        for _ in 0..<20_000 {
            let t = (0..<next(9)).map { _ in pieces[next(pieces.count)] }.joined()
            let reference = t.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            if TextDecoder.normalizeNewlines(t) != reference { bad.append(t.debugDescription) }
        }
        #expect(bad.isEmpty, "\(bad.count), such as \(bad.prefix(5))")
    }
}
