import ArgumentParser
import Dispatch

struct RelatoriaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relatoria",
        abstract: "Keeps the memory of a technical secretariat: minutes, declarations, decisions, commitments.",
        version: "0.1.0",
        subcommands: [ExtractCommand.self, IngestCommand.self, SearchCommand.self, ShowCommand.self, ReindexCommand.self, VerifyCommand.self, LogCommand.self, WatchCommand.self, StatusCommand.self, PacketCommand.self, WorkerCommand.self, BenchmarkSearchCommand.self]
    )
}

/// The entry point. Commands run on the main thread; only the daemon (`watch`, an
/// `AsyncParsableCommand`) starts the concurrency runtime's threads. ArgumentParser's async
/// `main` would start them for every command, which costs a short command like `search` a
/// good part of its time.
@main
enum Main {
    static func main() {
        do {
            var command = try RelatoriaCommand.parseAsRoot()
            if let daemon = command as? any AsyncParsableCommand {
                nonisolated(unsafe) var running = daemon
                nonisolated(unsafe) var failure: (any Error)?
                let done = DispatchSemaphore(value: 0)
                Task.detached {
                    do { try await running.run() } catch { failure = error }
                    done.signal()
                }
                done.wait()
                if let failure { RelatoriaCommand.exit(withError: failure) }
            } else {
                try command.run()
            }
        } catch {
            RelatoriaCommand.exit(withError: error)
        }
    }
}
