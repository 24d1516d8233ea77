import ArgumentParser
import Foundation
import RelatoriaCore
import RelatoriaKit
import RelatoriaStore

/// `relatoria retry`: a file the archive set aside in `failed/`, back to the inbox.
struct RetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Move a failed file (by its name in ARCHIVE/failed/) back to the inbox, so the watcher takes it again.",
        discussion: """
            With no name, lists the files kept in failed/ and why each failed. A retried file \
            goes back under the name it arrived with; nothing in the inbox is replaced. Exit \
            status: 64 for a name that is not a file of failed/, 66 for an unknown name, 75 when \
            a file of that name is still in the inbox (retry once the watcher has taken it), 77 \
            when the file cannot be moved.
            """
    )

    @OptionGroup var options: ArchiveOptions

    @Option(name: .long, help: "Inbox folder (default: `inbox` in relatoria.yaml, else ./inbox).")
    var inbox: String?

    @Flag(name: .long, help: "List as JSON.") var json = false

    @Argument(help: "Names of files in ARCHIVE/failed/ (as listed).") var names: [String] = []

    mutating func run() throws {
        let archive = try options.openExistingArchive()
        let inboxPath = try inbox ?? options.configuration.settings().inbox
        let failed = FailedFiles(archiveRoot: archive.root, inbox: URL(fileURLWithPath: inboxPath))
        guard !names.isEmpty else {
            let all = failed.list()
            if json { return print(try jsonLine(all, pretty: true)) }
            if all.isEmpty { print("no file in failed/") }
            for e in all {
                print("\(e.name.escapingControls)  \(Counting.of(e.bytes, "byte"))" + (e.reason.map { ": \($0.escapingControls)" } ?? ""))
            }
            return
        }
        var status: Int32 = 0
        for name in names {
            do {
                let moved = try failed.retry(name)
                print("\(name.escapingControls) is back in the inbox as \(moved.escapingControls)")
            } catch let r as FailedFiles.Refusal {
                printError("relatoria: \(r)")
                let code: Int32 = switch r {
                case .invalidName: 64
                case .unknown: 66
                case .inInbox: 75
                case .cannotMove: 77
                }
                if status == 0 { status = code }
            }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
