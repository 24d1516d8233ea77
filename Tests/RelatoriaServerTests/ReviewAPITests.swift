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

/// The review API: PATCH a record, the queue, withdrawal (issue 20).
struct ReviewAPITests {
    static func id(_ b: Browser, _ q: String) async throws -> String {
        let hit = try #require((object(try await b.request("/api/v1/search?q=\(q)"))["hits"] as? [[String: Any]])?.first)
        return try #require(hit["id"] as? String)
    }

    static func patch(_ b: Browser, _ id: String, _ body: [String: Any], token: Bool = true) async throws -> TestResponse {
        var h = token ? b.withToken : HTTPFields()
        h[.contentType] = "application/json"
        return try await b.request("/api/v1/records/\(id)", .patch, headers: h, body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
    }

    @Test func aReviewerCorrectsARecordAndSearchAndTheQueueFollow() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = Browser(client)
            try await b.signIn("rita")
            let id = try await Self.id(b, "Leticia")
            let queue = object(try await b.request("/api/v1/review"))
            #expect(queue["total"] as? Int == 2)
            let r = try await Self.patch(b, id, ["date": "2007-03-04", "decisions": [["text": "Publicar el informe de reforestación."]], "reviewed": true])
            #expect(r.status == .ok, "\(text(r))")
            let json = object(r)
            #expect(json["date"] as? String == "2007-03-04" && json["reviewed"] as? Bool == true && json["corrections"] as? Int == 2)
            let again = object(try await b.request("/api/v1/records/\(id)"))
            #expect(again["date"] as? String == "2007-03-04" && (again["decisions"] as? [[String: Any]])?.first?["text"] as? String == "Publicar el informe de reforestación.")
            #expect(object(try await b.request("/api/v1/search?q=reforestación"))["total"] as? Int == 1)
            #expect(object(try await b.request("/api/v1/search?q=leticia&from=2007-03-04&to=2007-03-04"))["total"] as? Int == 1)
            let after = object(try await b.request("/api/v1/review"))
            #expect(after["total"] as? Int == 1 && (after["entries"] as? [[String: Any]])?.first?["id"] as? String != id)
            let history = object(try await b.request("/api/v1/records/\(id)/history"))
            #expect((history["log"] as? [[String: Any]])?.count == 3)
        }
    }

    @Test func badPatchesAreRefusedWithTheRightStatus() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let reader = Browser(client)
            try await reader.signIn("leo")
            let id = try await Self.id(reader, "Leticia")
            #expect(try await Self.patch(reader, id, ["title": "x"]).status == .forbidden)
            let b = Browser(client)
            try await b.signIn("rita")
            #expect(try await Self.patch(b, id, ["title": "x"], token: false).status == .forbidden)
            let date = try await Self.patch(b, id, ["date": "2007-02-30"])
            #expect(date.status == .unprocessableContent && errorCode(date) == "invalid_field" && text(date).contains("date"))
            let field = try await Self.patch(b, id, ["colour": "red"])
            #expect(field.status == .unprocessableContent && text(field).contains("colour"))
            #expect(try await Self.patch(b, "ffffffff", ["title": "x"]).status == .notFound)
            var h = b.withToken
            h[.contentType] = "application/json"
            let junk = try await b.request("/api/v1/records/\(id)", .patch, headers: h, body: ByteBuffer(string: "[1, 2"))
            #expect(junk.status == .badRequest)
            let big = try await b.request("/api/v1/records/\(id)", .patch, headers: h, body: ByteBuffer(string: "{\"title\": \"" + String(repeating: "a", count: 1_100_000) + "\"}"))
            #expect(big.status == .contentTooLarge)
            #expect(object(try await b.request("/api/v1/records/\(id)"))["corrections"] as? Int == 0)
        }
    }

    @Test func anAdminWithdrawsARecordWhichLeavesSearchAndTheQueue() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = Browser(client)
            try await b.signIn("ana")
            let id = try await Self.id(b, "Leticia")
            var h = b.withToken
            h[.contentType] = "application/json"
            let none = try await b.request("/api/v1/records/\(id)/withdraw", .post, headers: h, body: ByteBuffer(string: "{}"))
            #expect(none.status == .unprocessableContent)
            let r = try await b.request("/api/v1/records/\(id)/withdraw", .post, headers: h, body: ByteBuffer(string: #"{"reason": "Subido dos veces"}"#))
            #expect(r.status == .ok)
            #expect(object(try await b.request("/api/v1/search?q=Leticia"))["total"] as? Int == 0)
            #expect(try await b.request("/api/v1/records/\(id)").status == .ok)
            #expect(object(try await b.request("/api/v1/review"))["total"] as? Int == 1)
            let twice = try await b.request("/api/v1/records/\(id)/withdraw", .post, headers: h, body: ByteBuffer(string: #"{"reason": "otra vez"}"#))
            #expect(twice.status == .conflict)
            #expect(try await Self.patch(b, id, ["title": "x"]).status == .conflict)
            let rita = Browser(client)
            try await rita.signIn("rita")
            var rh = rita.withToken
            rh[.contentType] = "application/json"
            #expect(try await rita.request("/api/v1/records/\(id)/withdraw", .post, headers: rh, body: ByteBuffer(string: #"{"reason": "x"}"#)).status == .forbidden)
        }
    }
}
