public import Foundation
import Synchronization

/// Failed sign-ins counted per user name and per address: past `limit` failures within
/// `window`, further attempts for that name (whether or not it exists) or from that address
/// are refused until the oldest failure leaves the window.
public final class LoginThrottle: Sendable {
    public let limit: Int
    public let addressLimit: Int
    public let window: TimeInterval
    private let failures = Mutex<[String: [Date]]>([:])

    public init(limit: Int = 5, addressLimit: Int = 20, window: TimeInterval = 15 * 60) {
        (self.limit, self.addressLimit, self.window) = (limit, addressLimit, window)
    }

    /// Seconds to wait before `name` may try again from `address`; nil when it may try now.
    public func wait(name: String, address: String?, now: Date = Date()) -> TimeInterval? {
        failures.withLock { all in
            var longest: TimeInterval?
            for (key, max) in keys(name, address) {
                let recent = (all[key] ?? []).filter { now.timeIntervalSince($0) < window }
                all[key] = recent.isEmpty ? nil : recent
                if recent.count >= max, let oldest = recent.first {
                    longest = Swift.max(longest ?? 0, window - now.timeIntervalSince(oldest))
                }
            }
            return longest
        }
    }

    /// Counts a failed attempt.
    public func failed(name: String, address: String?, now: Date = Date()) {
        failures.withLock { all in
            for (key, _) in keys(name, address) { all[key, default: []].append(now) }
        }
    }

    /// Forgets the failures of a name after a successful sign-in.
    public func succeeded(name: String) {
        _ = failures.withLock { $0.removeValue(forKey: "user:" + name.lowercased()) }
    }

    private func keys(_ name: String, _ address: String?) -> [(String, Int)] {
        var k = [("user:" + name.lowercased(), limit)]
        if let address { k.append(("addr:" + address, addressLimit)) }
        return k
    }
}
