public import Foundation
public import Hummingbird
public import Logging
import RelatoriaCore
public import RelatoriaKit

/// Everything the routes share: the archive, the inbox, the accounts and sessions, the pages'
/// resources, the limits.
public final class WebEnvironment: Sendable {
    public let archive: ArchiveAccess
    public let inbox: InboxDrop
    public let users: UserStore
    public let sessions: SessionStore
    public let throttle: LoginThrottle
    public let resources: WebResources
    /// The largest upload accepted, in bytes.
    public let uploadLimit: Int
    /// The configuration folder (members, parties, lexicons, packet templates); nil when
    /// there is none, and then the follow-up and packet pages say so.
    public let configuration: URL?
    /// The packets' settings of `relatoria.yaml` (sender, sendmail command, output folder).
    public let packets: Settings.Packets
    let logger: Logger
    /// Search pages' content rendered lately (``PageRoutes/searchPage(_:_:)``): the same search
    /// asked again, by anyone, is not rendered again while its results are the same.
    let searchPages = RecentCache<SearchPageKey, RenderedSearch>(capacity: 200)
    /// Likewise the JSON of `GET /api/v1/search`, by query string.
    let searchJSON = RecentCache<String, RenderedSearch>(capacity: 200)
    /// The layout's frames (``LayoutFrame``), by language and role.
    let frames = LayoutFrames()

    public init(archive: URL, inbox: URL, resources: WebResources, settings: Settings.Server,
                users: UserStore? = nil, throttle: LoginThrottle = LoginThrottle(), logger: Logger = Logger(label: "relatoria.web"),
                configuration: URL? = nil, packets: Settings.Packets = Settings.Packets()) {
        self.archive = ArchiveAccess(root: archive)
        self.inbox = InboxDrop(inbox: inbox)
        self.users = users ?? UserStore(archive: archive)
        sessions = SessionStore(timeout: TimeInterval(settings.sessionTimeout * 60))
        self.throttle = throttle
        self.resources = resources
        uploadLimit = settings.uploadLimit * 1024 * 1024
        self.configuration = configuration
        self.packets = packets
        self.logger = logger
    }
}

/// The web application: its router (pages and the JSON API behind one middleware that finds
/// the session, checks CSRF tokens and turns errors into answers) and the Hummingbird
/// application that serves it.
public enum WebApp {
    /// The router of every page and API call.
    public static func router(_ env: WebEnvironment) -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: WebMiddleware(env: env))
        APIRoutes(env: env).add(to: router)
        ReviewRoutes(env: env).add(to: router)
        PageRoutes(env: env).add(to: router)
        FailedRoutes(env: env).add(to: router)
        BrowsePage(env: env).add(to: router)
        FollowUpPages(env: env).add(to: router)
        PacketPages(env: env).add(to: router)
        ReviewPage(env: env).add(to: router)
        HistoryPage(env: env).add(to: router)
        return router
    }

    /// The application listening on `host`:`port`.
    /// Also fills, in the background, the review state of records indexed before the index
    /// kept it (an index made by an older version), so the first `/review` need not wait.
    public static func application(_ env: WebEnvironment, host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
        Task.detached(priority: .background) { _ = try? await ReviewOperations(env: env).queue(limit: 1, offset: 0) }
        return Application(router: router(env), configuration: .init(address: .hostname(host, port: port), serverName: "relatoria"), logger: logger)
    }
}
