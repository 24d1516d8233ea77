import ArgumentParser
import Dispatch

struct RelatoriaCommand: ParsableCommand {
    static let name = "relatoria"
    static let configuration = CommandConfiguration(
        commandName: name,
        abstract: "Keeps the memory of a technical secretariat: minutes, declarations, decisions, commitments.",
        version: "0.1.0",
        subcommands: [ExtractCommand.self, IngestCommand.self, SearchCommand.self, ShowCommand.self, ReindexCommand.self, VerifyCommand.self, LogCommand.self, WatchCommand.self, ServeCommand.self, UserCommand.self, StatusCommand.self, PacketCommand.self, RetryCommand.self, BrowseCommand.self, CommitmentsCommand.self, PositionsCommand.self, PartiesCommand.self, ReportCommand.self, WorkerCommand.self, BenchmarkSearchCommand.self,
                      HistoryCommand.self, CorrectCommand.self, WithdrawCommand.self, SupersedeCommand.self, EvaluateCommand.self]
    )
}

/// The entry point. Commands run on the main thread; only the daemon (`watch`, an
/// `AsyncParsableCommand`) starts the concurrency runtime's threads. ArgumentParser's async
/// `main` would start them for every command, which costs a short command like `search` a
/// good part of its time.
///
/// `relatoria NAME ARGS` is parsed by the subcommand `NAME` alone when nothing in ARGS asks
/// for help, a version or a completion script: parsing from the root reflected every
/// subcommand's arguments and first tried the arguments as a completion-script request, a
/// millisecond of every `search`. The subcommands declare `_superCommandName` (ArgumentParser's
/// support for commands of a "super-command", like git's and swift's), which is what spares
/// them that request check. Anything the subcommand cannot parse is parsed again from the root,
/// so help, usage and error messages are the root's, word for word.
@main
enum Main {
    static func main() {
        do {
            var command = try parse(Array(CommandLine.arguments.dropFirst()))
            // The one asynchronous command, by its type: a cast to `any AsyncParsableCommand`
            // costs every command a lookup of the runtime's conformance records (0.56 M
            // instructions of a CLI search's 29). Another asynchronous command must be added here
            // (as `serve` is).
            if let daemon = command as? WatchCommand {
                runAsync(daemon)
            } else if let server = command as? ServeCommand {
                runAsync(server)
            } else {
                try command.run()
            }
        } catch {
            RelatoriaCommand.exit(withError: error)
        }
    }

    /// Runs an asynchronous command on the concurrency runtime, this thread waiting for it.
    static func runAsync(_ command: some AsyncParsableCommand) {
        nonisolated(unsafe) var running = command
        nonisolated(unsafe) var failure: (any Error)?
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { try await running.run() } catch { failure = error }
            done.signal()
        }
        done.wait()
        if let failure { RelatoriaCommand.exit(withError: failure) }
    }

    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        if let name = arguments.first,
           let sub = RelatoriaCommand.configuration.subcommands.first(where: { $0._commandName == name }),
           sub.configuration._superCommandName == RelatoriaCommand.name,
           !arguments.contains(where: isBuiltInFlag),
           let command = try? sub.parseAsRoot(Array(arguments.dropFirst())) {
            return command
        }
        return try RelatoriaCommand.parseAsRoot(arguments)
    }

    /// Whether `arg` is a flag ArgumentParser answers itself (left to the root command).
    private static func isBuiltInFlag(_ arg: String) -> Bool {
        arg == "-h" || arg == "--help" || arg == "--version"
            || arg.hasPrefix("--generate-completion-script") || arg.hasPrefix("--experimental-dump-help")
    }
}
