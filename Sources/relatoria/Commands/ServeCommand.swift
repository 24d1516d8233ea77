import ArgumentParser
import Foundation
import Logging
import RelatoriaCore
import RelatoriaKit
import RelatoriaServer
import RelatoriaWatch
import ServiceLifecycle
import UnixSignals

/// `relatoria serve`: the watcher and the web application in one process.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Run the watcher and the web application (search, records, intake) together.",
        discussion: """
            Listens on server.host:server.port of relatoria.yaml (127.0.0.1:8080 by default) and \
            watches the inbox as relatoria watch does. Every page but the login needs an account: \
            create the first with relatoria user add NAME --role admin. SIGTERM or SIGINT stops \
            both gracefully and exits 0. To serve beyond this machine, put a TLS proxy in front \
            (it must send X-Forwarded-Proto: https, which makes the cookies Secure).
            """
    )

    @OptionGroup var configuration: ConfigOptions

    @Option(name: .long, help: "Inbox folder (default: `inbox` in relatoria.yaml, else ./inbox).")
    var inbox: String?

    @Option(name: .long, help: "Archive folder (default: `archive` in relatoria.yaml, else ./archive).")
    var archive: String?

    @Option(name: .long, help: "Address to listen on (server.host; default 127.0.0.1).")
    var host: String?

    @Option(name: .long, help: "Port to listen on (server.port; default 8080).")
    var port: Int?

    @Option(name: .long, help: "Log lines as plain text or JSON objects (plain|json).")
    var logFormat: String?

    mutating func run() async throws {
        let folder = try configuration.folder()
        var settings = try configuration.settings()
        if let inbox { settings.inbox = inbox }
        if let archive { settings.archive = archive }
        if let host { settings.server.host = host }
        if let port {
            guard (1...65535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") }
            settings.server.port = port
        }
        if let logFormat {
            guard let f = Settings.LogFormat(rawValue: logFormat) else { throw ValidationError("--log-format must be plain or json") }
            settings.logFormat = f
        }
        let extractor = try configuration.extractor()
        let resources: WebResources
        do { resources = try WebResources(folder: folder.appendingPathComponent("web")) } catch {
            printError("relatoria: \(error)")
            throw ExitCode(78)
        }
        announceNewArchive(at: settings.archive)
        let archiveURL = URL(fileURLWithPath: settings.archive)
        let users = UserStore(archive: archiveURL)
        do {
            if try users.users().isEmpty {
                printError("""
                    relatoria: no account exists yet, so no one can sign in. Create the first admin \
                    (this server sees it at once):
                      relatoria user add NAME --role admin --archive \(settings.archive)
                    """)
            }
        } catch {
            printError("relatoria: \(error)")
            throw ExitCode(65)
        }
        let format = settings.logFormat
        LoggingSystem.bootstrap { _ in LineLogHandler(json: format == .json) }
        let logger = Logger(label: "relatoria.serve")
        let watcher = try WatchCommand.watcher(settings: settings, folder: folder, extractor: extractor, logger: logger)
        let env = WebEnvironment(archive: archiveURL, inbox: URL(fileURLWithPath: settings.inbox), resources: resources,
                                 settings: settings.server, users: users, logger: Logger(label: "relatoria.web"),
                                 configuration: folder, packets: settings.packets)
        let app = WebApp.application(env, host: settings.server.host, port: settings.server.port, logger: Logger(label: "relatoria.web"))
        let group = ServiceGroup(configuration: .init(
            services: [
                // Either failing (the port taken) stops the other gracefully: the watcher
                // finishes or hands back the files it holds, as at SIGTERM.
                .init(service: WatchService(watcher: watcher), successTerminationBehavior: .gracefullyShutdownGroup,
                      failureTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: app, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        logger.info("web application on http://\(settings.server.host):\(settings.server.port)/")
        do { try await group.run() } catch {
            var reason = readable(error)
            if reason.contains("Address already in use") { reason = "the port is already in use (is another server running? pass --port)" }
            printError("relatoria: cannot serve on \(settings.server.host):\(settings.server.port): \(reason)")
            throw ExitCode(75)
        }
    }
}
