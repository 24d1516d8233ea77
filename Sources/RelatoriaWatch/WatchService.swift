public import ServiceLifecycle

/// The watcher as a swift-service-lifecycle service: runs until a graceful shutdown
/// (SIGTERM, SIGINT), then stops intake and lets in-flight files finish or go back.
public struct WatchService: Service {
    let watcher: Watcher

    public init(watcher: Watcher) { self.watcher = watcher }

    public func run() async throws {
        watcher.start()
        await withGracefulShutdownHandler {
            await watcher.waitUntilFinished()
        } onGracefulShutdown: {
            watcher.stop()
        }
    }
}
