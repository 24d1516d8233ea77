import Foundation
public import RelatoriaStore

/// The archive by year and by body, with counts, newest first: what the web application's
/// browse page shows, each line a search narrowed to it.
public struct ArchiveBrowse: Sendable, Codable, Equatable {
    /// Records of one year (`year` nil: undated records).
    public struct Year: Sendable, Codable, Equatable {
        public var year: String?
        public var count: Int
    }

    /// Records of one body (`name` nil: records with no body), in all and per year.
    public struct Body: Sendable, Codable, Equatable {
        public var name: String?
        public var count: Int
        /// Newest first, undated last.
        public var years: [Year]
    }

    public var total: Int
    /// Newest first, undated last.
    public var years: [Year]
    /// Those that met most recently first, then by name; the records with no body last.
    public var bodies: [Body]

    /// The counts of ``RecordIndex/countsByBodyAndYear()`` arranged.
    public init(counts: [(body: String?, year: String?, count: Int)]) {
        func newestFirst(_ a: Year, _ b: Year) -> Bool { (a.year ?? "") > (b.year ?? "") }
        var byYear: [String?: Int] = [:]
        var byBody: [String?: [Year]] = [:]
        for c in counts {
            byYear[c.year, default: 0] += c.count
            byBody[c.body, default: []].append(Year(year: c.year, count: c.count))
        }
        total = counts.reduce(0) { $0 + $1.count }
        years = byYear.map { Year(year: $0.key, count: $0.value) }.sorted(by: newestFirst)
        bodies = byBody.map { name, years in
            Body(name: name, count: years.reduce(0) { $0 + $1.count }, years: years.sorted(by: newestFirst))
        }.sorted { a, b in
            if (a.name == nil) != (b.name == nil) { return b.name == nil }
            let la = a.years.first?.year ?? "", lb = b.years.first?.year ?? ""
            if la != lb { return la > lb }
            return (a.name ?? "").localizedStandardCompare(b.name ?? "") == .orderedAscending
        }
    }

    /// The archive of `index`.
    public init(_ index: RecordIndex) throws {
        self.init(counts: try index.countsByBodyAndYear())
    }
}
