import ArgumentParser
import Foundation
import Logging
import RelatoriaCore
import RelatoriaKit
import RelatoriaStore
import RelatoriaWatch
import ServiceLifecycle
import UnixSignals

/// `relatoria watch`: the daemon.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Watch the inbox and archive every complete file dropped into it (the daemon).",
        discussion: """
            Files are taken once complete (closed or renamed in, and unchanged for \
            watch.settle_delay), extracted by worker processes, written into the archive, and only \
            then removed from the inbox. Files that cannot be read go to ARCHIVE/failed/ with the \
            reason. SIGTERM or SIGINT stops intake and exits 0; files being extracted are finished \
            or left in the inbox for the next start. Settings: config/relatoria.yaml (see \
            config/README.md); these flags override it.
            """
    )

    @OptionGroup var configuration: ConfigOptions

    @Option(name: .long, help: "Inbox folder (default: `inbox` in relatoria.yaml, else ./inbox).")
    var inbox: String?

    @Option(name: .long, help: "Archive folder (default: `archive` in relatoria.yaml, else ./archive).")
    var archive: String?

    @Option(name: .long, help: "Log lines as plain text or JSON objects (plain|json).")
    var logFormat: String?

    @Option(name: .long, help: "Seconds a file must stay unchanged before it is taken (watch.settle_delay).")
    var settleDelay: Double?

    @Option(name: .long, help: "Extraction worker processes (watch.workers; default: the core count).")
    var workers: Int?

    mutating func run() async throws {
        let folder = try configuration.folder()
        var settings = try configuration.settings()
        if let inbox { settings.inbox = inbox }
        if let archive { settings.archive = archive }
        if let settleDelay { settings.watch.settleDelay = max(0, settleDelay) }
        if let workers { settings.watch.workers = max(1, workers) }
        if let logFormat {
            guard let f = Settings.LogFormat(rawValue: logFormat) else {
                throw ValidationError("--log-format must be plain or json")
            }
            settings.logFormat = f
        }
        let extractor = try configuration.extractor()  // a bad lexicon stops here, not in every worker
        announceNewArchive(at: settings.archive)
        let format = settings.logFormat
        LoggingSystem.bootstrap { _ in LineLogHandler(json: format == .json) }
        let logger = Logger(label: "relatoria.watch")
        let watcher = try Self.watcher(settings: settings, folder: folder, extractor: extractor, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: WatchService(watcher: watcher), successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
    }
}

extension WatchCommand {
    /// The watcher of `settings` (also run by `relatoria serve`); exit status 75 when another
    /// watcher holds the archive, 66 when the inbox or archive cannot be used.
    static func watcher(settings: Settings, folder: URL, extractor: RecordExtractor, logger: Logger) throws -> Watcher {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let options = Watcher.Options(inbox: URL(fileURLWithPath: settings.inbox), archive: URL(fileURLWithPath: settings.archive),
                                      settings: settings.watch, workerCommand: [executable, "worker", "--config", folder.path],
                                      searchIdentity: SearchCommand.identity)
        do {
            return try Watcher(options: options, extractor: extractor, logger: logger)
        } catch let running as WatcherAlreadyRunning {
            printError("relatoria: \(running)")
            throw ExitCode(75)  // EX_TEMPFAIL: it can start once the other one stops
        } catch {
            printError("relatoria: \(readable(error))")
            throw ExitCode(66)
        }
    }
}

/// `relatoria status`: what the daemon is doing.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Show the watcher's state: its queue, its latest outcomes and the latest failures."
    )

    @OptionGroup var options: ArchiveOptions

    @Flag(name: .long, help: "Print JSON: {running, status, failures}.")
    var json = false

    @Option(name: .long, parsing: .unconditional, help: "Failures from the ingest log to list (0 for none).")
    var failures = 10

    struct Report: Encodable {
        var running: Bool
        var status: WatchStatus?
        var failures: [RecordIndex.LogLine]
    }

    func run() throws {
        guard failures >= 0 else {
            printError("relatoria: --failures must be 0 or more, got \(failures)")
            throw ExitCode(64)
        }
        let folder = URL(fileURLWithPath: options.archive).appendingPathComponent("watch")
        let running = WatchStatus.isRunning(in: folder)
        let status = WatchStatus.load(in: folder)
        // The index alone, read-only in spirit: the status must show even when the archive's
        // folders are broken (that may be why intake is paused).
        let indexPath = options.archive + "/index.sqlite"
        var failed: [RecordIndex.LogLine] = []
        if FileManager.default.fileExists(atPath: indexPath) {
            do { failed = try RecordIndex(path: indexPath).log(limit: failures, outcome: "failed") } catch {
                printError("relatoria: cannot read the ingest log: \(readable(error))")
            }
        } else if status == nil {
            printError("relatoria: \(options.archive): no archive here (run relatoria watch or relatoria ingest first, or pass --archive DIR)")
            throw ExitCode(66)
        }
        if json {
            print(try jsonLine(Report(running: running, status: status, failures: failed), pretty: true))
            return
        }
        if let s = status {
            if running {
                print("watching \(s.inbox) → \(s.archive) (pid \(s.pid), since \(s.started), \(counted(s.workers, "worker")), settle \(s.settleDelay) s)")
                print("state      \(s.state)\(s.paused.map { ": \($0)" } ?? "")")
            } else {
                print("not running (last watcher: pid \(s.pid), \(s.state) at \(s.updated))")
            }
            print("queue      \(s.queue.settling) settling, \(s.queue.ready) ready, \(s.queue.inFlight) in flight, \(s.queue.held) held (unreadable, left in the inbox)")
            var since = ["\(s.received) received", "\(s.archived) archived", counted(s.duplicates, "duplicate"), "\(s.failed) failed"]
            if let ignored = s.ignored { since.append("\(ignored) ignored by name") }
            if let skipped = s.skipped { since.append("\(skipped) skipped") }
            if let searches = s.searches { since.append(counted(searches, "search", "searches") + " answered") }
            print("since start " + since.joined(separator: ", "))
            if !s.recent.isEmpty {
                print("\nlatest outcomes")
                for o in s.recent.suffix(10) {
                    print("  \(o.time)  \(o.outcome.padding(toLength: 9, withPad: " ", startingAt: 0)) \(o.file.escapingControls)\(o.id.map { "  \($0.prefix(12))" } ?? "")\(o.reason.map { "  \($0)" } ?? "")")
                }
            }
        } else {
            print("not running (no watcher has run on \(options.archive))")
        }
        if !failed.isEmpty {
            print("\nlatest failures (relatoria log for all)")
            for line in failed { print("  \(line.time)  \(line.file.escapingControls): \(line.reason ?? "")") }
        }
    }
}

/// "1 worker", "2 workers".
private func counted(_ n: Int, _ one: String, _ many: String? = nil) -> String {
    "\(n) " + (n == 1 ? one : many ?? one + "s")
}

/// `relatoria worker`: an extraction process of the daemon (not for people).
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Extraction worker of `relatoria watch` (requests on standard input).",
        shouldDisplay: false
    )

    @OptionGroup var configuration: ConfigOptions

    func run() throws {
        WorkerProtocol.serve(extractor: try configuration.extractor())
    }
}
