import Foundation
import RelatoriaTestSupport
import Testing

/// `relatoria user` and `relatoria serve`, run as a user runs them.
struct ServeCommandTests {
    /// Runs the binary with `input` on standard input; killed (status 9) after `timeout` seconds.
    static func run(_ args: [String], input: String = "", timeout: Double = 60) throws -> ExtractCommandTests.Run {
        let p = Process()
        p.executableURL = ExtractCommandTests.binary
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["RELATORIA_CONFIG"] = PackagePaths.config.path
        p.environment = env
        let inPipe = Pipe(), out = Pipe(), err = Pipe()
        (p.standardInput, p.standardOutput, p.standardError) = (inPipe, out, err)
        try p.run()
        let pid = p.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { kill(pid, SIGKILL) }
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return .init(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    @Test func usersAreAddedListedChangedAndRemoved() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let archive = ["--archive", dir.url.appendingPathComponent("archive").path]
        let added = try Self.run(["user", "add", "ana", "--role", "admin", "--password-stdin"] + archive, input: "correct horse\n")
        #expect(added.status == 0 && added.stdout.contains("added ana (admin)"))
        #expect(try Self.run(["user", "add", "leo", "--role", "reader", "--password-stdin"] + archive, input: "battery staple\n").status == 0)
        let list = try Self.run(["user", "list", "--json"] + archive)
        let rows = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: String]]
        #expect(rows?.map { "\($0["name"]!):\($0["role"]!)" } == ["ana:admin", "leo:reader"])
        let file = try String(contentsOf: dir.url.appendingPathComponent("archive/users.json"), encoding: .utf8)
        #expect(!file.contains("correct horse") && !file.contains("battery staple"))

        let again = try Self.run(["user", "add", "ANA", "--role", "reader", "--password-stdin"] + archive, input: "whatever-1\n")
        #expect(again.status == 65 && again.stderr == "relatoria: a user named ANA already exists\n")
        let role = try Self.run(["user", "add", "bob", "--role", "boss"] + archive)
        #expect(role.status == 64 && role.stderr.contains("--role must be reader, reviewer or admin, not boss")
            && role.stderr.contains("Usage: relatoria user add"))
        let short = try Self.run(["user", "add", "bob", "--role", "reader", "--password-stdin"] + archive, input: "short\n")
        #expect(short.status == 64 && short.stderr.contains("at least 8 characters"))
        let noTerminal = try Self.run(["user", "add", "bob", "--role", "reader"] + archive)
        #expect(noTerminal.status == 64 && noTerminal.stderr.contains("pass --password-stdin"))
        #expect(try Self.run(["user", "passwd", "zoe", "--password-stdin"] + archive, input: "whatever-1\n").status == 66)
        #expect(try Self.run(["user", "passwd", "leo", "--password-stdin"] + archive, input: "a new password\n").status == 0)
        let last = try Self.run(["user", "remove", "ana"] + archive)
        #expect(last.status == 65 && last.stderr.contains("last admin"))
        #expect(try Self.run(["user", "remove", "leo"] + archive).status == 0)
        #expect(try Self.run(["user", "list"] + archive).stdout.hasPrefix("ana"))
    }

    /// A free TCP port on loopback.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// The status line of `GET path` on loopback, or nil when nothing answers.
    static func get(_ path: String, port: Int) -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard ok == 0 else { return nil }
        let request = "GET \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return String(decoding: buffer[..<n], as: UTF8.self).components(separatedBy: "\r\n").first
    }

    @Test func serveRunsTheWatcherAndTheServerAndStopsOnSIGTERM() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let port = Self.freePort()
        let p = Process()
        p.executableURL = ExtractCommandTests.binary
        p.arguments = ["serve", "--config", PackagePaths.config.path, "--archive", dir.url.appendingPathComponent("archive").path,
                       "--inbox", dir.url.appendingPathComponent("inbox").path, "--port", String(port)]
        let err = Pipe()
        (p.standardError, p.standardOutput) = (err, err)
        try p.run()
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() } }
        var status: String?
        for _ in 0..<100 where status == nil {
            status = Self.get("/search", port: port)
            if status == nil { usleep(100_000) }
        }
        #expect(status == "HTTP/1.1 302 Found")
        #expect(Self.get("/api/v1/search?q=acta", port: port) == "HTTP/1.1 401 Unauthorized")
        // A second server on the same port is refused with a readable line, and its watcher
        // stops with it (it hung, waiting for a graceful shutdown that never came).
        let second = try Self.run(["serve", "--archive", dir.url.appendingPathComponent("archive2").path,
                                   "--inbox", dir.url.appendingPathComponent("inbox2").path, "--port", String(port)], timeout: 20)
        #expect(second.status == 75 && second.stderr.contains("the port is already in use"))
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("no account exists yet") && log.contains("relatoria user add NAME --role admin"))
        // Like watch, it says first that it makes a new archive.
        #expect(log.split(separator: "\n").first == "relatoria: creating a new archive at \(dir.url.appendingPathComponent("archive").path)")
        #expect(FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("inbox").path))
    }
}
