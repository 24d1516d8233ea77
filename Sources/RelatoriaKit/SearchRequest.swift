public import Foundation
import RelatoriaCore
public import RelatoriaStore

/// A search as `relatoria search` was asked for it: the query text, the filter options and
/// how to print the results. The same request gives the same output whether the command
/// runs it itself or the running watcher answers it (``SearchSocket``).
public struct SearchRequest: Sendable, Equatable {
    /// The query text (words, phrases, inline filters).
    public var text = ""
    public var from: String?
    public var to: String?
    public var body: String?
    public var topic: String?
    public var kind: String?
    public var attendee: String?
    public var language: String?
    public var sort: String?
    /// Also find superseded records (`--superseded`, `superseded=yes`, `superseded:yes`).
    public var superseded = false
    public var limit = 20
    public var offset = 0
    /// JSON instead of text.
    public var json = false
    /// Matched words in bold (for a terminal) instead of between « ».
    public var terminal = false

    public init() {}

    /// An option of the request that cannot be used; the message names the option
    /// ("--limit must be a positive number, got 0").
    public struct InvalidOption: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
        public init(message: String) { self.message = message }
    }

    /// The most hits a page may show.
    public static let maximumLimit = 1000

    /// The parsed query.
    /// - Throws: ``InvalidOption`` for an option that cannot be used (the options are checked
    ///   first), ``SearchQuery/Invalid`` for a malformed query text.
    public func query() throws -> SearchQuery {
        var q = SearchQuery()
        do { try q.setPeriod(from: from, to: to) } catch let e as SearchQuery.Invalid { throw InvalidOption(message: e.message) }
        for (key, value) in [("body", body), ("topic", topic), ("kind", kind), ("attendee", attendee), ("language", language)] {
            guard let value else { continue }
            do { try q.setFilter(key, value) } catch let e as SearchQuery.Invalid { throw InvalidOption(message: "--\(key): \(e.message)") }
        }
        if let sort {
            guard let s = SearchQuery.Sort(rawValue: sort) else { throw InvalidOption(message: "--sort must be relevance or date, got \(sort)") }
            q.sort = s
        }
        guard limit > 0 else { throw InvalidOption(message: "--limit must be a positive number, got \(limit)") }
        guard limit <= Self.maximumLimit else { throw InvalidOption(message: "--limit must be at most \(Self.maximumLimit), got \(limit)") }
        guard offset >= 0 else { throw InvalidOption(message: "--offset must be 0 or more, got \(offset)") }
        q.limit = limit
        q.offset = offset
        q.superseded = superseded
        try q.parse(text)
        return q
    }

    /// `snippet` with the search's markers of matched words (U+0001 before, U+0002 after)
    /// replaced by `on` and `off`, byte by byte: each marker is one byte of UTF-8.
    /// (`replacingOccurrences` went through NSString, a tenth of a CLI search's instructions,
    /// and left a marker that a combining mark after it joins into one Character.)
    static func marking(_ snippet: String, on: String, off: String) -> String {
        guard snippet.utf8.contains(where: { $0 == 0x01 || $0 == 0x02 }) else { return snippet }
        var out: [UInt8] = []
        out.reserveCapacity(snippet.utf8.count + 8 * (on.utf8.count + off.utf8.count))
        for b in snippet.utf8 {
            switch b {
            case 0x01: out.append(contentsOf: on.utf8)
            case 0x02: out.append(contentsOf: off.utf8)
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// What the command prints for `results` of `query` (without the final newline).
    public func output(_ results: SearchResults, query: SearchQuery) throws -> String {
        if json {
            var r = results
            r.hits = r.hits.map { var h = $0; h.snippet = Self.marking(h.snippet, on: "«", off: "»"); return h }
            return try jsonLine(r)
        }
        let (on, off) = terminal ? ("\u{1B}[1m", "\u{1B}[0m") : ("«", "»")
        var out: [String] = []
        if results.hits.isEmpty && results.total > 0 {
            // A page past the last record.
            out.append("no records at offset \(query.offset) of \(results.total)")
        } else {
            let shown = query.offset + results.hits.count
            out.append("\(results.total) record\(results.total == 1 ? "" : "s")" + (results.total > results.hits.count ? " (showing \(query.offset + 1)–\(shown))" : ""))
        }
        for h in results.hits {
            out.append("")
            out.append("\(on)\(h.title.escapingControls)\(off)")
            out.append("  \(h.id)  \(h.date ?? "undated")  \(h.kind)  \(h.body?.escapingControls ?? "—")  \(h.filename.escapingControls)")
            let snippet = Self.marking(h.snippet, on: on, off: off)
            if !snippet.isEmpty { out.append("  \(snippet)") }
        }
        for facet in ["body", "topic", "year", "kind"] {
            guard let values = results.facets[facet], !values.isEmpty else { continue }
            out.append("")
            out.append("by \(facet): " + values.prefix(8).map { "\($0.value) (\($0.count))" }.joined(separator: ", "))
        }
        return out.joined(separator: "\n")
    }

    // MARK: - As bytes (for the watcher's socket)

    /// The request as NUL-separated names and values (no value of a command line can hold a NUL).
    func encoded() -> [UInt8] {
        var fields: [(String, String)] = [("text", text), ("limit", String(limit)), ("offset", String(offset)),
                                          ("json", json ? "1" : "0"), ("terminal", terminal ? "1" : "0"), ("superseded", superseded ? "1" : "0")]
        for (name, value) in [("from", from), ("to", to), ("body", body), ("topic", topic), ("kind", kind), ("attendee", attendee),
                              ("language", language), ("sort", sort)] {
            if let value { fields.append((name, value)) }
        }
        var bytes: [UInt8] = []
        for (name, value) in fields {
            bytes += Array(name.utf8) + [0] + Array(value.utf8) + [0]
        }
        return bytes
    }

    /// The request of ``encoded()``; nil for anything else (an unknown name, a missing value,
    /// a number that is not one, bytes that are not UTF-8).
    init?(encoded bytes: ArraySlice<UInt8>) {
        let parts = bytes.split(separator: 0, omittingEmptySubsequences: false)
        // Every field ends with a NUL, so the split leaves one empty part at the end.
        guard parts.count % 2 == 1, parts.last?.isEmpty == true else { return nil }
        var r = SearchRequest()
        var k = 0
        while k + 1 < parts.count {
            guard let name = String(validating: parts[k], as: UTF8.self), let value = String(validating: parts[k + 1], as: UTF8.self) else { return nil }
            switch name {
            case "text": r.text = value
            case "limit": guard let n = Int(value) else { return nil }; r.limit = n
            case "offset": guard let n = Int(value) else { return nil }; r.offset = n
            case "json": r.json = value == "1"
            case "terminal": r.terminal = value == "1"
            case "superseded": r.superseded = value == "1"
            case "from": r.from = value
            case "to": r.to = value
            case "body": r.body = value
            case "topic": r.topic = value
            case "kind": r.kind = value
            case "attendee": r.attendee = value
            case "language": r.language = value
            case "sort": r.sort = value
            default: return nil
            }
            k += 2
        }
        self = r
    }
}

/// JSON with keys sorted and no escaped slashes, on one line unless `pretty`.
public func jsonLine(_ value: some Encodable, pretty: Bool = false) throws -> String {
    let enc = JSONEncoder()
    enc.outputFormatting = pretty ? [.withoutEscapingSlashes, .prettyPrinted, .sortedKeys] : [.withoutEscapingSlashes, .sortedKeys]
    return String(decoding: try enc.encode(value), as: UTF8.self)
}
