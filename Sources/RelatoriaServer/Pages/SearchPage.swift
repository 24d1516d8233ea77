import Foundation
import Hummingbird
import RelatoriaCore
import RelatoriaKit
import RelatoriaReview
import RelatoriaStore

extension PageRoutes {
    /// The filter fields of the search form, in order.
    static let filterFields = ["from", "to", "body", "topic", "attendee", "language"]

    /// `/search`: the form, the hits with their snippets, facets that narrow, pages.
    func searchPage(_ request: Request, _ context: WebContext) async throws -> Response {
        let f = FormFields(request.uri.query ?? "")
        let lang = context.language
        func w(_ k: String) -> String { env.resources.word(k, lang) }
        var values: [String: Any] = ["q": f["q"] ?? "", "path": request.uri.description]
        for name in Self.filterFields { values[name] = f[name] ?? "" }
        if let s = f["superseded"], ["yes", "si", "sí", "1", "true", "on"].contains(s.lowercased()) { values["superseded"] = true }
        values["kinds"] = ([""] + Record.Kind.allCases.map(\.rawValue)).map { k in
            ["value": k, "label": k.isEmpty ? w("search.anyKind") : w("kind.\(k)"), "selected": f["kind"] == k] as [String: Any]
        }
        values["sorts"] = ["", "relevance", "date"].map { s in
            ["value": s, "label": w("sort.\(s.isEmpty ? "default" : s)"), "selected": (f["sort"] ?? "") == s] as [String: Any]
        }
        let search: SearchRequest
        let results: SearchResults
        let query: SearchQuery
        do {
            search = try Operations.searchRequest(f)
            (results, query) = try await ops.search(search)
        } catch let e as WebError where e.status == .badRequest {
            values["error"] = e.message
            return page("search", title: w("search.title"), values, context: context, status: .badRequest)
        }
        // The page's content is the same for the same query string, language and results (with
        // superseded records, also the records that replace them, read below: not kept; nor
        // when a changed template shows something of the person's own session).
        let key = SearchPageKey(query: request.uri.query ?? "", language: lang)
        let keep = !query.superseded && env.resources.searchIsShared
        if keep, let kept = env.searchPages.value(key, version: 0), kept.results == results {
            return html(layout(kept.content, title: w("search.title"), path: values["path"] as? String, context: context))
        }
        values["searched"] = true
        values["total"] = results.total
        values["totalText"] = Self.count(results.total, w("search.record"), w("search.records"))
        // With superseded records included (query.superseded), each says which record replaces it.
        var newer: [String: String] = [:]
        if query.superseded {
            for h in try await ReviewOperations(env: env).hidden() { if let by = h.supersededBy { newer[h.id] = by } }
        }
        values["hits"] = results.hits.map { h in
            present(["id": h.id, "title": h.title.isEmpty ? h.filename : h.title, "date": h.date ?? w("record.undated"), "body": h.body ?? "",
                     "kind": w("kind.\(h.kind)"), "filename": h.filename, "snippet": HTML.snippet(h.snippet), "supersededBy": newer[h.id]])
        }
        values["facets"] = ["body", "topic", "year", "kind"].compactMap { name -> [String: Any]? in
            guard let list = results.facets[name], !list.isEmpty else { return nil }
            return ["label": w("facet.\(name)"), "values": list.prefix(12).map { v -> [String: Any] in
                var narrowed = f
                if name == "year" {
                    narrowed["from"] = v.value
                    narrowed["to"] = v.value
                } else {
                    narrowed[name] = v.value
                }
                narrowed["offset"] = nil
                let label = name == "kind" ? w("kind.\(v.value)") : v.value
                return ["label": label, "count": v.count, "href": "/search?" + narrowed.query]
            }]
        }
        values["hasFacets"] = !(values["facets"] as! [[String: Any]]).isEmpty
        if results.total > search.limit {
            let first = query.offset + 1, last = query.offset + results.hits.count
            values["range"] = "\(first)–\(last)"
            if query.offset > 0 {
                var p = f
                p["offset"] = String(max(0, query.offset - search.limit))
                values["prev"] = "/search?" + p.query
            }
            if last < results.total {
                var p = f
                p["offset"] = String(last)
                values["next"] = "/search?" + p.query
            }
        }
        let all = pageValues(title: w("search.title"), values, context: context)
        let content = env.resources.content("search", all)
        if keep { env.searchPages.store(RenderedSearch(results: results, content: content), for: key, version: 0) }
        return html(layout(content, title: w("search.title"), path: values["path"] as? String, context: context))
    }

    /// "1 record", "2 records" in the page's words.
    static func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
}

/// What the search page's content is made from besides its results: the query string and the
/// language of the words.
struct SearchPageKey: Hashable, Sendable {
    let query: String
    let language: Language
}

/// A search page's content (inside the layout), or the API's JSON, as made for these results.
struct RenderedSearch: Sendable {
    let results: SearchResults
    let content: String
}
