import ArgumentParser
import Foundation
import RelatoriaCore
import RelatoriaFollowUp

/// `relatoria positions`: the positions ledger.
struct PositionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "positions",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Consensus and dissent per topic and party over time, and the dissent points later followed by consensus."
    )

    @OptionGroup var options: FollowUpOptions
    @Option(help: "Only this party (a party of config/parties.yaml, or a name as written).") var party: String?
    @Option(help: "Only this topic (part of its name is enough).") var topic: String?
    @Option(help: "Only meetings on or after this day (YYYY-MM-DD).") var from: String?
    @Option(help: "Only meetings on or before this day (YYYY-MM-DD).") var to: String?
    @Flag(help: "Print the ledger as JSON.") var json = false

    mutating func run() throws {
        let from = try FollowUpOptions.day(from, option: "--from"), to = try FollowUpOptions.day(to, option: "--to")
        let followUp = try options.load()
        FollowUpOptions.warn(followUp.problems)
        let ledger = PositionsLedger(records: followUp.records, parties: followUp.parties, party: party, topic: topic, from: from, to: to, stopwords: followUp.lexicon.stopwords)
        if json {
            struct Out: Encodable { var lines: [PositionsLedger.Line]; var moved: [PositionsLedger.Moved] }
            return try FollowUpOptions.printJSON(Out(lines: ledger.lines, moved: ledger.moved))
        }
        guard !ledger.lines.isEmpty else { return print("No consensus or dissent matches.") }
        var topic = ""
        for l in ledger.lines {
            if l.topic != topic {
                topic = l.topic
                print("\n\(topic)")
            }
            print("  \(l.party): \(l.consensus) consensus, \(l.dissent) dissent")
            for i in l.items {
                let with = i.with.isEmpty ? "" : " (with \(i.with.joined(separator: ", ")))"
                print("    \(i.entry.date ?? "undated") \(i.entry.kind.rawValue.uppercased())\(with): \(i.entry.text.escapingControls) [\(i.entry.body ?? "—")]")
            }
        }
        print("\nPoints that moved (dissent later followed by consensus): \(ledger.moved.count)")
        for m in ledger.moved {
            print("  \(m.topic) · \(m.parties.joined(separator: ", ")): \(m.dissent.date ?? "") \(m.dissent.text.escapingControls) → \(m.consensus.date ?? "") \(m.consensus.text.escapingControls)")
        }
    }
}
