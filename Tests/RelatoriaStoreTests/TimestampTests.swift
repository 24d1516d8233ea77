import Foundation
import RelatoriaStore
import Testing

/// The ingest log's timestamps, written out by hand: ISO 8601 in UTC with milliseconds
/// (truncated), read back by `ISO8601DateFormatter` as the same instant.
struct TimestampTests {
    @Test func areISO8601WithMilliseconds() throws {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let date = Date(timeIntervalSince1970: Double.random(in: 0..<4_102_444_800, using: &generator))
            let s = RecordIndex.timestamp(date)
            #expect(s.count == 24 && s.hasSuffix("Z"), "\(s)")
            let back = try #require(f.date(from: s), "\(s)")
            let lag = date.timeIntervalSince(back)
            #expect(lag > -0.0001 && lag < 0.0011, "\(s) for \(date.timeIntervalSince1970)")
        }
        #expect(RecordIndex.timestamp(Date(timeIntervalSince1970: 1_136_073_600.5)) == "2006-01-01T00:00:00.500Z")
        #expect(RecordIndex.timestamp(Date(timeIntervalSince1970: 1_795_000_000)) == f.string(from: Date(timeIntervalSince1970: 1_795_000_000)))
    }
}
