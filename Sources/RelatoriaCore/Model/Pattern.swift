public import Foundation

/// A regular expression compiled once, matched by ICU on the text's UTF-16 units
/// (``ICURegex``: NSRegularExpression's engine, without its bridging). Compiling per call
/// (`String.range(of:options: .regularExpression)`) showed as 12% of ingest time, and
/// NSRegularExpression's copies of the text as 5% more.
public final class Pattern: @unchecked Sendable {
    private let regex: ICURegex

    /// - Precondition: `pattern` is a valid ICU regular expression (a programming error otherwise).
    public init(_ pattern: String) {
        do {
            regex = try ICURegex(pattern)
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

    /// The range of the first match in `s`; nil as well when the first match starts or ends
    /// inside a Character (as `Range(NSRange, in:)` answered for NSRegularExpression's match).
    public func firstRange(in s: String) -> Range<String.Index>? {
        let units = Self.utf16(s)
        guard let r = units.withUnsafeBufferPointer({ regex.firstMatch(in: $0) }) else { return nil }
        return Self.indices(r, in: s)
    }

    /// Whether ``firstRange(in:)`` finds one.
    public func matches(_ s: String) -> Bool { firstRange(in: s) != nil }

    /// `s` with every match replaced by `template`, as NSRegularExpression's
    /// `stringByReplacingMatches(in:range:withTemplate:)` replaces them for the templates in
    /// use (PatternTests): `$n` is group n (nothing for a group that took no part), `\` makes
    /// the next character literal.
    public func replacing(in s: String, with template: String) -> String {
        let units = Self.utf16(s)
        var out: [UInt16] = []
        var copied = 0
        var any = false
        let parts = Self.parse(template)
        units.withUnsafeBufferPointer { u in
            regex.forEachMatch(in: u) { group in
                guard let whole = group(0) else { return true }
                any = true
                out.append(contentsOf: u[copied..<whole.lowerBound])
                for part in parts {
                    switch part {
                    case .literal(let l): out.append(contentsOf: l)
                    case .group(let n): if let r = group(n) { out.append(contentsOf: u[r]) }
                    }
                }
                copied = whole.upperBound
                return true
            }
        }
        guard any else { return s }
        out.append(contentsOf: units[copied...])
        return String(decoding: out, as: UTF16.self)
    }

    private enum TemplatePart { case literal([UInt16]), group(Int) }

    /// A replacement template's literal units and group references.
    private static func parse(_ template: String) -> [TemplatePart] {
        var parts: [TemplatePart] = []
        var literal: [UInt16] = []
        let t = Array(template.utf16)
        var i = 0
        while i < t.count {
            if t[i] == 0x5C, i + 1 < t.count {  // \x: x itself
                literal.append(t[i + 1])
                i += 2
            } else if t[i] == 0x24, i + 1 < t.count, (0x30...0x39).contains(t[i + 1]) {  // $n
                var n = 0
                i += 1
                while i < t.count, (0x30...0x39).contains(t[i]) {
                    n = n * 10 + Int(t[i] - 0x30)
                    i += 1
                }
                if !literal.isEmpty { parts.append(.literal(literal)); literal = [] }
                parts.append(.group(n))
            } else {
                literal.append(t[i])
                i += 1
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return parts
    }

    /// The UTF-16 units of `s` (`Array(s.utf16)`, which copied unit by unit through the
    /// view's iterator), transcoded from its UTF-8 storage, which is valid UTF-8.
    static func utf16(_ s: String) -> [UInt16] {
        var text = s
        return text.withUTF8 { b in
            [UInt16](unsafeUninitializedCapacity: b.count) { out, n in
                var i = 0, k = 0
                while i < b.count {
                    let c = UInt32(b[i])
                    if c < 0x80 {
                        out[k] = UInt16(c); k += 1; i += 1
                    } else if c < 0xE0 {
                        out[k] = UInt16((c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)); k += 1; i += 2
                    } else if c < 0xF0 {
                        out[k] = UInt16((c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)); k += 1; i += 3
                    } else {
                        let v = (c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
                        out[k] = UInt16(0xD800 + ((v - 0x10000) >> 10)); out[k + 1] = UInt16(0xDC00 + ((v - 0x10000) & 0x3FF)); k += 2; i += 4
                    }
                }
                n = k
            }
        }
    }

    /// String indices of a range of UTF-16 offsets, nil unless both are Character boundaries.
    private static func indices(_ r: Range<Int>, in s: String) -> Range<String.Index>? {
        let utf16 = s.utf16
        let lower = utf16.index(utf16.startIndex, offsetBy: r.lowerBound)
        guard let from = String.Index(lower, within: s), let to = String.Index(utf16.index(lower, offsetBy: r.count), within: s) else { return nil }
        return from..<to
    }
}
