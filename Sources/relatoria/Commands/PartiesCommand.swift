import ArgumentParser
import Foundation
import RelatoriaCore
import RelatoriaFollowUp

/// `relatoria parties`: the parties of `config/parties.yaml`, or the names records use that
/// match none of them.
struct PartiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parties",
        _superCommandName: RelatoriaCommand.name,
        abstract: "List the parties of config/parties.yaml with how often records name them, or (--unknown) the names that match none."
    )

    @OptionGroup var options: FollowUpOptions
    @Flag(help: "List the names in records (owners, parties of positions, attendees' organizations) that match no party.") var unknown = false
    @Flag(help: "Print as JSON.") var json = false

    mutating func run() throws {
        let followUp = try options.load()
        FollowUpOptions.warn(followUp.problems)
        let census = PartyCensus(records: followUp.records, parties: followUp.parties)
        if unknown {
            if json { return try FollowUpOptions.printJSON(census.unknown) }
            guard !census.unknown.isEmpty else { return print("Every name in the records matches a party of parties.yaml.") }
            print("\(Counting.of(census.unknown.count, "name")) match no party (add them as aliases in config/parties.yaml):")
            for u in census.unknown {
                print("  \(u.name.escapingControls)  — \(Counting.of(u.count, "mention")) as \(u.roles.joined(separator: ", ")), e.g. record \(u.records.first ?? "")")
            }
            return
        }
        if json { return try FollowUpOptions.printJSON(census.known) }
        guard !followUp.parties.parties.isEmpty else {
            printError("relatoria: no parties: config/parties.yaml is missing or empty")
            throw ExitCode(78)
        }
        for g in followUp.parties.groups {
            print("\(g.name) (\(g.en))")
            for k in census.known where k.group == g.id {
                print("  \(k.name)\(k.en != k.name ? " / \(k.en)" : "")  — \(Counting.of(k.count, "mention"))")
            }
        }
    }
}
