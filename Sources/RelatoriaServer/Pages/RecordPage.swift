import Foundation
import NIOFoundationCompat
import NIOFoundationEssentialsCompat
import HTTPTypes
import Hummingbird
import RelatoriaCore
import RelatoriaKit
import RelatoriaReview
import RelatoriaStore

extension PageRoutes {
    /// `/records/{id}`: the fields and items beside the document's text, every anchored item
    /// marked at its place (a link from the item scrolls to it; the script highlights it).
    func recordPage(_ id: String, _ context: WebContext) async throws -> Response {
        let (found, _, _) = try await ops.record(id)
        // The effective record: as extracted, with the corrections people made (issue 20).
        let effective = try await ReviewOperations(env: env).effective(found.id)
        let r = effective.record
        let lang = context.language
        func w(_ k: String) -> String { env.resources.word(k, lang) }
        func items(_ kind: String, _ list: [(text: String, anchor: Anchor?, extra: String?)]) -> [[String: Any]] {
            list.enumerated().map { i, item in
                present(["key": "\(kind)-\(i + 1)", "text": item.text, "anchored": item.anchor != nil, "extra": item.extra])
            }
        }
        func parties(_ p: [String]) -> String? { p.isEmpty ? nil : p.joined(separator: ", ") }
        let attendees = items("attendee", r.attendees.map { a in
            (a.name, a.anchor, [a.role, a.organization].compactMap { $0 }.joined(separator: ", ").nilIfEmpty)
        })
        let decisions = items("decision", r.decisions.map { ($0.text, $0.anchor, nil) })
        let consensus = items("consensus", r.consensus.map { ($0.text, $0.anchor, parties($0.parties)) })
        let dissent = items("dissent", r.dissent.map { ($0.text, $0.anchor, parties($0.parties)) })
        let actions = items("action", r.actions.map { a in
            let who = [a.owner, a.due.map { "\(w("record.due")) \($0)" }].compactMap { $0 }.joined(separator: " · ")
            return (a.text, a.anchor, who.nilIfEmpty)
        })
        let sections: [[String: Any]] = [
            ("attendees", attendees), ("decisions", decisions), ("consensus", consensus), ("dissent", dissent), ("actions", actions),
        ].filter { !$0.1.isEmpty }.map { ["name": $0.0, "label": w("record.\($0.0)"), "count": $0.1.count, "items": $0.1] }
        let values: [String: Any] = [
            "id": found.id, "path": "/records/\(found.id)",
            "recordTitle": r.title.isEmpty ? r.source.filename : r.title,
            "date": r.date ?? w("record.undated"), "body": r.body ?? "—", "place": r.place ?? "—",
            "kind": w("kind.\(r.kind.rawValue)"), "language": r.language, "topics": r.topics.joined(separator: "; "),
            "hasTopics": !r.topics.isEmpty, "sections": sections, "hasItems": !sections.isEmpty,
            "filenames": found.filenames, "format": r.source.format.rawValue, "bytes": r.source.bytes,
            "warnings": r.warnings, "hasWarnings": !r.warnings.isEmpty,
            "text": TextHighlighter.html(r.text, items: TextHighlighter.items(of: r)),
        ].merging(ReviewPage.state(effective)) { a, _ in a }
        return page("record", title: r.title.isEmpty ? r.source.filename : r.title, values, context: context)
    }

    // MARK: - Intake

    /// `/intake`: the ingest log, the files that failed and why, the withdrawn records (admins
    /// may undo a withdrawal), the upload form.
    func intakePage(_ context: WebContext, uploaded: String?, error: String?, status: HTTPResponse.Status, retried: String? = nil,
                    restored: String? = nil) async throws -> Response {
        let lang = context.language
        func w(_ k: String) -> String { env.resources.word(k, lang) }
        let log = try await ops.log(limit: 100, outcome: nil)
        let failed = try await ops.log(limit: 50, outcome: "failed")
        func rows(_ lines: [RelatoriaStore.RecordIndex.LogLine]) -> [[String: Any]] {
            lines.map { l in
                present(["time": l.time.replacingOccurrences(of: "T", with: " ").prefix(19).description, "file": l.file,
                         "outcome": w("outcome.\(l.outcome)"), "outcomeCode": l.outcome, "id": l.recordId, "reason": l.reason])
            }
        }
        let kept = try await FailedRoutes(env: env).kept(lang)
        // Withdrawn records: left out of search and packets, kept on disk with the reason (issue 20).
        let withdrawn: [[String: Any]] = try await ReviewOperations(env: env).hidden().filter { $0.reason != nil }.map { h in
            present(["id": h.id, "title": h.title.isEmpty ? String(h.id.prefix(12)) : h.title, "time": String(h.time.prefix(10)),
                     "user": h.user, "reason": h.reason])
        }
        let values = present([
            "kept": kept, "hasKept": !kept.isEmpty, "retried": retried,
            "withdrawn": withdrawn, "hasWithdrawn": !withdrawn.isEmpty, "restored": restored,
            "path": "/intake", "log": rows(log), "hasLog": !log.isEmpty, "failed": rows(failed), "hasFailed": !failed.isEmpty,
            "uploaded": uploaded, "error": error, "limit": env.uploadLimit / (1024 * 1024),
        ])
        return page("intake", title: w("intake.title"), values, context: context, status: status)
    }

    /// The upload form's file, dropped into the inbox; back to the intake page, saying so.
    func uploadForm(_ request: Request, _ context: WebContext) async throws -> Response {
        guard let s = context.session, s.role >= .reviewer else { throw WebError.forbidden(.reviewer) }
        var request = request
        do {
            guard let boundary = Multipart.boundary(contentType: request.headers[.contentType] ?? "") else {
                throw WebError.badRequest(env.resources.word("intake.noFile", context.language))
            }
            let body = try await request.collectBody(upTo: env.uploadLimit + 65536)
            guard let parts = Multipart.parse(Data(buffer: body), boundary: boundary),
                  let file = parts.first(where: { $0.name == "file" && $0.filename?.isEmpty == false }) else {
                throw WebError.badRequest(env.resources.word("intake.noFile", context.language))
            }
            guard file.data.count <= env.uploadLimit else { throw WebError.tooLarge(env.uploadLimit / (1024 * 1024)) }
            let name = try await ops.upload(file.data, filename: file.filename)
            return Response.redirect(to: "/intake?uploaded=" + (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""), type: .normal)
        } catch let e as WebError where e.status.code < 500 {
            return try await intakePage(context, uploaded: nil, error: e.message, status: e.status)
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
