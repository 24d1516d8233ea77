import Foundation
import RelatoriaCore
@testable import RelatoriaExtractors
import RelatoriaTestSupport
import Testing

/// The cue matcher finds exactly what the regular expression it replaced found.
struct CueMatcherTests {
    /// The former implementation: the phrases as alternatives, longest first, on word boundaries.
    static func reference(_ phrases: [String], _ f: FoldedText) -> Range<Int>? {
        let alternatives = phrases.filter { !$0.isEmpty }.sorted { $0.count > $1.count }.map(NSRegularExpression.escapedPattern(for:))
        guard !alternatives.isEmpty,
              let regex = try? NSRegularExpression(pattern: "(?<![\\p{L}\\p{N}])(?:" + alternatives.joined(separator: "|") + ")(?![\\p{L}\\p{N}])"),
              let m = regex.firstMatch(in: f.folded, range: NSRange(location: 0, length: (f.folded as NSString).length)) else { return nil }
        return m.range.location..<(m.range.location + m.range.length)
    }

    @Test func sameMatchesAsTheRegularExpressionOnTheCorpus() throws {
        let lexicon = try Lexicon.load(from: PackagePaths.config.appendingPathComponent("lexicon"))
        let corpus = PackagePaths.root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        var sentences: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path) where name.hasSuffix(".txt") || name.hasSuffix(".md") {
            let text = String(decoding: try Data(contentsOf: corpus.appendingPathComponent(name)), as: UTF8.self)
            sentences += text.split(whereSeparator: { ".;\n".contains($0) }).map(String.init)
        }
        sentences += ["Se acordó, por consenso.", "NO HUBO ACUERDO", "acordóse", "x-se acordo-y", "1se acordo2", "«se acordó»", "Se\u{301} acordo"]
        #expect(sentences.count > 500)
        let names = ["decision", "consensus", "dissent", "action", "proposal", "quoted", "absence", "two_sided", "attendance"]
        var compared = 0
        for name in names {
            let phrases = lexicon.cue(name)
            guard !phrases.isEmpty else { continue }
            let matcher = CueMatcher(phrases)
            for s in sentences {
                let f = FoldedText(s)
                #expect(matcher.first(in: f) == Self.reference(phrases, f), "\(name): \(s)")
                compared += 1
            }
        }
        #expect(compared > 2000)
    }

    @Test func keywordCountsAsTheRegularExpressionCounted() throws {
        let corpus = PackagePaths.root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        let keywords = ["desplazamiento", "derechos humanos", "bosques", "ddhh", "paz", "justicia y paz", "human rights", "oacnudh", "victimas"]
        let scanner = KeywordScanner(keywords)
        let alternatives = keywords.sorted { $0.count > $1.count }.map(NSRegularExpression.escapedPattern(for:))
        let regex = try NSRegularExpression(pattern: "(?<![\\p{L}\\p{N}])(?:" + alternatives.joined(separator: "|") + ")(?![\\p{L}\\p{N}])")
        var checked = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path) where name.hasSuffix(".txt") || name.hasSuffix(".md") {
            let folded = Folding.fold(String(decoding: try Data(contentsOf: corpus.appendingPathComponent(name)), as: UTF8.self))
            let ns = folded as NSString
            var expected: [String: Int] = [:]
            regex.enumerateMatches(in: folded, range: NSRange(location: 0, length: ns.length)) { m, _, _ in
                if let m { expected[ns.substring(with: m.range), default: 0] += 1 }
            }
            #expect(scanner.counts(inUnits: Array(folded.utf16)) == expected, "\(name)")
            checked += expected.values.reduce(0, +)
        }
        #expect(checked > 50)
    }
}
