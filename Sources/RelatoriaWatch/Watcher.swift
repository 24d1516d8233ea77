public import Foundation
import Glibc
public import Logging
import RelatoriaCore
public import RelatoriaKit
import RelatoriaStore

/// The daemon's core: notices complete files in the inbox, hands them to the extraction
/// workers, writes their results into the archive as the single writer, and only then
/// removes them from the inbox.
///
/// Runs on its own thread; everything but the mailbox belongs to that thread.
public final class Watcher: @unchecked Sendable {
    public struct Options: Sendable {
        public var inbox: URL
        public var archive: URL
        public var settings: Settings.Watch
        /// The program and arguments of an extraction worker (`relatoria worker --config DIR`).
        public var workerCommand: [String]
        /// The build identity searches are answered for (``FileStamp/programIdentity(version:)``);
        /// nil: no search socket.
        public var searchIdentity: String?

        public init(inbox: URL, archive: URL, settings: Settings.Watch, workerCommand: [String], searchIdentity: String? = nil) {
            self.inbox = inbox
            self.archive = archive
            self.settings = settings
            self.workerCommand = workerCommand
            self.searchIdentity = searchIdentity
        }
    }

    enum Event: Sendable {
        case result(Job, JobResult, String?)
        case searched
        case stop
    }

    /// Where one inbox file stands.
    private enum Stage {
        /// Seen; taken once its stamp holds still until `due`.
        case settling(FileStamp, due: Date)
        /// Settled, waiting for room in the workers' queue.
        case ready(FileStamp)
        case inFlight(FileStamp)
        /// Could not be read nor kept (permissions): left in place until it changes.
        case held(FileStamp)
    }

    private let options: Options
    private let logger: Logger
    private let ingestor: Ingestor
    private let rules: IgnoreRules
    private let inotify: Inotify
    private let mailbox: Mailbox<Event>
    private var pool: WorkerPool!
    private var files: [String: Stage] = [:]
    private var readyOrder: [String] = []
    /// Paths logged as ignored or skipped (each once).
    private var logged = LoggedOnce()
    /// During a full rescan: the ignored and skipped paths it finds.
    private var scanFound: Set<String>?
    private var emptyFolders: EmptyFolders
    /// Folders the watcher removed: their inotify "gone" event needs no rescan.
    private var removedFolders: Set<String> = []
    private var nextRescan = Date.distantFuture
    private var rescanSoon = false
    private var paused: String?
    private var nextRetry = Date.distantFuture
    private var lastPauseLog = Date.distantPast
    private var stopping = false
    private var status: WatchStatus
    private var statusDirty = true
    private var lastStatusWrite = Date.distantPast
    private let lock: ArchiveLock
    private var searchServer: SearchServer?
    private var finished: [CheckedContinuation<Void, Never>] = []
    private var isFinished = false
    private let finishLock = NSLock()

    /// Opens the archive (taking its watcher lock) and the inbox; nothing runs until ``start()``.
    public init(options: Options, extractor: RecordExtractor, logger: Logger) throws {
        self.options = options
        self.logger = logger
        try FileManager.default.createDirectory(at: options.inbox, withIntermediateDirectories: true)
        let archive = try FileArchive(root: options.archive)
        lock = try ArchiveLock(folder: options.archive.appendingPathComponent("watch"))
        ingestor = Ingestor(extractor: extractor, archive: archive, index: try RecordIndex(path: archive.indexPath))
        rules = IgnoreRules(patterns: options.settings.ignore)
        emptyFolders = EmptyFolders(inbox: options.inbox.path, delay: options.settings.settleDelay)
        inotify = try Inotify()
        mailbox = try Mailbox()
        status = WatchStatus(pid: getpid(), started: RecordIndex.timestamp(), inbox: options.inbox.path, archive: options.archive.path,
                             workers: options.settings.workerCount, settleDelay: options.settings.settleDelay)
        let mailbox = self.mailbox
        pool = WorkerPool(count: options.settings.workerCount, loader: extractor.loader, executable: options.workerCommand[0],
                          arguments: Array(options.workerCommand.dropFirst()), timeLimit: options.settings.fileTimeLimit) { job, result, note in
            mailbox.post(.result(job, result, note))
        }
    }

    /// Starts the loop on its own thread.
    public func start() {
        signal(SIGPIPE, SIG_IGN)
        pool.start()
        startSearchServer()
        let t = Thread { [self] in run() }
        t.name = "relatoria-watch"
        t.start()
    }

    /// Asks the loop to stop: no new files are taken, files being extracted get
    /// `watch.shutdown_grace` seconds, then are left in the inbox for the next start.
    public func stop() { mailbox.post(.stop) }

