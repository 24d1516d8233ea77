public import Hummingbird
public import NIOCore

/// The request context of the web application: the caller's address (for the login
/// throttle), its session once the session middleware found one, and its language.
public struct WebContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The signed-in session, set by ``SessionMiddleware``.
    public var session: Session?
    /// The language pages are written in, set by ``SessionMiddleware``.
    public var language: Language = .es
    /// Whether the request came over TLS (a proxy in front said so): cookies are then `Secure`.
    public var secure = false

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The caller's address without the port (nil in tests, which have none).
    var address: String? { remoteAddress?.ipAddress }
}
