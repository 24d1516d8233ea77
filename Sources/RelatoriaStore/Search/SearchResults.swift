/// What a search returns: the matching records, one page of them, and facet counts.
public struct SearchResults: Sendable, Codable, Equatable {
    public struct Hit: Sendable, Codable, Equatable {
        public var id: String
        public var filename: String
        public var title: String
        public var date: String?
        public var body: String?
        public var kind: String
        public var score: Double
        public var snippet: String

        enum CodingKeys: String, CodingKey { case id, filename, title, date, body, kind, score, snippet }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(filename, forKey: .filename)
            try c.encode(title, forKey: .title)
            try c.encode(date, forKey: .date)
            try c.encode(body, forKey: .body)
            try c.encode(kind, forKey: .kind)
            try c.encode(score, forKey: .score)
            try c.encode(snippet, forKey: .snippet)
        }
    }

    public struct Facet: Sendable, Codable, Equatable {
        public var value: String
        public var count: Int
    }

    public var total: Int
    public var hits: [Hit]
    /// Counts by `body`, `topic`, `year` and `kind` over all matches, not just this page.
    public var facets: [String: [Facet]]
}
