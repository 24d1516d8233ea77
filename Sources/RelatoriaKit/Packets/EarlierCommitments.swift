/// The commitments still open from earlier meetings, which a packet's digest lists for the
/// bodies of its records.
///
/// The follow-up register (`RelatoriaFollowUp`) answers; the packets do not depend on it: the
/// command that makes packets hands its answer in through ``PacketMaker/earlier``.
public protocol EarlierCommitments: Sendable {
    /// The commitments still outstanding that meetings of `bodies` made before `before`
    /// (`YYYY-MM-DD`), with overdue marked against `today`, the day the packet is made.
    func open(bodies: [String], before: String, today: String) throws -> [EarlierCommitment]

    /// Whether the commitment `text` of the record `record` is still open on `today`: false
    /// once later minutes or a person closed it, nil when it is not known.
    func isOpen(record: String, text: String, today: String) throws -> Bool?
}

/// A commitment of an earlier meeting that is still open, as a digest lists it.
public struct EarlierCommitment: Sendable, Equatable {
    public var id: String
    public var text: String
    public var owner: String?
    public var due: String?
    /// Open and past its due date on the day the packet is made.
    public var overdue: Bool
    /// The body and date of the meeting that made it.
    public var body: String?
    public var date: String?

    public init(id: String, text: String, owner: String?, due: String?, overdue: Bool, body: String?, date: String?) {
        (self.id, self.text, self.owner, self.due, self.overdue, self.body, self.date) = (id, text, owner, due, overdue, body, date)
    }
}
