import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RelatoriaCore
import RelatoriaKit
import RelatoriaReview
import RelatoriaStore

/// The review pages (issue 20): the queue (`/review`), a record's edit mode
/// (`/records/{id}/edit`: every field, the items, anchors from selected text, "Save and next"),
/// "Mark reviewed" and, for admins, withdrawal, as plain forms.
struct ReviewPage {
    let env: WebEnvironment
    var pages: PageRoutes { PageRoutes(env: env) }
    var ops: ReviewOperations { ReviewOperations(env: env) }

    func add(to router: Router<WebContext>) {
        router.get("review") { request, context in
            let f = FormFields(request.uri.query ?? "")
            let offset = max(0, Int(f["offset"] ?? "") ?? 0)
            return try await queuePage(offset: offset, context)
        }
        router.get("review/next") { request, context in
            let after = FormFields(request.uri.query ?? "")["after"] ?? ""
            guard let next = try await ops.next(after: after) else { return Response.redirect(to: "/review?done=1", type: .normal) }
            return Response.redirect(to: "/records/\(next)/edit", type: .normal)
        }
        router.get("records/:id/edit") { _, context in
            try Self.require(.reviewer, context)
            return try await editPage(context.parameters.get("id") ?? "", context)
        }
        router.post("records/:id/reviewed") { _, context in
            try Self.require(.reviewer, context)
            let e = try await ops.correct(context.parameters.get("id") ?? "", fields: [:], reviewed: true, user: context.session!.user)
            return Response.redirect(to: "/review/next?after=\(e.id)", type: .normal)
        }
        router.post("records/:id/withdraw") { request, context in
            try Self.require(.admin, context)
            let f = try await Self.form(request)
            let e = try await ops.withdraw(context.parameters.get("id") ?? "", reason: f["reason"] ?? "", user: context.session!.user)
            return Response.redirect(to: "/records/\(e.id)", type: .normal)
        }
        router.post("records/:id/restore") { _, context in
            try Self.require(.admin, context)
            let e = try await ops.restore(context.parameters.get("id") ?? "", user: context.session!.user)
            return Response.redirect(to: "/intake?restored=\(e.id)#withdrawn", type: .normal)
        }
        router.post("records/:id/supersede") { request, context in
            try Self.require(.admin, context)
            let over = (try await Self.form(request))["over"]?.trimmingCharacters(in: .whitespaces) ?? ""
            let (newer, _) = try await ops.supersede(context.parameters.get("id") ?? "", over: over, user: context.session!.user)
            return Response.redirect(to: "/records/\(newer)", type: .normal)
        }
    }

    /// A form's fields (`application/x-www-form-urlencoded`, 64 KB at most).
    static func form(_ request: Request) async throws -> FormFields {
        var request = request
        return FormFields(String(buffer: try await request.collectBody(upTo: 64 * 1024)))
    }

    static func require(_ role: Role, _ context: WebContext) throws {
        guard let s = context.session else { throw WebError.unauthenticated }
        guard s.role >= role else { throw WebError.forbidden(role) }
    }

    /// What the record page shows of a record's review: by whom, how many corrections,
    /// withdrawal, the records superseding it or superseded by it.
    static func state(_ e: EffectiveRecord) -> [String: Any] {
        present([
            "reviewedBy": e.reviewed?.user, "reviewedOn": e.reviewed.map { String($0.time.prefix(10)) },
            "corrections": e.corrections > 0 ? e.corrections : nil, "withdrawnReason": e.withdrawal?.reason,
            "supersededBy": e.supersededBy, "supersedes": e.supersedes.isEmpty ? nil : e.supersedes,
            "hasHistory": e.log.isEmpty ? nil : true,
        ])
    }

    // MARK: - The queue

