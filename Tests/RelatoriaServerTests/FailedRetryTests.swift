import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RelatoriaKit
import RelatoriaServer
import RelatoriaTestSupport
import Testing

/// The retry of a failed file: the library call (``FailedFiles``) and its route and button.
struct FailedRetryTests {
    /// A site whose archive kept one failed file (`roto.docx`, not a zip); returns its name in failed/.
    static func siteWithAFailure() throws -> (Site, String) {
        let site = try Site.make()
        let source = site.dir.url.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try Data("no es un docx".utf8).write(to: source.appendingPathComponent("roto.docx"))
        let ingestor = try Ingestor(extractor: Site.extractor, archiveRoot: site.archive)
        let summary = try ingestor.ingest(paths: [source.path])
        #expect(summary.failed == 1)
        let kept = FailedFiles(archiveRoot: site.archive, inbox: site.inbox).list()
        #expect(kept.count == 1 && kept.first?.file == "roto.docx" && kept.first?.reason?.isEmpty == false)
        return (site, try #require(kept.first?.name))
    }

    @Test func aRetryMovesTheFileBackUnderItsNameAndNeverReplacesOne() throws {
        let (site, name) = try Self.siteWithAFailure()
        defer { site.dir.remove() }
        let failed = FailedFiles(archiveRoot: site.archive, inbox: site.inbox)
        #expect(throws: FailedFiles.Refusal.invalidName("../records")) { try failed.retry("../records") }
        #expect(throws: FailedFiles.Refusal.invalidName(name + ".error.txt")) { try failed.retry(name + ".error.txt") }
        #expect(throws: FailedFiles.Refusal.unknown("nada.docx")) { try failed.retry("nada.docx") }
        // A file of that name still in the inbox: refused, both kept as they were.
        try FileManager.default.createDirectory(at: site.inbox, withIntermediateDirectories: true)
        try Data("otro".utf8).write(to: site.inbox.appendingPathComponent("roto.docx"))
        #expect(throws: FailedFiles.Refusal.inInbox("roto.docx")) { try failed.retry(name) }
        #expect(try String(contentsOf: site.inbox.appendingPathComponent("roto.docx"), encoding: .utf8) == "otro")
        #expect(failed.list().map(\.name) == [name])
        try FileManager.default.removeItem(at: site.inbox.appendingPathComponent("roto.docx"))
        #expect(try failed.retry(name) == "roto.docx")
        #expect(try String(contentsOf: site.inbox.appendingPathComponent("roto.docx"), encoding: .utf8) == "no es un docx")
        #expect(failed.list().isEmpty)
        let left = try FileManager.default.contentsOfDirectory(atPath: site.archive.appendingPathComponent("failed").path).filter { !$0.hasPrefix(".") }
        #expect(left.isEmpty)
    }

    @Test func aRetriedFileThatFailsAgainIsKeptAgain() throws {
        let (site, name) = try Self.siteWithAFailure()
        defer { site.dir.remove() }
        let failed = FailedFiles(archiveRoot: site.archive, inbox: site.inbox)
        _ = try failed.retry(name)
        // The same bytes fail again: the ingest log says they were kept, but that copy went
        // back to the inbox, so they are kept anew (the daemon then removes the inbox copy).
        let ingestor = try Ingestor(extractor: Site.extractor, archiveRoot: site.archive)
        let summary = try ingestor.ingest(paths: [site.inbox.appendingPathComponent("roto.docx").path])
        #expect(summary.items.first?.kept == true)
        #expect(failed.list().map(\.file) == ["roto.docx"])
    }

    @Test func theRouteNeedsAReviewerAndAnswersEachRefusal() async throws {
        let (site, name) = try Self.siteWithAFailure()
        defer { site.dir.remove() }
        try await site.test { client in
            let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let leo = Browser(client)
            try await leo.signIn("leo")
            #expect(try await leo.request("/api/v1/failed/\(encoded)/retry", .post, headers: leo.withToken).status == .forbidden)
            let rita = Browser(client)
            try await rita.signIn("rita")
            #expect(try await rita.request("/api/v1/failed/\(encoded)/retry", .post).status == .forbidden)  // no CSRF token
            let traversal = try await rita.request("/api/v1/failed/..%2F..%2Fusers.json/retry", .post, headers: rita.withToken)
            #expect(traversal.status == .badRequest && errorCode(traversal) == "invalid_name")
            #expect(try await rita.request("/api/v1/failed/nada.docx/retry", .post, headers: rita.withToken).status == .notFound)
            try FileManager.default.createDirectory(at: site.inbox, withIntermediateDirectories: true)
            try Data("otro".utf8).write(to: site.inbox.appendingPathComponent("roto.docx"))
            let busy = try await rita.request("/api/v1/failed/\(encoded)/retry", .post, headers: rita.withToken)
            #expect(busy.status == .conflict && errorCode(busy) == "in_inbox")
            try FileManager.default.removeItem(at: site.inbox.appendingPathComponent("roto.docx"))
            let ok = try await rita.request("/api/v1/failed/\(encoded)/retry", .post, headers: rita.withToken)
            #expect(ok.status == .accepted && object(ok)["file"] as? String == "roto.docx")
            #expect(FileManager.default.fileExists(atPath: site.inbox.appendingPathComponent("roto.docx").path))
        }
    }

    @Test func theIntakePageListsKeptFilesWithARetryButtonForReviewers() async throws {
        let (site, name) = try Self.siteWithAFailure()
        defer { site.dir.remove() }
        try await site.test { client in
            let leo = try await PageTests.signIn(client, "leo", next: "/intake")
            let seen = text(try await leo.request("/intake"))
            #expect(seen.contains("roto.docx") && !seen.contains("/retry\""))
            let rita = try await PageTests.signIn(client, "rita", next: "/intake")
            let page = text(try await rita.request("/intake"))
            let action = try #require(page.firstMatch(of: /action="(\/intake\/failed\/[^"]+\/retry)"/)?.1)
            let csrf = try #require(PageTests.csrf(page))
            let r = try await rita.request(String(action), .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                           body: ByteBuffer(string: "csrf=\(csrf)"))
            #expect(r.status == .seeOther && r.headers[.location] == "/intake?retried=roto%2Edocx")
            let after = text(try await rita.request("/intake?retried=roto.docx"))
            #expect(after.contains("role=\"status\"") && !after.contains("action=\"/intake/failed/"))
            _ = name
        }
    }
}
