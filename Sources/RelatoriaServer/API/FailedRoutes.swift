import Foundation
import HTTPTypes
import Hummingbird
import RelatoriaKit

/// The retry of a failed file, over ``FailedFiles`` as `relatoria retry`: the API's
/// `POST /api/v1/failed/{name}/retry` and the intake page's button (`POST /intake/failed/{name}/retry`).
struct FailedRoutes {
    let env: WebEnvironment

    var failed: FailedFiles { FailedFiles(archiveRoot: env.archive.root, inbox: env.inbox.inbox) }

    func add(to router: Router<WebContext>) {
        router.post("api/v1/failed/:name/retry") { _, context in
            try APIRoutes.require(.reviewer, context)
            let moved = try await retry(Self.name(context))
            var r = APIRoutes.json(Data(try jsonLine(["name": Self.name(context), "file": moved]).utf8))
            r.status = .accepted
            return r
        }
        router.post("intake/failed/:name/retry") { _, context in
            guard let s = context.session, s.role >= .reviewer else { throw WebError.forbidden(.reviewer) }
            do {
                let moved = try await retry(Self.name(context))
                return Response.redirect(to: "/intake?retried=" + (moved.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""), type: .normal)
            } catch let e as WebError where e.status.code < 500 {
                return try await PageRoutes(env: env).intakePage(context, uploaded: nil, error: e.message, status: e.status)
            }
        }
    }

    /// The `{name}` of the path, its percent-encoding undone.
    static func name(_ context: WebContext) -> String {
        let raw = context.parameters.get("name") ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// Moves `name` back to the inbox; its refusals as answers: 400, 404, 409.
    func retry(_ name: String) async throws -> String {
        let failed = self.failed
        do {
            return try await blocking { try failed.retry(name) }
        } catch let r as FailedFiles.Refusal {
            switch r {
            case .invalidName: throw WebError.badRequest(r.description, code: "invalid_name")
            case .unknown: throw WebError.notFound(r.description)
            case .inInbox: throw WebError(.conflict, "in_inbox", r.description)
            case .cannotMove: throw WebError(.internalServerError, "cannot_move", r.description)
            }
        }
    }

    /// The files kept in `failed/`, for the intake page.
    func kept(_ language: Language) async throws -> [[String: Any]] {
        let failed = self.failed
        return try await blocking { failed.list() }.map { e in
            present(["name": e.name, "file": e.file, "reason": e.reason,
                     "time": e.time.map { $0.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "") },
                     "href": "/intake/failed/\(e.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? e.name)/retry"])
        }
    }
}