    /// Returns when the loop has stopped.
    public func waitUntilFinished() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            finishLock.lock()
            if isFinished {
                finishLock.unlock()
                c.resume()
            } else {
                finished.append(c)
                finishLock.unlock()
            }
        }
    }

    // MARK: - The loop

    private func run() {
        logger.info("watching", metadata: ["inbox": "\(options.inbox.path)", "archive": "\(options.archive.path)",
                                           "workers": "\(options.settings.workerCount)", "settle_delay": "\(options.settings.settleDelay)"])
        rescan()
        while !stopping {
            waitForEvents(until: nextDeadline())
            handle(inotify.read())
            handle(mailbox.drain())
            step()
        }
        shutdown()
    }

    private func nextDeadline() -> Date {
        var next = min(nextRescan, nextRetry)
        if rescanSoon { next = Date() }
        for case .settling(_, let due) in files.values where due < next { next = due }
        if statusDirty { next = min(next, lastStatusWrite.addingTimeInterval(1)) }
        if let folders = emptyFolders.next, folders < next { next = folders }
        return next
    }

    private func waitForEvents(until deadline: Date) {
        var fds = [pollfd(fd: inotify.fd, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: mailbox.wakeFD, events: Int16(POLLIN), revents: 0)]
        let ms = Int32(max(0, min(60_000, deadline.timeIntervalSinceNow * 1000)).rounded(.up))
        _ = poll(&fds, 2, ms)
    }

    private func handle(_ events: [Inotify.Event]) {
        for e in events {
            if e.kind == .fileComplete || e.kind == .folderArrived || e.kind == .created, let rule = rules.rule(for: (e.path as NSString).lastPathComponent) {
                ignore(e.path, rule)
                continue
            }
            switch e.kind {
            case .fileComplete:
                notice(e.path)
            case .folderArrived:
                rescan(under: e.path)
            case .folderLeft where removedFolders.remove(e.path) != nil:
                continue  // removed by the watcher itself, empty
            case .folderLeft, .overflow:
                rescanSoon = true
            case .badName:
                rescan(under: e.path)
            case .created:
                guard let stamp = FileStamp.of(e.path) else { continue }
                switch stamp.kind {
                case .symlink, .special: settle(e.path, stamp)
                case .regular, .folder: break
                }
            }
        }
    }

    private func handle(_ events: [Event]) {
        var results: [(Job, Ingestor.Extraction)] = []
        for e in events {
            switch e {
            case .searched:
                status.searches = (status.searches ?? 0) + 1
                statusDirty = true
            case .stop:
                if !stopping { logger.info("stopping: no new files are taken") }
                stopping = true
            case .result(let job, let result, let note):
                switch result {
                case .done(let extraction):
                    if let note { logger.warning("set aside", metadata: ["file": "\(job.path)", "reason": "\(note)"]) }
                    results.append((job, extraction))
                case .changed:
                    settle(job.path, FileStamp.of(job.path))
                case .abandoned:
                    files[job.path] = nil
                }
            }
        }
        if !results.isEmpty { write(results) }
    }

    /// A file event or a scan saw `path`.
    private func notice(_ path: String) {
        let stamp = FileStamp.of(path)
        switch files[path] {
        case .inFlight, .ready:
            return  // taken already; its stamp is checked again before it leaves the inbox
        case .held(let old) where old == stamp:
            return
        default:
            settle(path, stamp)
        }
    }

    private func settle(_ path: String, _ stamp: FileStamp?) {
        guard let stamp else {
            files[path] = nil
            statusDirty = true
            return
        }
        switch stamp.kind {
        case .regular:
            files[path] = .settling(stamp, due: Date().addingTimeInterval(options.settings.settleDelay))
        case .symlink, .special:
            skip(path, stamp.kind.whySkipped ?? "")
        case .folder:
            rescan(under: path)
        }
        statusDirty = true
    }

    private func skip(_ path: String, _ why: String) {
        files[path] = nil
        scanFound?.insert(path)
        if logged.first(path, FileStamp.of(path)?.identity) {
            status.skipped = (status.skipped ?? 0) + 1
            logger.notice("skipped", metadata: ["file": "\(path)", "reason": "\(why)"])
        }
    }

    /// A file or folder whose name an ignore rule matches: never taken, logged once.
    private func ignore(_ path: String, _ rule: String) {
        scanFound?.insert(path)
        guard let stamp = FileStamp.of(path) else { return }  // gone already: nothing to tell
        if logged.first(path, stamp.identity) {
            status.ignored = (status.ignored ?? 0) + 1
            statusDirty = true
            logger.info("ignored", metadata: [stamp.kind == .folder ? "folder" : "file": "\(path)", "rule": "\(rule)"])
        }
    }

    /// Settled files to the workers, rescans, resumption after a pause, the status file.
    private func step() {
        let now = Date()
        if rescanSoon || now >= nextRescan { rescan() }
        for folder in emptyFolders.removeDue(now: now) {
            removedFolders.insert(folder)
            logger.info("empty folder removed", metadata: ["folder": "\(folder)"])
        }
        if paused != nil, now >= nextRetry {
            paused = nil
            nextRetry = .distantFuture
            logger.debug("retrying the archive", metadata: ["waiting": "\(readyOrder.count)"])
        }
        for (path, stage) in files {
            guard case .settling(let stamp, let due) = stage, due <= now else { continue }
            let current = FileStamp.of(path)
            guard let current, current == stamp else {
                settle(path, current)
                continue
            }
            if FileStamp.hasWriter(path) == true {
                files[path] = .settling(current, due: now.addingTimeInterval(options.settings.settleDelay))
                continue
            }
            files[path] = .ready(current)
            readyOrder.append(path)
            status.received += 1
            logger.info("received", metadata: ["file": "\(path)", "bytes": "\(current.size)"])
        }
        if paused == nil && !stopping {
            var room = options.settings.queueLimit - pool.load
            while room > 0, !readyOrder.isEmpty {
                let path = readyOrder.removeFirst()
                guard case .ready(let stamp) = files[path] else { continue }
                files[path] = .inFlight(stamp)
                pool.submit(Job(path: path, stamp: stamp))
                room -= 1
            }
        }
        writeStatus(force: false)
    }

    // MARK: - Scans

    private func rescan() {
        rescanSoon = false
        inotify.forgetPaths()
        removedFolders.removeAll()
        scanFound = []
        rescan(under: options.inbox.path)
        if let found = scanFound { logged.keep(only: found) }
        scanFound = nil
        // Paths waiting to settle, or held, that are gone (changed ones were settled anew by the scan).
        for (path, stage) in files {
            switch stage {
            case .settling, .held: if FileStamp.of(path) == nil { files[path] = nil }
            case .ready, .inFlight: break
            }
        }
        nextRescan = Date().addingTimeInterval(options.settings.rescanInterval)
        statusDirty = true
    }

    /// Watches every folder under `root` (the watch first, so nothing falls between), then
    /// notices every file already there.
    private func rescan(under root: String) {
        let scan = InboxScan.walk(root, rules: rules)
        for folder in scan.folders {
            do { try inotify.watch(folder) } catch {
                logger.error("cannot watch a folder; the periodic rescan will still find its files",
                             metadata: ["folder": "\(folder)", "reason": "\((error as? SystemError).map { SystemError.message($0.code) } ?? readable(error))"])
            }
        }
        for (path, why) in scan.skipped { skip(path, why) }
        for (path, rule) in scan.ignored { ignore(path, rule) }
        // A name that is not UTF-8 (Latin-1 from an older system) reaches no String path: the
        // inbox is ours, so the file takes its name read as Windows-1252, and is then taken
        // like any other (the folder is scanned again).
        var renamed = false
        // (Entries under a foreign folder wait for that folder's new name and the scan after.)
        for f in scan.foreignNames where f.folder != nil {
            if let new = f.renameToDecoded() {
                logger.notice("renamed", metadata: ["file": "\(f.path)", "to": "\(new)", "reason": "its name was not UTF-8: read as Windows-1252"])
                renamed = true
            } else {
                skip(f.path, FolderWalk.ForeignName.reason)
            }
        }
        for (path, stamp) in scan.files {
            switch files[path] {
            case nil: files[path] = .settling(stamp, due: Date().addingTimeInterval(options.settings.settleDelay))
            case .held(let old) where old != stamp: settle(path, stamp)
            default: break
            }
        }
        statusDirty = true
        if renamed { rescan(under: root) }
    }

    // MARK: - Writing

    private func write(_ results: [(Job, Ingestor.Extraction)]) {
        let items: [Ingestor.Item]
        do {
            items = try ingestor.write(results.map { (path: $0.0.path, extraction: $0.1) })
        } catch {
            // The archive cannot be written (full disk, read-only, permissions): the files
            // stay in the inbox, untouched, and are taken again when the archive is back.
            // One error line when intake stops; while it stays stopped, a reminder a minute.
            if status.paused == nil || Date().timeIntervalSince(lastPauseLog) >= 60 {
                logger.error(status.paused == nil ? "intake paused: the archive cannot be written; files stay in the inbox"
                                                  : "intake still paused: the archive cannot be written",
                             metadata: ["archive": "\(options.archive.path)", "reason": "\(readable(error))",
                                        "retry_every": "\(options.settings.retryInterval)"])
                lastPauseLog = Date()
            }
            paused = "the archive cannot be written: \(readable(error))"
            status.paused = paused
            nextRetry = Date().addingTimeInterval(options.settings.retryInterval)
            for (job, _) in results {
                files[job.path] = .ready(job.stamp)
                readyOrder.append(job.path)
            }
            statusDirty = true
            return
        }
        if status.paused != nil {
            logger.notice("intake resumed: the archive is writable again")
            status.paused = nil
        }
        for (item, (job, _)) in zip(items, results) {
            outcome(item, job)
        }
        statusDirty = true
    }

    private func outcome(_ item: Ingestor.Item, _ job: Job) {
        var meta: Logger.Metadata = ["file": "\(job.path)"]
        switch item.outcome {
        case .archived:
            status.archived += 1
            meta["id"] = "\(item.id ?? "")"
            logger.info("archived", metadata: meta)
        case .duplicate:
            status.duplicates += 1
            meta["id"] = "\(item.id ?? "")"
            logger.info("duplicate", metadata: meta)
        case .failed:
            status.failed += 1
            meta["reason"] = "\(item.reason ?? "")"
            if !item.kept { meta["left_in_inbox"] = "true" }
            logger.warning("failed", metadata: meta)
        }
        status.remember(WatchStatus.Outcome(time: RecordIndex.timestamp(), file: job.path, outcome: item.outcome.rawValue,
                                            id: item.id, reason: item.reason))
        guard item.outcome != .failed || item.kept else {
            files[job.path] = .held(job.stamp)
            return
        }
        // The inbox copy goes only now, and only if it is still the file that was taken.
        if FileStamp.of(job.path) == job.stamp {
            if unlink(job.path) != 0 && errno != ENOENT {
                logger.error("archived, but cannot be removed from the inbox", metadata: ["file": "\(job.path)", "reason": "\(SystemError.message(errno))"])
                files[job.path] = .held(job.stamp)
                return
            }
            files[job.path] = nil
            emptyFolders.took(job.path)
        } else {
            settle(job.path, FileStamp.of(job.path))  // replaced meanwhile: the new file is taken anew
        }
    }

    // MARK: - Searches

    /// Answers searches of the archive on its socket (see ``SearchSocket``). Without it the
    /// watcher still works: `relatoria search` then searches by itself.
    private func startSearchServer() {
        guard let identity = options.searchIdentity else { return }
        do {
            let index = try RecordIndex(path: ingestor.archive.indexPath, readOnly: true)
            let mailbox = self.mailbox
            let server = try SearchServer(archive: options.archive, identity: identity, index: index) { mailbox.post(.searched) }
            server.start()
            searchServer = server
            logger.info("answering searches", metadata: ["socket": "\(SearchSocket.path(archive: options.archive.path))"])
        } catch {
            logger.warning("searches will not be answered by the watcher; relatoria search still works, by itself", metadata: ["reason": "\(readable(error))"])
        }
    }

    // MARK: - Status and shutdown

    private func writeStatus(force: Bool) {
        guard statusDirty || force, force || Date().timeIntervalSince(lastStatusWrite) >= 1 else { return }
        var settling = 0, ready = 0, inFlight = 0, held = 0
        for stage in files.values {
            switch stage {
            case .settling: settling += 1
            case .ready: ready += 1
            case .inFlight: inFlight += 1
            case .held: held += 1
            }
        }
        status.queue = .init(settling: settling, ready: ready, inFlight: inFlight, held: held)
        status.watchedFolders = inotify.watchedFolders
        if status.state != "stopped" { status.state = stopping ? "stopping" : paused != nil ? "paused" : "running" }
        status.updated = RecordIndex.timestamp()
        do { try status.save(in: lock.folder) } catch {
            logger.debug("cannot write the status file", metadata: ["reason": "\(readable(error))"])
        }
        statusDirty = false
        lastStatusWrite = Date()
    }

    private func shutdown() {
        searchServer?.stop()
        let left = pool.stop()
        for job in left { files[job.path] = nil }
        let deadline = Date().addingTimeInterval(options.settings.shutdownGrace)
        func inFlight() -> Int { files.values.reduce(0) { if case .inFlight = $1 { $0 + 1 } else { $0 } } }
        while inFlight() > 0 && Date() < deadline {
            waitForEvents(until: deadline)
            handle(mailbox.drain())
        }
        if inFlight() > 0 {
            logger.notice("files still being extracted are left in the inbox for the next start", metadata: ["count": "\(inFlight())"])
            pool.terminate()
            let killDeadline = Date().addingTimeInterval(2)
            while inFlight() > 0 && Date() < killDeadline {
                waitForEvents(until: killDeadline)
                handle(mailbox.drain())
            }
        }
        status.state = "stopped"
        writeStatus(force: true)
        logger.info("stopped", metadata: ["archived": "\(status.archived)", "duplicates": "\(status.duplicates)", "failed": "\(status.failed)"])
        finishLock.lock()
        isFinished = true
        let waiting = finished
        finished.removeAll()
        finishLock.unlock()
        for c in waiting { c.resume() }
    }
}
