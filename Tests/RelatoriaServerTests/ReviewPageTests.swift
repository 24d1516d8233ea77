import Foundation
import HTTPTypes
import NIOFoundationCompat
import NIOFoundationEssentialsCompat
import Hummingbird
import HummingbirdTesting
import NIOCore
import RelatoriaServer
import RelatoriaReview
import RelatoriaStore
import RelatoriaTestSupport
import Testing

/// The review pages: the queue, the edit mode, "Mark reviewed", withdrawal (issue 20).
struct ReviewPageTests {
    @Test func theQueueLeadsToTheEditModeAndMarkReviewedMovesOn() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = try await PageTests.signIn(client, "rita", next: "/review")
            let queue = text(try await b.request("/review"))
            #expect(queue.contains("href=\"/review\"") && queue.contains("2 actas"))
            let ids = queue.matches(of: /href="\/records\/([0-9a-f]+)\/edit"/).map { String($0.1) }
            #expect(ids.count == 2)
            let edit = try await b.request("/records/\(ids[0])/edit")
            #expect(edit.status == .ok)
            let html = text(edit)
            // Every field has its label; the items are there to edit; the script and the toolbar.
            for label in ["Título <input type=\"text\" name=\"title\"", "Fecha <input type=\"date\" name=\"date\"", "Guardar y siguiente", "convertir en decisión", "/static/review.js"] {
                #expect(html.contains(label), "\(label)")
            }
            #expect(html.contains("class=\"edit-item\""))
            #expect(!html.contains("ya no se aplican"))
            #expect(!html.contains("Retirar este registro"))  // admins only
            let csrf = try #require(PageTests.csrf(html))
            let r = try await b.request("/records/\(ids[0])/reviewed", .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                        body: ByteBuffer(string: "csrf=\(csrf)"))
            #expect(r.status == .seeOther && r.headers[.location] == "/review/next?after=\(ids[0])")
            let next = try await b.request("/review/next?after=\(ids[0])")
            #expect(next.headers[.location] == "/records/\(ids[1])/edit")
            let record = text(try await b.request("/records/\(ids[0])"))
            #expect(record.contains("Revisado por rita"))
            #expect(text(try await b.request("/review")).contains("<strong>1 acta<"))
            // A correction whose item is gone is listed, not dropped.
            let archive = try FileArchive(root: site.archive)
            try CorrectionLog(archive: archive).append([Correction(time: "2026-01-01T00:00:00.000Z", user: "rita", event: .item, field: "decisions",
                                                                   from: .object(["text": .string("Un acuerdo perdido")]), to: .object(["text": .string("Otro")]))], to: ids[1])
            let orphaned = text(try await b.request("/records/\(ids[1])/edit"))
            #expect(orphaned.contains("ya no se aplican") && orphaned.contains("Un acuerdo perdido"))
            // A reader may not edit.
            let leo = try await PageTests.signIn(client, "leo")
            #expect(try await leo.request("/records/\(ids[1])/edit").status == .forbidden)
            #expect(!text(try await leo.request("/records/\(ids[1])")).contains("/edit\""))
        }
    }

    @Test func anAdminWithdrawsARecordFromItsPage() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = try await PageTests.signIn(client, "ana", next: "/review")
            let queue = text(try await b.request("/review"))
            let id = try #require(queue.firstMatch(of: /href="\/records\/([0-9a-f]+)\/edit"/)?.1).description
            let html = text(try await b.request("/records/\(id)/edit"))
            #expect(html.contains("Retirar este registro"))
            let csrf = try #require(PageTests.csrf(html))
            let r = try await b.request("/records/\(id)/withdraw", .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                        body: ByteBuffer(string: "csrf=\(csrf)&reason=Subido+dos+veces"))
            #expect(r.status == .seeOther)
            let page = text(try await b.request("/records/\(id)"))
            #expect(page.contains("Retirado") && page.contains("Subido dos veces"))
            let listed = text(try await b.request("/review"))
            #expect(!listed.contains("/records/\(id)/edit") && listed.contains("Registros retirados") && listed.contains("Subido dos veces"))
            // Superseding: the other record replaces this one; each page links the other.
            let other = try #require(text(try await b.request("/review")).firstMatch(of: /href="\/records\/([0-9a-f]+)\/edit"/)?.1).description
            let s = try await b.request("/records/\(other)/supersede", .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                        body: ByteBuffer(string: "csrf=\(csrf)&over=\(id.prefix(8))"))
            #expect(s.status == .seeOther && s.headers[.location] == "/records/\(other)")
            #expect(text(try await b.request("/records/\(other)")).contains("href=\"/records/\(id)\""))
            #expect(text(try await b.request("/records/\(id)")).contains("href=\"/records/\(other)\""))
            // Search: the older only when asked (the form's checkbox, the API's superseded=yes), marked.
            try await ReviewPageTests.supersededInSearch(b, older: id, newer: other, withdrawn: true)
            let bad = try await b.request("/records/\(other)/supersede", .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                          body: ByteBuffer(string: "csrf=\(csrf)&over=\(other)"))
            #expect(bad.status == .conflict)
        }
    }

    /// The intake page lists withdrawn records with the reason; an admin undoes a withdrawal
    /// there (the library call of `relatoria withdraw --undo`), and the API does it too.
    @Test func theIntakePageListsWithdrawnRecordsAndAnAdminUndoesAWithdrawal() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = try await PageTests.signIn(client, "ana", next: "/intake")
            let empty = text(try await b.request("/intake"))
            #expect(empty.contains("Ningún acta ha sido retirada"))
            let id = try #require(text(try await b.request("/review")).firstMatch(of: /href="\/records\/([0-9a-f]+)\/edit"/)?.1).description
            let csrf = try #require(PageTests.csrf(text(try await b.request("/records/\(id)/edit"))))
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            _ = try await b.request("/records/\(id)/withdraw", .post, headers: form, body: ByteBuffer(string: "csrf=\(csrf)&reason=Subido+dos+veces"))
            let intake = text(try await b.request("/intake"))
            #expect(intake.contains("Actas retiradas") && intake.contains("Subido dos veces") && intake.contains("href=\"/records/\(id)\""))
            #expect(intake.contains("action=\"/records/\(id)/restore\"") && intake.contains("Deshacer la retirada"))
            // A reviewer sees the list, not the button, and may not undo.
            let rita = try await PageTests.signIn(client, "rita", next: "/intake")
            let seen = text(try await rita.request("/intake"))
            #expect(seen.contains("Subido dos veces") && !seen.contains("/restore\""))
            let ritaCSRF = try #require(PageTests.csrf(seen))
            #expect(try await rita.request("/records/\(id)/restore", .post, headers: form, body: ByteBuffer(string: "csrf=\(ritaCSRF)")).status == .forbidden)
            let r = try await b.request("/records/\(id)/restore", .post, headers: form, body: ByteBuffer(string: "csrf=\(csrf)"))
            #expect(r.status == .seeOther && r.headers[.location] == "/intake?restored=\(id)#withdrawn")
            let after = text(try await b.request("/intake?restored=\(id)"))
            #expect(after.contains("Retirada deshecha") && !after.contains("Subido dos veces</td>"))
            #expect(text(try await b.request("/review")).contains("/records/\(id)/edit"))
            // Undoing again is a conflict; the API's DELETE undoes a withdrawal made by the API.
            #expect(try await b.request("/records/\(id)/restore", .post, headers: form, body: ByteBuffer(string: "csrf=\(csrf)")).status == .conflict)
            let api = Browser(client)
            try await api.signIn("ana")
            var json = api.withToken
            json[.contentType] = "application/json"
            #expect(try await api.request("/api/v1/records/\(id)/withdraw", .post, headers: json, body: ByteBuffer(string: #"{"reason": "Otra vez"}"#)).status == .ok)
            #expect(try await api.request("/api/v1/records/\(id)/withdraw", .delete).status == .forbidden)
            let undone = try await api.request("/api/v1/records/\(id)/withdraw", .delete, headers: api.withToken)
            #expect(undone.status == .ok && object(undone)["id"] as? String == id)
            #expect(try await api.request("/api/v1/records/\(id)/withdraw", .delete, headers: api.withToken).status == .conflict)
        }
    }

    /// `/records/{id}/history`: each correction with who, when, field, from and to, in Spanish
    /// and in English, linked from the record page, the edit page and the queue.
    @Test func theHistoryPageReadsAsTable() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let api = Browser(client)
            try await api.signIn("rita")
            let id = try await ReviewAPITests.id(api, "Leticia")
            let r = try await ReviewAPITests.patch(api, id, ["date": "2007-03-04", "decisions": [["text": "Publicar el informe de reforestación."]]])
            #expect(r.status == .ok)
            let b = try await PageTests.signIn(client, "rita", next: "/review")
            let record = text(try await b.request("/records/\(id)"))
            #expect(record.contains("href=\"/records/\(id)/history\"") && !record.contains("href=\"/api/v1/records/\(id)/history\""))
            #expect(text(try await b.request("/records/\(id)/edit")).contains("href=\"/records/\(id)/history\""))
            #expect(text(try await b.request("/review")).contains("href=\"/records/\(id)/history\""))
            let page = try await b.request("/records/\(id)/history")
            #expect(page.status == .ok)
            let html = text(page)
            for s in ["Historial de correcciones", "<th scope=\"col\">Quién</th>", "<th scope=\"col\">Antes</th>", "<td>rita</td>",
                      "<td>Fecha</td>", ">2007-03-03</td>", ">2007-03-04</td>", "<td>Decisiones</td>",
                      "Publicar el informe de reforestación.", "cambió"] {
                #expect(html.contains(s), "\(s)")
            }
            // A reader reads it too, in English here; an unknown id is a 404; a record never corrected says so.
            let leo = try await PageTests.signIn(client, "leo")
            let english = text(try await leo.request("/records/\(id)/history", headers: [.acceptLanguage: "en"]))
            for s in ["Correction history", "<th scope=\"col\">Who</th>", "<th scope=\"col\">From</th>", "<td>Date</td>", "<td>Decisions</td>", "changed"] {
                #expect(english.contains(s), "\(s)")
            }
            #expect(try await leo.request("/records/ffffffffffff/history").status == .notFound)
            let other = try #require(text(try await b.request("/review")).matches(of: /href="\/records\/([0-9a-f]+)\/edit"/).map { String($0.1) }.first { $0 != id })
            #expect(text(try await leo.request("/records/\(other)/history", headers: [.acceptLanguage: "es"])).contains("no tiene correcciones"))
        }
    }

    /// Search leaves superseded records out unless asked; the page's checkbox and the API's
    /// `superseded=yes` include them (a withdrawn one never), the page saying which replaces it.
    static func supersededInSearch(_ b: Browser, older: String, newer: String, withdrawn: Bool) async throws {
        func ids(_ r: TestResponse) -> Set<String> { Set((object(r)["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }) }
        #expect(!ids(try await b.request("/api/v1/search?q=acta")).contains(older))
        let all = ids(try await b.request("/api/v1/search?q=acta&superseded=yes"))
        #expect(all.contains(newer) && all.contains(older) != withdrawn)
        #expect(try await b.request("/api/v1/search?q=acta&superseded=maybe").status == .badRequest)
        let form = text(try await b.request("/search?q=acta"))
        #expect(form.contains("<input type=\"checkbox\" id=\"superseded\" name=\"superseded\" value=\"yes\">") && form.contains("<label for=\"superseded\">"))
        let page = text(try await b.request("/search?q=acta&superseded=yes"))
        #expect(page.contains("value=\"yes\" checked"))
        #expect(page.contains("href=\"/records/\(older)\"") != withdrawn)
        if !withdrawn { #expect(page.contains("Reemplazada por <a href=\"/records/\(newer)\"")) }
    }

    @Test func aSupersededRecordIsFoundWhenAsked() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let b = try await PageTests.signIn(client, "ana", next: "/review")
            let ids = text(try await b.request("/review")).matches(of: /href="\/records\/([0-9a-f]+)\/edit"/).map { String($0.1) }
            let csrf = try #require(PageTests.csrf(text(try await b.request("/records/\(ids[0])/edit"))))
            let s = try await b.request("/records/\(ids[0])/supersede", .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                        body: ByteBuffer(string: "csrf=\(csrf)&over=\(ids[1])"))
            #expect(s.status == .seeOther)
            // The older's page links the newer, and the newer's the older.
            #expect(text(try await b.request("/records/\(ids[1])")).contains("href=\"/records/\(ids[0])\""))
            #expect(text(try await b.request("/records/\(ids[0])")).contains("href=\"/records/\(ids[1])\""))
            try await Self.supersededInSearch(b, older: ids[1], newer: ids[0], withdrawn: false)
        }
    }
}
