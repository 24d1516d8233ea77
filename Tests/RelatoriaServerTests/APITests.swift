import Foundation
import HTTPTypes
import NIOFoundationCompat
import NIOFoundationEssentialsCompat
import Hummingbird
import HummingbirdTesting
import NIOCore
import RelatoriaCore
import RelatoriaKit
import RelatoriaServer
import RelatoriaStore
import RelatoriaTestSupport
import Testing

/// The JSON API: sessions, CSRF, roles, errors, and answers equal to the CLI's.
struct APITests {
    @Test func signInSetsAStrictHttpOnlyCookieAndReturnsTheToken() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = Browser(client)
            let r = try await b.signIn("rita")
            #expect(r.status == .ok)
            let json = object(r)
            #expect(json["user"] as? String == "rita" && json["role"] as? String == "reviewer")
            #expect((json["csrf"] as? String)?.count == 64)
            let cookie = try #require(r.headers[values: .setCookie].first { $0.hasPrefix("relatoria_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
            // Behind a TLS proxy the cookie is Secure.
            let tls = try await Browser(client).signIn("rita", headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(tls.headers[values: .setCookie].contains { $0.hasPrefix("relatoria_session=") && $0.contains("Secure") })
        }
    }

    @Test func aWrongPasswordAndAnUnknownNameAreAnsweredAlike() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let wrong = try await Browser(client).signIn("rita", password: "not-her-password")
            let unknown = try await Browser(client).signIn("nobody", password: "not-her-password")
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            #expect(text(wrong) == text(unknown))
            #expect(errorCode(wrong) == "bad_credentials")
            #expect(wrong.headers[values: .setCookie].isEmpty)
        }
    }

    @Test func failedSignInsAreThrottledPerName() async throws {
        let site = try Site.make(throttle: LoginThrottle(limit: 3, addressLimit: 100, window: 600))
        defer { site.dir.remove() }
        try await site.test { client in
            for _ in 0..<3 { #expect(try await Browser(client).signIn("leo", password: "guess-guess").status == .unauthorized) }
            // The right password is refused too while the name is throttled, and so is an unknown name's.
            let r = try await Browser(client).signIn("leo")
            #expect(r.status == .tooManyRequests && errorCode(r) == "too_many_attempts")
            #expect(try await Browser(client).signIn("rita").status == .ok)
            for _ in 0..<3 { _ = try await Browser(client).signIn("ghost", password: "guess-guess") }
            #expect(try await Browser(client).signIn("ghost", password: "guess-guess").status == .tooManyRequests)
        }
    }

    @Test func everyCallButTheSignInNeedsASession() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            for uri in ["/api/v1/search?q=acta", "/api/v1/log", "/api/v1/records/abcd", "/api/v1/records/abcd/original"] {
                let r = try await client.execute(uri: uri, method: .get)
                #expect(r.status == .unauthorized, "\(uri)")
                #expect(errorCode(r) == "unauthenticated")
                #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
            }
            #expect(try await client.execute(uri: "/api/v1/openapi.json", method: .get).status == .ok)
        }
    }

    @Test func aStateChangingCallWithoutTheRightTokenIsRefused() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = Browser(client)
            try await b.signIn("ana")
            #expect(try await b.request("/api/v1/session", .delete).status == .forbidden)
            let wrong = try await b.request("/api/v1/session", .delete, headers: [HTTPField.Name("X-CSRF-Token")!: String(repeating: "0", count: 64)])
            #expect(wrong.status == .forbidden && errorCode(wrong) == "csrf")
            #expect(try await b.request("/api/v1/log").status == .ok)  // still signed in
            #expect(try await b.request("/api/v1/session", .delete, headers: b.withToken).status == .noContent)
            #expect(try await b.request("/api/v1/log").status == .unauthorized)  // signed out
        }
    }

    @Test func searchAnswersWhatTheCommandPrints() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = Browser(client)
            try await b.signIn("leo")
            let r = try await b.request("/api/v1/search?q=desplazamiento&limit=5")
            #expect(r.status == .ok)
            // The same library calls as `relatoria search --json`.
            var request = SearchRequest()
            (request.text, request.limit, request.json) = ("desplazamiento", 5, true)
            let index = try RecordIndex(path: site.archive.appendingPathComponent("index.sqlite").path, readOnly: true)
            let q = try request.query()
            #expect(text(r) == (try request.output(try index.search(q), query: q)))
            #expect(object(r)["total"] as? Int == 1)
            // Accents, case and filters as the command reads them.
            let accents = try await b.request("/api/v1/search?q=REUNION&from=2006&to=2006")
            #expect(object(accents)["total"] as? Int == 1)
            let bad = try await b.request("/api/v1/search?q=%22unclosed")
            #expect(bad.status == .badRequest && errorCode(bad) == "invalid_query")
            let limit = try await b.request("/api/v1/search?q=acta&limit=lots")
            #expect(limit.status == .badRequest)
            let negative = try await b.request("/api/v1/search?q=acta&offset=-1")
            #expect(negative.status == .badRequest && errorCode(negative) == "invalid_query")
        }
    }

    @Test func aRecordIsTheRecordFileWithItsReviewState() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = Browser(client)
            try await b.signIn("leo")
            let hit = try #require((object(try await b.request("/api/v1/search?q=Leticia"))["hits"] as? [[String: Any]])?.first)
            let id = try #require(hit["id"] as? String)
            let r = try await b.request("/api/v1/records/\(id.prefix(8))")
            #expect(r.status == .ok)
            var json = object(r)
            #expect(json["reviewed"] as? Bool == false && json["corrections"] as? Int == 0)
            json["reviewed"] = nil
            json["corrections"] = nil
            let index = try RecordIndex(path: site.archive.appendingPathComponent("index.sqlite").path, readOnly: true)
            let found = try RecordLookup(id, in: index)
            let file = try JSONSerialization.jsonObject(with: try Data(contentsOf: site.archive.appendingPathComponent(found.recordPath))) as! [String: Any]
            #expect(NSDictionary(dictionary: json).isEqual(to: file))
            let original = try await b.request("/api/v1/records/\(id)/original")
            #expect(original.status == .ok)
            #expect(Data(buffer: original.body) == Data(Site.documents["acta-bosques.txt"]!.utf8))
            #expect(original.headers[.contentDisposition]?.contains("acta-bosques.txt") == true)
            let missing = try await b.request("/api/v1/records/ffffffff")
            #expect(missing.status == .notFound && errorCode(missing) == "not_found")
            let junk = try await b.request("/api/v1/records/..%2f..%2fetc")
            #expect(junk.status == .notFound)
        }
    }

    @Test func uploadsNeedAReviewerAndLandInTheInbox() async throws {
        let site = try Site.make(uploadLimitMB: 1)
        defer { site.dir.remove() }
        try await site.test { client in
            let reader = Browser(client)
            try await reader.signIn("leo")
            let (h, body) = multipart([], file: ("file", "nueva acta.txt", Data("Acta nueva".utf8)))
            var hh = h
            for f in reader.withToken { hh.append(f) }
            let refused = try await reader.request("/api/v1/uploads", .post, headers: hh, body: body)
            #expect(refused.status == .forbidden && errorCode(refused) == "forbidden")

            let rita = Browser(client)
            try await rita.signIn("rita")
            func post(_ h: HTTPFields, _ body: ByteBuffer) async throws -> TestResponse {
                var all = h
                for f in rita.withToken { all.append(f) }
                return try await rita.request("/api/v1/uploads", .post, headers: all, body: body)
            }
            let ok = try await post(h, body)
            #expect(ok.status == .accepted)
            #expect(object(ok)["file"] as? String == "nueva acta.txt")
            let again = try await post(h, body)  // never over another file
            #expect(object(again)["file"] as? String == "nueva acta (2).txt")
            #expect(try Data(contentsOf: site.inbox.appendingPathComponent("nueva acta.txt")) == Data("Acta nueva".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: site.inbox.path).sorted() == ["nueva acta (2).txt", "nueva acta.txt"])

            let (bh, big) = multipart([], file: ("file", "grande.txt", Data(repeating: 0x61, count: 1_200_000)))
            let tooBig = try await post(bh, big)
            #expect(tooBig.status == .contentTooLarge && errorCode(tooBig) == "too_large")
            let (nh, nofile) = multipart([("other", "x")], file: nil)
            #expect(try await post(nh, nofile).status == .badRequest)
            let (eh, hidden) = multipart([], file: ("file", "../.bashrc", Data("x".utf8)))
            let renamed = try await post(eh, hidden)
            #expect(object(renamed)["file"] as? String == "bashrc")
            // Without the token, refused even for a reviewer.
            #expect(try await rita.request("/api/v1/uploads", .post, headers: h, body: body).status == .forbidden)
        }
    }

    @Test func theLogListsWhatArrivedNewestFirst() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = Browser(client)
            try await b.signIn("leo")
            let entries = try #require(object(try await b.request("/api/v1/log"))["entries"] as? [[String: Any]])
            #expect(entries.count == 2 && entries.allSatisfy { $0["outcome"] as? String == "archived" })
            #expect(try await b.request("/api/v1/log?outcome=failed").status == .ok)
            #expect(try await b.request("/api/v1/log?outcome=lost").status == .badRequest)
            #expect(try await b.request("/api/v1/log?limit=0").status == .badRequest)
        }
    }

    @Test func anEmptyArchiveAnswersEmptyNotAnError() async throws {
        let site = try Site.make(documents: false)
        defer { site.dir.remove() }
        try await site.test { client in
            let b = Browser(client)
            try await b.signIn("leo")
            let r = try await b.request("/api/v1/search?q=acta")
            #expect(r.status == .ok && object(r)["total"] as? Int == 0)
            #expect(try await b.request("/api/v1/records/abcdef").status == .notFound)
            #expect((object(try await b.request("/api/v1/log"))["entries"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func unknownPathsAndMethodsAreJSONErrors() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = Browser(client)
            try await b.signIn("leo")
            let r = try await b.request("/api/v1/nothing")
            #expect(r.status == .notFound && errorCode(r) == "not_found")
            let badJSON = try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                                   body: ByteBuffer(string: "{\"user\": 3"))
            #expect(badJSON.status == .badRequest && errorCode(badJSON) == "bad_request")
            let form = try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: "user=leo&password=password-leo"))
            #expect(form.status == .unsupportedMediaType)
        }
    }

    @Test func aSearchFieldOutOfRangeIsABadRequestNotAServerError() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = Browser(client)
            try await b.signIn("leo")
            for query in ["offset=-1", "limit=0", "sort=size"] {
                let r = try await b.request("/api/v1/search?q=acta&\(query)")
                #expect(r.status == .badRequest && errorCode(r) == "invalid_query", "\(query)")
                let message = (object(r)["error"] as? [String: Any])?["message"] as? String
                #expect(message?.isEmpty == false && message?.contains("--") == false)
            }
            let page = try await PageTests.signIn(client, "leo")
            #expect(try await page.request("/search?q=acta&offset=-1").status == .badRequest)
        }
    }

    @Test func theOpenAPIFileDescribesEveryRouteOfTheAPI() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let r = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            let json = object(r)
            #expect(json["openapi"] as? String == "3.1.0")
            let paths = Set((json["paths"] as? [String: Any] ?? [:]).keys)
            let review: Set<String> = ["/review", "/records/{id}/history", "/records/{id}/withdraw", "/records/{id}/supersede"]
            #expect(paths == Set(["/session", "/search", "/records/{id}", "/records/{id}/original", "/log", "/uploads", "/failed/{name}/retry", "/openapi.json"]).union(review))
        }
    }
}
