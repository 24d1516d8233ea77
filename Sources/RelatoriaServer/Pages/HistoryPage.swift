import Foundation
import Hummingbird
import RelatoriaCore
import RelatoriaReview

/// `/records/{id}/history`: a record's corrections as a table a person reads (who, when, what,
/// which field, from and to), oldest first, in the user's language; the corrections that no
/// longer apply (orphaned after a re-extraction) marked. The API's
/// `GET /api/v1/records/{id}/history` is the same log as JSON.
struct HistoryPage {
    let env: WebEnvironment
    var pages: PageRoutes { PageRoutes(env: env) }

    func add(to router: Router<WebContext>) {
        router.get("records/:id/history") { _, context in
            try await page(context.parameters.get("id") ?? "", context)
        }
    }

    func page(_ id: String, _ context: WebContext) async throws -> Response {
        let e = try await ReviewOperations(env: env).effective(id)
        let lang = context.language
        func w(_ k: String) -> String { env.resources.word(k, lang) }
        let orphans = Set(e.orphans)
        let rows: [[String: Any]] = e.log.map { c in
            var row: [String: Any?] = ["time": c.time.replacingOccurrences(of: "T", with: " ").prefix(19).description, "user": c.user,
                                       "orphaned": orphans.contains(c) ? true : nil]
            switch c.event {
            case .set, .item:
                row["change"] = w(c.event == .set || (c.from != nil && c.to != nil) ? "history.changed" : c.from == nil ? "history.added" : "history.removed")
                row["field"] = c.field.map { Self.fieldLabel($0, w) }
                row["from"] = c.from.map { Self.show($0, field: c.field, w) }
                row["to"] = c.to.map { Self.show($0, field: c.field, w) }
            case .reviewed: row["change"] = w("history.reviewed")
            case .withdrawn: row["change"] = w("history.withdrawn"); row["note"] = c.reason
            case .restored: row["change"] = w("history.restored")
            case .supersedes: row["change"] = w("history.supersedes"); row["link"] = c.record
            case .supersededBy: row["change"] = w("history.supersededBy"); row["link"] = c.record
            }
            return present(row)
        }
        let r = e.record
        let title = r.title.isEmpty ? r.source.filename : r.title
        let values = present([
            "path": "/records/\(e.id)/history", "id": e.id, "recordTitle": title, "rows": rows, "hasRows": !rows.isEmpty,
            "reviewedBy": e.reviewed?.user, "corrections": e.corrections, "hasOrphans": !orphans.isEmpty,
        ])
        return pages.page("history", title: w("history.title") + ": " + title, values, context: context)
    }

    /// The label of a record field, as the record page names it.
    static func fieldLabel(_ field: String, _ w: (String) -> String) -> String {
        field == "title" ? w("review.titleField") : w("record.\(field)")
    }

    /// A value of the log as a person reads it: a string as it is, none as a dash, an item by
    /// its text (a commitment with its owner and due date, a position with its parties), a
    /// list one value after another.
    static func show(_ v: JSONValue, field: String?, _ w: (String) -> String) -> String {
        switch v {
        case .null: return "—"
        case .string(let s): return field == "kind" ? w("kind.\(s)") : (s.isEmpty ? "—" : s)
        case .bool(let b): return b ? "✓" : "✗"
        case .int, .double: return v.text
        case .array(let items): return items.isEmpty ? "—" : items.map { show($0, field: field, w) }.joined(separator: "; ")
        case .object(let o):
            var parts = [(o["text"] ?? o["name"])?.string ?? v.text]
            for key in ["organization", "role", "owner"] { if let s = o[key]?.string, !s.isEmpty { parts.append(s) } }
            if let due = o["due"]?.string { parts.append("\(w("record.due")) \(due)") }
            if let p = o["parties"]?.array?.compactMap(\.string), !p.isEmpty { parts.append(p.joined(separator: ", ")) }
            return parts.joined(separator: " · ")
        }
    }
}
