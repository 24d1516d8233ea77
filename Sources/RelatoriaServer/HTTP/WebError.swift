public import Foundation
public import Hummingbird
import HTTPTypes
import NIOCore

/// An error answered to the client: an HTTP status, a stable code and one readable line.
/// Under `/api/` it is the JSON `{"error": {"code", "message"}}`; on a page, an error page.
public struct WebError: Error, Sendable, Equatable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        (self.status, self.code, self.message) = (status, code, message)
    }

    static func badRequest(_ message: String, code: String = "bad_request") -> WebError { .init(.badRequest, code, message) }
    static func notFound(_ message: String) -> WebError { .init(.notFound, "not_found", message) }
    static let unauthenticated = WebError(.unauthorized, "unauthenticated", "sign in first")
    static let csrf = WebError(.forbidden, "csrf", "the request lacks a valid X-CSRF-Token (sign in again if the session ended)")
    static func forbidden(_ role: Role) -> WebError { .init(.forbidden, "forbidden", "this needs the \(role.rawValue) role or higher") }
    static func tooLarge(_ limit: Int) -> WebError { .init(.contentTooLarge, "too_large", "the file is larger than the upload limit of \(limit) MB") }

    /// The JSON body of the error.
    var json: Data {
        let body = ["error": ["code": code, "message": message]]
        return (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    /// The JSON response of the error.
    var response: Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }

    /// What a thrown error becomes: itself, Hummingbird's own HTTP errors with their status,
    /// and anything else a 500 with a generic line (the detail goes to the log, never out).
    static func from(_ error: any Error) -> WebError {
        if let e = error as? WebError { return e }
        if let e = error as? HTTPError {
            switch e.status {
            case .notFound: return .notFound("no such page or resource")
            case .contentTooLarge: return .init(.contentTooLarge, "too_large", "the request is too large")
            case .methodNotAllowed: return .init(.methodNotAllowed, "method_not_allowed", "this method is not allowed here")
            case .badRequest: return .badRequest("the request is malformed")
            default: return .init(e.status, "http_\(e.status.code)", e.status.reasonPhrase)
            }
        }
        if let e = error as? any HTTPResponseError {
            if e.status == .contentTooLarge { return .init(.contentTooLarge, "too_large", "the request is too large") }
            if e.status.code < 500 { return .init(e.status, "http_\(e.status.code)", e.status.reasonPhrase) }
        }
        return .init(.internalServerError, "internal", "something went wrong on the server; the log has the details")
    }
}
