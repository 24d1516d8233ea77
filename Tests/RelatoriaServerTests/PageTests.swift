import Foundation
import HTTPTypes
import NIOFoundationCompat
import NIOFoundationEssentialsCompat
import Hummingbird
import HummingbirdTesting
import NIOCore
import RelatoriaKit
import RelatoriaServer
import RelatoriaTestSupport
import Testing

/// The pages: sign-in, search, record, intake, languages, and the protections on each.
struct PageTests {
    /// Signs in through the login form as a browser does; returns the browser.
    static func signIn(_ client: any TestClientProtocol, _ user: String, next: String = "/search") async throws -> Browser {
        let b = Browser(client)
        let page = try await b.request("/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        let token = try #require(text(page).firstMatch(of: /name="token" value="([0-9a-f]+)"/)?.1)
        let form = "token=\(token)&next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&user=\(user)&password=password-\(user)"
        let r = try await b.request("/login", .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form))
        #expect(r.status == .seeOther)
        #expect(r.headers[.location] == next)
        return b
    }

    static func csrf(_ html: String) -> String? { html.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/).map { String($0.1) } }

    @Test func aPageWithoutASessionSendsToTheLogin() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let r = try await client.execute(uri: "/search?q=acta", method: .get)
            #expect(r.status == .found)
            #expect(r.headers[.location] == "/login?next=%2Fsearch%3Fq%3Dacta")
            #expect(r.headers[.contentSecurityPolicy] != nil && r.headers[.xContentTypeOptions] == "nosniff")
            let login = try await client.execute(uri: "/login", method: .get)
            #expect(login.status == .ok && text(login).contains("<label for=\"password\">"))
        }
    }

    @Test func theLoginFormNeedsItsOwnTokenAndLeaksNoNames() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = Browser(client)
            _ = try await b.request("/login")
            // Without the form's token (a login planted from another site): refused.
            let planted = try await b.request("/login", .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                              body: ByteBuffer(string: "token=abc&user=ana&password=password-ana"))
            #expect(planted.status == .forbidden && b.cookies["relatoria_session"] == nil)
            func attempt(_ user: String) async throws -> String {
                let page = try await b.request("/login")
                let token = try #require(text(page).firstMatch(of: /name="token" value="([0-9a-f]+)"/)?.1)
                let r = try await b.request("/login", .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                            body: ByteBuffer(string: "token=\(token)&user=\(user)&password=wrong-wrong"))
                #expect(r.status == .unauthorized)
                return try #require(text(r).firstMatch(of: /role="alert">([^<]*)</)?.1).description
            }
            #expect(try await attempt("ana") == (try await attempt("nobody")))
            // A second login page (another tab, the favicon) keeps the first page's form valid.
            let c = Browser(client)
            let first = try #require(text(try await c.request("/login")).firstMatch(of: /name="token" value="([0-9a-f]+)"/)?.1)
            _ = try await c.request("/login?next=%2Ffavicon.ico")
            let ok = try await c.request("/login", .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: "token=\(first)&user=leo&password=password-leo"))
            #expect(ok.status == .seeOther && c.cookies["relatoria_session"] != nil)
            _ = try await Self.signIn(client, "ana", next: "/intake")
            // After signing in, the browser goes only to a page of this site.
            let page = try await b.request("/login")
            let token = try #require(text(page).firstMatch(of: /name="token" value="([0-9a-f]+)"/)?.1)
            let away = try await b.request("/login", .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                           body: ByteBuffer(string: "token=\(token)&user=ana&password=password-ana&next=%2F%2Fevil.example%2F"))
            #expect(away.status == .seeOther && away.headers[.location] == "/search")
        }
    }

    @Test func searchShowsHighlightedHitsFacetsAndAKeptQuery() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = try await Self.signIn(client, "leo")
            let r = try await b.request("/search?q=embajada&sort=date")
            #expect(r.status == .ok)
            let html = text(r)
            #expect(html.contains("2 actas"))
            #expect(html.contains("<mark>Embajada</mark>"))
            #expect(html.contains("value=\"embajada\""))
            #expect(html.contains("<option value=\"date\" selected>"))
            // A facet is a link that narrows the search (a year: from and to that year).
            #expect(html.contains("href=\"/search?q=embajada&amp;sort=date&amp;from=2007&amp;to=2007\""))
            let narrowed = text(try await b.request("/search?q=embajada&sort=date&from=2007&to=2007"))
            #expect(narrowed.contains("1 acta<"))
            // Nothing a document says is taken for markup.
            let escaped = text(try await b.request("/search?q=deforestacion"))
            #expect(escaped.contains("&lt;b&gt;urgente&lt;/b&gt; &amp; sus anexos") && !escaped.contains("<b>urgente"))
            let bad = try await b.request("/search?q=%22unclosed")
            #expect(bad.status == .badRequest && text(bad).contains("role=\"alert\""))
        }
    }

    /// Search pages and the API's searches are remembered (results and what was made of
    /// them): asked again after a correction and after a new document, the same search shows both.
    @Test func aSearchAskedAgainShowsWhatChangedSinceThen() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = try await Self.signIn(client, "rita")
            let url = "/search?q=suecia&sort=date"
            let before = text(try await b.request(url))
            #expect(before.contains("2 actas") && before.contains("Acta de la Mesa de Bosques"))
            #expect(text(try await b.request(url)) == before)
            let api = "/api/v1/search?q=suecia&sort=date"
            let titles = { (r: TestResponse) in ((object(r)["hits"] as? [[String: Any]]) ?? []).compactMap { $0["title"] as? String } }
            #expect(titles(try await b.request(api)).contains("Acta de la Mesa de Bosques"))
            #expect(titles(try await b.request(api)).contains("Acta de la Mesa de Bosques"))
            let id = try await ReviewAPITests.id(b, "Leticia")
            try await b.signIn("rita")
            let r = try await ReviewAPITests.patch(b, id, ["title": "Acta corregida de la Mesa de Bosques"])
            #expect(r.status == .ok, "\(text(r))")
            let corrected = text(try await b.request(url))
            #expect(corrected.contains("Acta corregida de la Mesa de Bosques") && !corrected.contains(">Acta de la Mesa de Bosques<"))
            #expect(titles(try await b.request(api)).contains("Acta corregida de la Mesa de Bosques"))
            // A document archived meanwhile (as the watcher does) is in the same search.
            let source = site.dir.url.appendingPathComponent("later.txt")
            try Data("Acta de la Mesa de Género\n\nFecha: 4 de abril de 2007\n\nASISTENTES\n\n- Karin Berg, Embajada de Suecia\n".utf8).write(to: source)
            _ = try Ingestor(extractor: Site.extractor, archiveRoot: site.archive).ingest(paths: [source.path])
            let later = text(try await b.request(url))
            #expect(later.contains("3 actas") && later.contains("Acta de la Mesa de Género"))
            // The same query in the other language has that language's words.
            let en = text(try await b.request(url, headers: [.acceptLanguage: "en"]))
            #expect(en.contains("3 records"))
        }
    }

    @Test func pagesSpeakTheBrowsersLanguageUntilAnotherIsChosen() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = try await Self.signIn(client, "leo")
            let en = text(try await b.request("/search?q=acta", headers: [.acceptLanguage: "en-GB,en;q=0.9,es;q=0.5"]))
            #expect(en.contains("<html lang=\"en\">") && en.contains("2 records"))
            let es = text(try await b.request("/search?q=acta", headers: [.acceptLanguage: "fr, es;q=0.8"]))
            #expect(es.contains("<html lang=\"es\">") && es.contains("2 actas"))
            let chosen = try await b.request("/language/en?back=%2Fsearch%3Fq%3Dacta")
            #expect(chosen.status == .seeOther && chosen.headers[.location] == "/search?q=acta")
            let remembered = text(try await b.request("/search?q=acta", headers: [.acceptLanguage: "es"]))
            #expect(remembered.contains("<html lang=\"en\">"))
            let away = try await b.request("/language/es?back=%2F%2Fevil.example")
            #expect(away.headers[.location] == "/search")
        }
    }

    @Test func aRecordShowsItsItemsAnchoredInTheText() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = try await Self.signIn(client, "leo")
            let search = text(try await b.request("/search?q=desplazamiento"))
            let id = try #require(search.firstMatch(of: /href="\/records\/([0-9a-f]+)"/)?.1)
            let html = text(try await b.request("/records/\(id)"))
            #expect(html.contains("Comisión de Enlace"))
            #expect(html.contains("<a class=\"item\" href=\"#t-decision-2\" data-item=\"decision-2\">Revisar el informe sobre desplazamiento forzoso en Nariño</a>"))
            #expect(html.contains("<span class=\"at\" id=\"t-decision-2\"></span><mark class=\"k-decision\" data-items=\"decision-2\">Revisar el informe sobre desplazamiento forzoso en Nariño.</mark>"))
            #expect(html.contains("href=\"/records/\(id)/original\""))
            #expect(html.contains("Sin revisar"))
            let missing = try await b.request("/records/abcdef12")
            #expect(missing.status == .notFound && text(missing).contains("role=\"alert\""))
        }
    }

    @Test func theIntakeListsTheLogAndTakesUploadsFromReviewers() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let reader = try await Self.signIn(client, "leo", next: "/intake")
            let readerPage = text(try await reader.request("/intake"))
            #expect(readerPage.contains("acta-enlace.txt") && !readerPage.contains("type=\"file\""))
            let token = try #require(Self.csrf(readerPage))
            let (h, body) = multipart([("csrf", token)], file: ("file", "acta.txt", Data("Acta".utf8)))
            #expect(try await reader.request("/intake/upload", .post, headers: h, body: body).status == .forbidden)

            let rita = try await Self.signIn(client, "rita", next: "/intake")
            let page = text(try await rita.request("/intake"))
            #expect(page.contains("<label for=\"file\">"))
            let (h2, body2) = multipart([("csrf", try #require(Self.csrf(page)))], file: ("file", "acta nueva.txt", Data("Acta".utf8)))
            let r = try await rita.request("/intake/upload", .post, headers: h2, body: body2)
            #expect(r.status == .seeOther && r.headers[.location] == "/intake?uploaded=acta%20nueva%2Etxt")
            #expect(FileManager.default.fileExists(atPath: site.inbox.appendingPathComponent("acta nueva.txt").path))
            let (h3, body3) = multipart([("csrf", "0000")], file: ("file", "otra.txt", Data("Acta".utf8)))
            #expect(try await rita.request("/intake/upload", .post, headers: h3, body: body3).status == .forbidden)
            #expect(!FileManager.default.fileExists(atPath: site.inbox.appendingPathComponent("otra.txt").path))
        }
    }

    @Test func loggingOutNeedsTheTokenAndEndsTheSession() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = try await Self.signIn(client, "leo")
            let page = text(try await b.request("/search"))
            let forged = try await b.request("/logout", .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "csrf=bad"))
            #expect(forged.status == .forbidden)
            #expect(try await b.request("/search").status == .ok)
            let out = try await b.request("/logout", .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                          body: ByteBuffer(string: "csrf=\(try #require(Self.csrf(page)))"))
            #expect(out.status == .seeOther && out.headers[.location] == "/login")
            #expect(try await b.request("/search").status == .found)
        }
    }

    @Test func removingAUserOrChangingTheirPasswordEndsTheirSessions() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let leo = try await Self.signIn(client, "leo")
            let rita = try await Self.signIn(client, "rita")
            try site.env.users.remove(name: "leo")
            #expect(try await leo.request("/search").status == .found)
            try site.env.users.setPassword(name: "rita", password: "a-new-password")
            #expect(try await rita.request("/search").status == .found)
        }
    }

    @Test func staticFilesAreServedAndNothingElse() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let css = try await client.execute(uri: "/static/app.css", method: .get)
            #expect(css.status == .ok && css.headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(try await client.execute(uri: "/static/..%2f..%2fusers.json", method: .get).status == .notFound)
            #expect(css.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
        }
    }
}
