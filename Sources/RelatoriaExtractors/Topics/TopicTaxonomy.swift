public import Foundation
public import RelatoriaCore
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

    public var topics: [Topic]

    public init(topics: [Topic]) { self.topics = topics }

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
        let folded = FoldedText(String(text.prefix(400_000)))
        return topics.filter { matches($0, folded) }.map(\.label)
    }

    private func matches(_ t: Topic, _ f: FoldedText) -> Bool {
        let need = max(t.minHits ?? 1, 1)
        switch t.match ?? "any" {
        case "all":
            return !t.keywords.isEmpty && t.keywords.allSatisfy { !f.find(Folding.fold($0)).isEmpty }
        case "regex":
            let hits = t.keywords.reduce(0) { n, k in
                n + ((try? NSRegularExpression(pattern: k, options: [.caseInsensitive])).map { f.matches($0).count } ?? 0)
            }
            return hits >= need
        default:
            let hits = t.keywords.reduce(0) { $0 + f.find(Folding.fold($1)).count }
            return hits >= need
        }
    }
}
