import Foundation
import NIOFoundationCompat
import NIOFoundationEssentialsCompat
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Before every route: the language, the session (from its cookie), the sign-in requirement
/// (401 under `/api/`, a redirect to the login page elsewhere), the CSRF token of every
/// state-changing request, and every error turned into a JSON error or an error page, never
/// a stack trace.
struct WebMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let env: WebEnvironment

    static let sessionCookie = "relatoria_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    /// Paths open without a session: the login, the style sheet and script, the API's description.
    static func isPublic(_ method: HTTPRequest.Method, _ path: String) -> Bool {
        if path == "/login" || path == "/favicon.ico" || path.hasPrefix("/static/") || path.hasPrefix("/language/") { return true }
        if path == "/api/v1/session" && method == .post { return true }
        return path == "/api/v1/openapi.json"
    }

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var response = await answer(request, context: context, next: next)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        // Nothing but this server's own files: no inline script, nothing from elsewhere (unless
        // the route set a stricter policy of its own: the period report's, with no script at all).
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'" }
        return response
    }

    private func answer(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async -> Response {
        var context = context
        let path = request.uri.path
        let api = path.hasPrefix("/api/")
        context.language = Language.of(cookie: request.cookies[Language.cookie]?.value, acceptLanguage: request.headers[.acceptLanguage])
        context.secure = request.headers[Self.forwardedProto]?.lowercased() == "https"
        if let id = request.cookies[Self.sessionCookie]?.value, let s = env.sessions.touch(id) {
            // Still the same account: not removed, same role, same password.
            if let u = try? env.users.user(named: s.user), u.role == s.role, u.hash == s.credential {
                context.session = s
            } else {
                env.sessions.close(s.id)
            }
        }
        do {
            var request = request
            if !Self.isPublic(request.method, path) {
                guard let session = context.session else {
                    if api { throw WebError.unauthenticated }
                    let target = request.uri.description
                    return .redirect(to: "/login?next=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"), type: .found)
                }
                if request.method != .get && request.method != .head {
                    guard try await carriesToken(&request, session.csrf) else { throw WebError.csrf }
                }
            }
            return try await next(request, context)
        } catch {
            let e = WebError.from(error)
            if e.status.code >= 500 { env.logger.error("\(request.method) \(path): \(String(reflecting: error))") }
            if api { return e.response }
            return PageRoutes(env: env).errorPage(e, context: context)
        }
    }

    /// Whether the request carries `token`: in the `X-CSRF-Token` header, or as the `csrf`
    /// field of a form (the body is then collected, and left on the request for the route).
    private func carriesToken(_ request: inout Request, _ token: String) async throws -> Bool {
        if let header = request.headers[Self.csrfHeader] { return SessionStore.same(header, token) }
        let type = request.headers[.contentType]?.lowercased() ?? ""
        if type.hasPrefix("application/x-www-form-urlencoded") {
            let body = try await request.collectBody(upTo: 1 << 20)
            let fields = FormFields(String(buffer: body))
            return fields["csrf"].map { SessionStore.same($0, token) } ?? false
        }
        if let boundary = Multipart.boundary(contentType: request.headers[.contentType] ?? "") {
            let body: ByteBuffer
            do { body = try await request.collectBody(upTo: env.uploadLimit + 65536) } catch {
                throw WebError.tooLarge(env.uploadLimit / (1024 * 1024))
            }
            guard let parts = Multipart.parse(Data(buffer: body), boundary: boundary),
                  let field = parts.first(where: { $0.name == "csrf" }) else { return false }
            return SessionStore.same(String(decoding: field.data, as: UTF8.self), token)
        }
        return false
    }
}

/// The fields of an `application/x-www-form-urlencoded` body or a query, in order (the last
/// value of a name wins).
struct FormFields {
    private var pairs: [(String, String)] = []

    init(_ text: String) {
        for pair in text.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            guard let k = kv.first else { continue }
            self[decode(k)] = kv.count > 1 ? decode(kv[1]) : ""
        }
    }

    subscript(_ name: String) -> String? {
        get { pairs.last { $0.0 == name }?.1 }
        set {
            pairs.removeAll { $0.0 == name }
            if let newValue { pairs.append((name, newValue)) }
        }
    }

    /// The fields as a query string, empty values left out.
    /// What a query string's names and values keep unencoded.
    private static let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    var query: String {
        let allowed = Self.unreserved
        return pairs.filter { !$0.1.isEmpty }.map { k, v in
            (k.addingPercentEncoding(withAllowedCharacters: allowed) ?? k) + "=" + (v.addingPercentEncoding(withAllowedCharacters: allowed) ?? v)
        }.joined(separator: "&")
    }
}
