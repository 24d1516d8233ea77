import ArgumentParser
import Foundation
import RelatoriaStore

/// `relatoria benchmark-search`: search latency in one process, for scripts/bench.sh.
struct BenchmarkSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark-search",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Time a fixed mix of searches, or the queries given, in one process (median and p99, milliseconds).",
        shouldDisplay: false
    )

    @OptionGroup var options: ArchiveOptions
    @Option(name: .customLong("repeat"), parsing: .unconditional, help: "Runs of each query.") var runs: Int = 20
    @Argument(help: "Queries to time instead of the fixed mix.") var only: [String] = []

    /// The mix: words, accents, phrases, stems, prefixes, OR, NOT, filters, and a word that
    /// matches nothing; most match many documents, which is the hard case for ranking.
    static let queries: [String] = [
        "desplazamiento", "Cancillería", "reunion", "Bogota", "\"Comisión de Seguimiento\"", "\"Ley de Justicia y Paz\"",
        "\"comision de enlace\"", "Suecia bosques", "\"derechos humanos\" -OACNUDH", "desplaz*", "\"ACCIÓN SOCIAL\"", "acuerdos",
        "displacement", "\"human rights defenders\"", "recommendation", "OHCHR OR UNDP", "Keller", "comisión from:2006-01-01 to:2006-12-31",
        "zzqxjv", "kind:minutes body:\"Comisión de Seguimiento\"", "topic:bosques", "attendee:Sjöberg", "acta from:2006", "language:en decisions",
    ]

    mutating func run() throws {
        guard runs > 0 else {
            printError("relatoria: --repeat must be a positive number, got \(runs)")
            throw ExitCode(64)
        }
        let (_, index) = try options.openIndex(readOnly: true)
        var perQuery: [(String, Double, Int)] = []
        var samples: [(ms: Double, query: String, run: Int)] = []
        let queries = only.isEmpty ? Self.queries : only
        for text in queries {
            var q = SearchQuery()
            try q.parse(text)
            q.limit = 10
            var times: [Double] = []
            var total = 0
            for run in 0..<runs {
                let t0 = DispatchTime.now().uptimeNanoseconds
                total = try index.search(q).total
                times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                samples.append((times[times.count - 1], text, run + 1))
            }
            times.sort()
            perQuery.append((text, times[times.count / 2], total))
        }
        let all = samples.map(\.ms).sorted()
        for (q, median, hits) in perQuery {
            print(String(format: "  %8.2f ms  %6d hits  %@", median, hits, q))
        }
        // The slowest runs, which make the p99: which query, and which of its runs.
        print("slowest runs:")
        for s in samples.sorted(by: { $0.ms > $1.ms }).prefix(6) {
            print(String(format: "  %8.2f ms  run %2d  %@", s.ms, s.run, s.query))
        }
        func p99(_ sorted: [Double]) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))] }
        print(String(format: "search_in_process_ms_median=%.2f", all[all.count / 2]))
        print(String(format: "search_in_process_ms_p99=%.2f", p99(all)))
        // Without each query's first run (the process's first search loads the search tables;
        // a query's first run faults in its terms' pages of the index): a warm server's p99.
        let warm = samples.filter { $0.run > 1 }.map(\.ms).sorted()
        if !warm.isEmpty { print(String(format: "search_in_process_ms_p99_warm=%.2f", p99(warm))) }
        print("search_queries=\(queries.count)")
    }
}
