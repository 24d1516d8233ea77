import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RelatoriaCore
import RelatoriaFollowUp
import RelatoriaKit
import RelatoriaStore

/// The packets pages (admins), over ``PacketMaker`` as `relatoria packet`: choose a
/// selection, preview each member's cover and digest, make the packets, send those waiting,
/// and the delivery log.
struct PacketPages {
    let env: WebEnvironment
    var pages: PageRoutes { PageRoutes(env: env) }

    func add(to router: Router<WebContext>) {
        router.get("packets") { request, context in
            try Self.requireAdmin(context)
            return try await page(FormFields(request.uri.query ?? ""), context)
        }
        router.get("packets/preview") { request, context in
            try Self.requireAdmin(context)
            return try await previewDocument(FormFields(request.uri.query ?? ""), context)
        }
        router.post("packets/make") { request, context in
            try Self.requireAdmin(context)
            return try await make(try await Self.form(request), context)
        }
        router.post("packets/send") { _, context in
            try Self.requireAdmin(context)
            return try await send(context)
        }
    }

    static func requireAdmin(_ context: WebContext) throws {
        guard let s = context.session, s.role >= .admin else { throw WebError.forbidden(.admin) }
    }

    static func form(_ request: Request) async throws -> FormFields {
        var request = request
        return FormFields(String(buffer: try await request.collectBody(upTo: 64 * 1024)))
    }

