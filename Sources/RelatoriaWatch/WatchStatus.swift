public import Foundation

/// What a running watcher reports about itself in `archive/watch/status.json` (rewritten at
/// most once a second), read by `relatoria status`.
public struct WatchStatus: Codable, Sendable {
    public struct Queue: Codable, Sendable {
        /// Seen, waiting for their size and time to hold still.
        public var settling = 0
        /// Complete, waiting for a worker.
        public var ready = 0
        /// Being extracted or written.
        public var inFlight = 0
        /// Unreadable and not copyable: left in the inbox until they change.
        public var held = 0
    }

    public struct Outcome: Codable, Sendable {
        public var time: String
        public var file: String
        public var outcome: String
        public var id: String?
        public var reason: String?
    }

    public var pid: Int32
    public var started: String
    public var updated = ""
    public var state = "running"
    public var paused: String?
    public var inbox: String
    public var archive: String
    public var workers: Int
    public var settleDelay: Double
    public var watchedFolders = 0
    public var queue = Queue()
    public var received = 0
    public var archived = 0
    public var duplicates = 0
    public var failed = 0
    /// Files and folders never taken for their name (hidden, `watch.ignore`), each counted
    /// once, as logged (nil in the status files of watchers before it was counted).
    public var ignored: Int? = 0
    /// Symbolic links and special files, never followed or opened, each counted once.
    public var skipped: Int? = 0
    /// Searches answered on the archive's search socket since the start (nil in the status
    /// files of watchers before it had one).
    public var searches: Int? = 0
    /// The latest outcomes, newest last.
    public var recent: [Outcome] = []

    init(pid: Int32, started: String, inbox: String, archive: String, workers: Int, settleDelay: Double) {
        self.pid = pid
        self.started = started
        self.inbox = inbox
        self.archive = archive
        self.workers = workers
        self.settleDelay = settleDelay
    }

    mutating func remember(_ outcome: Outcome) {
        recent.append(outcome)
        if recent.count > 20 { recent.removeFirst(recent.count - 20) }
    }

    static let filename = "status.json"

    func save(in folder: URL) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try enc.encode(self).write(to: folder.appendingPathComponent(Self.filename), options: .atomic)
    }

    /// The status last written by a watcher on the archive at `folder` (`archive/watch`).
    public static func load(in folder: URL) -> WatchStatus? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(filename)) else { return nil }
        return try? JSONDecoder().decode(WatchStatus.self, from: data)
    }

    /// Whether the watcher that wrote this status still holds the archive's lock.
    public static func isRunning(in folder: URL) -> Bool {
        let fd = open(folder.appendingPathComponent("lock").path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return true
    }
}
