public import Foundation
import RelatoriaCore

/// The progress line a long command shows on a terminal: how many of how many, the rate, and
/// the time left ("  1,200 of 20,000 files · 310 files/s · about 1 min left").
///
/// Shown only once the work has run for ``delay`` seconds, so that a short run prints nothing;
/// redrawn at most ten times a second. The meter only makes the text: the command decides where
/// it goes (standard error, when it is a terminal). Time is injected for tests.
public struct ProgressMeter: Sendable {
    /// What is counted, singular and plural ("file", "files").
    public let noun: (singular: String, plural: String)
    /// Seconds before the first line.
    public var delay: TimeInterval = 1
    private let start: Date
    private var lastDrawn: Date?

    /// - Parameters:
    ///   - singular: the noun counted, in the singular ("file", "record", "packet").
    ///   - plural: its plural, when not `singular` + "s".
    ///   - start: when the work began.
    public init(counting singular: String, plural: String? = nil, start: Date = Date()) {
        noun = (singular, plural ?? singular + "s")
        self.start = start
    }

    /// The line for `done` of `total` at `now`, or nil when nothing should be drawn yet (the
    /// work is younger than ``delay``, or a line was drawn less than 0.1 s ago and the work is
    /// not finished).
    public mutating func line(done: Int, total: Int, now: Date = Date()) -> String? {
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= delay else { return nil }
        if let last = lastDrawn, now.timeIntervalSince(last) < 0.1, done < total { return nil }
        lastDrawn = now
        return Self.describe(done: done, total: total, elapsed: elapsed, noun: noun)
    }

    /// "1,200 of 20,000 files · 310 files/s · about 1 min left"; the rate and time left are
    /// left out until something is done, the time left once all is done.
    public static func describe(done: Int, total: Int, elapsed: TimeInterval,
                                noun: (singular: String, plural: String)) -> String {
        var parts = ["\(Counting.grouped(done)) of \(Counting.of(total, noun.singular, noun.plural))"]
        guard done > 0, elapsed > 0 else { return parts[0] }
        let rate = Double(done) / elapsed
        parts.append(rate >= 10 ? "\(Int(rate.rounded())) \(noun.plural)/s" : "\(String(format: "%.1f", rate)) \(noun.plural)/s")
        if done < total { parts.append(timeLeft(Double(total - done) / rate)) }
        return parts.joined(separator: " · ")
    }

    /// "about 40 s left", "about 3 min left", "about 2 h 5 min left".
    public static func timeLeft(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        if s < 60 { return "about \(max(s, 1)) s left" }
        let minutes = (s + 30) / 60
        if minutes < 60 { return "about \(minutes) min left" }
        return "about \(minutes / 60) h \(minutes % 60) min left"
    }
}
