import Foundation
import RelatoriaCore
import Testing

/// `containsASCII` and `rangeOfASCII` answer what Foundation's default search answers, with
/// every BMP scalar before, after and in place of each character of the needle.
struct ByteSearchTests {
    /// wordsAtSpaces() cuts as split(separator: " ") does, with every BMP scalar beside,
    /// between and inside the spaces, on Strings and Substrings.
    @Test func wordsAtSpacesAsSplit() {
        var mismatches: [String] = []
        func check(_ t: String) {
            if t.wordsAtSpaces().map(String.init) != t.split(separator: " ").map(String.init) { mismatches.append(t.debugDescription) }
            let sub = t.dropFirst().dropLast()
            if sub.wordsAtSpaces().map(String.init) != sub.split(separator: " ").map(String.init) { mismatches.append("sub " + t.debugDescription) }
        }
        for v in UInt32(0)...0xFFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let x = String(Character(s))
            for t in ["a " + x + " b", "a" + x + " b", " " + x + " ", x + "  " + x, "Ana  Pérez " + x, x, x + x + " " + x] { check(t) }
        }
        for t in ["", " ", "  ", "a", " a ", "a  b", "Sr.  Dr. Ana Pérez", "e\u{301} a", "a \u{301}b", "\r\n a", "日本 語"] { check(t) }
        #expect(mismatches.isEmpty, "\(mismatches.count), such as \(mismatches.prefix(5))")
    }

    @Test func plainASCIISearchMatchesFoundation() {
        var mismatches: [String] = []
        for needle in ["\n", " - ", "K"] {
            let chars = Array(needle)
            for v in UInt32(0)...0xFFFF {
                guard let s = Unicode.Scalar(v) else { continue }
                let x = String(Character(s))
                var texts = ["a" + x + needle + "b", "a" + needle + x + "b", x + needle, needle + x, "é" + needle + "\u{301}" + needle + x,
                             "\r" + needle + "\r\n" + x, x]
                for i in chars.indices {
                    var replaced = chars
                    replaced[i] = Character(s)
                    texts.append("z" + String(replaced) + "z")
                }
                for text in texts {
                    if text.containsASCII(needle) != text.contains(needle) {
                        mismatches.append("contains \(needle.debugDescription) U+\(String(v, radix: 16))")
                    }
                    let mine = text.rangeOfASCII(needle).map { text.utf8.distance(from: text.utf8.startIndex, to: $0.lowerBound) }
                    let theirs = text.range(of: needle).map { text.utf8.distance(from: text.utf8.startIndex, to: $0.lowerBound) }
                    if mine != theirs { mismatches.append("range \(needle.debugDescription) U+\(String(v, radix: 16))") }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(Set(mismatches).sorted().prefix(40))")
        #expect("Ana Pérez - Embajada".rangeOfASCII(" - ").map { "Ana Pérez - Embajada"[..<$0.lowerBound] } == "Ana Pérez")
    }

    /// No scalar the case-safe lower-casing keeps can match an ASCII letter or digit in a
    /// case-insensitive expression (ICU's, as NSRegularExpression runs it) but that character
    /// itself, upper or lower case; the scalars it refuses include some that do (the Kelvin
    /// sign, the long s).
    @Test func caseSafeScalarsMatchNoOtherASCII() throws {
        var wrong: [String] = []
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789:")
        let expressions = try letters.map { try NSRegularExpression(pattern: "(?i)" + NSRegularExpression.escapedPattern(for: String($0))) }
        for v in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let text = String(scalar)
            guard let lowered = text.asciiLowercasedBytesIfCaseSafe() else { continue }
            for (letter, regex) in zip(letters, expressions) {
                let found = regex.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil
                if found != (lowered == Array(String(letter).utf8)) { wrong.append("U+\(String(v, radix: 16)) \(letter)") }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
        #expect("\u{212A}".asciiLowercasedBytesIfCaseSafe() == nil && "\u{17F}".asciiLowercasedBytesIfCaseSafe() == nil && "ß".asciiLowercasedBytesIfCaseSafe() == nil)
        #expect("Responsable: Ana Pérez – 15 €".asciiLowercasedBytesIfCaseSafe() == Array("responsable: ana pérez – 15 €".utf8))
    }
}
