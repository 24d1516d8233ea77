public import RelatoriaFollowUp
import Synchronization

/// ``EarlierCommitments`` answered by the follow-up register: commitments closed by later
/// minutes or by hand are not listed, and overdue is marked against the day the packet is
/// made. The follow-up is loaded at the first packet made (a run that makes none reads no
/// record for it) and its register built once per day asked, however many members a run serves.
public final class RegisterEarlierCommitments: EarlierCommitments {
    private let load: @Sendable () throws -> FollowUp
    private let state = Mutex<(followUp: FollowUp?, registers: [String: CommitmentRegister.Result])>((nil, [:]))

    /// - Parameter load: reads the archive's follow-up (``FollowUp/load(configuration:archive:index:)``).
    public init(load: @escaping @Sendable () throws -> FollowUp) {
        self.load = load
    }

    private func register(_ today: String) throws -> CommitmentRegister.Result {
        try state.withLock { s in
            if let r = s.registers[today] { return r }
            let followUp = try s.followUp ?? load()
            s.followUp = followUp
            let r = try followUp.register(asOf: today)
            s.registers[today] = r
            return r
        }
    }

    public func isOpen(record: String, text: String, today: String) throws -> Bool? {
        try register(today).commitments.first { $0.record == record && $0.text == text }?.isOutstanding
    }

    public func open(bodies: [String], before: String, today: String) throws -> [EarlierCommitment] {
        let register = try register(today)
        return FollowUp.outstanding(in: register, bodies: bodies, before: before).map { c in
            EarlierCommitment(id: c.id, text: c.text, owner: c.owner ?? c.ownerAsWritten, due: c.due,
                              overdue: c.status == .overdue, body: c.body, date: c.date)
        }
    }
}
