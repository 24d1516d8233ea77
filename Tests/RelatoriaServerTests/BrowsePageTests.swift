import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RelatoriaKit
import RelatoriaServer
import RelatoriaTestSupport
import Testing

/// The browse page and ``ArchiveBrowse``.
struct BrowsePageTests {
    @Test func countsAreArrangedNewestFirstWithUndatedAndNamelessLast() {
        let b = ArchiveBrowse(counts: [("Mesa de Bosques", "2007", 2), ("Comisión de Enlace", "2006", 1), ("Comisión de Enlace", "2009", 3),
                                       (nil, "2010", 1), ("Mesa de Bosques", nil, 1)])
        #expect(b.total == 8)
        #expect(b.years.map(\.year) == ["2010", "2009", "2007", "2006", nil])
        #expect(b.years.map(\.count) == [1, 3, 2, 1, 1])
        #expect(b.bodies.map(\.name) == ["Comisión de Enlace", "Mesa de Bosques", nil])
        #expect(b.bodies[0].count == 4 && b.bodies[0].years.map(\.year) == ["2009", "2006"])
        #expect(b.bodies[1].years.map(\.year) == ["2007", nil])
    }

    @Test func theBrowsePageLinksEachYearAndBodyToItsSearch() async throws {
        let site = try Site.make()
        defer { site.dir.remove() }
        try await site.test { client in
            let leo = try await PageTests.signIn(client, "leo", next: "/browse")
            let r = try await leo.request("/browse")
            #expect(r.status == .ok)
            let html = text(r)
            #expect(html.contains("href=\"/browse\""))
            let y2007 = try #require(html.range(of: "href=\"/search?from=2007&amp;to=2007&amp;sort=date\"")
                ?? html.range(of: "href=\"/search?from=2007&to=2007&sort=date\""))
            let y2006 = try #require(html.range(of: "from=2006&amp;to=2006") ?? html.range(of: "from=2006&to=2006"))
            #expect(y2007.lowerBound < y2006.lowerBound)
            // A body's year is a search narrowed to both, which finds its one record.
            let link = try #require(html.firstMatch(of: /href="(\/search\?body=[^"]*from=2006[^"]*)"/)?.1)
            let search = text(try await leo.request(String(link).replacingOccurrences(of: "&amp;", with: "&")))
            #expect(search.contains(">1 acta<"))
            #expect(search.contains("Enlace") && !search.contains("Bosques</a>"))
        }
    }

    @Test func anEmptyArchiveSaysSo() async throws {
        let site = try Site.make(documents: false)
        defer { site.dir.remove() }
        try await site.test { client in
            let leo = try await PageTests.signIn(client, "leo", next: "/browse")
            let r = try await leo.request("/browse", headers: [.acceptLanguage: "en"])
            #expect(r.status == .ok && text(r).contains("The archive holds no record yet."))
        }
    }
}
