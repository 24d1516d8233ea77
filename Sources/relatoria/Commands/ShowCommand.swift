import ArgumentParser
import Foundation
import RelatoriaCore
import RelatoriaKit
import RelatoriaReview
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
    @Flag(name: .long, help: "Show the record as extracted, without the corrections people made.") var extracted = false

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
            let lines = extracted ? [] : try CorrectionLog(archive: archive).lines(found.id)
            if json {
                if lines.isEmpty {
                    FileHandle.standardOutput.write(data)
                } else {
                    FileHandle.standardOutput.write(try JSONValue.pretty(.object(try EffectiveRecord(recordFile: data, log: lines).json)))
                }
                print("")
                return
            }
            let effective = try EffectiveRecord(recordFile: data, log: lines)
            print(RecordSummary.render(effective.record, path: found.recordPath))
            if let w = effective.withdrawal { print("  withdrawn by \(w.user) on \(w.time.prefix(10)): \(w.reason ?? "")") }
            if let by = effective.supersededBy { print("  superseded by \(by)") }
            for old in effective.supersedes { print("  supersedes \(old)") }
            if !lines.isEmpty {
                let state = effective.reviewed.map { "reviewed by \($0.user) on \($0.time.prefix(10))" } ?? "not reviewed"
                print("  review    \(state); \(Counting.of(effective.corrections, "correction")) (relatoria history \(found.id.prefix(12)); --extracted shows the record as extracted)")
            }
            if found.filenames.count > 1 { print("  received  as " + found.filenames.map(\.escapingControls).joined(separator: ", ")) }
            print("  original  \(archive.url(found.originalPath).path)")
        } catch {
            printError("relatoria: \(found.id): cannot read the archived files: \(error)")
            throw ExitCode(66)
        }
    }
}
