import Foundation
import HTTPTypes
import RelatoriaCore
import RelatoriaKit
import RelatoriaStore

/// The operations of the pages and the API, over the same library calls as the CLI:
/// ``SearchRequest`` and ``RecordIndex/search(_:)`` as `relatoria search`, ``RecordLookup`` as
/// `relatoria show`, ``RecordIndex/log(limit:outcome:)`` as `relatoria log`.
struct Operations {
    let env: WebEnvironment

    /// A search request from a query string's fields (`q`, the filters, `sort`, `limit`, `offset`).
    static func searchRequest(_ f: FormFields, defaultLimit: Int = 20) throws -> SearchRequest {
        var r = SearchRequest()
        r.text = f["q"] ?? ""
        func value(_ k: String) -> String? { f[k].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        (r.from, r.to, r.body, r.topic) = (value("from"), value("to"), value("body"), value("topic"))
        (r.kind, r.attendee, r.language, r.sort) = (value("kind"), value("attendee"), value("language"), value("sort"))
        func number(_ k: String, _ d: Int) throws -> Int {
            guard let s = value(k) else { return d }
            guard let n = Int(s) else { throw WebError.badRequest("\(k) must be a whole number, not \(s)", code: "invalid_query") }
            return n
        }
        switch value("superseded").map(Folding.key) {
        case nil, "no", "0", "false": r.superseded = false
        case "yes", "si", "1", "true", "on": r.superseded = true
        case let other?: throw WebError.badRequest("superseded must be yes or no, not \(other)", code: "invalid_query")
        }
        r.limit = try number("limit", defaultLimit)
        r.offset = try number("offset", 0)
        r.json = true
        return r
    }

    /// The results of `request` (none while the archive is empty).
    /// - Throws: ``WebError`` 400 for a malformed query.
    func search(_ request: SearchRequest) async throws -> (SearchResults, SearchQuery) {
        let q: SearchQuery
        do { q = try request.query() } catch let e as SearchQuery.Invalid {
            throw WebError.badRequest(e.message.replacingOccurrences(of: "--", with: ""), code: "invalid_query")
        } catch let e as SearchRequest.InvalidOption {
            // A field out of range (offset=-1, limit=0, sort=size): the caller's, not the server's.
            throw WebError.badRequest(e.message.replacingOccurrences(of: "--", with: ""), code: "invalid_query")
        }
        let archive = env.archive
        let results = try await blocking { () throws -> SearchResults in
            guard let (_, index) = try archive.open() else { return try Self.noResults() }
            return try index.search(q, remembering: true)
        }
        return (results, q)
    }

    /// The results of a search of an archive that holds nothing yet.
    static func noResults() throws -> SearchResults {
        try JSONDecoder().decode(SearchResults.self, from: Data(#"{"total": 0, "hits": [], "facets": {}}"#.utf8))
    }

    /// The record with this id (or unambiguous prefix), its record file's bytes, and where it is.
    /// - Throws: ``WebError`` 404 when there is none, 409 when the prefix is ambiguous.
    func record(_ id: String) async throws -> (lookup: RecordLookup, data: Data, record: Record) {
        guard id.count >= 4, id.allSatisfy(\.isHexDigit) else {
            throw WebError.notFound("no record with id \(id) (an id is 4 to 64 hexadecimal digits)")
        }
        let archive = env.archive
        return try await blocking {
            guard let (files, index) = try archive.open() else { throw WebError.notFound("no record with id \(id)") }
            let found: RecordLookup
            do { found = try RecordLookup(id, in: index) } catch let f as RecordLookup.Failure {
                switch f {
                case .notFound: throw WebError.notFound(f.description)
                case .ambiguous: throw WebError(.conflict, "ambiguous_id", f.description)
                }
            }
            let data = try found.recordData(in: files)
            return (found, data, try RecordEncoding.decode(data))
        }
    }

    /// The original file of a record.
    func original(_ id: String) async throws -> (data: Data, record: Record) {
        let (found, _, record) = try await self.record(id)
        let archive = env.archive
        let data = try await blocking { () throws -> Data in
            guard let (files, _) = try archive.open() else { throw WebError.notFound("no record with id \(id)") }
            return try found.original(in: files)
        }
        return (data, record)
    }

    /// The latest `limit` lines of the ingest log, newest first (only `outcome` when given).
    func log(limit: Int, outcome: String?) async throws -> [RecordIndex.LogLine] {
        let archive = env.archive
        return try await blocking {
            guard let (_, index) = try archive.open() else { return [] }
            return try index.log(limit: limit, outcome: outcome).reversed()
        }
    }

    /// Puts an uploaded file into the inbox; returns the name it has there.
    func upload(_ data: Data, filename: String?) async throws -> String {
        guard let raw = filename, let name = InboxDrop.safeName(raw) else {
            throw WebError(.unprocessableContent, "invalid_name", "the file has no usable name")
        }
        guard !data.isEmpty else { throw WebError(.unprocessableContent, "empty_file", "the file \(name) is empty") }
        let inbox = env.inbox
        return try await blocking { try inbox.drop(data, as: name) }
    }
}
