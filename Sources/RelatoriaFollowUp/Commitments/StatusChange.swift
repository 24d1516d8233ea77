public import Foundation

extension FollowUp {
    /// What a status set by hand did.
    public enum StatusChange: Sendable {
        /// The commitment had that status already (reopening an open or overdue one, closing
        /// a done one as done): nothing was written.
        case unchanged(Commitment)
        /// The status was set; the commitment as it now stands.
        case changed(Commitment)

        public var commitment: Commitment {
            switch self {
            case .unchanged(let c), .changed(let c): c
            }
        }
    }

    /// Closes (`done`, `dropped`) or reopens (`open`) a commitment by hand, as `relatoria
    /// commitments close/reopen` and the web application's commitments page do: nothing is
    /// written when it stands so already.
    /// - Throws: ``LookupError`` for an unknown or ambiguous id; ``RelatoriaCore/RelatoriaError``
    ///   when the manual-status file cannot be written.
    public func changeStatus(_ id: String, to status: Commitment.Status, note: String?, who: String, at time: Date = Date(), today: String) throws -> StatusChange {
        let before = try commitment(id, in: try register(asOf: today))
        if status == .open || status == .overdue ? before.isOutstanding : status == before.status {
            return .unchanged(before)
        }
        return .changed(try setStatus(before.id, to: status, note: note, who: who, at: time, today: today))
    }
}
