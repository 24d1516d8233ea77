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

/// The JSON API under `/api/v1/`, as `config/web/openapi.json` describes it.
struct APIRoutes {
    let env: WebEnvironment
    var ops: Operations { Operations(env: env) }

    func add(to router: Router<WebContext>) {
        let api = router.group("api/v1")
        api.get("openapi.json") { _, _ in Self.json(env.resources.openAPI) }
        api.post("session") { request, context in try await signIn(request, context) }
        api.delete("session") { request, context in signOut(request, context) }
        api.get("search") { request, _ in
            let r = try Operations.searchRequest(FormFields(request.uri.query ?? ""))
            let (results, q) = try await ops.search(r)
            // The same query string and results give the same JSON (see the search page).
            let key = request.uri.query ?? ""
            if let kept = env.searchJSON.value(key, version: 0), kept.results == results { return Self.json(Data(kept.content.utf8)) }
            let json = try r.output(results, query: q)
            env.searchJSON.store(RenderedSearch(results: results, content: json), for: key, version: 0)
            return Self.json(Data(json.utf8))
        }
        api.get("records/:id") { _, context in
            let e = try await ReviewOperations(env: env).effective(context.parameters.get("id") ?? "")
            return Self.json(try e.apiJSON().data())
        }
        api.get("records/:id/original") { _, context in
            let (data, record) = try await ops.original(context.parameters.get("id") ?? "")
            return Self.original(data, record)
        }
        api.get("log") { request, _ in
            let f = FormFields(request.uri.query ?? "")
            let limit = try Self.number(f["limit"], "limit", default: 50, range: 1...10_000)
            let outcome = f["outcome"].flatMap { $0.isEmpty ? nil : $0 }
            if let o = outcome, !["archived", "duplicate", "failed", "ignored", "skipped"].contains(o) {
                throw WebError.badRequest("outcome must be archived, duplicate, failed, ignored or skipped")
            }
            let lines = try await ops.log(limit: limit, outcome: outcome)
            return Self.json(Data(try jsonLine(["entries": lines]).utf8))
        }
        api.post("uploads") { request, context in
            try Self.require(.reviewer, context)
            var request = request
            let name = try await upload(&request)
            var r = Self.json(Data(try jsonLine(["file": name]).utf8))
            r.status = .accepted
            return r
        }
    }

    // MARK: - Session

    struct Credentials: Decodable { var user: String; var password: String }

    private func signIn(_ request: Request, _ context: WebContext) async throws -> Response {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw WebError(.unsupportedMediaType, "unsupported_media_type", "send the credentials as application/json")
        }
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        guard let c = try? JSONDecoder().decode(Credentials.self, from: Data(buffer: body)) else {
            throw WebError.badRequest("the body must be {\"user\": ..., \"password\": ...}")
        }
        let session = try await SignIn(env: env).attempt(user: c.user, password: c.password, address: context.address)
        var r = Self.json(Data(try jsonLine(["user": session.user, "role": session.role.rawValue, "csrf": session.csrf]).utf8))
        r.setCookie(SignIn.cookie(session.id, secure: context.secure))
        return r
    }

    private func signOut(_ request: Request, _ context: WebContext) -> Response {
        if let s = context.session { env.sessions.close(s.id) }
        var r = Response(status: .noContent)
        r.setCookie(SignIn.expiredCookie(secure: context.secure))
        return r
    }

    // MARK: - Uploads

    /// The `file` field of a multipart body, dropped into the inbox.
    private func upload(_ request: inout Request) async throws -> String {
        guard let boundary = Multipart.boundary(contentType: request.headers[.contentType] ?? "") else {
            throw WebError(.unsupportedMediaType, "unsupported_media_type", "send the document as multipart/form-data, in the field file")
        }
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: env.uploadLimit + 65536) } catch {
            throw WebError.tooLarge(env.uploadLimit / (1024 * 1024))
        }
        guard let parts = Multipart.parse(Data(buffer: body), boundary: boundary) else {
            throw WebError.badRequest("the multipart body is malformed")
        }
        guard let file = parts.first(where: { $0.name == "file" }) else {
            throw WebError.badRequest("the form has no field named file")
        }
        guard file.data.count <= env.uploadLimit else { throw WebError.tooLarge(env.uploadLimit / (1024 * 1024)) }
        return try await ops.upload(file.data, filename: file.filename)
    }

    // MARK: - Helpers

    static func require(_ role: Role, _ context: WebContext) throws {
        guard let s = context.session else { throw WebError.unauthenticated }
        guard s.role >= role else { throw WebError.forbidden(role) }
    }

    static func number(_ s: String?, _ name: String, default d: Int, range: ClosedRange<Int>) throws -> Int {
        guard let s, !s.isEmpty else { return d }
        guard let n = Int(s), range.contains(n) else {
            throw WebError.badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    static func json(_ data: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The original's bytes, as a download under the name it arrived with.
    static func original(_ data: Data, _ record: Record) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = mediaType(record.source.format)
        let name = record.source.filename
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? ascii
        headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func mediaType(_ format: DocumentFormat) -> String {
        // An HTML original is not served as HTML: it would run in this site's pages.
        switch format {
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .odt: "application/vnd.oasis.opendocument.text"
        case .akn, .xml: "application/xml"
        case .md, .txt: "text/plain; charset=utf-8"
        case .html: "application/octet-stream"
        }
    }
}
