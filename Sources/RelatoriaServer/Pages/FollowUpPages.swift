import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RelatoriaCore
import RelatoriaFollowUp
import RelatoriaKit

/// The follow-up pages, over ``FollowUp`` as `relatoria commitments`, `positions` and
/// `report`: the commitments register (reviewers close and reopen), the positions ledger, and
/// the period report as `relatoria report` writes it.
struct FollowUpPages {
    let env: WebEnvironment
    var pages: PageRoutes { PageRoutes(env: env) }

    func add(to router: Router<WebContext>) {
        router.get("commitments") { request, context in try await commitments(FormFields(request.uri.query ?? ""), context) }
        router.post("commitments/:id/close") { request, context in try await change(request, context, reopen: false) }
        router.post("commitments/:id/reopen") { request, context in try await change(request, context, reopen: true) }
        router.get("positions") { request, context in try await positions(FormFields(request.uri.query ?? ""), context) }
        router.get("report") { request, context in try await report(FormFields(request.uri.query ?? ""), context) }
        router.get("report/view") { request, context in try await reportView(FormFields(request.uri.query ?? ""), context) }
    }

    /// The archive's follow-up; nil while no archive exists.
    func load() async throws -> FollowUp? {
        let (archive, configuration) = (env.archive, env.configuration)
        return try await blocking { () throws -> FollowUp? in
            guard let (files, index) = try archive.open() else { return nil }
            return try FollowUp.load(configuration: configuration, archive: files, index: index)
        }
    }

