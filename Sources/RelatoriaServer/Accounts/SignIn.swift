import Foundation
import HTTPTypes
import Hummingbird

/// A sign-in attempt, the same for the login page and `POST /api/v1/session`: throttled per
/// name and per address, and answered with the same words whether the name exists or not.
struct SignIn {
    let env: WebEnvironment

    /// The session of `user`, when the password is theirs.
    /// - Throws: ``WebError`` 429 when too many attempts failed lately, 401 otherwise.
    func attempt(user: String, password: String, address: String?) async throws -> Session {
        let throttle = env.throttle
        if let wait = throttle.wait(name: user, address: address) {
            let minutes = max(1, Int((wait / 60).rounded(.up)))
            throw WebError(.tooManyRequests, "too_many_attempts",
                           "too many failed sign-ins; try again in \(minutes) minute\(minutes == 1 ? "" : "s")")
        }
        let users = env.users
        let found = try await blocking { users.authenticate(name: user, password: password) }
        guard let found else {
            throttle.failed(name: user, address: address)
            throw WebError(.unauthorized, "bad_credentials", "wrong user name or password")
        }
        throttle.succeeded(name: user)
        return env.sessions.open(user: found)
    }

    /// The session cookie: HttpOnly, SameSite=Strict, Secure over TLS, for the whole site.
    static func cookie(_ id: String, secure: Bool) -> Cookie {
        Cookie(name: WebMiddleware.sessionCookie, value: id, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The session cookie, expired (logout).
    static func expiredCookie(secure: Bool) -> Cookie {
        Cookie(name: WebMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
