import ArgumentParser
import Foundation
import RelatoriaCore
import RelatoriaKit
import RelatoriaStore

/// `relatoria show`: one archived record.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Show an archived record by its id (a prefix is enough when unambiguous)."
    )

    @OptionGroup var options: ArchiveOptions

    @Flag(name: .long, help: "Print the record as JSON.") var json = false
    @Flag(name: .long, help: "Write the original file's bytes to standard output.") var original = false

    @Argument(help: "Record id or id prefix.") var id: String

    mutating func run() throws {
        let (archive, index) = try options.openIndex(readOnly: true)
        let matches = try index.ids(withPrefix: id)
        guard !matches.isEmpty else {
            printError("relatoria: no record with id \(id)")
            throw ExitCode(66)
        }
        guard matches.count == 1 || matches.contains(id.lowercased()) else {
            printError("relatoria: the id prefix \(id) is ambiguous: \(matches.joined(separator: ", "))")
            throw ExitCode(64)
        }
        let full = matches.count == 1 ? matches[0] : id.lowercased()
        guard let entry = try index.entry(id: full) else { throw ExitCode(66) }
        do {
            if original {
                FileHandle.standardOutput.write(try archive.read(entry.originalPath))
                return
            }
            let data = try archive.read(entry.recordPath)
            if json {
                FileHandle.standardOutput.write(data)
                print("")
                return
            }
            let record = try RecordEncoding.decode(data)
            print(RecordSummary.render(record, path: entry.recordPath))
            if entry.filenames.count > 1 { print("  received  as " + entry.filenames.map(\.escapingControls).joined(separator: ", ")) }
            print("  original  \(archive.url(entry.originalPath).path)")
        } catch {
            printError("relatoria: \(full): cannot read the archived files: \(error)")
            throw ExitCode(66)
        }
    }
}