    /// A day `YYYY-MM-DD` of a form, or nil when empty. - Throws: 400 naming the field.
    static func day(_ f: FormFields, _ name: String, _ label: String) throws -> String? {
        guard let v = f[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
        guard DateCheck.isDay(v) else { throw WebError.badRequest("\(label): \(v) is not a date written YYYY-MM-DD", code: "invalid_date") }
        return v
    }

    static func value(_ f: FormFields, _ name: String) -> String? {
        f[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
    }

    // MARK: - Commitments

    /// `/commitments`: the register on today, filtered by status, body and owner, grouped.
    func commitments(_ query: FormFields, _ context: WebContext) async throws -> Response {
        let lang = context.language
        func w(_ k: String) -> String { env.resources.word(k, lang) }
        // What a close or reopen just did, said once (and not kept in the page's links).
        var f = query
        let said = f["changed"].map { ($0, "commitments.changed") } ?? f["unchanged"].map { ($0, "commitments.unchanged") }
        (f["changed"], f["unchanged"]) = (nil, nil)
        let status = (Self.value(f, "status") ?? "all").lowercased()
        let by = CommitmentFilter.Grouping(rawValue: (Self.value(f, "by") ?? "owner").lowercased()) ?? .owner
        var statuses: Set<Commitment.Status>?
        switch status {
        case "all": statuses = nil
        case "open": statuses = [.open, .overdue]
        default:
            guard let s = Commitment.Status(rawValue: status) else {
                throw WebError.badRequest("status must be all, open, overdue, done or dropped")
            }
            statuses = [s]
        }
        let filter = CommitmentFilter(statuses: statuses, owner: Self.value(f, "owner"), body: Self.value(f, "body"))
        let today = DateCheck.today()
        var values: [String: Any] = ["path": "/commitments?" + f.query, "body": Self.value(f, "body") ?? "", "owner": Self.value(f, "owner") ?? "",
                                     "today": today, "returnTo": "/commitments?" + f.query]
        values["statuses"] = ["all", "open", "overdue", "done", "dropped"].map { s in
            ["value": s, "label": w("commitments.status.\(s)"), "selected": s == status] as [String: Any]
        }
        values["groupings"] = CommitmentFilter.Grouping.allCases.map { g in
            ["value": g.rawValue, "label": w("commitments.by.\(g.rawValue)"), "selected": g == by] as [String: Any]
        }
        guard let followUp = try await load() else {
            values["empty"] = true
            return pages.page("commitments", title: w("commitments.title"), values, context: context)
        }
        let result = try followUp.register(asOf: today)
        // Said with the commitment's words and status, not its id.
        if let (id, word) = said, let c = try? followUp.commitment(id, in: result) {
            values["notice"] = "\(w(word)): “\(c.text)” · \(w("commitments.status.\(c.status.rawValue)"))"
        }
        let kept = result.commitments.filter { filter.keeps($0, parties: followUp.parties) }
        let counts = Commitment.Status.allCases.map { s in (s, kept.filter { $0.status == s }.count) }.filter { $0.1 > 0 }
        values["summary"] = PageRoutes.count(kept.count, w("commitments.one"), w("commitments.many"))
            + (counts.isEmpty ? "" : ": " + counts.map { "\($0.1) \(w("commitments.status.\($0.0.rawValue)").lowercased())" }.joined(separator: ", "))
        values["empty"] = kept.isEmpty
        let reviewer = (context.session?.role ?? .reader) >= .reviewer
        values["groups"] = CommitmentFilter.group(kept, by: by, unknown: w("commitments.noOwner")).map { g in
            ["name": g.name, "count": g.commitments.count, "items": g.commitments.map { item($0, lang: lang, reviewer: reviewer) }] as [String: Any]
        }
        return pages.page("commitments", title: w("commitments.title"), values, context: context)
    }

    /// One commitment's values for the template.
    func item(_ c: Commitment, lang: Language, reviewer: Bool) -> [String: Any] {
        func w(_ k: String) -> String { env.resources.word(k, lang) }
        let encoded = c.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? c.id
        return present([
            "id": c.id, "anchor": "c-" + c.id.replacingOccurrences(of: ":", with: "-"), "text": c.text, "status": c.status.rawValue,
            "statusLabel": w("commitments.status.\(c.status.rawValue)"), "owner": c.owner, "due": c.due, "date": c.date ?? w("record.undated"),
            "body": c.body, "record": c.record, "outstanding": c.isOutstanding, "reviewer": reviewer,
            "close": "/commitments/\(encoded)/close", "reopen": "/commitments/\(encoded)/reopen",
            "evidence": c.evidence.map { e in
                present(["date": e.date ?? w("record.undated"), "reports": w("commitments.reports.\(e.reports.rawValue)"), "text": e.text,
                         "record": e.record, "confidence": String(format: "%.2f", e.confidence)])
            },
            "repeated": c.carriedOver.map { r in present(["date": r.date ?? w("record.undated"), "record": r.record, "due": r.due]) },
            "manual": c.manual.map { m in
                present(["who": m.who, "when": String(m.when.prefix(10)), "status": w("commitments.status.\(m.status == "open" ? "reopened" : m.status)"),
                         "note": m.note])
            },
        ])
    }

    /// `POST /commitments/{id}/close` (a `status` of done or dropped) and `/reopen`, with a
    /// note: the same call as `relatoria commitments close/reopen`, by the signed-in reviewer.
    func change(_ request: Request, _ context: WebContext, reopen: Bool) async throws -> Response {
        guard let s = context.session, s.role >= .reviewer else { throw WebError.forbidden(.reviewer) }
        var request = request
        let f = FormFields(String(buffer: try await request.collectBody(upTo: 64 * 1024)))
        let raw = context.parameters.get("id") ?? ""
        let id = raw.removingPercentEncoding ?? raw
        let status: Commitment.Status
        if reopen {
            status = .open
        } else {
            guard let st = Commitment.Status(rawValue: (Self.value(f, "as") ?? "done").lowercased()), st == .done || st == .dropped else {
                throw WebError.badRequest("a commitment is closed as done or dropped")
            }
            status = st
        }
        let note = Self.value(f, "note")
        guard note.map({ $0.count <= 2000 }) ?? true else { throw WebError.badRequest("the note is longer than 2000 characters") }
        guard let followUp = try await load() else { throw WebError.notFound("no commitment with id \(id)") }
        let change: FollowUp.StatusChange
        do {
            change = try await blocking { try followUp.changeStatus(id, to: status, note: note, who: s.user, today: DateCheck.today()) }
        } catch let e as FollowUp.LookupError {
            if case .ambiguous = e { throw WebError(.conflict, "ambiguous_id", e.description) }
            throw WebError.notFound(e.description)
        }
        let c = change.commitment
        let done: String = switch change {
        case .unchanged: "unchanged"
        case .changed: "changed"
        }
        let back = PageRoutes.localPath(f["back"] ?? "/commitments")
        let separator = back.contains("?") ? "&" : "?"
        let anchor = "c-" + c.id.replacingOccurrences(of: ":", with: "-")
        return Response.redirect(to: back + separator + "\(done)=" + (c.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") + "#" + anchor, type: .normal)
    }
}
