import ArgumentParser
import Foundation
import RelatoriaCore
import RelatoriaKit
import RelatoriaStore

/// `relatoria reindex`: the index rebuilt from the archive's files.
struct ReindexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Rebuild index.sqlite from the archived records (and originals).",
        discussion: "With --reextract, every original is extracted again (after a lexicon change) and its record rewritten."
    )

    @OptionGroup var options: ArchiveOptions
    @Flag(name: .long, help: "Extract every original again and rewrite its record.") var reextract = false

    mutating func run() throws {
        let archive = try options.openExistingArchive()
        let extractor = try options.extractor()
        let start = Date()
        do {
            let progress = TerminalProgress(counting: "record")
            defer { progress.finish() }
            var orphaned: [String] = []
            let (n, problems) = try ArchiveMaintenance(archive: archive).reindex(extractor: extractor, reextract: reextract, progress: {
                progress.update(done: $0, total: $1)
            }, notes: { orphaned.append($0) })
            progress.finish()
            for p in problems { print("problem    \(p)") }
            for o in orphaned { print("orphaned   \(o)") }
            print("\(Counting.of(n, "record")) indexed in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
            if !problems.isEmpty { throw ExitCode(65) }
        } catch let e as ExitCode {
            throw e
        } catch {
            printError("relatoria: \(error)")
            throw ExitCode(66)
        }
    }
}

/// `relatoria verify`: every original, record and index row accounted for.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Check every original's hash, every record in the index and every index row's files.",
        discussion: "Exit status 0 when the archive is consistent, 1 when problems were found (each printed)."
    )

    @OptionGroup var options: ArchiveOptions
    @Flag(name: .long, help: "Print JSON: {records, problems}.") var json = false

    struct Report: Encodable { var records: Int; var problems: [String] }

    mutating func run() throws {
        let (archive, _) = try options.openIndex()
        let (n, problems) = try ArchiveMaintenance(archive: archive).verify()
        if json {
            print(try jsonLine(Report(records: n, problems: problems)))
        } else {
            for p in problems { print("problem    \(p)") }
            print(problems.isEmpty ? "\(Counting.of(n, "record")) verified: archive consistent" : "\(Counting.of(n, "record")), \(Counting.of(problems.count, "problem"))")
        }
        if !problems.isEmpty { throw ExitCode(1) }
    }
}

/// `relatoria log`: what arrived, when, and what became of it.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        _superCommandName: RelatoriaCommand.name, abstract: "List the ingest log: every file received, with its outcome.")

    @OptionGroup var options: ArchiveOptions
    @Flag(name: .long, help: "Print JSON Lines.") var json = false
    @Option(name: .long, parsing: .unconditional, help: "How many of the newest lines.") var limit = 50

    mutating func run() throws {
        guard limit > 0 else {
            printError("relatoria: --limit must be a positive number, got \(limit)")
            throw ExitCode(64)
        }
        let (_, index) = try options.openIndex(readOnly: true)
        for line in try index.log(limit: limit) {
            if json {
                print(try jsonLine(line))
            } else {
                var s = "\(line.time)  \(line.outcome.padding(toLength: 9, withPad: " ", startingAt: 0))  \(line.file.escapingControls)"
                if let id = line.recordId { s += "  → \(id)" }
                if let r = line.reason { s += ": \(r.escapingControls)" }
                print(s)
            }
        }
    }
}
