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
        let found: RecordLookup
        do { found = try RecordLookup(id, in: index) } catch let failure as RecordLookup.Failure {
            printError("relatoria: \(failure)")
            if case .ambiguous = failure { throw ExitCode(64) }
            throw ExitCode(66)
        }
        do {
            if original {
                FileHandle.standardOutput.write(try found.original(in: archive))
                return
            }
            let data = try found.recordData(in: archive)
            if json {
                FileHandle.standardOutput.write(data)
                print("")
                return
            }
            let record = try RecordEncoding.decode(data)
            print(RecordSummary.render(record, path: found.recordPath))
            if found.filenames.count > 1 { print("  received  as " + found.filenames.map(\.escapingControls).joined(separator: ", ")) }
            print("  original  \(archive.url(found.originalPath).path)")
        } catch {
            printError("relatoria: \(found.id): cannot read the archived files: \(error)")
            throw ExitCode(66)
        }
    }
}