    /// The selection of a form: `record` (ids or prefixes, separated by spaces or commas), or
    /// a period `from`/`to` with `body` and `topic`.
    static func selection(_ f: FormFields) -> PacketMaker.Selection {
        func value(_ k: String) -> String? { FollowUpPages.value(f, k) }
        let ids = (value("record") ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        return .init(ids: ids, from: value("from"), to: value("to"), body: value("body"), topic: value("topic"))
    }

    /// The maker of the archive's packets, as `relatoria packet` builds it; nil while no archive exists.
    /// - Throws: ``WebError`` 409 naming the configuration file that is missing or malformed.
    func maker() async throws -> PacketMaker? {
        let (archive, configuration, settings) = (env.archive, env.configuration, env.packets)
        return try await blocking { () throws -> PacketMaker? in
            guard let (files, index) = try archive.open() else { return nil }
            guard let folder = configuration else {
                throw WebError(.conflict, "no_configuration", "the server has no configuration folder, so no members.yaml")
            }
            var maker: PacketMaker
            do {
                maker = PacketMaker(archive: files, index: index, members: try Member.load(folder.appendingPathComponent("members.yaml")),
                                    templates: try PacketTemplates(folder: folder.appendingPathComponent("templates")), settings: settings)
            } catch {
                throw WebError(.conflict, "configuration", "\(error)")
            }
            maker.earlier = RegisterEarlierCommitments { try FollowUp.load(configuration: folder, archive: files, index: index) }
            return maker
        }
    }

    /// Runs `work` on the maker, its refusals as answers (400 for bad input).
    func run<T: Sendable>(_ work: @escaping @Sendable (PacketMaker) throws -> T) async throws -> T {
        guard let maker = try await maker() else { throw WebError.notFound("the archive holds no record yet") }
        do {
            return try await blocking { try work(maker) }
        } catch let e as PacketMaker.BadInput {
            throw WebError.badRequest(e.message, code: "invalid_selection")
        } catch let e as RelatoriaError {
            throw WebError(.conflict, "packets", "\(e)")
        }
    }

    // MARK: - The page

    /// `/packets`: the selection form, the previews of a selection, the buttons, the delivery log.
    func page(_ f: FormFields, _ context: WebContext, status: HTTPResponse.Status = .ok, error: String? = nil) async throws -> Response {
        let lang = context.language
        func w(_ k: String) -> String { env.resources.word(k, lang) }
        let selection = Self.selection(f)
        var f = f
        let (made, sent, unsent) = (f["made"], f["sent"], f["unsent"])
        (f["made"], f["sent"], f["unsent"]) = (nil, nil, nil)
        var values: [String: Any] = ["path": "/packets", "record": FollowUpPages.value(f, "record") ?? "", "from": FollowUpPages.value(f, "from") ?? "",
                                     "to": FollowUpPages.value(f, "to") ?? "", "body": FollowUpPages.value(f, "body") ?? "",
                                     "topic": FollowUpPages.value(f, "topic") ?? ""]
        if let error { values["error"] = error }
        if let made = made.flatMap(Int.init) { values["notice"] = "\(w("packets.madeNotice")): \(made)" }
        if let sent = sent.flatMap(Int.init) {
            values["notice"] = "\(w("packets.sentNotice")): \(sent)"
            if let unsent = unsent.flatMap(Int.init), unsent > 0 { values["error"] = "\(w("packets.unsentNotice")): \(unsent)" }
        }
        if let problem = PacketMaker.sendingProblem(env.packets) { values["mailProblem"] = problem }
        values["canSend"] = values["mailProblem"] == nil
        let archive = env.archive
        guard try await blocking({ try archive.open() != nil }) else {
            // Nothing to choose from yet: said, not an error.
            values["error"] = w("browse.empty")
            return pages.page("packets", title: w("packets.title"), values, context: context, status: status)
        }
        do {
            let log = try await run { maker in try DeliveryLog(folder: maker.archive.root.appendingPathComponent("deliveries")).entries() }
            values["log"] = log.reversed().map { e in
                present(["member": e.delivery.member, "packet": e.delivery.packet ?? URL(fileURLWithPath: e.delivery.zip).lastPathComponent,
                         "created": Self.time(e.delivery.created), "records": e.delivery.records.count,
                         "state": w("packets.state.\(e.state.rawValue)"), "stateCode": e.state.rawValue,
                         "sentAt": e.delivery.sentAt.map(Self.time), "problem": e.delivery.error])
            }
            values["hasLog"] = !log.isEmpty
            values["waiting"] = log.filter { $0.state == .waiting }.count
            if !selection.isEmpty {
                let previews = try await run { maker in try maker.preview(selection) }
                values["previewed"] = true
                values["selectionQuery"] = f.query
                values["previews"] = previews.map { p in
                    var q = f
                    q["member"] = p.member.id
                    return present([
                        "member": p.member.name, "id": p.member.id, "email": p.member.email ?? w("packets.noEmail"),
                        "count": PageRoutes.count(p.records.count, w("search.record"), w("search.records")), "has": !p.records.isEmpty,
                        "records": p.records.map { r in ["id": r.id, "title": r.title.isEmpty ? r.source.filename : r.title, "date": r.date ?? w("record.undated")] },
                        "received": p.received.isEmpty ? nil : PageRoutes.count(p.received.count, w("search.record"), w("search.records")),
                        "waitingCount": p.waiting.isEmpty ? nil : PageRoutes.count(p.waiting.count, w("search.record"), w("search.records")),
                        "subject": p.subject, "cover": "/packets/preview?" + Self.with(q, "part", "cover"),
                        "digest": "/packets/preview?" + Self.with(q, "part", "digest"),
                    ])
                }
                values["anything"] = previews.contains { !$0.records.isEmpty }
            }
        } catch let e as WebError where e.status.code < 500 {
            values["error"] = e.message
            return pages.page("packets", title: w("packets.title"), values, context: context, status: e.status)
        }
        return pages.page("packets", title: w("packets.title"), values, context: context, status: status)
    }

    static func with(_ f: FormFields, _ name: String, _ value: String) -> String {
        var f = f
        f[name] = value
        return f.query
    }

    static func time(_ iso: String) -> String { String(iso.replacingOccurrences(of: "T", with: " ").prefix(16)) }

    /// `/packets/preview?member=&part=cover|digest&<selection>`: the member's cover or digest
    /// as the packet would carry it, a document of its own (its own style, no script).
    func previewDocument(_ f: FormFields, _ context: WebContext) async throws -> Response {
        let selection = Self.selection(f)
        guard !selection.isEmpty else { throw WebError.badRequest("choose the records first", code: "invalid_selection") }
        guard let member = FollowUpPages.value(f, "member") else { throw WebError.badRequest("choose a member") }
        let part = f["part"] ?? "cover"
        guard part == "cover" || part == "digest" else { throw WebError.badRequest("part must be cover or digest") }
        let previews = try await run { maker in try maker.preview(selection, memberIDs: [member]) }
        guard let p = previews.first, let html = part == "cover" ? p.coverHTML : p.digestHTML else {
            throw WebError.notFound("this selection holds nothing new for \(member)")
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; form-action 'none'; base-uri 'none'"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    // MARK: - Making and sending

    /// `POST /packets/make`: makes the selection's packets, as `relatoria packet` does.
    func make(_ f: FormFields, _ context: WebContext) async throws -> Response {
        let selection = Self.selection(f)
        guard !selection.isEmpty else {
            return try await page(f, context, status: .badRequest, error: env.resources.word("packets.chooseFirst", context.language))
        }
        let out = URL(fileURLWithPath: env.packets.out)
        do {
            let report = try await run { maker in
                try DeliveryLog(folder: maker.archive.root.appendingPathComponent("deliveries")).exclusively {
                    try maker.make(selection, out: out)
                }
            }
            var q = FormFields("")
            for k in ["record", "from", "to", "body", "topic"] { q[k] = f[k] }
            q["made"] = String(report.packets.count)
            return Response.redirect(to: "/packets?" + q.query, type: .normal)
        } catch let e as WebError where e.status.code < 500 {
            return try await page(f, context, status: e.status, error: e.message)
        }
    }

    /// `POST /packets/send`: sends every packet waiting, oldest first, as `relatoria packet --send`.
    func send(_ context: WebContext) async throws -> Response {
        if let problem = PacketMaker.sendingProblem(env.packets) {
            return try await page(FormFields(""), context, status: .conflict, error: problem)
        }
        do {
            let report = try await run { maker in
                try DeliveryLog(folder: maker.archive.root.appendingPathComponent("deliveries")).exclusively { () throws -> PacketMaker.Report in
                    var report = PacketMaker.Report()
                    try maker.send(&report)
                    return report
                }
            }
            var f = FormFields("")
            f["sent"] = String(report.packets.filter { $0.sent == true }.count)
            f["unsent"] = String(report.packets.filter { $0.sent != true }.count)
            return Response.redirect(to: "/packets?" + f.query, type: .normal)
        } catch let e as WebError where e.status.code < 500 {
            return try await page(FormFields(""), context, status: e.status, error: e.message)
        }
    }
}
