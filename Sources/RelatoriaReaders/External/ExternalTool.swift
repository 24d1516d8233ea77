import Foundation
import Glibc
import RelatoriaCore

/// An outside program (poppler's pdftohtml, catdoc, tesseract...) run as a child process with
/// a time limit, a memory limit and a cap on what it writes, so that a hostile file can make
/// the tool fail but never take the reader's process down or hang it.
///
/// Limits are set with util-linux's `prlimit` (address space, CPU seconds, file size) when it
/// is installed, and the wall-clock limit by this process, which kills the tool when it is
/// past. A tool that is not installed is a ``ReadFailure`` naming the Debian package to
/// install.
struct ExternalTool {
    /// The program's name, looked up in `PATH` and the usual system folders.
    let name: String
    /// The Debian package that provides it.
    let package: String

    /// What a finished run left.
    struct Outcome {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// The program's full path, or nil when it is not installed.
    var path: String? {
        let env = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = env.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/local/bin"]
        for folder in folders where !folder.isEmpty {
            let candidate = folder + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// True when the program is installed.
    var isInstalled: Bool { path != nil }

    /// Runs the program with `arguments` in `folder` and returns what it wrote.
    /// - Parameter what: what the run is for, for messages ("PDF", "OCR").
    /// - Throws: ``ReadFailure`` when the program is missing, is stopped at a limit, or is
    ///   killed by a signal.
    func run(_ arguments: [String], in folder: URL, for what: String, limits: ReaderLimits,
             seconds: Double? = nil) throws -> Outcome {
        guard let exe = path else {
            throw ReadFailure("\(what) needs \(package): apt-get install \(package)")
        }
        let timeLimit = seconds ?? limits.toolSeconds
        let process = Process()
        let prlimit = ExternalTool(name: "prlimit", package: "util-linux").path
        if let prlimit {
            process.executableURL = URL(fileURLWithPath: prlimit)
            process.arguments = ["--as=\(limits.toolMemoryBytes)", "--fsize=\(limits.toolOutputBytes)",
                                 "--cpu=\(Int(timeLimit.rounded(.up)) + 1)", "--core=0", "--", exe] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: exe)
            process.arguments = arguments
        }
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["OMP_THREAD_LIMIT"] = "1"  // tesseract: one thread, the watcher runs files side by side
        env["LC_ALL"] = "C.UTF-8"
        process.environment = env
        let outURL = folder.appendingPathComponent(".stdout-\(name)")
        let errURL = folder.appendingPathComponent(".stderr-\(name)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do { try process.run() } catch {
            throw ReadFailure("\(what): \(name) could not be started: \(error.localizedDescription)")
        }
        if done.wait(timeout: .now() + timeLimit) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            done.wait()
            throw ReadFailure("\(what): \(name) took longer than \(Int(timeLimit)) s and was stopped")
        }
        let stderr = String(decoding: (try? Data(contentsOf: errURL)).map { $0.prefix(4096) } ?? Data(), as: UTF8.self)
        if process.terminationReason == .uncaughtSignal {
            let sig = process.terminationStatus
            let why = sig == SIGXFSZ ? "wrote more than \(Counting.bytes(limits.toolOutputBytes))"
                : sig == SIGXCPU ? "used more than its CPU time"
                : sig == SIGKILL ? "was stopped, likely out of memory" : "crashed with signal \(sig)"
            throw ReadFailure("\(what): \(name) \(why); the file is damaged or too large")
        }
        let stdout = (try? Data(contentsOf: outURL)) ?? Data()
        return Outcome(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// A fresh private folder for one document's files, removed by `body`'s end.
    static func withScratchFolder<T>(_ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relatoria-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    /// The first line of a tool's complaint that says something, without poppler's prefixes.
    static func firstComplaint(_ stderr: String) -> String? {
        for line in stderr.split(whereSeparator: \.isNewline) {
            var t = line.trimmingSpaces()
            for prefix in ["Syntax Error: ", "Syntax Error (", "Command Line Error: ", "Internal Error: ", "I/O Error: "] where t.hasPrefix(prefix) {
                t = String(t.dropFirst(prefix.count))
            }
            if let close = t.firstIndex(of: ")"), line.contains("Syntax Error (") { t = String(t[t.index(after: close)...]).trimmingSpaces().trimmingPrefixColon() }
            if !t.isEmpty { return String(t.prefix(160)) }
        }
        return nil
    }
}

private extension String {
    func trimmingPrefixColon() -> String { hasPrefix(":") ? String(dropFirst()).trimmingSpaces() : self }
}
