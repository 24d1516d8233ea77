import Foundation
import HTTPTypes
import NIOFoundationCompat
import NIOFoundationEssentialsCompat
import Hummingbird
import HummingbirdTesting
import NIOCore
import RelatoriaCore
import RelatoriaExtractors
import RelatoriaKit
import RelatoriaServer
import RelatoriaTestSupport
import Synchronization

/// A web application over a small archive of our own documents, with three accounts
/// (`ana` admin, `rita` reviewer, `leo` reader; password `password-<name>`).
struct Site: Sendable {
    let dir: TemporaryDirectory
    let env: WebEnvironment
    let archive: URL
    let inbox: URL

    static let pipeline = try! ExtractionPipeline(configuration: PackagePaths.config)
    static let extractor = RecordExtractor(loader: DocumentLoader(), pipeline: pipeline)
    static let resources = try! WebResources(folder: PackagePaths.config.appendingPathComponent("web"))

    static let documents: [String: String] = [
        "acta-enlace.txt": """
            Acta de la reunión de la Comisión de Enlace

            Fecha: 8 de febrero de 2006
            Lugar: Bogotá

            ASISTENTES

            - Ingrid Sjöberg, Embajada de Suecia
            - Germán Ospina Lara, Acción Social

            ACUERDOS

            1. Aprobar la agenda de las reuniones del primer semestre.
            2. Revisar el informe sobre desplazamiento forzoso en Nariño.
            """,
        "acta-bosques.txt": """
            Acta de la Mesa de Bosques

            Fecha: 3 de marzo de 2007
            Lugar: Leticia

            ASISTENTES

            - Hanna Lindgren, Embajada de Suecia

            ACUERDOS

            1. Publicar el informe de deforestación <b>urgente</b> & sus anexos.
            """,
    ]

    /// - Parameters: `documents`: ingest the documents (else the archive does not exist yet).
    static func make(documents: Bool = true, uploadLimitMB: Int = 2, throttle: LoginThrottle = LoginThrottle(),
                     extra: [String: String] = [:], packets: Settings.Packets = Settings.Packets()) throws -> Site {
        let dir = try TemporaryDirectory()
        let archive = dir.url.appendingPathComponent("archive")
        let inbox = dir.url.appendingPathComponent("inbox")
        if documents {
            let source = dir.url.appendingPathComponent("source")
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            for (name, text) in Self.documents.merging(extra, uniquingKeysWith: { $1 }) { try Data(text.utf8).write(to: source.appendingPathComponent(name)) }
            let ingestor = try Ingestor(extractor: extractor, archiveRoot: archive)
            _ = try ingestor.ingest(paths: [source.path])
        }
        let users = UserStore(archive: archive, cost: 4)
        try users.add(name: "ana", role: .admin, password: "password-ana")
        try users.add(name: "rita", role: .reviewer, password: "password-rita")
        try users.add(name: "leo", role: .reader, password: "password-leo")
        var settings = Settings.Server()
        settings.uploadLimit = uploadLimitMB
        let env = WebEnvironment(archive: archive, inbox: inbox, resources: resources, settings: settings, users: users, throttle: throttle,
                                 configuration: PackagePaths.config, packets: packets)
        return Site(dir: dir, env: env, archive: archive, inbox: inbox)
    }

    /// Runs `body` with a client of the router (no socket).
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: WebApp.router(env))
        try await app.test(.router, body)
    }
}

/// A client that keeps cookies, as a browser does.
final class Browser: Sendable {
    let client: any TestClientProtocol
    private let jar = Mutex<[String: String]>([:])
    /// The CSRF token of the latest API sign-in.
    let csrf = Mutex<String?>(nil)

    init(_ client: any TestClientProtocol) { self.client = client }

    var cookies: [String: String] { jar.withLock { $0 } }

    @discardableResult
    func request(_ uri: String, _ method: HTTPRequest.Method = .get, headers: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> TestResponse {
        var h = headers
        let cookie = jar.withLock { $0.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if !cookie.isEmpty { h[.cookie] = cookie }
        let r = try await client.execute(uri: uri, method: method, headers: h, body: body)
        for line in r.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let (name, value) = (String(pair[0]), pair.count > 1 ? String(pair[1]) : "")
            jar.withLock { $0[name] = (value.isEmpty || line.contains("Max-Age=0")) ? nil : value }
        }
        return r
    }

    /// Signs in through the API; returns the response.
    @discardableResult
    func signIn(_ user: String, password: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        var h = headers
        h[.contentType] = "application/json"
        let body = try JSONSerialization.data(withJSONObject: ["user": user, "password": password ?? "password-\(user)"])
        let r = try await request("/api/v1/session", .post, headers: h, body: ByteBuffer(bytes: body))
        if r.status == .ok, let json = try? JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: String] {
            csrf.withLock { $0 = json["csrf"] }
        }
        return r
    }

    /// The headers of a state-changing API call: the CSRF token.
    var withToken: HTTPFields {
        var h = HTTPFields()
        if let t = csrf.withLock({ $0 }) { h[HTTPField.Name("X-CSRF-Token")!] = t }
        return h
    }
}

/// A multipart/form-data body of `fields` and one file.
func multipart(_ fields: [(String, String)], file: (field: String, name: String, data: Data)?) -> (HTTPFields, ByteBuffer) {
    let boundary = "----relatoria-test-\(UUID().uuidString)"
    var body = Data()
    for (k, v) in fields {
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8)
    }
    if let file {
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += file.data + Data("\r\n".utf8)
    }
    body += Data("--\(boundary)--\r\n".utf8)
    var h = HTTPFields()
    h[.contentType] = "multipart/form-data; boundary=\(boundary)"
    return (h, ByteBuffer(bytes: body))
}

/// The JSON object of a response body.
func object(_ r: TestResponse) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(buffer: r.body))) as? [String: Any] ?? [:]
}

/// The error code of a JSON error response.
func errorCode(_ r: TestResponse) -> String? { (object(r)["error"] as? [String: Any])?["code"] as? String }

func text(_ r: TestResponse) -> String { String(buffer: r.body) }
