public import Foundation
public import RelatoriaCore
public import RelatoriaStore

/// The follow-up of an archive: its effective records, the parties and cue phrases of the
/// configuration, and the statuses set by hand. The commands `commitments`, `positions`,
/// `parties` and `report` (and, later, the web application) start here.
public struct FollowUp: Sendable {
    public let parties: PartyDirectory
    public let lexicon: FollowUpLexicon
    public let workplan: Workplan
    /// Every effective record, in date order.
    public let records: [Record]
    public let log: ManualStatusLog
    /// Records and manual-status lines that could not be read.
    public let problems: [String]

    public init(parties: PartyDirectory, lexicon: FollowUpLexicon, workplan: Workplan = Workplan(), records: [Record], log: ManualStatusLog, problems: [String] = []) {
        self.parties = parties
        self.lexicon = lexicon
        self.workplan = workplan
        self.records = EffectiveRecords.chronological(records)
        self.log = log
        self.problems = problems
    }

    /// Reads the configuration (`parties.yaml`, `lexicon/followup/`, `workplan.yaml`) and the
    /// archive's effective records.
    /// - Throws: ``RelatoriaError`` `invalidConfiguration` for a malformed configuration file.
    public static func load(configuration: URL?, archive: FileArchive, index: RecordIndex) throws -> FollowUp {
        let parties = try PartyDirectory.load(folder: configuration)
        let lexicon = try FollowUpLexicon.load(folder: configuration)
        let workplan = try Workplan.load(folder: configuration)
        let (records, problems) = try EffectiveRecords(archive: archive, index: index).all()
        let log = ManualStatusLog(archiveRoot: archive.root)
        return FollowUp(parties: parties, lexicon: lexicon, workplan: workplan, records: records, log: log, problems: problems)
    }

    /// The register on `asOf` (`YYYY-MM-DD`), with the manual statuses applied.
    public func register(asOf: String) throws -> CommitmentRegister.Result {
        let (entries, _) = try log.entries()
        return CommitmentRegister(parties: parties, lexicon: lexicon).build(records: records, manual: entries, asOf: asOf)
    }

    /// Problems worth telling: unreadable records and log lines, orphaned manual statuses.
    public func warnings(_ result: CommitmentRegister.Result) throws -> [String] {
        var out = problems + (try log.entries().problems)
        for o in result.orphans {
            out.append("the status \(o.status) set by \(o.who) on \(o.when.prefix(10)) for \(o.commitment) names a commitment that is no longer in its record; kept in \(ManualStatusLog.relativePath)")
        }
        return out
    }

    /// Why a commitment id cannot be used.
    public enum LookupError: Error, Sendable, CustomStringConvertible {
        case unknown(String)
        case ambiguous(String, [String])

        public var description: String {
            switch self {
            case .unknown(let id): "no commitment with id \(id)"
            case .ambiguous(let id, let ids): "the id \(id) names \(ids.count) commitments: \(ids.prefix(5).joined(separator: ", "))\(ids.count > 5 ? ", ..." : "")"
            }
        }
    }

    /// The commitment named by `id`: its id, one of its repetitions' ids, or a prefix of only one.
    public func commitment(_ id: String, in result: CommitmentRegister.Result) throws -> Commitment {
        let wanted = id.trimmingCharacters(in: .whitespaces).lowercased()
        if let c = result.commitments.first(where: { $0.id == wanted || $0.aliases.contains(wanted) }) { return c }
        let found = result.commitments.filter { c in ([c.id] + c.aliases).contains { $0.hasPrefix(wanted) } }
        guard !wanted.isEmpty, !found.isEmpty else { throw LookupError.unknown(id) }
        guard found.count == 1 else { throw LookupError.ambiguous(id, found.map(\.id)) }
        return found[0]
    }

    /// Sets a commitment's status by hand (`done`, `dropped`, or `open` to reopen it),
    /// appending to the manual-status file.
    /// - Returns: the commitment with its new status, on `today`.
    @discardableResult
    public func setStatus(_ id: String, to status: Commitment.Status, note: String?, who: String, at time: Date, today: String) throws -> Commitment {
        let before = try register(asOf: today)
        let c = try commitment(id, in: before)
        let entry = ManualStatusLog.Entry(commitment: c.id, record: c.record, text: c.text, status: status == .overdue ? "open" : status.rawValue,
                                          note: note.flatMap { $0.isEmpty ? nil : $0 }, who: who, when: ManualStatusLog.timestamp(time))
        try log.append(entry)
        return try commitment(c.id, in: try register(asOf: today))
    }
}

extension FollowUp {
    /// For a packet's digest (issue 21; the packets are wired to it separately): the
    /// commitments still outstanding that meetings of `bodies` made before `before`, with
    /// `overdue` marked against `today`, the day the packet is made (not the period's end).
    /// Bodies are matched ignoring case and accents; overdue first, then by due date.
    public func outstanding(bodies: [String], before: String, today: String) throws -> [Commitment] {
        Self.outstanding(in: try register(asOf: today), bodies: bodies, before: before)
    }

    /// ``outstanding(bodies:before:today:)`` in a register already built (a packet run asks
    /// once per member; the register is built once).
    public static func outstanding(in register: CommitmentRegister.Result, bodies: [String], before: String) -> [Commitment] {
        let keys = Set(bodies.map(FollowUpText.key))
        return register.commitments
            .filter { c in
                guard c.isOutstanding, let d = c.date, d < before, let b = c.body else { return false }
                return keys.contains(FollowUpText.key(b))
            }
            .sorted { a, b in
                let ra = CommitmentFilter.rank(a.status), rb = CommitmentFilter.rank(b.status)
                return ra != rb ? ra < rb : (a.due ?? "9999", a.id) < (b.due ?? "9999", b.id)
            }
    }
}
