import Foundation
public import RelatoriaCore

/// A tracked commitment: an `actions` item of an effective record, followed across the
/// meetings that came after it.
public struct Commitment: Sendable, Hashable, Codable {
    /// Where a commitment stands on a given day.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Not reported done, and not past its due date (or with none).
        case open
        /// Reported done by later minutes, or closed by hand.
        case done
        /// Open and past its due date on the day asked.
        case overdue
        /// Given up: reported so by later minutes, or closed by hand as dropped.
        case dropped
    }

    /// `<record id>:<8 hex digits of its folded text>`: the same for the same commitment when
    /// a re-extraction reorders or adds items (an index would shift).
    public var id: String
    public var text: String
    /// The owner's normalized name(s), joined with " / " (parties in `config/parties.yaml`),
    /// or the owner as written when it matches no party.
    public var owner: String?
    /// The owner's parties one by one.
    public var owners: [String]
    /// The owner as the minutes wrote it.
    public var ownerAsWritten: String?
    /// The due date: the latest given when the commitment was repeated.
    public var due: String?
    public var status: Status
    /// The record that made it, its body and date.
    public var record: String
    public var body: String?
    public var date: String?
    public var anchor: Anchor?
    /// Later passages that reported on it.
    public var evidence: [Evidence]
    /// Later meetings that repeated it (carried over, not new).
    public var carriedOver: [Repetition]
    /// "reported pending on <date>", and the note of a manual status.
    public var notes: [String]
    /// The latest status set by hand, if any.
    public var manual: ManualStatusLog.Entry?
    /// Ids of its repetitions, which name it too.
    public var aliases: [String]

    /// Whether it is still to be done (open or overdue).
    public var isOutstanding: Bool { status == .open || status == .overdue }

    enum CodingKeys: String, CodingKey {
        case id, text, owner, owners, ownerAsWritten, due, status, record, body, date, anchor, evidence, carriedOver, notes, manual, aliases
    }

    /// Writes every key, unknown values as `null` (`owner`, `due`, `body`, `date`...), so that
    /// a reader of the JSON finds the same keys in every commitment.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(text, forKey: .text)
        try c.encode(owner, forKey: .owner)
        try c.encode(owners, forKey: .owners)
        try c.encode(ownerAsWritten, forKey: .ownerAsWritten)
        try c.encode(due, forKey: .due)
        try c.encode(status, forKey: .status)
        try c.encode(record, forKey: .record)
        try c.encode(body, forKey: .body)
        try c.encode(date, forKey: .date)
        try c.encode(anchor, forKey: .anchor)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(carriedOver, forKey: .carriedOver)
        try c.encode(notes, forKey: .notes)
        try c.encode(manual, forKey: .manual)
        try c.encode(aliases, forKey: .aliases)
    }
}

/// A later passage that reported on a commitment.
public struct Evidence: Sendable, Hashable, Codable {
    public var record: String
    public var date: String?
    public var body: String?
    public var anchor: Anchor
    public var text: String
    /// What it reported: done, pending or dropped.
    public var reports: FollowUpLexicon.Report
    /// 0 to 1: how much of the commitment the passage names, the same body, the owner named,
    /// a follow-up section. At or over ``CommitmentRegister/closingConfidence`` it sets the status.
    public var confidence: Double
}

/// A later meeting's commitment that repeats an earlier one.
public struct Repetition: Sendable, Hashable, Codable {
    public var id: String
    public var record: String
    public var date: String?
    public var text: String
    public var due: String?
    public var anchor: Anchor?
}
