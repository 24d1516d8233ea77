import Foundation
import Hummingbird
import RelatoriaKit

/// `/browse`: the archive by year and by body with counts, newest first (``ArchiveBrowse``),
/// each a link to the search narrowed to it.
struct BrowsePage {
    let env: WebEnvironment

    func add(to router: Router<WebContext>) {
        router.get("browse") { _, context in try await page(context) }
    }

    func page(_ context: WebContext) async throws -> Response {
        let lang = context.language
        func w(_ k: String) -> String { env.resources.word(k, lang) }
        let archive = env.archive
        let browse = try await blocking { () throws -> ArchiveBrowse in
            guard let (_, index) = try archive.open() else { return ArchiveBrowse(counts: []) }
            return try ArchiveBrowse(index)
        }
        func count(_ n: Int) -> String { PageRoutes.count(n, w("search.record"), w("search.records")) }
        func link(body: String?, year: String?) -> String? {
            var f = FormFields("")
            f["body"] = body
            f["from"] = year
            f["to"] = year
            f["sort"] = "date"
            // Undated records of a body: the body's search (no period holds them).
            return body == nil && year == nil ? nil : "/search?" + f.query
        }
        let years: [[String: Any]] = browse.years.map { y in
            present(["label": y.year ?? w("record.undated"), "count": count(y.count), "href": y.year.flatMap { link(body: nil, year: $0) }])
        }
        let bodies: [[String: Any]] = browse.bodies.map { b in
            present(["name": b.name ?? w("browse.noBody"), "count": count(b.count), "href": b.name.flatMap { link(body: $0, year: nil) },
                     "years": b.years.map { y in
                         present(["label": y.year ?? w("record.undated"), "count": y.count,
                                  "href": b.name != nil && y.year != nil ? link(body: b.name, year: y.year) : nil])
                     }])
        }
        let values = present(["path": "/browse", "total": count(browse.total), "empty": browse.total == 0,
                              "years": years, "bodies": bodies])
        return PageRoutes(env: env).page("browse", title: w("browse.title"), values, context: context)
    }
}
