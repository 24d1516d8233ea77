public import Foundation
import RelatoriaCore
import Yams

/// The topic taxonomy of `config/topics.yaml`: labels with Spanish and English keywords and
/// a matching rule, as document managers offer.
///
/// - `any`: one keyword suffices (default);
/// - `all`: every keyword must occur;
/// - `phrase`: keywords are exact phrases (case- and accent-insensitive, on word boundaries);
/// - `regex`: keywords are regular expressions over the folded text.
/// `min_hits` (default 1) asks for that many occurrences in all before the topic is assigned.
public struct TopicTaxonomy: Sendable {
    public struct Topic: Sendable, Decodable {
        public var label: String
        public var match: String?
        public var keywords: [String]
        public var minHits: Int?

        enum CodingKeys: String, CodingKey { case label, match, keywords, minHits = "min_hits" }

        public init(label: String, match: String? = nil, keywords: [String], minHits: Int? = nil) {
            self.label = label
            self.match = match
            self.keywords = keywords
            self.minHits = minHits
        }
    }

    struct File: Decodable { var topics: [Topic] }

    public let topics: [Topic]
    /// Each topic's keywords folded, as the scanner counts them (made once).
    private let foldedKeywords: [[String]]
    /// Every `any`/`phrase`/`all` keyword in one pattern, so the text is scanned once.
    private let keywords: KeywordScanner
    /// The compiled expressions of `regex` topics, by pattern.
    private let expressions: [String: NSRegularExpression]

    public init(topics: [Topic]) {
        self.topics = topics
        foldedKeywords = topics.map { $0.keywords.map(Folding.fold) }
        keywords = KeywordScanner(zip(topics, foldedKeywords).filter { ($0.0.match ?? "any") != "regex" }.flatMap(\.1))
        var expressions: [String: NSRegularExpression] = [:]
        for t in topics where t.match == "regex" {
            for k in t.keywords { expressions[k] = try? NSRegularExpression(pattern: k, options: [.caseInsensitive]) }
        }
        self.expressions = expressions
    }

    /// Reads `topics.yaml`.
    /// - Throws: ``RelatoriaError`` (`invalidConfiguration`) naming the file and the problem.
    public static func load(from file: URL) throws -> TopicTaxonomy {
        do {
            let text = try String(contentsOf: file, encoding: .utf8)
            let parsed = try YAMLDecoder().decode(File.self, from: text)
            for t in parsed.topics {
                let rule = t.match ?? "any"
                guard ["any", "all", "phrase", "regex"].contains(rule) else {
                    throw RelatoriaError(.invalidConfiguration, path: file.path, reason: "topic \(t.label): unknown match rule '\(rule)' (any, all, phrase, regex)")
                }
                if rule == "regex" {
                    for k in t.keywords where (try? NSRegularExpression(pattern: k)) == nil {
                        throw RelatoriaError(.invalidConfiguration, path: file.path, reason: "topic \(t.label): invalid regular expression \(k)")
                    }
                }
            }
            return TopicTaxonomy(topics: parsed.topics)
        } catch let e as RelatoriaError {
            throw e
        } catch {
            throw RelatoriaError(.invalidConfiguration, path: file.path, reason: "malformed topics file: \(String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " "))")
        }
    }

    /// The labels of the topics `text` matches, in taxonomy order.
    public func topics(for text: String) -> [String] {
        // (A text of at most 400,000 bytes has at most 400,000 Characters: no need to count them.)
        let units = Folding.foldUnits(text.utf8.count <= 400_000 ? text : String(text.prefix(400_000)))
        let counts = keywords.counts(inUnits: units)
        // The folded String only for `regex` topics' expressions.
        let folded = expressions.isEmpty ? "" : String(decoding: units, as: UTF16.self)
        return topics.indices.filter { matches(topics[$0], foldedKeywords[$0], folded, counts) }.map { topics[$0].label }
    }

    private func matches(_ t: Topic, _ foldedKeywords: [String], _ folded: String, _ counts: [String: Int]) -> Bool {
        let need = max(t.minHits ?? 1, 1)
        switch t.match ?? "any" {
        case "all":
            return !foldedKeywords.isEmpty && foldedKeywords.allSatisfy { (counts[$0] ?? 0) > 0 }
        case "regex":
            let range = NSRange(location: 0, length: (folded as NSString).length)
            let hits = t.keywords.reduce(0) { n, k in n + (expressions[k]?.numberOfMatches(in: folded, range: range) ?? 0) }
            return hits >= need
        default:
            let hits = foldedKeywords.reduce(0) { $0 + (counts[$1] ?? 0) }
            return hits >= need
        }
    }
}

/// Counts occurrences of many folded keywords (on word boundaries) in one pass.
final class KeywordScanner: @unchecked Sendable {
    private let matcher: CueMatcher

    init(_ keywords: [String]) { matcher = CueMatcher(keywords) }

    /// Occurrences of each keyword found in a folded text's units, by keyword (counted by
    /// phrase id, each keyword made a dictionary key once).
    func counts(inUnits units: [UInt16]) -> [String: Int] {
        var byID = [Int](repeating: 0, count: matcher.phrases.count)
        for m in matcher.allWithIDs(in: units) { byID[m.id] += 1 }
        var out: [String: Int] = [:]
        for (id, n) in byID.enumerated() where n > 0 { out[matcher.phrases[id]] = n }
        return out
    }
}
