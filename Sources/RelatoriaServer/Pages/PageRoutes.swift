import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RelatoriaCore
import RelatoriaKit
import RelatoriaStore

/// The pages, rendered on the server from the templates of `config/web/templates/`.
struct PageRoutes {
    let env: WebEnvironment
    var ops: Operations { Operations(env: env) }

    static let loginCookie = "relatoria_login"

    func add(to router: Router<WebContext>) {
        router.get("/") { _, _ in Response.redirect(to: "/search", type: .found) }
        router.get("favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("login") { request, context in
            if context.session != nil { return Response.redirect(to: "/search", type: .found) }
            return loginPage(request, context, next: FormFields(request.uri.query ?? "")["next"], error: nil, status: .ok)
        }
        router.post("login") { request, context in try await login(request, context) }
        router.post("logout") { _, context in
            if let s = context.session { env.sessions.close(s.id) }
            var r = Response.redirect(to: "/login", type: .normal)
            r.setCookie(SignIn.expiredCookie(secure: context.secure))
            return r
        }
        router.get("language/:lang") { request, context in
            let lang = Language(rawValue: context.parameters.get("lang") ?? "") ?? context.language
            var r = Response.redirect(to: Self.localPath(FormFields(request.uri.query ?? "")["back"]), type: .normal)
            r.setCookie(Cookie(name: Language.cookie, value: lang.rawValue, maxAge: 365 * 86400, path: "/", secure: context.secure,
                               httpOnly: true, sameSite: .strict))
            return r
        }
        router.get("static/:name") { _, context in
            guard let file = env.resources.statics[context.parameters.get("name") ?? ""] else {
                throw WebError.notFound("no such file")
            }
            var headers = HTTPFields()
            headers[.contentType] = file.type
            headers[.cacheControl] = "public, max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
        }
        router.get("search") { request, context in try await searchPage(request, context) }
        router.get("records/:id") { request, context in try await recordPage(context.parameters.get("id") ?? "", context) }
        router.get("records/:id/original") { _, context in
            let (data, record) = try await ops.original(context.parameters.get("id") ?? "")
            return APIRoutes.original(data, record)
        }
        router.get("intake") { request, context in
            let f = FormFields(request.uri.query ?? "")
            return try await intakePage(context, uploaded: f["uploaded"], error: nil, status: .ok, retried: f["retried"],
                                        restored: f["restored"].flatMap { $0.allSatisfy(\.isHexDigit) ? $0 : nil })
        }
        router.post("intake/upload") { request, context in try await uploadForm(request, context) }
    }

    // MARK: - Rendering

    /// A page in the layout, with the values every page has.
    func page(_ name: String, title: String, _ values: [String: Any], context: WebContext, status: HTTPResponse.Status = .ok) -> Response {
        let all = pageValues(title: title, values, context: context)
        return html(layout(env.resources.content(name, all), title: title, path: values["path"] as? String, context: context), status: status)
    }

    /// `values` with the values every page has: the words, the title, the language and its
    /// switch, the session.
    func pageValues(title: String, _ values: [String: Any], context: WebContext) -> [String: Any] {
        values.merging(layoutValues(title: title, back: Self.back(values["path"] as? String), context.language, context.session.map {
            ($0.user, $0.role, $0.csrf)
        })) { $1 }
    }

    /// The values the layout reads.
    func layoutValues(title: String, back: String, _ language: Language, _ session: (user: String, role: Role, csrf: String)?) -> [String: Any] {
        var all: [String: Any] = [:]
        all["t"] = env.resources.words(language)
        all["title"] = title
        all["lang"] = language.rawValue
        all["languages"] = Language.allCases.map { l in
            ["code": l.rawValue, "name": env.resources.word("language.\(l.rawValue)", l), "current": l == language] as [String: Any]
        }
        all["back"] = back
        if let s = session {
            all["session"] = ["user": s.user, "role": env.resources.word("role.\(s.role.rawValue)", language), "csrf": s.csrf,
                              "reviewer": s.role >= .reviewer, "admin": s.role >= .admin] as [String: Any]
        }
        return all
    }

    /// Where the language switch comes back to: this page's path, encoded for a query.
    static func back(_ path: String?) -> String {
        (path ?? "/").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
    }

