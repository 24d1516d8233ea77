import Foundation
import RelatoriaCore
import Testing

/// `containsASCII` and `rangeOfASCII` answer what Foundation's default search answers, with
/// every BMP scalar before, after and in place of each character of the needle.
struct ByteSearchTests {
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
}
