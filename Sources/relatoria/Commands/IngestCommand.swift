import ArgumentParser
import Foundation
import RelatoriaCore
import RelatoriaKit
import RelatoriaStore

/// `relatoria ingest`: files or folders into the archive.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Archive files and folders: extract each record, store original and record, index them.",
        discussion: """
            Folders are read recursively (hidden files skipped). The same bytes twice are one record; \
            a file that cannot be read goes to ARCHIVE/failed/ with a .error.txt saying why. Source \
            files are never modified or removed. Exit status: 0 when every file was archived or a \
            duplicate, 65 when some failed, 66 when the archive cannot be written.
            """
    )

    @OptionGroup var options: ArchiveOptions

    @Flag(name: .long, help: "Print a JSON summary: {archived, duplicates, failed, items}.")
    var json = false

    @Option(name: .long, parsing: .unconditional, help: "Parallel extraction workers (default: the number of cores).")
    var jobs: Int?

    @Argument(help: "Files or folders to ingest.")
    var paths: [String]

    mutating func run() throws {
        if let jobs, jobs < 1 {
            printError("relatoria: --jobs must be a positive number, got \(jobs)")
            throw ExitCode(64)
        }
        let extractor = try options.extractor()
        announceNewArchive(at: options.archive)
        let archive = try options.openArchive()
        var ingestor: Ingestor
        do {
            ingestor = try Ingestor(extractor: extractor, archiveRoot: archive.root)
            if let jobs { ingestor.jobs = jobs }
        } catch {
            printError("relatoria: \(error)")
            throw ExitCode(66)
        }
        let start = Date()
        let progress = TerminalProgress(counting: "file", enabled: !json)
        let summary: Ingestor.Summary
        do {
            summary = try ingestor.ingest(paths: paths) { done, total in progress.update(done: done, total: total) }
        } catch {
            progress.finish()
            printError("relatoria: \(error)")
            throw ExitCode(66)
        }
        progress.finish()
        if json {
            print(try jsonLine(summary))
        } else {
            for item in summary.items where item.outcome == .failed {
                print("failed     \(item.file.escapingControls): \(item.reason ?? "")")
            }
            let seconds = Date().timeIntervalSince(start)
            print("\(summary.archived) archived, \(Counting.of(summary.duplicates, "duplicate")), \(summary.failed) failed in \(String(format: "%.1f", seconds)) s → \(options.archive)")
        }
        if summary.failed > 0 { throw ExitCode(65) }
    }
}
