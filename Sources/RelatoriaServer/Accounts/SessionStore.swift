public import Foundation
import Synchronization

/// One signed-in browser or client.
public struct Session: Sendable, Equatable {
    /// The cookie's value: 32 random bytes, hex.
    public let id: String
    public let user: String
    public let role: Role
    /// The token every state-changing request must carry (`X-CSRF-Token` or the form's `csrf`).
    public let csrf: String
    public var lastSeen: Date
    /// The password hash the session was opened with: when it changes (a new password) or the
    /// user is removed, the session ends.
    let credential: String
}

/// The sessions of the running server, in memory (a restart signs everyone out). A session
/// ends on logout, or after `timeout` without a request.
public final class SessionStore: Sendable {
    public let timeout: TimeInterval
    private let sessions = Mutex<[String: Session]>([:])

    public init(timeout: TimeInterval) { self.timeout = timeout }

    /// A new session for `user`.
    public func open(user: User, now: Date = Date()) -> Session {
        let s = Session(id: Self.token(), user: user.name, role: user.role, csrf: Self.token(), lastSeen: now, credential: user.hash)
        sessions.withLock { all in
            // Expired sessions are dropped here, so the table cannot grow without bound.
            all = all.filter { now.timeIntervalSince($0.value.lastSeen) < timeout }
            all[s.id] = s
        }
        return s
    }

    /// The live session with this cookie value, its inactivity clock restarted; nil when it
    /// does not exist or has expired (an expired one is dropped).
    public func touch(_ id: String, now: Date = Date()) -> Session? {
        sessions.withLock { all in
            guard var s = all[id] else { return nil }
            guard now.timeIntervalSince(s.lastSeen) < timeout else {
                all[id] = nil
                return nil
            }
            s.lastSeen = now
            all[id] = s
            return s
        }
    }

    /// Ends a session (logout).
    public func close(_ id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    /// Ends every session of a user (removed, or their password changed elsewhere).
    public func close(user: String) {
        sessions.withLock { all in all = all.filter { $0.value.user.lowercased() != user.lowercased() } }
    }

    /// 32 random bytes from the system's generator, as hex.
    static func token() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }

    /// Whether two tokens are equal, in a time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
