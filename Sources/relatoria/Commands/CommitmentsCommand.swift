import ArgumentParser
import Foundation
import RelatoriaCore
import RelatoriaFollowUp

/// `relatoria commitments`: the commitments register; `close` and `reopen` set a status by hand.
struct CommitmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commitments",
        _superCommandName: RelatoriaCommand.name,
        abstract: "The commitments register: what each party committed to, and whether later minutes report it done.",
        subcommands: [CommitmentsListCommand.self, CommitmentsCloseCommand.self, CommitmentsReopenCommand.self],
        defaultSubcommand: CommitmentsListCommand.self
    )
}

/// `relatoria commitments [list]`.
struct CommitmentsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List commitments, grouped by owner or body, overdue first."
    )

    @OptionGroup var options: FollowUpOptions
    @Option(help: "open, done, overdue, dropped, or all (default: all); open includes overdue.") var status = "all"
    @Option(help: "Only this owner (a party of config/parties.yaml, or part of the owner as written).") var owner: String?
    @Option(help: "Only this body (part of its name is enough).") var body: String?
    @Option(help: "Only commitments made on or after this day (YYYY-MM-DD).") var from: String?
    @Option(help: "Only commitments made on or before this day (YYYY-MM-DD).") var to: String?
    @Option(name: .customLong("as-of"), help: "The day statuses are given for (YYYY-MM-DD; default: today).") var asOf: String?
    @Option(help: "Group by owner or body.") var by = "owner"
    @Flag(help: "Print the commitments as JSON.") var json = false

    mutating func run() throws {
        var statuses: Set<Commitment.Status>?
        switch status.lowercased() {
        case "all": statuses = nil
        case "open": statuses = [.open, .overdue]
        default:
            guard let s = Commitment.Status(rawValue: status.lowercased()) else {
                printError("relatoria: --status \(status) is not one of open, done, overdue, dropped, all")
                throw ExitCode(64)
            }
            statuses = [s]
        }
        guard let by = CommitmentFilter.Grouping(rawValue: by.lowercased()) else {
            printError("relatoria: --by \(by) is not owner or body")
            throw ExitCode(64)
        }
        let day = try FollowUpOptions.day(asOf, option: "--as-of") ?? DateCheck.today()
        let filter = CommitmentFilter(statuses: statuses, owner: owner, body: body,
                                      from: try FollowUpOptions.day(from, option: "--from"), to: try FollowUpOptions.day(to, option: "--to"))
        let followUp = try options.load()
        let result = try followUp.register(asOf: day)
        FollowUpOptions.warn(try followUp.warnings(result))
        let kept = result.commitments.filter { filter.keeps($0, parties: followUp.parties) }
        let groups = CommitmentFilter.group(kept, by: by, unknown: "(no \(by.rawValue))")
        if json {
            try FollowUpOptions.printJSON(groups.flatMap(\.commitments))
            return
        }
        guard !kept.isEmpty else {
            print("No commitments match (as of \(day)).")
            return
        }
        let counts = Commitment.Status.allCases.map { s in (s, kept.filter { $0.status == s }.count) }.filter { $0.1 > 0 }
        print("\(Counting.of(kept.count, "commitment")) as of \(day): " + counts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", "))
        for g in groups {
            print("")
            print("\(g.name) (\(g.commitments.count))")
            for c in g.commitments { print(CommitmentListing.lines(c, grouping: by).map { "  " + $0 }.joined(separator: "\n")) }
        }
    }
}

/// The text form of one commitment in `relatoria commitments`.
enum CommitmentListing {
    static func lines(_ c: Commitment, grouping: CommitmentFilter.Grouping) -> [String] {
        let mark = c.status.rawValue.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0)
        var out = ["\(mark) \(c.text.escapingControls)"]
        var facts: [String] = []
        if grouping == .body, let o = c.owner { facts.append(o) }
        facts.append(c.due.map { "due \($0)" } ?? "no due date")
        facts.append("made \(c.date ?? "undated")" + (grouping == .owner ? " by \(c.body ?? "an unknown body")" : ""))
        out.append("         " + facts.joined(separator: " · ") + " · \(c.id)")
        for r in c.carriedOver { out.append("         repeated \(r.date ?? "undated") in \(r.record)" + (r.due.map { ", due \($0)" } ?? "")) }
        for e in c.evidence {
            let snippet = e.text.count > 110 ? String(e.text.prefix(109)) + "…" : e.text
            out.append("         \(e.date ?? "") reported \(e.reports.rawValue) (confidence \(String(format: "%.2f", e.confidence))): \(snippet.escapingControls)")
        }
        for n in c.notes where !n.hasPrefix("reported pending") { out.append("         \(n.escapingControls)") }
        return out
    }
}

/// `relatoria commitments close ID`.
struct CommitmentsCloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close a commitment by hand, as done (the default) or dropped; kept through reindex."
    )

    @OptionGroup var options: FollowUpOptions
    @Option(help: "Why, or what was done.") var note: String?
    @Option(name: .customLong("as"), help: "done or dropped.") var status = "done"
    @Argument(help: "The commitment's id (a prefix is enough when unambiguous).") var id: String

    mutating func run() throws {
        guard let s = Commitment.Status(rawValue: status.lowercased()), s == .done || s == .dropped else {
            printError("relatoria: --as \(status) is not done or dropped")
            throw ExitCode(64)
        }
        try CommitmentsStatusChange.run(options, id: id, to: s, note: note)
    }
}

/// `relatoria commitments reopen ID`.
struct CommitmentsReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen",
        abstract: "Reopen a commitment closed by hand or reported done by later minutes."
    )

    @OptionGroup var options: FollowUpOptions
    @Option(help: "Why.") var note: String?
    @Argument(help: "The commitment's id (a prefix is enough when unambiguous).") var id: String

    mutating func run() throws {
        try CommitmentsStatusChange.run(options, id: id, to: .open, note: note)
    }
}

/// Setting a status by hand, for `close` and `reopen`.
enum CommitmentsStatusChange {
    static func run(_ options: FollowUpOptions, id: String, to status: Commitment.Status, note: String?) throws {
        let followUp = try options.load()
        let today = DateCheck.today()
        do {
            switch try followUp.changeStatus(id, to: status, note: note, who: ManualStatusLog.currentUser(), at: Date(), today: today) {
            case .unchanged(let c): print("\(c.id) is already \(c.status.rawValue); nothing changed")
            case .changed(let c): print("\(c.id) is now \(c.status.rawValue): \(c.text.escapingControls)")
            }
        } catch let e as FollowUp.LookupError {
            printError("relatoria: \(e)")
            if case .ambiguous = e { throw ExitCode(64) }
            throw ExitCode(66)
        } catch let e as RelatoriaError {
            printError("relatoria: \(e)")
            throw ExitCode(e.code == .inaccessiblePath ? 77 : 70)
        }
    }
}
