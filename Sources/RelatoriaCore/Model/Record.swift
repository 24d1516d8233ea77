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
    /// How sure the extractor is of the title, date and body (0 to 1): the extra key
    /// `confidence`, written only when present.
    public var confidence: ScalarFields<Double>?
    /// The rule or cue that found the title, date and body (`"field:Fecha"`, `"filename"`): the
    /// extra key `via`, written only when present.
    public var via: ScalarFields<String>?

    public init(
        id: String, source: Source, kind: Kind = .other, title: String = "", date: String? = nil,
        language: String = "es", body: String? = nil, place: String? = nil, attendees: [Attendee] = [],
        decisions: [Decision] = [], consensus: [Position] = [], dissent: [Position] = [],
        actions: [Action] = [], topics: [String] = [], text: String = "", warnings: [String] = [],
        confidence: ScalarFields<Double>? = nil, via: ScalarFields<String>? = nil
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
        self.confidence = confidence
        self.via = via
    }

    enum CodingKeys: String, CodingKey {
        case id, source, kind, title, date, language, body, place, attendees, decisions, consensus
        case dissent, actions, topics, text, warnings, confidence, via
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
        confidence = try c.decodeIfPresent(ScalarFields<Double>.self, forKey: .confidence)
        via = try c.decodeIfPresent(ScalarFields<String>.self, forKey: .via)
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
        try c.encodeIfPresent(confidence, forKey: .confidence)
        try c.encodeIfPresent(via, forKey: .via)
    }
}

/// One value for each of the record's title, date and body: the objects of the extra keys
/// `confidence` (`{"body": 0.6, "date": 0.95, "title": 0.85}`) and `via`. A field the record
/// leaves empty has none.
public struct ScalarFields<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public var title: Value?
    public var date: Value?
    public var body: Value?

    public init(title: Value? = nil, date: Value? = nil, body: Value? = nil) {
        self.title = title
        self.date = date
        self.body = body
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
    /// How sure the extractor is (0 to 1): the extra key `confidence`, written when present.
    public var confidence: Double?
    /// The rule or cue that found it (`"section:Asistentes"`, `"speaker"`): the extra key `via`.
    public var via: String?

    public init(name: String, organization: String? = nil, role: String? = nil, anchor: Anchor? = nil,
                confidence: Double? = nil, via: String? = nil) {
        self.name = name
        self.organization = organization
        self.role = role
        self.anchor = anchor
        self.confidence = confidence
        self.via = via
    }

    enum CodingKeys: String, CodingKey { case name, organization, role, anchor, confidence, via }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(organization, forKey: .organization)
        try c.encode(role, forKey: .role)
        try c.encodeIfPresent(anchor, forKey: .anchor)
        try c.encodeIfPresent(confidence, forKey: .confidence)
        try c.encodeIfPresent(via, forKey: .via)
    }
}

/// An outcome the meeting or the signatories adopted.
public struct Decision: Sendable, Hashable, Codable {
    public var text: String
    public var anchor: Anchor?
    /// How sure the extractor is (0 to 1): the extra key `confidence`, written when present.
    public var confidence: Double?
    /// The rule or cue that found it (`"section:Acuerdos"`, `"tally"`, `"cue:se acordó"`).
    public var via: String?

    public init(text: String, anchor: Anchor? = nil, confidence: Double? = nil, via: String? = nil) {
        self.text = text
        self.anchor = anchor
        self.confidence = confidence
        self.via = via
    }
}

/// A point of consensus or dissent, with who holds it.
public struct Position: Sendable, Hashable, Codable {
    public var text: String
    public var parties: [String]
    public var anchor: Anchor?
    /// How sure the extractor is (0 to 1): the extra key `confidence`, written when present.
    public var confidence: Double?
    /// The rule or cue that found it (`"section:Disensos"`, `"tally"`, `"cue:hubo consenso"`).
    public var via: String?

    public init(text: String, parties: [String] = [], anchor: Anchor? = nil, confidence: Double? = nil, via: String? = nil) {
        self.text = text
        self.parties = parties
        self.anchor = anchor
        self.confidence = confidence
        self.via = via
    }
}

/// A commitment: a task, who owes it and by when.
public struct Action: Sendable, Hashable, Codable {
    public var text: String
    public var owner: String?
    /// `YYYY-MM-DD`, only when a calendar date can be worked out.
    public var due: String?
    public var anchor: Anchor?
    /// How sure the extractor is (0 to 1): the extra key `confidence`, written when present.
    public var confidence: Double?
    /// The rule or cue that found it (`"table:Responsable"`, `"label:ACTION"`, `"cue:enviará"`).
    public var via: String?

    public init(text: String, owner: String? = nil, due: String? = nil, anchor: Anchor? = nil,
                confidence: Double? = nil, via: String? = nil) {
        self.text = text
        self.owner = owner
        self.due = due
        self.anchor = anchor
        self.confidence = confidence
        self.via = via
    }

    enum CodingKeys: String, CodingKey { case text, owner, due, anchor, confidence, via }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(owner, forKey: .owner)
        try c.encode(due, forKey: .due)
        try c.encodeIfPresent(anchor, forKey: .anchor)
        try c.encodeIfPresent(confidence, forKey: .confidence)
        try c.encodeIfPresent(via, forKey: .via)
    }
}
