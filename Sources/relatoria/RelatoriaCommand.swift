import ArgumentParser

@main
struct RelatoriaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relatoria",
        abstract: "Keeps the memory of a technical secretariat: minutes, declarations, decisions, commitments.",
        version: "0.1.0",
        subcommands: [ExtractCommand.self, IngestCommand.self, SearchCommand.self, ShowCommand.self, ReindexCommand.self, VerifyCommand.self, LogCommand.self, WatchCommand.self, StatusCommand.self, PacketCommand.self, WorkerCommand.self, BenchmarkSearchCommand.self]
    )
}
