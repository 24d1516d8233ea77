public import Foundation
import Glibc
import RelatoriaCore
public import RelatoriaStore

/// Searches answered by the running watcher, over a Unix socket in the archive
/// (`archive/watch/search.sock`).
///
/// A `relatoria search` process spends most of its time starting: loading the program,
/// opening the index, reading the search pack, faulting in the pages of the index it reads.
/// The watcher has all of that open already, so when one runs on the archive, `search` sends
/// it the request and prints the answer. The answer is the output `search` would print
/// itself (the same ``SearchRequest/output(_:query:)`` over the same index); anything but a
/// complete answer (no watcher, another build of relatoria, a timeout, an error) makes the
/// command search by itself, so the socket can make a search faster, never different.
///
/// Protocol (one request per connection): the client writes `relatoria-search 1`, NUL, its
/// build identity (``FileStamp/programIdentity(version:)``), NUL, the request (``SearchRequest/encoded()``), and shuts down its
/// writing side; the server answers `ok` and a newline followed by the output, or `no` and
/// a reason on one line, and closes.
public enum SearchSocket {
    static let magic = "relatoria-search 1"
    /// The longest request a server reads (a query is a command line: far less).
    static let maximumRequest = 1 << 20

    /// The socket of the archive at `archive`.
    public static func path(archive: String) -> String { archive + "/watch/search.sock" }

    /// The watcher's answer to `request`, or nil when there is none (no watcher on this
    /// archive, another build, an error, nothing complete within `timeout` seconds).
    public static func ask(archive: String, identity: String, request: SearchRequest, timeout: Double = 5) -> [UInt8]? {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        setTimeout(fd, timeout)
        let connected = withAddress(path(archive: archive)) { address, length in connect(fd, address, length) == 0 }
        guard connected == true else { return nil }
        let message = Array(magic.utf8) + [0] + Array(identity.utf8) + [0] + request.encoded()
        guard sendAll(fd, message) else { return nil }
        shutdown(fd, Int32(SHUT_WR))
        guard let answer = receiveAll(fd, limit: Int.max), let newline = answer.firstIndex(of: 10),
              answer[..<newline].elementsEqual("ok".utf8) else { return nil }
        return Array(answer[(newline + 1)...])
    }

    // MARK: - Socket plumbing (shared with the server)

    /// Calls `body` with the address of the socket at `path`. A path too long for an address
    /// (108 bytes) is reached through its folder's descriptor (`/proc/self/fd/N/name`).
    static func withAddress<T>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T? {
        var name = path
        var folder: Int32 = -1
        defer { if folder >= 0 { close(folder) } }
        if path.utf8.count >= 108 {
            let url = URL(fileURLWithPath: path)
            folder = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard folder >= 0 else { return nil }
            name = "/proc/self/fd/\(folder)/\(url.lastPathComponent)"
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(name.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return withUnsafePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }

    static func setTimeout(_ fd: Int32, _ seconds: Double) {
        var t = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &t, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &t, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Writes all of `bytes` (no SIGPIPE when the other side has gone); false on error or timeout.
    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }

    /// Everything up to the end of the stream; nil on error, timeout or more than `limit` bytes.
    static func receiveAll(_ fd: Int32, limit: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return nil }
            if n == 0 { return bytes }
            guard bytes.count + n <= limit else { return nil }
            bytes += chunk[..<n]
        }
    }
}

/// The watcher's side of ``SearchSocket``: answers searches of its archive from a read-only
/// index kept open, on one thread per connection (at most ``maximumConnections`` at once).
///
/// The socket is created under a temporary name, given the archive folder's permissions
/// (whoever may read the archive may search it), then renamed into place; ``stop()`` removes
/// it. A socket left by a watcher that was killed is replaced (the archive's watcher lock says
/// no other watcher runs).
public final class SearchServer: @unchecked Sendable {
    private let archive: URL
    private let identity: String
    private let index: RecordIndex
    private let answered: @Sendable () -> Void
    private let fd: Int32
    private let lock = NSLock()
    private var stopped = false
    /// Connections being answered; past `maximumConnections`, a new one is refused at once
    /// (its command searches by itself) rather than given a thread.
    private var connections = 0
    static let maximumConnections = 32

