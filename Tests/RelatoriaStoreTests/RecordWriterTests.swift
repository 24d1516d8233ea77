import Foundation
import RelatoriaCore
import RelatoriaExtractors
import RelatoriaKit
import RelatoriaStore
import RelatoriaTestSupport
import Testing

/// RecordWriter gives, byte for byte, what JSONEncoder gives for a record, indented and on one
/// line: on the shared corpora's records and on generated records with every kind of string.
struct RecordWriterTests {
    private static func encoder(pretty: Bool) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.withoutEscapingSlashes, .prettyPrinted, .sortedKeys] : [.withoutEscapingSlashes, .sortedKeys]
        return e
    }

    private static func check(_ r: Record) throws -> Bool {
        let pretty = try encoder(pretty: true).encode(r), line = try encoder(pretty: false).encode(r)
        return RecordWriter.bytes(r, pretty: true) == Array(pretty) && RecordWriter.bytes(r, pretty: false) == Array(line)
    }

    /// The record's sha256: lower-case hex of the SHA-256 digest (FIPS 180-2 test vectors).
    @Test func sha256InLowerCaseHex() {
        #expect(RecordExtractor.sha256(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(RecordExtractor.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(RecordExtractor.sha256(Data(repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func corpusRecordsAsJSONEncoderWritesThem() throws {
        let extractor = RecordExtractor(loader: DocumentLoader(), pipeline: try ExtractionPipeline(configuration: PackagePaths.config))
        var checked = 0
        for folder in ["corpus", "corpus-real"] {
            let dir = PackagePaths.root.deletingLastPathComponent().appendingPathComponent("shared/\(folder)")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where !name.hasSuffix(".json") && name != "README.md" {
                guard let r = try? extractor.record(at: dir.appendingPathComponent(name).path) else { continue }
                #expect(try Self.check(r), "\(name)")
                checked += 1
            }
        }
        #expect(checked >= 24)
    }

    @Test func generatedRecordsAsJSONEncoderWritesThem() throws {
        let pieces = ["a", "Reunión", " ", "\"", "\\", "/", "\u{0}", "\u{1}", "\u{8}", "\t", "\n", "\u{B}", "\u{C}", "\r", "\r\n", "\u{1F}",
                      "\u{7F}", "\u{80}", "\u{2028}", "\u{2029}", "😀", "👍🏽", "e\u{301}", "\u{FEFF}", "日本", "{}[]:,", "null", "-1"]
        var random = Xorshift(seed: 0xD1B5_4A32_D192_ED03)  // deterministic, whatever the platform's generator
        func next(_ bound: Int) -> Int { random.next(bound) }
        func text() -> String { (0..<next(6)).map { _ in pieces[next(pieces.count)] }.joined() }
        func maybe() -> String? { next(3) == 0 ? nil : text() }
        func anchor() -> Anchor? { next(3) == 0 ? nil : Anchor(start: next(5000) - 10, end: next(100_000)) }
        func many<T>(_ make: () -> T) -> [T] { (0..<next(4)).map { _ in make() } }
        var mismatches = 0
        for _ in 0..<1500 {
            var r = Record(id: text(), source: .init(filename: text(), format: DocumentFormat.allCases[next(DocumentFormat.allCases.count)],
                                                     sha256: text(), bytes: next(1 << 30)))
            r.kind = Record.Kind.allCases[next(Record.Kind.allCases.count)]
            r.title = text(); r.date = maybe(); r.language = text(); r.body = maybe(); r.place = maybe()
            r.attendees = many { Attendee(name: text(), organization: maybe(), role: maybe(), anchor: anchor()) }
            r.decisions = many { Decision(text: text(), anchor: anchor()) }
            r.consensus = many { Position(text: text(), parties: many(text), anchor: anchor()) }
            r.dissent = many { Position(text: text(), parties: many(text), anchor: anchor()) }
            r.actions = many { Action(text: text(), owner: maybe(), due: maybe(), anchor: anchor()) }
            r.topics = many(text); r.text = text(); r.warnings = many(text)
            if try !Self.check(r) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }
}