    func queuePage(offset: Int, _ context: WebContext) async throws -> Response {
        let lang = context.language
        func w(_ k: String) -> String { env.resources.word(k, lang) }
        let size = 50
        let (total, entries) = try await ops.queue(limit: size, offset: offset)
        let rows: [[String: Any]] = entries.map { e in
            present(["id": e.id, "title": e.title.isEmpty ? e.id.prefix(12).description : e.title, "date": e.date ?? w("record.undated"),
                     "body": e.body ?? "—", "kind": w("kind.\(e.kind)"), "warnings": e.warnings > 0 ? e.warnings : nil,
                     "confidence": e.confidence.map { String(format: "%.2f", $0) }, "corrections": e.corrections > 0 ? e.corrections : nil])
        }
        let hidden: [[String: Any]] = try await ops.hidden().map { h in
            present(["id": h.id, "title": h.title.isEmpty ? String(h.id.prefix(12)) : h.title, "time": String(h.time.prefix(10)), "user": h.user,
                     "reason": h.reason, "supersededBy": h.supersededBy])
        }
        let values = present([
            "hidden": hidden, "hasHidden": !hidden.isEmpty,
            "path": "/review", "entries": rows, "hasEntries": !rows.isEmpty, "total": total,
            "totalLabel": "\(total) " + w(total == 1 ? "search.record" : "search.records"),
            "prev": offset > 0 ? "/review?offset=\(max(0, offset - size))" : nil,
            "next": offset + size < total ? "/review?offset=\(offset + size)" : nil,
        ])
        return pages.page("review", title: w("review.title"), values, context: context)
    }

    // MARK: - Edit mode

    func editPage(_ id: String, _ context: WebContext) async throws -> Response {
        let e = try await ops.effective(id)
        let lang = context.language
        func w(_ k: String) -> String { env.resources.word(k, lang) }
        let r = e.record
        func str(_ v: JSONValue?) -> String { v?.string ?? "" }
        func rows(_ field: String) -> [[String: Any]] {
            (e.json[field]?.array ?? []).enumerated().map { i, item in
                let anchor = item["anchor"]?.object
                let start = anchor?["start"].flatMap { if case .int(let n) = $0 { n } else { nil } }
                let end = anchor?["end"].flatMap { if case .int(let n) = $0 { n } else { nil } }
                return present([
                    "n": i + 1, "text": str(item[field == "attendees" ? "name" : "text"]), "organization": str(item["organization"]),
                    "role": str(item["role"]), "owner": str(item["owner"]), "due": str(item["due"]),
                    "parties": (item["parties"]?.array ?? []).compactMap(\.string).joined(separator: ", "),
                    "start": start.map(String.init) ?? "", "end": end.map(String.init) ?? "", "anchored": start != nil,
                    "original": item.text,
                ])
            }
        }
        let lists: [[String: Any]] = ["attendees", "decisions", "consensus", "dissent", "actions"].map { field in
            [
                "field": field, "label": w("record.\(field)"), "items": rows(field), "make": w("review.make.\(field)"),
                "isAttendee": field == "attendees", "hasParties": field == "consensus" || field == "dissent", "isAction": field == "actions",
                "mainLabel": w(field == "attendees" ? "review.name" : "review.text"),
            ]
        }
        let kinds: [[String: Any]] = Record.Kind.allCases.map { ["value": $0.rawValue, "label": w("kind.\($0.rawValue)"), "selected": $0 == r.kind] }
        let values = present([
            "path": "/records/\(e.id)/edit", "id": e.id, "recordTitle": r.title.isEmpty ? r.source.filename : r.title,
            "titleValue": r.title, "date": r.date ?? "", "body": r.body ?? "", "place": r.place ?? "", "kinds": kinds,
            "topics": r.topics.joined(separator: "\n"), "lists": lists,
            "reviewedBy": e.reviewed?.user, "reviewedOn": e.reviewed.map { String($0.time.prefix(10)) },
            "corrections": e.corrections, "withdrawn": e.withdrawal?.reason, "hasHistory": e.log.isEmpty ? nil : true,
            "text": TextHighlighter.html(r.text, items: TextHighlighter.items(of: r)),
            "warnings": r.warnings, "hasWarnings": !r.warnings.isEmpty,
            "orphans": e.orphans.map(\.summary), "hasOrphans": !e.orphans.isEmpty,
        ])
        return pages.page("review-edit", title: w("review.editTitle") + ": " + (r.title.isEmpty ? r.source.filename : r.title), values, context: context)
    }
}
