import Foundation
@testable import RelatoriaStore
import Testing

/// Record files' `text` is read by a decoder of its own (search snippets); it must read every
/// literal as written, as JSONSerialization does, and refuse what it refuses.
struct JSONLiteralTests {
    static func foundation(_ literal: [UInt8]) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(literal), options: .fragmentsAllowed)) as? String
    }

    static func ours(_ literal: [UInt8]) -> String? {
        literal.withUnsafeBufferPointer { RecordEncoding.jsonString(in: $0, openingQuote: 0) }
    }

    @Test func encodedStringsReadBackAsFoundationReadsThem() throws {
        var g = SystemRandomNumberGenerator()
        let pool: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "é", "ñ",
                                      "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFD}", "€", "–", "日", "😀", "\u{10FFFF}", "\u{E000}"]
        for n in 0..<2000 {
            let text = String(String.UnicodeScalarView((0..<Int.random(in: 0...40, using: &g)).map { _ in pool.randomElement(using: &g)! }))
            let enc = JSONEncoder()
            enc.outputFormatting = n % 2 == 0 ? [.withoutEscapingSlashes] : []
            let literal = Array(try enc.encode(text))
            #expect(Self.ours(literal) == text, "\(literal)")
            // JSONSerialization (swift-corelibs-foundation) drops some U+FEFF (a byte order
            // mark's character) from strings; ours keeps the text as written.
            if !text.unicodeScalars.contains("\u{FEFF}") { #expect(Self.ours(literal) == Self.foundation(literal)) }
        }
    }

    @Test func handWrittenEscapesAndBadLiteralsAsFoundation() {
        let cases = [#""\u00e9\u00E9""#, #""\ud83d\ude00""#, #""\uD83D\uDE00x""#, #""a\/b""#, #""\b\f\n\r\t""#,
                     #""\ud800""#, #""\udc00""#, #""\ud800x""#, #""\ud800\u0041""#, #""\x""#, #""\u12""#, #""\u12g4""#,
                     "\"unclosed", "\"a\u{1}b\"", #""tail\"#, #""""#, #""\u0000""#]
        for c in cases {
            let literal = Array(c.utf8)
            #expect(Self.ours(literal) == Self.foundation(literal), "\(c)")
        }
        // Bytes that are not UTF-8 are refused, as JSONSerialization refuses them.
        for bad: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22]] {
            #expect(Self.ours(bad) == nil)
            #expect(Self.foundation(bad) == nil)
        }
    }

    /// The eight-bytes-at-a-time test of plain bytes against its definition: every byte value
    /// at every position among plain bytes (ASCII and UTF-8's high bytes), then random words.
    @Test func plainRunTestAgreesWithItsDefinition() {
        func ends(_ bytes: [UInt8]) -> Bool { bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } }
        func word(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) } }
        for filler: UInt8 in [0x61, 0x20, 0x7F, 0x80, 0xC3, 0xFF, 0x21, 0x5B, 0x5D] {
            for position in 0..<8 {
                for b in 0...255 {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[position] = UInt8(b)
                    #expect(RecordEncoding.endsPlainRun(word(bytes)) == ends(bytes), "\(bytes)")
                }
            }
        }
        var g = SystemRandomNumberGenerator()
        for _ in 0..<100_000 {
            let bytes = (0..<8).map { _ in UInt8.random(in: 0...255, using: &g) }
            #expect(RecordEncoding.endsPlainRun(word(bytes)) == ends(bytes), "\(bytes)")
        }
    }

    /// Long literals, mostly plain text with escapes here and there (the runs read eight
    /// bytes at a time, and their ends byte by byte).
    @Test func longLiteralsReadBack() throws {
        var g = SystemRandomNumberGenerator()
        let plain: [Unicode.Scalar] = ["a", "b", " ", "é", "ñ", "日", "😀", ".", "\u{7F}"]
        let special: [Unicode.Scalar] = ["\"", "\\", "\n", "\t", "\u{1}", "/"]
        for _ in 0..<500 {
            let scalars = (0..<Int.random(in: 0...600, using: &g)).map { _ in
                Int.random(in: 0..<40, using: &g) == 0 ? special.randomElement(using: &g)! : plain.randomElement(using: &g)!
            }
            let text = String(String.UnicodeScalarView(scalars))
            let literal = Array(try JSONEncoder().encode(text))
            #expect(Self.ours(literal) == text)
        }
    }
}

