import Foundation
import Glibc
import RelatoriaCore
import RelatoriaKit

/// Events for the watcher's loop, posted from other threads; posting wakes the loop's poll.
final class Mailbox<Event: Sendable>: @unchecked Sendable {
    private var events: [Event] = []
    private let lock = NSLock()
    /// Readable when events are waiting.
    let wakeFD: Int32
    private let writeFD: Int32

    init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SystemError("cannot make the watcher's wake-up pipe", errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(wakeFD)
        close(writeFD)
    }

    func post(_ event: Event) {
        lock.lock()
        events.append(event)
        lock.unlock()
        var b: UInt8 = 1
        _ = write(writeFD, &b, 1)
    }

    func drain() -> [Event] {
        var sink = [UInt8](repeating: 0, count: 512)
        while read(wakeFD, &sink, sink.count) > 0 {}
        lock.lock()
        defer { lock.unlock() }
        let out = events
        events.removeAll()
        return out
    }
}

/// A file handed to the workers.
struct Job: Sendable {
    var path: String
    var stamp: FileStamp
}

/// What a worker made of a job.
enum JobResult: Sendable {
    /// Read and extracted (or failed to), ready to be written.
    case done(Ingestor.Extraction)
    /// The file changed while it was being read: settle it again.
    case changed
    /// Shutdown came first: the file stays in the inbox for the next start.
    case abandoned
}

/// A bounded pool of worker threads, each driving one extraction process.
final class WorkerPool: @unchecked Sendable {
    private let loader: DocumentLoader
    private let executable: String
    private let arguments: [String]
    private let timeLimit: Double
    private let post: @Sendable (Job, JobResult, String?) -> Void
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var stopping = false
    private var workers: [ExtractionWorker?]
    private var running = 0
    private var threads: [Thread] = []

    /// - Parameter post: called on a worker thread with each job's result and, for a file set
    ///   aside by a time limit or a crash, a note for the log.
    init(count: Int, loader: DocumentLoader, executable: String, arguments: [String], timeLimit: Double,
         post: @escaping @Sendable (Job, JobResult, String?) -> Void) {
        self.loader = loader
        self.executable = executable
        self.arguments = arguments
        self.timeLimit = timeLimit
        self.post = post
        workers = Array(repeating: nil, count: max(1, count))
    }

    func start() {
        for slot in workers.indices {
            let t = Thread { [self] in loop(slot) }
            t.name = "relatoria-worker-\(slot)"
            t.stackSize = 8 << 20
            threads.append(t)
            t.start()
        }
    }

    /// Jobs waiting or being extracted.
    var load: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count + running
    }

    func submit(_ job: Job) {
        condition.lock()
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Stops taking jobs; jobs not started are returned (they stay in the inbox).
    func stop() -> [Job] {
        condition.lock()
        stopping = true
        let left = queue
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
        return left
    }

    /// Kills the workers still extracting (their files are reported abandoned), and stops
    /// the idle ones.
    func terminate() {
        condition.lock()
        let all = workers
        condition.unlock()
        for w in all { w?.kill() }
    }

    private func loop(_ slot: Int) {
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            if stopping {
                let w = workers[slot]
                workers[slot] = nil
                condition.unlock()
                w?.stop(grace: 1)
                return
            }
            let job = queue.removeFirst()
            running += 1
            condition.unlock()
            let (result, note) = process(job, slot: slot)
            condition.lock()
            running -= 1
            let abandoned = stopping
            condition.unlock()
            if abandoned, case .done(.failure) = result, note != nil {
                post(job, .abandoned, nil)  // a worker killed by the shutdown, not by the file
            } else {
                post(job, result, note)
            }
        }
    }

    private func worker(_ slot: Int) throws -> ExtractionWorker {
        condition.lock()
        defer { condition.unlock() }
        if let w = workers[slot] { return w }
        let w = try ExtractionWorker(executable: executable, arguments: arguments)
        workers[slot] = w
        return w
    }

    private func process(_ job: Job, slot: Int) -> (JobResult, String?) {
        guard FileStamp.of(job.path) == job.stamp else { return (.changed, nil) }
        let data: Data
        do { data = try loader.bytes(at: job.path) } catch let e as RelatoriaError {
            return (.done(.failure(reason: e.reason, data: nil, sha256: nil)), nil)
        } catch {
            return (.done(.failure(reason: "cannot be read: \(readable(error))", data: nil, sha256: nil)), nil)
        }
        guard FileStamp.of(job.path) == job.stamp else { return (.changed, nil) }
        let sha = RecordExtractor.sha256(data)
        let name = (job.path as NSString).lastPathComponent
        var outcome = ExtractionWorker.Outcome.unavailable
        for _ in 0..<2 {
            let w: ExtractionWorker
            do { w = try worker(slot) } catch {
                let reason = "cannot start an extraction worker: \(readable(error))"
                return (.done(.failure(reason: reason, data: data, sha256: sha)), reason)
            }
            outcome = w.extract(data, filename: name, timeLimit: timeLimit)
            guard case .unavailable = outcome else { break }
            replace(slot)  // died while idle: a new one gets the file
        }
        switch outcome {
        case .unavailable:
            replace(slot)
            let reason = "the extraction worker could not be started twice in a row"
            return (.done(.failure(reason: reason, data: data, sha256: sha)), reason)
        case .record(var record):
            guard record.source.sha256 == sha else {
                return (.done(.failure(reason: "internal error: the worker's record does not match the file's bytes", data: data, sha256: sha)), nil)
            }
            record.source.filename = name
            return (.done(.record(record, data)), nil)
        case .failure(let reason):
            return (.done(.failure(reason: reason, data: data, sha256: sha)), nil)
        case .timedOut:
            replace(slot)
            let reason = "extraction took longer than \(Int(timeLimit)) s, the limit watch.file_time_limit sets, and was stopped"
            return (.done(.failure(reason: reason, data: data, sha256: sha)), reason)
        case .died(let why):
            replace(slot)
            return (.done(.failure(reason: why, data: data, sha256: sha)), why)
        }
    }

    private func replace(_ slot: Int) {
        condition.lock()
        workers[slot] = nil
        condition.unlock()
    }
}
