import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RelatoriaKit
import RelatoriaServer
import RelatoriaTestSupport
import Testing

/// The packets pages: admins only; preview, make, send, the delivery log.
struct PacketPageTests {
    static func settings(_ dir: URL, sendmail: String) -> Settings.Packets {
        var p = Settings.Packets()
        p.out = dir.appendingPathComponent("packets").path
        p.sendmail = sendmail
        return p
    }

    static let selection = "from=2006&to=2006&body=Comisi%C3%B3n+de+Enlace"

    @Test func readersAndReviewersAreRefusedPackets() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            for user in ["leo", "rita"] {
                let b = try await PageTests.signIn(client, user, next: "/search")
                #expect(try await b.request("/packets").status == .forbidden)
                #expect(try await b.request("/packets/preview?\(Self.selection)&member=accion-social").status == .forbidden)
                let token = try #require(PageTests.csrf(text(try await b.request("/search"))))
                #expect(try await b.request("/packets/make", .post, headers: FollowUpPageTests.formType,
                                            body: FollowUpPageTests.form([("csrf", token), ("from", "2006")])).status == .forbidden)
                #expect(!text(try await b.request("/search")).contains("href=\"/packets\""))
            }
        }
    }

    @Test func anAdminPreviewsMakesAndSeesThePacketWaiting() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let site = try Site.make(packets: Self.settings(dir.url, sendmail: "/nonexistent/sendmail -t -i"))
        defer { site.dir.remove() }
        try await site.test { client in
            let ana = try await PageTests.signIn(client, "ana", next: "/packets")
            let empty = text(try await ana.request("/packets", headers: [.acceptLanguage: "en"]))
            #expect(empty.contains("href=\"/packets\"") && empty.contains("No packet made yet."))
            // The mail settings are missing: said in one line, and no send button.
            #expect(empty.contains("/nonexistent/sendmail") && !empty.contains("action=\"/packets/send\""))
            let page = text(try await ana.request("/packets?\(Self.selection)", headers: [.acceptLanguage: "en"]))
            #expect(page.contains("Agencia Presidencial para la Acción Social") && page.contains("Acta de la reunión de la Comisión de Enlace"))
            #expect(page.contains("action=\"/packets/make\""))
            let cover = try #require(page.firstMatch(of: /href="(\/packets\/preview\?[^"]*member=accion-social[^"]*part=cover[^"]*)"/)?.1)
            let coverPage = try await ana.request(String(cover).replacingOccurrences(of: "&amp;", with: "&"))
            #expect(coverPage.status == .ok && text(coverPage).contains("Comisión de Enlace"))
            let digest = try #require(page.firstMatch(of: /href="(\/packets\/preview\?[^"]*part=digest[^"]*)"/)?.1)
            #expect(try await ana.request(String(digest).replacingOccurrences(of: "&amp;", with: "&")).status == .ok)

            let token = try #require(PageTests.csrf(page))
            let made = try await ana.request("/packets/make", .post, headers: FollowUpPageTests.formType,
                                             body: FollowUpPageTests.form([("csrf", token), ("from", "2006"), ("to", "2006"), ("body", "Comisión de Enlace")]))
            #expect(made.status == .seeOther)
            let location = try #require(made.headers[.location])
            #expect(location.contains("made=") && !location.contains("csrf"))
            let log = text(try await ana.request(location, headers: [.acceptLanguage: "en"]))
            #expect(log.contains("Packets made: ") && log.contains("accion-social") && log.contains("waiting"))
            let folder = URL(fileURLWithPath: Self.settings(dir.url, sendmail: "").out).appendingPathComponent("accion-social")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 1)
            // Made once: the same selection again holds nothing new for that member.
            let again = text(try await ana.request("/packets?\(Self.selection)", headers: [.acceptLanguage: "en"]))
            #expect(again.contains("Waiting in a packet not sent yet"))
            let send = try await ana.request("/packets/send", .post, headers: FollowUpPageTests.formType, body: FollowUpPageTests.form([("csrf", token)]))
            #expect(send.status == .conflict && text(send).contains("/nonexistent/sendmail"))
            // A bad period is a readable 400.
            #expect(try await ana.request("/packets?from=2006-13").status == .badRequest)
        }
    }

    @Test func anEmptyArchiveSaysSoOnThePacketsPage() async throws {
        let site = try Site.make(documents: false)
        defer { site.dir.remove() }
        try await site.test { client in
            let ana = try await PageTests.signIn(client, "ana", next: "/packets")
            let r = try await ana.request("/packets", headers: [.acceptLanguage: "en"])
            #expect(r.status == .ok && text(r).contains("The archive holds no record yet."))
        }
    }

    @Test func sendingSendsThePacketsWaitingAndLogsThem() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let sink = dir.url.appendingPathComponent("sent.eml")
        let site = try Site.make(packets: Self.settings(dir.url, sendmail: "cat >> '\(sink.path)'"))
        defer { site.dir.remove() }
        try await site.test { client in
            let ana = try await PageTests.signIn(client, "ana", next: "/packets")
            let token = try #require(PageTests.csrf(text(try await ana.request("/packets"))))
            _ = try await ana.request("/packets/make", .post, headers: FollowUpPageTests.formType,
                                      body: FollowUpPageTests.form([("csrf", token), ("from", "2006"), ("to", "2007")]))
            let page = text(try await ana.request("/packets", headers: [.acceptLanguage: "en"]))
            #expect(page.contains("action=\"/packets/send\""))
            let sent = try await ana.request("/packets/send", .post, headers: FollowUpPageTests.formType, body: FollowUpPageTests.form([("csrf", token)]))
            #expect(sent.status == .seeOther && sent.headers[.location]?.contains("unsent=0") == true)
            let log = text(try await ana.request("/packets", headers: [.acceptLanguage: "en"]))
            #expect(log.contains(">sent ") && !log.contains(">waiting<"))
            #expect(try String(contentsOf: sink, encoding: .utf8).contains("Subject:"))
        }
    }
}
