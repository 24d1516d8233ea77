public import Foundation

/// One line of a record's correction log (`archive/corrections/<id>.jsonl`): who changed
/// what, when, from what to what. The log is append-only: a later line overrides an earlier
/// one by being applied after it, never by rewriting it.
public struct Correction: Sendable, Hashable, Codable {
    /// What the line records.
    public enum Event: String, Sendable, Hashable, Codable {
        /// A scalar field (`title`, `date`, `body`, `place`, `kind`) set from `from` to `to`.
        case set
        /// An item of a list field changed (`from` and `to`), added (no `from`, at `at`) or
        /// removed (no `to`).
        case item
        /// A person confirmed the record as it stands.
        case reviewed
        /// An admin withdrew the record, with a `reason`.
        case withdrawn
        /// The withdrawal was undone.
        case restored
        /// This record supersedes the earlier `record`.
        case supersedes
        /// This record is superseded by the newer `record`.
        case supersededBy
    }

    public var time: String
    public var user: String
    public var event: Event
    public var field: String?
    public var from: JSONValue?
    public var to: JSONValue?
    public var at: Int?
    public var reason: String?
    public var record: String?

    public init(time: String, user: String, event: Event, field: String? = nil, from: JSONValue? = nil, to: JSONValue? = nil,
                at: Int? = nil, reason: String? = nil, record: String? = nil) {
        (self.time, self.user, self.event, self.field) = (time, user, event, field)
        (self.from, self.to, self.at, self.reason, self.record) = (from, to, at, reason, record)
    }

    enum CodingKeys: String, CodingKey { case time, user, event, field, from, to, at, reason, record }

    // `from` and `to` keep a JSON null apart from an absent key (an added item has no `from`;
    // a date set from null has `"from": null`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        time = try c.decode(String.self, forKey: .time)
        user = try c.decode(String.self, forKey: .user)
        event = try c.decode(Event.self, forKey: .event)
        field = try c.decodeIfPresent(String.self, forKey: .field)
        from = c.contains(.from) ? try c.decode(JSONValue.self, forKey: .from) : nil
        to = c.contains(.to) ? try c.decode(JSONValue.self, forKey: .to) : nil
        at = try c.decodeIfPresent(Int.self, forKey: .at)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        record = try c.decodeIfPresent(String.self, forKey: .record)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(time, forKey: .time)
        try c.encode(user, forKey: .user)
        try c.encode(event, forKey: .event)
        try c.encodeIfPresent(field, forKey: .field)
        if let from { try c.encode(from, forKey: .from) }
        if let to { try c.encode(to, forKey: .to) }
        try c.encodeIfPresent(at, forKey: .at)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(record, forKey: .record)
    }

    /// Whether the line changes a field (rather than marking the record).
    public var changesField: Bool { event == .set || event == .item }

    /// One readable line: `2026-12-07T10:00:00Z ana: date 2006-03-14 → 2006-03-15`.
    public var summary: String {
        func show(_ v: JSONValue?) -> String {
            guard let v else { return "nothing" }
            if case .string(let s) = v { return s }
            if case .null = v { return "none" }
            if let o = v.object, let t = (o["text"] ?? o["name"])?.string { return t }
            return v.text
        }
        let head = "\(time) \(user): "
        switch event {
        case .set: return head + "\(field ?? "?") \(show(from)) → \(show(to))"
        case .item:
            let f = field ?? "?"
            if from == nil { return head + "\(f): added \(show(to))" }
            if to == nil { return head + "\(f): removed \(show(from))" }
            return head + "\(f): \(show(from)) → \(show(to))"
        case .reviewed: return head + "marked reviewed"
        case .withdrawn: return head + "withdrew the record: \(reason ?? "")"
        case .restored: return head + "restored the record"
        case .supersedes: return head + "marked as superseding \(record ?? "?")"
        case .supersededBy: return head + "superseded by \(record ?? "?")"
        }
    }
}
