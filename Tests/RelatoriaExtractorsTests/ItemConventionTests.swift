import Foundation
import RelatoriaCore
@testable import RelatoriaExtractors
import Testing

/// How items are written in minutes of many organizations (issue 18): outcome lines, action
/// lines, speakers' handles.
struct ItemConventionTests {
    @Test func aConclusionLineIsAboutTheIssueLineAboveItsDiscussion() throws {
        let r = try record("""
            Storage working group notes
            March 3, 2021

            * open issues

            #12 cache key normalisation

            kvaldez: we could drop the vary handling entirely

            opatel: fine by me, nobody implements it

            conclusion: drop it from the draft

            #15 retry budget

            kvaldez: keep the current limits

            conclusion: keep the limits
            """, "notes.txt")
        let texts = r.decisions.map(\.text)
        #expect(texts.contains { $0.contains("#12 cache key normalisation") && $0.contains("drop it") })
        #expect(texts.contains { $0.contains("#15 retry budget") && $0.contains("keep the limits") })
    }
}
