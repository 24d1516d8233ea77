import Foundation
import RelatoriaKit
import Testing

/// The progress line of ingest, reindex and packet: nothing for a short run, then count, rate
/// and time left, redrawn at most ten times a second.
struct ProgressMeterTests {
    @Test func saysNothingDuringTheFirstSecondThenCountRateAndTimeLeft() {
        let start = Date(timeIntervalSince1970: 1_000)
        var meter = ProgressMeter(counting: "file", start: start)
        #expect(meter.line(done: 10, total: 1000, now: start.addingTimeInterval(0.9)) == nil)
        #expect(meter.line(done: 200, total: 20_000, now: start.addingTimeInterval(2)) == "200 of 20,000 files · 100 files/s · about 3 min left")
        // Not redrawn within a tenth of a second, but always when the work is done.
        #expect(meter.line(done: 210, total: 20_000, now: start.addingTimeInterval(2.05)) == nil)
        #expect(meter.line(done: 20_000, total: 20_000, now: start.addingTimeInterval(2.06)) == "20,000 of 20,000 files · 9709 files/s")
    }

    @Test func slowWorkAndOneItem() {
        let noun = (singular: "record", plural: "records")
        #expect(ProgressMeter.describe(done: 0, total: 1, elapsed: 5, noun: noun) == "0 of 1 record")
        #expect(ProgressMeter.describe(done: 3, total: 10, elapsed: 4, noun: noun) == "3 of 10 records · 0.8 records/s · about 10 s left")
        #expect(ProgressMeter.timeLeft(7_500) == "about 2 h 5 min left")
        #expect(ProgressMeter.timeLeft(0.2) == "about 1 s left")
    }
}
