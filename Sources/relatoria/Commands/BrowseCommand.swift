import ArgumentParser
import Foundation
import RelatoriaCore
import RelatoriaKit

/// `relatoria browse`: the archive by year and by body, with counts, newest first (the web
/// application's browse page).
struct BrowseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Count the records by year and by body, newest first."
    )

    @OptionGroup var options: ArchiveOptions
    @Flag(name: .long, help: "Print JSON: {total, years: [{year, count}], bodies: [{name, count, years}]}.") var json = false

    mutating func run() throws {
        let (_, index) = try options.openIndex(readOnly: true)
        let browse = try ArchiveBrowse(index)
        if json { return print(try jsonLine(browse, pretty: true)) }
        print(Counting.of(browse.total, "record"))
        guard browse.total > 0 else { return }
        print("\nBy year")
        for y in browse.years { print("  \(y.year ?? "undated")  \(Counting.of(y.count, "record"))") }
        print("\nBy body")
        for b in browse.bodies {
            let years = b.years.map { "\($0.year ?? "undated") (\($0.count))" }.joined(separator: ", ")
            print("  \((b.name ?? "(no body)").escapingControls)  \(Counting.of(b.count, "record")): \(years)")
        }
    }
}
