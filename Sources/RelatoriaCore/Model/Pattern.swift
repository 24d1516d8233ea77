public import Foundation

/// A regular expression compiled once. `String.range(of:options: .regularExpression)`
/// compiles its pattern again on every call, which showed as 12% of ingest time.
public final class Pattern: @unchecked Sendable {
    private let regex: NSRegularExpression

    /// - Precondition: `pattern` is a valid ICU regular expression (a programming error otherwise).
    public init(_ pattern: String) {
        do {
            regex = try NSRegularExpression(pattern: pattern)
        } catch {
            preconditionFailure("invalid pattern \(pattern): \(error)")
        }
    }

    /// The pattern compiled once per process, for patterns made at run time from the
    /// configured words (a lexicon's labels): a bounded set, kept for the process's life.
    public static func cached(_ pattern: String) -> Pattern {
        cacheLock.lock()
        defer { cacheLock.unlock() }
        if let p = cache[pattern] { return p }
        let p = Pattern(pattern)
        cache[pattern] = p
        return p
    }

    private static let cacheLock = NSLock()
    nonisolated(unsafe) private static var cache: [String: Pattern] = [:]

    /// The range of the first match in `s`.
    public func firstRange(in s: String) -> Range<String.Index>? {
        guard let m = regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) else { return nil }
        return Range(m.range, in: s)
    }

    public func matches(_ s: String) -> Bool { firstRange(in: s) != nil }

    /// `s` with every match replaced by `template` (`$1` refers to the first group).
    public func replacing(in s: String, with template: String) -> String {
        regex.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: template)
    }
}
