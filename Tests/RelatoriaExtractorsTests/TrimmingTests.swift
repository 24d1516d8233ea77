import Foundation
import RelatoriaCore
import RelatoriaTestSupport
import Testing

/// The native trimming gives what Foundation's `trimmingCharacters(in:)` gives, for every
/// Basic Multilingual Plane character at either end and inside.
struct TrimmingTests {
    @Test func matchesFoundationForEveryCharacter() {
        var mismatches: [String] = []
        for v in UInt32(0)...0xFFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let c = String(Character(s))
            for text in [c + "ab" + c, c + c + "x y", "ab" + c, c, "é" + c + "é", c + "\u{301}a"] {
                if text.trimmingSpaces() != text.trimmingCharacters(in: .whitespaces) { mismatches.append("spaces U+\(String(v, radix: 16))") }
                if text.trimmingSpacesAndNewlines() != text.trimmingCharacters(in: .whitespacesAndNewlines) {
                    mismatches.append("newlines U+\(String(v, radix: 16))")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(Set(mismatches).sorted().prefix(40))")
        let sub = "  Acta de la reunión \t"[...]
        #expect(sub.trimmingSpaces() == "Acta de la reunión")
        #expect("\n Fecha: 3 de marzo\r\n".trimmingSpacesAndNewlines() == "Fecha: 3 de marzo")
    }

    /// Trimming a set of ASCII characters (with or without whitespace) gives what Foundation's
    /// `trimmingCharacters(in:)` gives for the same set, for every BMP character around.
    @Test func asciiSetsMatchFoundation() {
        var mismatches: [String] = []
        for v in UInt32(0)...0xFFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let c = String(Character(s))
            for text in [c + ". a ." + c, ".." + c, c + ":", ": " + c + " :", "-/" + c + "/", c, "", ". \u{301}a", ",\r\n" + c] {
                if text.trimming(ascii: ". ") != text.trimmingCharacters(in: CharacterSet(charactersIn: ". ")) { mismatches.append("'. ' U+\(String(v, radix: 16))") }
                if text.trimming(ascii: "<>: ") != text.trimmingCharacters(in: CharacterSet(charactersIn: "<>: ")) { mismatches.append("'<>: ' U+\(String(v, radix: 16))") }
                if text.trimming(ascii: "-/") != text.trimmingCharacters(in: CharacterSet(charactersIn: "-/")) { mismatches.append("'-/' U+\(String(v, radix: 16))") }
                if text.trimmingSpacesAndNewlines(andASCII: ".") != text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "."))) {
                    mismatches.append("ws+. U+\(String(v, radix: 16))")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(Set(mismatches).sorted().prefix(40))")
        #expect(" Ana Pérez. ".trimmingSpacesAndNewlines(andASCII: ".") == "Ana Pérez")
    }

    /// `firstIndex(ofASCII:)` finds what `firstIndex(of:)` finds, whatever stands beside the
    /// character: every BMP character before and after it, combining marks, prepended marks.
    @Test func asciiSearchMatchesTheCharacterSearch() {
        for v in UInt32(0)...0xFFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let c = String(Character(s))
            for text in ["ab" + c + ":x", c + ":", ":" + c, "a" + c + ":" + c + "b:", "\u{600}:a:", ":\u{301}b:c", "no colon" + c] {
                #expect(text.firstIndex(ofASCII: UInt8(ascii: ":")) == text.firstIndex(of: ":"), "U+\(String(v, radix: 16)) in \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        let sub = "Acción: revisar"[...].dropFirst()
        #expect(sub.firstIndex(ofASCII: UInt8(ascii: ":")) == sub.firstIndex(of: ":"))
    }

    @Test func hasAtMostIsCountAtMost() {
        let pieces = ["a", "é", "e\u{301}", "\r\n", "日", "👍🏽", " ", "–", "\r", "\n", "ñ", "\t", "\u{2FF}", "\u{300}"]
        var g = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let s = (0..<Int.random(in: 0...12, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
            for n in 0...14 { #expect(s.hasAtMost(n) == (s.count <= n), "\(n) \(s.unicodeScalars.map { String($0.value, radix: 16) })") }
        }
    }

    /// Lines split by bytes are the lines split on Character "\n", with and without empty ones.
    @Test func linesSplitAsOnTheCharacter() {
        let pieces = ["a", "é", "\n", "\r", "\r\n", "\n\r", "\n\u{301}", "\u{301}", "👍🏽", "\u{2028}", " ", "", "\u{200D}", "字"]
        var random = Xorshift(seed: 0x9E37_79B9_7F4A_7C15)  // deterministic, whatever the platform's generator
        func next(_ bound: Int) -> Int { random.next(bound) }
        for _ in 0..<20_000 {
            let text = (0..<next(12)).map { _ in pieces[next(pieces.count)] }.joined()
            #expect(text.linesSplitAtLF() == text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), "\(text.debugDescription)")
            #expect(text.linesSplitAtLF(omittingEmptySubsequences: true) == text.split(separator: "\n").map(String.init), "\(text.debugDescription)")
        }
    }

    /// Trimming the scalars of a CharacterSet (the search query's punctuation, Unicode's P*
    /// but - and _) gives what Foundation's `trimmingCharacters(in:)` gives, for every BMP
    /// character around.
    @Test func characterSetsMatchFoundation() {
        let punctuation = CharacterSet.punctuationCharacters.subtracting(CharacterSet(charactersIn: "-_"))
        var mismatches: [String] = []
        for v in UInt32(0)...0xFFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let c = String(Character(s))
            for text in [c + "acta" + c, "(" + c + "reunión)", c, "\"" + c, c + "-x-" + c, "¿" + c + "?", c + "\u{301}a."] {
                if text.trimming(scalarsIn: punctuation) != text.trimmingCharacters(in: punctuation) { mismatches.append("U+\(String(v, radix: 16))") }
            }
        }
        #expect(mismatches.isEmpty, "\(Set(mismatches).sorted().prefix(40))")
        #expect("«reunión»,".trimming(scalarsIn: punctuation) == "reunión")
        #expect("-e-mail_".trimming(scalarsIn: punctuation) == "-e-mail_")
    }
}

