import ArgumentParser
import Foundation

import RelatoriaStore

/// `relatoria search`: words, phrases and filters over the archive.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Search the archive by words, phrases, date, body, topic, kind, attendee or language.",
        discussion: """
            QUERY: words (all must match; accents and case do not matter, reunion finds Reunión and \
            reuniones), "exact phrases", OR between two terms, -excluded, prefix*, and filters \
            inline: body:"Comisión de Enlace", from:2006-01-01, to:2006-12, topic:desplazamiento, \
            kind:minutes, attendee:Sjöberg, language:es. With no QUERY, filters alone list records, \
            newest first. A malformed query exits with status 64.
            """
    )

    @OptionGroup var options: ArchiveOptions

    @Flag(name: .long, help: "Print JSON: {total, hits, facets}.")
    var json = false

    @Option(name: .long, help: "Records dated on or after (YYYY, YYYY-MM or YYYY-MM-DD).") var from: String?
    @Option(name: .long, help: "Records dated on or before.") var to: String?
    @Option(name: .long, help: "Body that met (part of its name, accents ignored).") var body: String?
    @Option(name: .long, help: "Topic label (part of it).") var topic: String?
    @Option(name: .long, help: "minutes, declaration, agenda, report or other.") var kind: String?
    @Option(name: .long, help: "An attendee's name (part of it).") var attendee: String?
    @Option(name: .long, help: "Main language (es, en, ...).") var language: String?
    @Option(name: .long, help: "relevance or date (default: relevance with words, date without).") var sort: String?
    @Option(name: .long, help: "Hits per page (default 20).") var limit = 20
    @Option(name: .long, help: "Hits to skip.") var offset = 0

    @Argument(parsing: .allUnrecognized, help: "The query (quote it, or write it after the options).")
    var query: [String] = []

    mutating func run() throws {
        var q = SearchQuery()
        do {
            for (key, value) in [("from", from), ("to", to), ("body", body), ("topic", topic), ("kind", kind), ("attendee", attendee), ("language", language)] {
                if let value { try q.setFilter(key, value) }
            }
            if let sort {
                guard let s = SearchQuery.Sort(rawValue: sort) else { throw SearchQuery.Invalid(message: "--sort must be relevance or date") }
                q.sort = s
            }
            guard (1...1000).contains(limit), offset >= 0 else { throw SearchQuery.Invalid(message: "--limit must be 1 to 1000 and --offset not negative") }
            q.limit = limit
            q.offset = offset
            try q.parse(query.joined(separator: " "))
        } catch let e as SearchQuery.Invalid {
            printError("relatoria: invalid query: \(e.message)")
            throw ExitCode(64)
        }
        let (_, index) = try options.openIndex(readOnly: true)
        let results: SearchResults
        do {
            results = try index.search(q)
        } catch {
            printError("relatoria: the search failed: \(error)")
            throw ExitCode(70)
        }
        if json {
            var r = results
            r.hits = r.hits.map { var h = $0; h.snippet = h.snippet.replacingOccurrences(of: "\u{1}", with: "«").replacingOccurrences(of: "\u{2}", with: "»"); return h }
            print(try jsonLine(r))
            return
        }
        print(Self.render(results, query: q))
    }

    static func render(_ r: SearchResults, query: SearchQuery) -> String {
        let (on, off) = stdoutIsTerminal ? ("\u{1B}[1m", "\u{1B}[0m") : ("«", "»")
        var out: [String] = []
        let shown = r.hits.isEmpty ? 0 : query.offset + r.hits.count
        out.append("\(r.total) record\(r.total == 1 ? "" : "s")" + (r.total > r.hits.count ? " (showing \(query.offset + 1)–\(shown))" : ""))
        for h in r.hits {
            out.append("")
            out.append("\(on)\(h.title)\(off)")
            out.append("  \(h.id)  \(h.date ?? "undated")  \(h.kind)  \(h.body ?? "—")  \(h.filename)")
            let snippet = h.snippet.replacingOccurrences(of: "\u{1}", with: on).replacingOccurrences(of: "\u{2}", with: off)
            if !snippet.isEmpty { out.append("  \(snippet)") }
        }
        for facet in ["body", "topic", "year", "kind"] {
            guard let values = r.facets[facet], !values.isEmpty else { continue }
            out.append("")
            out.append("by \(facet): " + values.prefix(8).map { "\($0.value) (\($0.count))" }.joined(separator: ", "))
        }
        return out.joined(separator: "\n")
    }
}
