import ArgumentParser
import Foundation

import RelatoriaKit
import RelatoriaWatch
import RelatoriaStore

/// `relatoria search`: words, phrases and filters over the archive.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Search the archive by words, phrases, date, body, topic, kind, attendee or language.",
        discussion: """
            QUERY: words (all must match, AND between them says the same; accents and case do \
            not matter, reunion finds Reunión and reuniones), "exact phrases", OR between two \
            terms, -excluded or NOT excluded (NOT "a phrase" too), prefix*, and filters inline: \
            body:"Comisión de Enlace", from:2006-01-01, to:2006-12, topic:desplazamiento, \
            kind:minutes, attendee:"Liliana Duarte", language:es; in Spanish desde:, hasta:, \
            órgano:, tema:, tipo:, asistente:, idioma:. A kind may be named in English or Spanish: \
            minutes or acta, declaration or declaración, agenda or "orden del día", report or \
            informe, other or otro. An attendee or topic is found by every word given, in order, \
            each the beginning of a word of the name: "Liliana Duarte" finds Liliana Marcela \
            Duarte. Another name:value (fecha:2006) is an error; a time (10:30) or a link is \
            searched as text. With no QUERY, filters alone list records, newest first; with \
            excluded words only (topic:bosques -Amazonia), the records they list but those where \
            an excluded word occurs. A malformed query, an unknown option value or a period that \
            ends before it starts exits with status 64; a page past the last record says so \
            ("no records at offset 40 of 32") and exits 0.
            """
    )

    @OptionGroup var options: ArchiveOptions

    @Flag(name: .long, help: "Print JSON: {total, hits, facets}.")
    var json = false

    @Option(name: .long, help: "Records dated on or after (YYYY, YYYY-MM or YYYY-MM-DD).") var from: String?
    @Option(name: .long, help: "Records dated on or before.") var to: String?
    @Option(name: .long, help: "Body that met (part of its name, accents ignored).") var body: String?
    @Option(name: .long, help: "Topic label (its words or their beginnings, in order).") var topic: String?
    @Option(name: .long, help: "minutes, declaration, agenda, report or other; or acta, declaración, orden del día, informe, otro.") var kind: String?
    @Option(name: .long, help: "An attendee's name (its words or their beginnings, in order).") var attendee: String?
    @Option(name: .long, help: "Main language (es, en, ...).") var language: String?
    @Option(name: .long, help: "relevance or date (default: relevance with words, date without).") var sort: String?
    @Flag(name: .long, help: "Also find records a newer version supersedes (hidden by default; as superseded:yes in the query). Withdrawn records never appear.")
    var superseded = false
    @Option(name: .long, parsing: .unconditional, help: "Hits per page, 1 to 1000.") var limit = 20
    @Option(name: .long, parsing: .unconditional, help: "Hits to skip.") var offset = 0

    @Argument(parsing: .allUnrecognized, help: "The query (quote it, or write it after the options).")
    var query: [String] = []

    @Flag(name: .long, help: "Search in this process even when a watcher running on the archive could answer.")
    var noDaemon = false

    /// This program, as the watcher's search socket compares it (see ``SearchSocket``).
    static var identity: String { FileStamp.programIdentity(version: RelatoriaCommand.configuration.version) }

    mutating func run() throws {
        var request = SearchRequest()
        (request.from, request.to, request.body, request.topic) = (from, to, body, topic)
        (request.kind, request.attendee, request.language, request.sort) = (kind, attendee, language, sort)
        (request.limit, request.offset, request.json, request.terminal) = (limit, offset, json, stdoutIsTerminal)
        request.text = query.joined(separator: " ")
        request.superseded = superseded
        let q: SearchQuery
        do { q = try request.query() } catch let e as SearchRequest.InvalidOption {
            printError("relatoria: \(e.message)")
            throw ExitCode(64)
        } catch let e as SearchQuery.Invalid {
            printError("relatoria: invalid query: \(e.message)")
            throw ExitCode(64)
        }
        // A watcher running on this archive answers from its open index (the same output).
        if !noDaemon, let answer = SearchSocket.ask(archive: options.archive, identity: Self.identity, request: request) {
            printOut(String(decoding: answer, as: UTF8.self), terminator: "")
            return
        }
        var (_, index) = try options.openIndex(readOnly: true)
        // One search in this process: opening a second connection (with its own mapping of
        // the index) to scan half of the matches costs more than it saves. Measured at 20,000
        // records: "ACCIÓN SOCIAL" 28.9 ms split, 26.5 not; Keller 17.7 and 16.2. A watcher,
        // which keeps its connections, does split.
        index.searchSplitAt = .max
        let results: SearchResults
        do {
            results = try index.search(q)
        } catch {
            printError("relatoria: the search failed: \(error)")
            throw ExitCode(70)
        }
        printOut(try request.output(results, query: q))
        // The read-only connection is left open for the process's exit to close: closing it
        // (GRDB's DatabaseQueue deinit) cost 0.9 M instructions of a search's 28 M, mostly a
        // first lookup of the runtime's conformance records.
        Self.closedAtExit = index
    }

    nonisolated(unsafe) private static var closedAtExit: RecordIndex?
}
