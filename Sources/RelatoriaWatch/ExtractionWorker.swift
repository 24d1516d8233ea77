import Foundation
import Glibc
import RelatoriaCore
public import RelatoriaKit

/// Extraction in a child process (`relatoria worker`), so that a file that crashes the
/// extractor or runs away with its time is set aside and never takes the daemon, or the
/// other files, down with it.
///
/// The protocol on the child's standard input and output: a request is one JSON line
/// `{"filename": NAME, "bytes": N}` followed by N bytes; the answer is one JSON line,
/// `{"record": RECORD}` or `{"error": REASON}`.
public enum WorkerProtocol {
    struct Request: Codable {
        var filename: String
        var bytes: Int
    }

    struct Answer: Codable {
        var record: Record?
        var error: String?
    }

    /// The child's loop: answers requests until its input ends. Interrupt and terminate
    /// signals are ignored (the daemon decides when its workers stop, by closing their input).
    public static func serve(extractor: RecordExtractor) {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        let input = DescriptorReader(fd: 0)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        while let line = try? input.line(deadline: nil) {
            guard let request = try? JSONDecoder().decode(Request.self, from: line), request.bytes >= 0,
                  let data = try? input.bytes(request.bytes, deadline: nil)
            else { exit(2) }
            var answer = Answer()
            do {
                answer.record = try extractor.record(data: data, filename: request.filename, path: request.filename)
            } catch let e as RelatoriaError {
                answer.error = e.reason
            } catch {
                answer.error = "the extractor failed on this file: \(readable(error))"
            }
            guard var out = try? encoder.encode(answer) else { exit(3) }
            out.append(0x0A)
            guard writeAll(1, out) else { exit(0) }
        }
        exit(0)
    }
}

/// The daemon's side of one worker process.
final class ExtractionWorker {
    enum Outcome {
        case record(Record)
        case failure(String)
        /// The file took longer than the time limit; the worker was stopped.
        case timedOut
        /// The worker died on the file (crash, out of memory): the reason says how.
        case died(String)
        /// The worker was gone before it got the file (it died while idle).
        case unavailable
    }

    private let process = Process()
    private let input: Int32
    private let output: DescriptorReader

    /// Spawns one at a time, so that no worker inherits another's pipe ends (a worker whose
    /// output pipe is held open by a sibling would never be seen to die).
    private static let spawning = NSLock()

    init(executable: String, arguments: [String]) throws {
        Self.spawning.lock()
        defer { Self.spawning.unlock() }
        let stdinPipe = Pipe(), stdoutPipe = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"  // a crashing worker dies at once; the daemon reports it
        process.environment = env
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = FileHandle.standardError
        try process.run()
        input = fcntl(stdinPipe.fileHandleForWriting.fileDescriptor, F_DUPFD_CLOEXEC, 3)
        output = DescriptorReader(fd: fcntl(stdoutPipe.fileHandleForReading.fileDescriptor, F_DUPFD_CLOEXEC, 3))
        try? stdinPipe.fileHandleForWriting.close()
        try? stdinPipe.fileHandleForReading.close()
        try? stdoutPipe.fileHandleForReading.close()
        try? stdoutPipe.fileHandleForWriting.close()
    }

    var pid: Int32 { process.processIdentifier }

    /// Extracts `data`; blocks the calling thread (never a cooperative one) until the answer,
    /// the time limit or the worker's death.
    func extract(_ data: Data, filename: String, timeLimit: Double) -> Outcome {
        let deadline = Date().addingTimeInterval(timeLimit)
        guard var header = try? JSONEncoder().encode(WorkerProtocol.Request(filename: filename, bytes: data.count)) else {
            return .failure("internal error: cannot encode the request")
        }
        header.append(0x0A)
        guard process.isRunning, writeAll(input, header) else {
            _ = deathReason()
            return .unavailable
        }
        guard writeAll(input, data) else { return .died(deathReason()) }
        do {
            let line = try output.line(deadline: deadline)
            guard let line else { return .died(deathReason()) }
            let answer = try JSONDecoder().decode(WorkerProtocol.Answer.self, from: line)
            if let record = answer.record { return .record(record) }
            return .failure(answer.error ?? "the extraction worker gave no answer")
        } catch DescriptorReader.Timeout.expired {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return .timedOut
        } catch {
            return .failure("the extraction worker's answer cannot be read")
        }
    }

    /// Why the worker is gone (waits for it).
    private func deathReason() -> String {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal {
            let sig = process.terminationStatus
            if sig == SIGKILL { return "the extractor was killed on this file, often because the system ran out of memory" }
            let name = sig == SIGSEGV ? "SIGSEGV" : sig == SIGABRT ? "SIGABRT" : sig == SIGILL ? "SIGILL" : sig == SIGTRAP ? "SIGTRAP" : "\(sig)"
            return "the extractor crashed on this file with signal \(name)"
        }
        return "the extractor stopped on this file with exit status \(process.terminationStatus)"
    }

    /// Closes the worker's input so it exits after its current file; killed after `grace`.
    func stop(grace: Double) {
        close(input)
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        close(output.fd)
    }

    /// Kills the worker now (at shutdown, when its file is abandoned to the next start).
    func kill() {
        Glibc.kill(process.processIdentifier, SIGKILL)
    }
}

/// Buffered reads from a file descriptor, with an optional deadline (poll).
final class DescriptorReader {
    enum Timeout: Error { case expired }
    struct Closed: Error {}

    let fd: Int32
    private var buffer = Data()

    init(fd: Int32) { self.fd = fd }

    /// The next line without its newline; nil at end of input.
    func line(deadline: Date?) throws -> Data? {
        while true {
            if let nl = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<nl]
                buffer = Data(buffer[(nl + 1)...])
                return Data(line)
            }
            guard try fill(deadline: deadline) else { return nil }
        }
    }

    /// Exactly `count` bytes.
    func bytes(_ count: Int, deadline: Date?) throws -> Data {
        while buffer.count < count {
            guard try fill(deadline: deadline) else { throw Closed() }
        }
        let out = Data(buffer.prefix(count))
        buffer = Data(buffer.dropFirst(count))
        return out
    }

    private func fill(deadline: Date?) throws -> Bool {
        if let deadline {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            while true {
                let ms = Int32(max(0, min(Double(Int32.max), deadline.timeIntervalSinceNow * 1000)).rounded(.up))
                let r = poll(&p, 1, ms)
                if r > 0 { break }
                if r == 0 { throw Timeout.expired }
                if errno != EINTR { return false }
            }
        }
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
                return true
            }
            if n < 0 && errno == EINTR { continue }
            return false
        }
    }
}

/// Writes every byte (false when the other end is gone).
func writeAll(_ fd: Int32, _ data: Data) -> Bool {
    data.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }
}
