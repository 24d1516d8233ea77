/// The record of one document, exactly as `shared/contract/RECORD.md` fixes it.
///
/// `date`, `body` and `place` are always written, as `null` when unknown; the optional
/// `organization`, `role`, `owner` and `due` of items likewise. `anchor` and `warnings` are
/// written only when present.
public struct Record: Sendable, Hashable, Codable {
    public struct Source: Sendable, Hashable, Codable {
        public var filename: String
        public var format: DocumentFormat
        public var sha256: String
        public var bytes: Int
        /// What the file was when `format` cannot name it (`pdf`, `doc`, `rtf`, `png`, `jpeg`,
        /// `tiff`): the extra key `source.filetype`, written only when present.
        public var filetype: SourceFileType?
        /// `source.ocr`: true when the text was read by OCR; written only then.
        public var ocr: Bool?

        public init(filename: String, format: DocumentFormat, sha256: String, bytes: Int,
                    filetype: SourceFileType? = nil, ocr: Bool? = nil) {
            self.filename = filename
            self.format = format
            self.sha256 = sha256
            self.bytes = bytes
            self.filetype = filetype
            self.ocr = ocr
        }
    }

    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case minutes, declaration, agenda, report, other
    }

    public var id: String
    public var source: Source
    public var kind: Kind
    public var title: String
    public var date: String?
    public var language: String
    public var body: String?
    public var place: String?
    public var attendees: [Attendee]
    public var decisions: [Decision]
    public var consensus: [Position]
    public var dissent: [Position]
    public var actions: [Action]
    public var topics: [String]
    public var text: String
    public var warnings: [String]

    public init(
        id: String, source: Source, kind: Kind = .other, title: String = "", date: String? = nil,
        language: String = "es", body: String? = nil, place: String? = nil, attendees: [Attendee] = [],
        decisions: [Decision] = [], consensus: [Position] = [], dissent: [Position] = [],
        actions: [Action] = [], topics: [String] = [], text: String = "", warnings: [String] = []
    ) {
        self.id = id
        self.source = source
        self.kind = kind
        self.title = title
        self.date = date
        self.language = language
        self.body = body
        self.place = place
        self.attendees = attendees
        self.decisions = decisions
        self.consensus = consensus
        self.dissent = dissent
        self.actions = actions
        self.topics = topics
        self.text = text
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey {
        case id, source, kind, title, date, language, body, place, attendees, decisions, consensus
        case dissent, actions, topics, text, warnings
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        source = try c.decode(Source.self, forKey: .source)
        kind = try c.decode(Kind.self, forKey: .kind)
        title = try c.decode(String.self, forKey: .title)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        language = try c.decode(String.self, forKey: .language)
        body = try c.decodeIfPresent(String.self, forKey: .body)
        place = try c.decodeIfPresent(String.self, forKey: .place)
        attendees = try c.decodeIfPresent([Attendee].self, forKey: .attendees) ?? []
        decisions = try c.decodeIfPresent([Decision].self, forKey: .decisions) ?? []
        consensus = try c.decodeIfPresent([Position].self, forKey: .consensus) ?? []
        dissent = try c.decodeIfPresent([Position].self, forKey: .dissent) ?? []
        actions = try c.decodeIfPresent([Action].self, forKey: .actions) ?? []
        topics = try c.decodeIfPresent([String].self, forKey: .topics) ?? []
        text = try c.decode(String.self, forKey: .text)
        warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(source, forKey: .source)
        try c.encode(kind, forKey: .kind)
        try c.encode(title, forKey: .title)
        try c.encode(date, forKey: .date)
        try c.encode(language, forKey: .language)
        try c.encode(body, forKey: .body)
        try c.encode(place, forKey: .place)
        try c.encode(attendees, forKey: .attendees)
        try c.encode(decisions, forKey: .decisions)
        try c.encode(consensus, forKey: .consensus)
        try c.encode(dissent, forKey: .dissent)
        try c.encode(actions, forKey: .actions)
        try c.encode(topics, forKey: .topics)
        try c.encode(text, forKey: .text)
        if !warnings.isEmpty { try c.encode(warnings, forKey: .warnings) }
    }
}

/// Offsets in the record's `text`, counted in Unicode scalars, of the passage an item came from.
public struct Anchor: Sendable, Hashable, Codable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// A person (or, when no person is named, a delegation) recorded as present.
public struct Attendee: Sendable, Hashable, Codable {
    public var name: String
    public var organization: String?
    public var role: String?
    public var anchor: Anchor?

    public init(name: String, organization: String? = nil, role: String? = nil, anchor: Anchor? = nil) {
        self.name = name
        self.organization = organization
        self.role = role
        self.anchor = anchor
    }

    enum CodingKeys: String, CodingKey { case name, organization, role, anchor }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(organization, forKey: .organization)
        try c.encode(role, forKey: .role)
        try c.encodeIfPresent(anchor, forKey: .anchor)
    }
}

/// An outcome the meeting or the signatories adopted.
public struct Decision: Sendable, Hashable, Codable {
    public var text: String
    public var anchor: Anchor?

    public init(text: String, anchor: Anchor? = nil) {
        self.text = text
        self.anchor = anchor
    }
}

/// A point of consensus or dissent, with who holds it.
public struct Position: Sendable, Hashable, Codable {
    public var text: String
    public var parties: [String]
    public var anchor: Anchor?

    public init(text: String, parties: [String] = [], anchor: Anchor? = nil) {
        self.text = text
        self.parties = parties
        self.anchor = anchor
    }
}

/// A commitment: a task, who owes it and by when.
public struct Action: Sendable, Hashable, Codable {
    public var text: String
    public var owner: String?
    /// `YYYY-MM-DD`, only when a calendar date can be worked out.
    public var due: String?
    public var anchor: Anchor?

    public init(text: String, owner: String? = nil, due: String? = nil, anchor: Anchor? = nil) {
        self.text = text
        self.owner = owner
        self.due = due
        self.anchor = anchor
    }

    enum CodingKeys: String, CodingKey { case text, owner, due, anchor }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(owner, forKey: .owner)
        try c.encode(due, forKey: .due)
        try c.encodeIfPresent(anchor, forKey: .anchor)
    }
}