    /// Listens on the archive's socket.
    /// - Parameter answered: called after each search answered.
    /// - Throws: ``RelatoriaError`` when the socket cannot be made.
    public init(archive: URL, identity: String, index: RecordIndex, answered: @escaping @Sendable () -> Void) throws {
        self.archive = archive
        self.identity = identity
        self.index = index
        self.answered = answered
        let path = SearchSocket.path(archive: archive.path)
        let temporary = path + ".\(getpid()).tmp"
        func fail(_ what: String) -> RelatoriaError {
            RelatoriaError(.inaccessiblePath, path: path, reason: "cannot \(what) the search socket: \(String(cString: strerror(errno)))")
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw fail("create") }
        unlink(temporary)
        guard SearchSocket.withAddress(temporary, { address, length in bind(fd, address, length) == 0 }) == true else {
            let error = fail("create")
            close(fd)
            throw error
        }
        // Read permission on the archive becomes permission to connect (read and write).
        let folderMode = (try? FileManager.default.attributesOfItem(atPath: archive.path)[.posixPermissions] as? Int) ?? 0
        let readers = folderMode & 0o044
        guard chmod(temporary, mode_t(0o600 | readers | readers >> 1)) == 0, listen(fd, 64) == 0, rename(temporary, path) == 0 else {
            let error = fail("set up")
            close(fd)
            unlink(temporary)
            throw error
        }
        self.fd = fd
    }

    /// Starts accepting connections on a thread of its own.
    public func start() {
        let t = Thread { [self] in acceptLoop() }
        t.name = "relatoria-search"
        t.start()
    }

    /// Stops accepting and removes the socket (connections being answered finish).
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        unlink(SearchSocket.path(archive: archive.path))
        shutdown(fd, Int32(SHUT_RDWR))  // wakes accept()
    }

    private func acceptLoop() {
        while true {
            let client = accept(fd, nil, nil)
            if client >= 0 { _ = fcntl(client, F_SETFD, FD_CLOEXEC) }  // no worker process inherits it
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                lock.lock()
                let done = stopped
                lock.unlock()
                if done { break }
                // Out of descriptors or memory: wait a little rather than spin.
                usleep(100_000)
                continue
            }
            lock.lock()
            let admitted = connections < Self.maximumConnections
            if admitted { connections += 1 }
            lock.unlock()
            guard admitted else {
                _ = SearchSocket.sendAll(client, Array("no busy\n".utf8))
                close(client)
                continue
            }
            Thread.detachNewThread { [self] in
                serve(client)
                close(client)
                lock.lock()
                connections -= 1
                lock.unlock()
            }
        }
        close(fd)
    }

    private func serve(_ client: Int32) {
        SearchSocket.setTimeout(client, 5)
        let reply: [UInt8]
        switch answer(SearchSocket.receiveAll(client, limit: SearchSocket.maximumRequest)) {
        case .success(let output): reply = Array("ok\n".utf8) + output
        case .failure(let reason): reply = Array("no \(reason.message)\n".utf8)
        }
        if SearchSocket.sendAll(client, reply), reply.starts(with: "ok".utf8) { answered() }
    }

    private struct Refusal: Error { let message: String }

    private func answer(_ message: [UInt8]?) -> Result<[UInt8], Refusal> {
        guard let message else { return .failure(Refusal(message: "incomplete request")) }
        let fields = message.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].elementsEqual(SearchSocket.magic.utf8) else { return .failure(Refusal(message: "not a search request")) }
        guard fields[1].elementsEqual(identity.utf8) else { return .failure(Refusal(message: "another build of relatoria")) }
        guard let request = SearchRequest(encoded: fields[2]) else { return .failure(Refusal(message: "malformed request")) }
        do {
            let query = try request.query()
            let output = try request.output(try index.search(query), query: query)
            return .success(Array(output.utf8) + [10])
        } catch {
            return .failure(Refusal(message: "\(error)".replacingOccurrences(of: "\n", with: " ")))
        }
    }
}
