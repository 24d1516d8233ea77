import Foundation
import NIOFoundationCompat
import NIOFoundationEssentialsCompat
import HTTPTypes
import Hummingbird
import NIOCore
import RelatoriaCore
import RelatoriaKit
import RelatoriaReview
import RelatoriaStore

/// The review API (issue 20): `PATCH /api/v1/records/{id}`, the queue
/// (`GET /api/v1/review`), a record's history, withdrawal and superseding.
struct ReviewRoutes {
    let env: WebEnvironment
    var ops: ReviewOperations { ReviewOperations(env: env) }

    func add(to router: Router<WebContext>) {
        let api = router.group("api/v1")
        api.patch("records/:id") { request, context in
            try APIRoutes.require(.reviewer, context)
            var request = request
            let body = try await Self.jsonObject(&request)
            var fields: [String: JSONValue] = [:]
            var reviewed = false
            for (key, value) in body {
                if key == "reviewed" {
                    guard case .bool(let b) = value else { throw WebError(.unprocessableContent, "invalid_field", "reviewed must be true or false") }
                    reviewed = b
                } else {
                    fields[key] = value
                }
            }
            let e = try await ops.correct(context.parameters.get("id") ?? "", fields: fields, reviewed: reviewed, user: context.session!.user)
            return APIRoutes.json(try e.apiJSON().data())
        }
        api.get("review") { request, _ in
            let f = FormFields(request.uri.query ?? "")
            let limit = try APIRoutes.number(f["limit"], "limit", default: 20, range: 1...1000)
            let offset = try APIRoutes.number(f["offset"], "offset", default: 0, range: 0...10_000_000)
            let (total, entries) = try await ops.queue(limit: limit, offset: offset)
            return APIRoutes.json(Data(try jsonLine(Queue(total: total, limit: limit, offset: offset, entries: entries)).utf8))
        }
        api.get("records/:id/history") { _, context in
            let e = try await ops.effective(context.parameters.get("id") ?? "")
            return APIRoutes.json(Data(try jsonLine(History(id: e.id, reviewed: e.reviewed != nil, corrections: e.corrections,
                                                            orphaned: e.orphans, log: e.log)).utf8))
        }
        api.post("records/:id/withdraw") { request, context in
            try APIRoutes.require(.admin, context)
            var request = request
            let body = try await Self.jsonObject(&request)
            guard let reason = body["reason"]?.string else { throw WebError(.unprocessableContent, "invalid_field", "reason: give why the record is withdrawn") }
            let e = try await ops.withdraw(context.parameters.get("id") ?? "", reason: reason, user: context.session!.user)
            return APIRoutes.json(try e.apiJSON().data())
        }
        api.delete("records/:id/withdraw") { _, context in
            try APIRoutes.require(.admin, context)
            let e = try await ops.restore(context.parameters.get("id") ?? "", user: context.session!.user)
            return APIRoutes.json(try e.apiJSON().data())
        }
        api.post("records/:id/supersede") { request, context in
            try APIRoutes.require(.admin, context)
            var request = request
            let body = try await Self.jsonObject(&request)
            guard let over = body["over"]?.string else { throw WebError(.unprocessableContent, "invalid_field", "over: give the id of the earlier record") }
            let (n, o) = try await ops.supersede(context.parameters.get("id") ?? "", over: over, user: context.session!.user)
            return APIRoutes.json(Data(try jsonLine(["record": n, "supersedes": o]).utf8))
        }
    }

    struct Queue: Encodable { var total, limit, offset: Int; var entries: [ReviewQueue.Entry] }
    struct History: Encodable { var id: String; var reviewed: Bool; var corrections: Int; var orphaned: [Correction]; var log: [Correction] }

    /// The request's JSON object body (1 MB at most).
    static func jsonObject(_ request: inout Request) async throws -> [String: JSONValue] {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw WebError(.unsupportedMediaType, "unsupported_media_type", "send the body as application/json")
        }
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: 1 << 20) } catch {
            throw WebError(.contentTooLarge, "too_large", "the body is larger than 1 MB")
        }
        guard let value = try? JSONValue.parse(Data(buffer: body)), let object = value.object else {
            throw WebError.badRequest("the body must be a JSON object")
        }
        return object
    }
}

/// The review operations of the pages and the API, over ``Review`` as the CLI calls it.
struct ReviewOperations {
    let env: WebEnvironment

    /// The archive's review, with the full id of `id` (404 unknown, 409 ambiguous).
    private func open(_ id: String) async throws -> (Review, String) {
        let (found, _, _) = try await Operations(env: env).record(id)
        let archive = env.archive
        let review = try await blocking { () throws -> Review in
            guard let (files, index) = try archive.open() else { throw WebError.notFound("no record with id \(id)") }
            return Review(archive: files, index: index)
        }
        return (review, found.id)
    }

    /// Runs a review call, its failures as web errors.
    private func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await blocking {
            do { return try work() } catch let f as Review.Failure {
                switch f {
                case .unknown(let m): throw WebError.notFound(m)
                case .invalid(let i): throw WebError(.unprocessableContent, "invalid_field", i.description)
                case .conflict(let m): throw WebError(.conflict, "conflict", m)
                }
            }
        }
    }

    func effective(_ id: String) async throws -> EffectiveRecord {
        let (review, full) = try await open(id)
        return try await run { try review.effective(full) }
    }

    func correct(_ id: String, fields: [String: JSONValue], reviewed: Bool, user: String) async throws -> EffectiveRecord {
        let (review, full) = try await open(id)
        return try await run { try review.correct(full, fields: fields, reviewed: reviewed, user: user) }
    }

    func withdraw(_ id: String, reason: String, user: String) async throws -> EffectiveRecord {
        let (review, full) = try await open(id)
        return try await run { try review.withdraw(full, reason: reason, user: user) }
    }

    /// Undoes a withdrawal (`relatoria withdraw --undo`).
    func restore(_ id: String, user: String) async throws -> EffectiveRecord {
        let (review, full) = try await open(id)
        return try await run { try review.restore(full, user: user) }
    }

    func supersede(_ id: String, over: String, user: String) async throws -> (String, String) {
        let (review, full) = try await open(id)
        let (_, older) = try await open(over)
        return try await run { try review.supersede(full, over: older, user: user) }
    }

    func queue(limit: Int, offset: Int) async throws -> (Int, [ReviewQueue.Entry]) {
        let archive = env.archive
        return try await run {
            guard let (files, index) = try archive.open() else { return (0, []) }
            return try ReviewQueue(review: Review(archive: files, index: index)).page(limit: limit, offset: offset)
        }
    }

    /// The withdrawn and superseded records.
    func hidden() async throws -> [ReviewQueue.Hidden] {
        let archive = env.archive
        return try await run {
            guard let (files, index) = try archive.open() else { return [] }
            return try ReviewQueue(review: Review(archive: files, index: index)).hidden()
        }
    }

    /// The next record in the queue after `id`, if any.
    func next(after id: String) async throws -> String? {
        let archive = env.archive
        return try await run {
            guard let (files, index) = try archive.open() else { return nil }
            return try ReviewQueue(review: Review(archive: files, index: index)).next(after: id)
        }
    }
}
