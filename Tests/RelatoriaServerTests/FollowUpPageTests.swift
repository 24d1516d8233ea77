import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RelatoriaFollowUp
import RelatoriaServer
import RelatoriaTestSupport
import Testing

/// The commitments, positions and report pages.
struct FollowUpPageTests {
    /// A meeting of the Comisión de Enlace with one commitment (long overdue) and a dissent.
    static let withCommitment = [
        "acta-enlace-mayo.txt": """
            Acta de la reunión de la Comisión de Enlace

            Fecha: 10 de mayo de 2006
            Lugar: Bogotá

            ASISTENTES

            - Ingrid Sjöberg, Embajada de Suecia
            - Germán Ospina Lara, Acción Social

            DESARROLLO

            La sociedad civil manifestó su desacuerdo con el calendario de visitas de campo propuesto por el Gobierno.

            ACUERDOS

            1. Aprobar el plan de trabajo de la Comisión.

            COMPROMISOS

            - Enviar el informe de desplazamiento a los miembros. Responsable: Acción Social. Fecha: 30 de junio de 2006.
            """,
    ]

    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        let allowed = CharacterSet.alphanumerics
        return ByteBuffer(string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&"))
    }

    static let formType: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test func readersSeeTheRegisterAndReviewersCloseAndReopenWithANote() async throws {
        let site = try Site.make(extra: Self.withCommitment)
        defer { site.dir.remove() }
        try await site.test { client in
            let leo = try await PageTests.signIn(client, "leo", next: "/commitments")
            let seen = text(try await leo.request("/commitments", headers: [.acceptLanguage: "en"]))
            #expect(seen.contains("Enviar el informe de desplazamiento") && seen.contains("Overdue"))
            #expect(!seen.contains("/close\"") && seen.contains("<label for=\"c-status\">"))
            let action = try #require(text(try await leo.request("/commitments")).firstMatch(of: /data-id="([^"]+)"/)?.1)
            let id = String(action)
            let encoded = id.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let leoToken = try #require(PageTests.csrf(seen))
            let refused = try await leo.request("/commitments/\(encoded)/close", .post, headers: Self.formType,
                                                body: Self.form([("csrf", leoToken), ("note", "hecho")]))
            #expect(refused.status == .forbidden)

            let rita = try await PageTests.signIn(client, "rita", next: "/commitments")
            let page = text(try await rita.request("/commitments?status=open"))
            let token = try #require(PageTests.csrf(page))
            #expect(page.contains("action=\"/commitments/\(encoded)/close\""))
            let closed = try await rita.request("/commitments/\(encoded)/close", .post, headers: Self.formType,
                                                body: Self.form([("csrf", token), ("as", "done"), ("note", "Enviado por correo el 2 de julio"),
                                                                 ("back", "/commitments?status=all")]))
            #expect(closed.status == .seeOther)
            #expect(closed.headers[.location]?.hasPrefix("/commitments?status=all&changed=") == true)
            let landing = text(try await rita.request(String(closed.headers[.location]!.prefix { $0 != "#" }), headers: [.acceptLanguage: "en"]))
            let notice = try #require(landing.firstMatch(of: /class="notice" role="status">([^<]*)</)?.1)
            #expect(notice.contains("Enviar el informe de desplazamiento") && notice.contains("Done") && !notice.contains(id))
            let after = text(try await rita.request("/commitments?status=done", headers: [.acceptLanguage: "en"]))
            #expect(after.contains("Enviar el informe de desplazamiento") && after.contains("Enviado por correo el 2 de julio") && after.contains("rita"))
            #expect(after.contains("action=\"/commitments/\(encoded)/reopen\""))
            // The same record the CLI reads: the manual-status file, signed by the reviewer.
            let log = try String(contentsOf: site.archive.appendingPathComponent(ManualStatusLog.relativePath), encoding: .utf8)
            #expect(log.contains("\"who\":\"rita\"") || log.contains("\"who\": \"rita\""))
            // Closing again changes nothing; reopening makes it overdue again.
            let again = try await rita.request("/commitments/\(encoded)/close", .post, headers: Self.formType, body: Self.form([("csrf", token)]))
            #expect(again.headers[.location]?.contains("unchanged=") == true)
            _ = try await rita.request("/commitments/\(encoded)/reopen", .post, headers: Self.formType, body: Self.form([("csrf", token), ("note", "no llegó")]))
            let reopened = text(try await rita.request("/commitments?status=overdue"))
            #expect(reopened.contains("Enviar el informe de desplazamiento"))
            let unknown = try await rita.request("/commitments/ffff0000/close", .post, headers: Self.formType, body: Self.form([("csrf", token)]))
            #expect(unknown.status == .notFound)
        }
    }

    @Test func theRegisterIsFilteredByStatusBodyAndOwner() async throws {
        let site = try Site.make(extra: Self.withCommitment)
        defer { site.dir.remove() }
        try await site.test { client in
            let leo = try await PageTests.signIn(client, "leo", next: "/commitments")
            #expect(!text(try await leo.request("/commitments?status=done")).contains("Enviar el informe"))
            #expect(!text(try await leo.request("/commitments?body=Bosques")).contains("Enviar el informe"))
            #expect(text(try await leo.request("/commitments?body=enlace&owner=Acci%C3%B3n+Social")).contains("Enviar el informe"))
            #expect(try await leo.request("/commitments?status=perhaps").status == .badRequest)
        }
    }

    @Test func positionsAndTheReportPages() async throws {
        let site = try Site.make(extra: Self.withCommitment)
        defer { site.dir.remove() }
        try await site.test { client in
            let leo = try await PageTests.signIn(client, "leo", next: "/positions")
            let positions = try await leo.request("/positions", headers: [.acceptLanguage: "en"])
            #expect(positions.status == .ok && text(positions).contains("<label for=\"p-party\">"))
            #expect(text(positions).contains("<td>Sociedad civil</td>") && text(positions).contains("El calendario de visitas de campo"))
            #expect(!text(try await leo.request("/positions?party=G24")).contains("El calendario de visitas de campo"))
            #expect(try await leo.request("/positions?from=2006-13-01").status == .badRequest)
            let form = text(try await leo.request("/report"))
            #expect(form.contains("action=\"/report/view\"") && form.contains("<label for=\"r-from\">"))
            let report = try await leo.request("/report/view?from=2006-01-01&to=2006-12-31&lang=en")
            #expect(report.status == .ok)
            let html = text(report)
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("Comisión de Enlace") && html.contains("Enviar el informe de desplazamiento"))
            #expect(report.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(try await leo.request("/report/view?from=2006-12-31&to=2006-01-01").status == .badRequest)
            #expect(try await leo.request("/report/view?from=2006&to=2006-12-31").status == .badRequest)
        }
    }
}
