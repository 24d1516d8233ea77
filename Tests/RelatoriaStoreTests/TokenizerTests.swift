import Foundation
import GRDB
import RelatoriaCore
@testable import RelatoriaStore
import RelatoriaTestSupport
import Testing

/// The index's tokenizer gives the tokens that its first form gave: GRDB's wrapper around
/// unicode61, each token made a String and stemmed English then Spanish.
struct TokenizerTests {
    /// The former tokenizer, kept as the reference.
    final class WrapperReference: FTS5WrapperTokenizer {
        static let name = "relatoria_reference"
        let wrappedTokenizer: any FTS5Tokenizer
        private let english = SnowballStemmer("english")
        private let spanish = SnowballStemmer("spanish")

        init(db: Database, arguments: [String]) throws {
            wrappedTokenizer = try db.makeTokenizer(.unicode61(diacritics: .remove))
        }

        private static func stem(_ stemmer: SnowballStemmer?, _ word: String) -> String {
            guard let stemmer else { return word }
            var utf8 = Array(word.utf8)
            return utf8.withUnsafeBufferPointer { stemmer.stem($0).map { String(decoding: $0, as: UTF8.self) } ?? word }
        }

        func accept(token: String, flags: FTS5TokenFlags, for tokenization: FTS5Tokenization,
                    tokenCallback: (String, FTS5TokenFlags) throws -> Void) throws {
            guard token.utf8.count > 3, token.utf8.first.map({ !(48...57).contains($0) }) == true else {
                try tokenCallback(token, flags)
                return
            }
            let t = Self.stem(spanish, Self.stem(english, token))
            try tokenCallback(t.isEmpty ? token : t, flags)
        }
    }

    @Test func sameTokensAsTheWrapperTokenizer() throws {
        let db = try DatabaseQueue()
        var texts = ["Reunión de la Comisión de Enlace: acuerdos, reuniones, desplazamiento forzoso.",
                     "The meetings were recorded; committees agreed 12 recommendations in 2006.",
                     "ÑANDÚ Œuvre straße İstanbul ǅ 日本語 👍🏽 x 1a 12345 abcd  «Acción» – — \u{301}e", "", "a", "  "]
        for folder in ["corpus", "corpus-real"] {
            let dir = PackagePaths.root.deletingLastPathComponent().appendingPathComponent("shared/\(folder)")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where !name.hasSuffix(".docx") {
                texts.append(String(decoding: try Data(contentsOf: dir.appendingPathComponent(name)), as: UTF8.self))
            }
        }
        var compared = 0
        try db.inDatabase { db in
            db.add(tokenizer: RelatoriaTokenizer.self)
            db.add(tokenizer: WrapperReference.self)
            let ours = try db.makeTokenizer(RelatoriaTokenizer.tokenizerDescriptor())
            let reference = try db.makeTokenizer(WrapperReference.tokenizerDescriptor())
            for text in texts {
                for (a, b) in [(try ours.tokenize(document: text), try reference.tokenize(document: text)),
                               (try ours.tokenize(query: text), try reference.tokenize(query: text))] {
                    #expect(a.map(\.token) == b.map(\.token))
                    #expect(a.map(\.flags.rawValue) == b.map(\.flags.rawValue))
                    compared += a.count
                }
            }
            #expect(try ours.tokenize(document: "Reuniones acordadas").map(\.token) == ["reunion", "acord"])
        }
        #expect(compared > 20_000)
    }
}

/// The stem cache gives back what was put in, tells apart tokens of equal hash slots and
/// lengths, and starts afresh when full.
struct StemCacheTests {
    @Test func remembersAndForgets() {
        var cache = StemCache(limit: 3)
        func look(_ token: String) -> String? {
            var t = Array(token.utf8)
            return t.withUnsafeBufferPointer { b -> String? in
                var found: String?
                _ = cache.lookup(b, hash: ByteSearch.hash(b)) { stem in
                    found = String(decoding: stem, as: UTF8.self)
                    return 0
                }
                return found
            }
        }
        func put(_ token: String, _ stem: String) {
            var t = Array(token.utf8)
            t.withUnsafeBufferPointer { cache.insert($0, stem: Array(stem.utf8), hash: ByteSearch.hash($0)) }
        }
        put("reuniones", "reunion")
        put("acuerdos", "acuerd")
        put("reunionez", "reunionez")
        #expect(look("reuniones") == "reunion")
        #expect(look("acuerdos") == "acuerd")
        #expect(look("reunionez") == "reunionez")
        #expect(look("reunione") == nil)
        #expect(look("acuerdo") == nil)
        put("desplazamiento", "desplaz")  // the fourth: the cache starts afresh
        #expect(look("reuniones") == nil)
        #expect(look("desplazamiento") == "desplaz")
        // Many entries in a larger cache: every one found, probing past collisions.
        cache = StemCache(limit: 10_000)
        for n in 0..<5_000 { put("w\(n)", "s\(n)") }
        #expect((0..<5_000).allSatisfy { look("w\($0)") == "s\($0)" })
        #expect(look("w5000") == nil)
    }
}