    /// `content` inside the layout: from the layout's frame for this language and role when
    /// it has one (``LayoutFrame``), else rendered in full.
    func layout(_ content: String, title: String, path: String?, context: WebContext) -> String {
        let session = context.session.map { (user: $0.user, role: $0.role, csrf: $0.csrf) }
        let back = Self.back(path)
        let key = LayoutFrames.Key(language: context.language, role: session?.role)
        let frame = env.frames.frame(key) {
            guard env.resources.layoutFitsFrame else { return nil }
            let m = LayoutFrame.marker
            let marked = layoutValues(title: m(.title), back: m(.back), context.language, session.map { (m(.user), $0.role, m(.csrf)) })
            guard let frame = LayoutFrame(rendered: env.resources.layout(m(.content), marked)) else { return nil }
            // Checked once against the full rendering, with values that need escaping.
            let sample: [LayoutFrame.Slot: String] = [.title: "<Acta> & \"1\" 'a'", .back: "%2Fsearch", .user: "o'brien<", .csrf: "ab&",
                                                      .content: "<p>x & y</p>"]
            let full = env.resources.layout(sample[.content]!, layoutValues(title: sample[.title]!, back: sample[.back]!, context.language,
                                                                               session.map { (sample[.user]!, $0.role, sample[.csrf]!) }))
            return frame.fill(sample) == full ? frame : nil
        }
        guard let frame else { return env.resources.layout(content, layoutValues(title: title, back: back, context.language, session)) }
        var values: [LayoutFrame.Slot: String] = [.title: title, .back: back, .content: content]
        if let session { (values[.user], values[.csrf]) = (session.user, session.csrf) }
        return frame.fill(values)
    }

    /// An HTML page's response (never stored by the browser: pages show a person's session).
    func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The error page of `e`.
    func errorPage(_ e: WebError, context: WebContext) -> Response {
        let title = env.resources.word("error.title", context.language)
        return page("error", title: title, ["status": Int(e.status.code), "message": e.message], context: context, status: e.status)
    }

    /// Only a path of this site (`/...`, not `//host`): where a redirect may go.
    static func localPath(_ s: String?) -> String {
        guard let s, s.hasPrefix("/"), !s.hasPrefix("//"), !s.contains("\\"), !s.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return "/search" }
        return s
    }

    // MARK: - Login

    /// The login page. Its token is kept in a cookie and reused while the browser has it: a
    /// second login page loaded meanwhile (another tab, the favicon's redirect) must not
    /// invalidate the form already shown.
    private func loginPage(_ request: Request, _ context: WebContext, next: String?, error: String?, status: HTTPResponse.Status) -> Response {
        let kept = request.cookies[Self.loginCookie]?.value
        let token = kept.flatMap { $0.count == 64 && $0.allSatisfy(\.isHexDigit) ? $0 : nil } ?? SessionStore.token()
        var r = page("login", title: env.resources.word("login.title", context.language),
                     present(["token": token, "next": Self.localPath(next), "error": error, "path": "/login"]), context: context, status: status)
        r.setCookie(Cookie(name: Self.loginCookie, value: token, path: "/login", secure: context.secure, httpOnly: true, sameSite: .strict))
        return r
    }

    private func login(_ request: Request, _ context: WebContext) async throws -> Response {
        var request = request
        let f = FormFields(String(buffer: try await request.collectBody(upTo: 64 * 1024)))
        let next = Self.localPath(f["next"])
        // The login form's own token, against a login planted from another site.
        guard let sent = f["token"], let kept = request.cookies[Self.loginCookie]?.value, SessionStore.same(sent, kept) else {
            return loginPage(request, context, next: next, error: env.resources.word("login.expired", context.language), status: .forbidden)
        }
        do {
            let session = try await SignIn(env: env).attempt(user: f["user"] ?? "", password: f["password"] ?? "", address: context.address)
            var r = Response.redirect(to: next, type: .normal)
            r.setCookie(SignIn.cookie(session.id, secure: context.secure))
            return r
        } catch let e as WebError {
            let message = switch e.code {
            case "bad_credentials": env.resources.word("login.failed", context.language)
            case "too_many_attempts": env.resources.word("login.throttled", context.language)
            default: e.message
            }
            return loginPage(request, context, next: next, error: message, status: e.status)
        }
    }
}

/// The values of a template without the absent ones: a template's section on an absent value
/// is skipped, where an `Optional` would print as "nil".
func present(_ values: [String: Any?]) -> [String: Any] {
    values.compactMapValues { $0 }
}
