import Foundation
// The ICU copy that Foundation ships with the Swift toolchain on Linux, and that
// NSRegularExpression runs on: the same pattern syntax, flags and matches. Its C API is
// reached under ICU's renamed symbols (`swift_uregex_*`, see _foundation_unicode/urename.h).
// An underscored module of the toolchain: if a toolchain stops shipping it, this file is
// the one to port (to Debian's libicu, whose regex engine is the same).
import _FoundationICU

/// A regular expression compiled once by ICU and matched through ICU's C API on UTF-16
/// units that the caller already has (a folded text's units) or makes once.
///
/// NSRegularExpression does the same matching, but each call bridges the Swift string to
/// CFString and copies it into UTF-16 again, answers with objects, and clones its matcher
/// whenever two threads use one expression: ICU's own matching was half of its cost.
/// Matchers are cloned once per thread that needs one and kept (`idle`) for the next call.
public final class ICURegex: @unchecked Sendable {
    private let compiled: OpaquePointer
    private let lock = NSLock()
    /// Clones of `compiled` not in use (a matcher holds its text and position).
    private var idle: [OpaquePointer] = []

    /// - Throws: when ICU cannot compile `pattern` (the message names it).
    public init(_ pattern: String, caseInsensitive: Bool = false) throws {
        var status = U_ZERO_ERROR
        let units = Array(pattern.utf16)
        let flags: UInt32 = caseInsensitive ? UInt32(UREGEX_CASE_INSENSITIVE.rawValue) : 0
        let regex = units.withUnsafeBufferPointer { u in
            swift_uregex_open(u.baseAddress, Int32(u.count), flags, nil, &status)
        }
        guard let regex, status.rawValue <= U_ZERO_ERROR.rawValue else {
            if let regex { swift_uregex_close(regex) }
            throw RelatoriaError(.invalidConfiguration, path: nil, reason: "invalid regular expression \(pattern) (ICU error \(status.rawValue))")
        }
        compiled = regex
    }

    deinit {
        for m in idle { swift_uregex_close(m) }
        swift_uregex_close(compiled)
    }

    /// Calls `body` with each match in `units`, left to right and not overlapping, as
    /// NSRegularExpression's `matches(in:range:)` finds them over the whole text. `body` is
    /// given the range (in units) of group `i` (0: the whole match; nil for a group that took
    /// no part) and returns false to stop.
    public func forEachMatch(in units: UnsafeBufferPointer<UInt16>, _ body: (_ group: (Int) -> Range<Int>?) -> Bool) {
        guard units.count < Int(Int32.max) else { return }
        withMatcher { m in
            var status = U_ZERO_ERROR
            swift_uregex_setText(m, units.baseAddress ?? Self.empty, Int32(units.count), &status)
            defer {
                var s = U_ZERO_ERROR
                swift_uregex_setText(m, Self.empty, 0, &s)  // no pointer to the caller's units kept
            }
            guard status.rawValue <= U_ZERO_ERROR.rawValue else { return }
            func group(_ i: Int) -> Range<Int>? {
                var s = U_ZERO_ERROR
                let start = swift_uregex_start(m, Int32(i), &s), end = swift_uregex_end(m, Int32(i), &s)
                guard s.rawValue <= U_ZERO_ERROR.rawValue, start >= 0, end >= start else { return nil }
                return Int(start)..<Int(end)
            }
            while swift_uregex_findNext(m, &status) != 0, status.rawValue <= U_ZERO_ERROR.rawValue {
                if !body(group) { return }
            }
        }
    }

    /// The range (in units) of the first match in `units`.
    public func firstMatch(in units: UnsafeBufferPointer<UInt16>) -> Range<Int>? {
        var found: Range<Int>?
        forEachMatch(in: units) { group in
            found = group(0)
            return false
        }
        return found
    }

    /// A matcher of this expression for the duration of `body`: an idle clone, or a new one.
    private func withMatcher(_ body: (OpaquePointer) -> Void) {
        lock.lock()
        var matcher = idle.popLast()
        lock.unlock()
        if matcher == nil {
            var status = U_ZERO_ERROR
            matcher = swift_uregex_clone(compiled, &status)
            guard status.rawValue <= U_ZERO_ERROR.rawValue else { return }
        }
        guard let m = matcher else { return }
        body(m)
        lock.lock()
        idle.append(m)
        lock.unlock()
    }

    /// Text for a matcher between uses (ICU wants a pointer even for no text).
    /// (Read-only, never freed.)
    nonisolated(unsafe) private static let empty: UnsafePointer<UInt16> = {
        let p = UnsafeMutablePointer<UInt16>.allocate(capacity: 1)
        p.initialize(to: 0)
        return UnsafePointer(p)
    }()
}
