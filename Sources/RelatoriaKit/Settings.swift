public import Foundation
public import RelatoriaCore
import Yams

/// `config/relatoria.yaml`: where the inbox and the archive are, the watcher's timings and
/// limits, the log format. Every key is optional; a missing file means the defaults, which
/// serve out of the box (`inbox/` and `archive/` in the current folder). Relative paths are
/// relative to the current folder, like every path given on the command line.
public struct Settings: Sendable, Equatable {
    public var inbox = "inbox"
    public var archive = "archive"
    public var watch = Watch()
    public var logFormat = LogFormat.plain
    public var packets = Packets()
    public var server = Server()
    public var ocr = OCR()

    /// How scans are read.
    public struct OCR: Sendable, Equatable {
        /// The languages OCR reads in: Tesseract's names joined by `+` (`spa`, `eng`, `spa+eng`,
        /// the default) or `auto` (Spanish or English, guessed from a first pass on the first page).
        public var languages = OCRLanguages.spanishAndEnglish

        public init() {}
    }

    /// `relatoria serve`: where the web application listens, its sessions and uploads.
    public struct Server: Sendable, Equatable {
        /// The address to listen on (loopback by default: put a TLS proxy in front to serve others).
        public var host = "127.0.0.1"
        /// The TCP port.
        public var port = 8080
        /// Minutes of inactivity after which a session ends.
        public var sessionTimeout = 60
        /// The largest file the upload form accepts, in megabytes.
        public var uploadLimit = 50

        public init() {}
    }

    /// `relatoria packet`: sender, delivery command, output folder.
    public struct Packets: Sendable, Equatable {
        /// The sender of the messages (`Name <address>`).
        public var from = "Secretaría Técnica <secretaria@localhost>"
        /// A sendmail-compatible command that reads one message on standard input.
        public var sendmail = "/usr/sbin/sendmail -t -i"
        /// Where packets are written when `--out` is not given.
        public var out = "packets"
        /// Commitments due within this many days after the packet's end date are listed.
        public var upcomingDays = 30

        public init() {}
    }

    public enum LogFormat: String, Sendable, Equatable, CaseIterable { case plain, json }

    public struct Watch: Sendable, Equatable {
        /// Seconds a file's size and modification time must stay unchanged before it is taken.
        public var settleDelay = 1.0
        /// Seconds between full rescans of the inbox (the safety net for missed events).
        public var rescanInterval = 60.0
        /// Extraction worker processes; 0 means one per core.
        public var workers = 0
        /// Files handed to the workers at once (the bounded queue).
        public var queueLimit = 64
        /// Seconds one file may take to extract before it is stopped and set aside.
        public var fileTimeLimit = 120.0
        /// Seconds between attempts to resume when the archive cannot be written.
        public var retryInterval = 10.0
        /// Seconds allowed at shutdown for files being extracted to finish.
        public var shutdownGrace = 5.0
        /// File and folder names never taken (shell patterns, matched against the name only).
        public var ignore = ["~$*", "*.tmp", "*.part", "*.crdownload", "Thumbs.db", "desktop.ini", "__MACOSX"]

        public init() {}

        public var workerCount: Int { workers > 0 ? workers : ProcessInfo.processInfo.activeProcessorCount }
    }

    public init() {}

    /// The settings in `folder/relatoria.yaml`, or the defaults when there is no such file.
    /// - Throws: ``RelatoriaError`` `invalidConfiguration`, naming the line, for a malformed
    ///   file, an unknown key or a value of the wrong kind.
    public static func load(folder: URL?) throws -> Settings {
        guard let folder else { return Settings() }
        let url = folder.appendingPathComponent("relatoria.yaml")
        guard FileManager.default.fileExists(atPath: url.path) else { return Settings() }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw RelatoriaError(.invalidConfiguration, path: url.path, reason: "cannot be read as UTF-8 (\(error.localizedDescription))")
        }
        return try parse(text, path: url.path)
    }

    /// Parses the text of a `relatoria.yaml`.
    public static func parse(_ text: String, path: String) throws -> Settings {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw RelatoriaError(.invalidConfiguration, path: path, reason: "not valid YAML: \(error)")
        }
        var s = Settings()
        guard let root = node else { return s }
        let reader = NodeReader(path: path)
        for (key, value) in try reader.mapping(root, "the file") {
            switch key {
            case "inbox": s.inbox = try reader.string(value, key)
            case "archive": s.archive = try reader.string(value, key)
            case "log_format":
                let v = try reader.string(value, key)
                guard let f = LogFormat(rawValue: v) else { throw reader.error(value, "log_format must be plain or json, not \"\(v)\"") }
                s.logFormat = f
            case "packets":
                for (k, v) in try reader.mapping(value, key) {
                    let name = "packets.\(k)"
                    switch k {
                    case "from": s.packets.from = try reader.string(v, name)
                    case "sendmail": s.packets.sendmail = try reader.string(v, name)
                    case "out": s.packets.out = try reader.string(v, name)
                    case "upcoming_days": s.packets.upcomingDays = try reader.count(v, name, minimum: 0)
                    default: throw reader.error(v, "unknown key packets.\(k) (see config/README.md)")
                    }
                }
            case "ocr":
                for (k, v) in try reader.mapping(value, key) {
                    switch k {
                    case "languages":
                        let text = try reader.string(v, "ocr.languages")
                        guard let languages = OCRLanguages(setting: text) else {
                            throw reader.error(v, "ocr.languages must be auto or Tesseract's language names joined by + (spa, eng, spa+eng), not \"\(text)\"")
                        }
                        s.ocr.languages = languages
                    default: throw reader.error(v, "unknown key ocr.\(k) (see config/README.md)")
                    }
                }
            case "server":
                for (k, v) in try reader.mapping(value, key) {
                    let name = "server.\(k)"
                    switch k {
                    case "host": s.server.host = try reader.string(v, name)
                    case "port":
                        let port = try reader.count(v, name, minimum: 1)
                        guard port <= 65535 else { throw reader.error(v, "server.port must be a whole number from 1 to 65535") }
                        s.server.port = port
                    case "session_timeout": s.server.sessionTimeout = try reader.count(v, name, minimum: 1)
                    case "upload_limit": s.server.uploadLimit = try reader.count(v, name, minimum: 1)
                    default: throw reader.error(v, "unknown key server.\(k) (see config/README.md)")
                    }
                }
            case "watch":
                for (k, v) in try reader.mapping(value, key) {
                    let name = "watch.\(k)"
                    switch k {
                    case "settle_delay": s.watch.settleDelay = try reader.seconds(v, name)
                    case "rescan_interval": s.watch.rescanInterval = try reader.seconds(v, name, minimum: 1)
                    case "workers": s.watch.workers = try reader.count(v, name, minimum: 0)
                    case "queue_limit": s.watch.queueLimit = try reader.count(v, name, minimum: 1)
                    case "file_time_limit": s.watch.fileTimeLimit = try reader.seconds(v, name, minimum: 1)
                    case "retry_interval": s.watch.retryInterval = try reader.seconds(v, name, minimum: 0.1)
                    case "shutdown_grace": s.watch.shutdownGrace = try reader.seconds(v, name)
                    case "ignore": s.watch.ignore = try reader.strings(v, name)
                    default: throw reader.error(v, "unknown key watch.\(k) (see config/README.md)")
                    }
                }
            default: throw reader.error(value, "unknown key \(key) (see config/README.md)")
            }
        }
        return s
    }
}

/// Typed reads of a YAML node tree, with errors that name the file and the line.
struct NodeReader {
    let path: String

    func error(_ node: Node, _ message: String) -> RelatoriaError {
        let line = node.mark.map { "line \($0.line): " } ?? ""
        return RelatoriaError(.invalidConfiguration, path: path, reason: line + message)
    }

    func mapping(_ node: Node, _ name: String) throws -> [(String, Node)] {
        guard let m = node.mapping else { throw error(node, "\(name) must be a mapping of keys to values") }
        return try m.map { pair in
            guard let k = pair.key.string else { throw error(pair.key, "keys must be plain words") }
            return (k, pair.value)
        }
    }

    func string(_ node: Node, _ name: String) throws -> String {
        guard let s = node.scalar?.string, !s.isEmpty else { throw error(node, "\(name) must be a non-empty text value") }
        return s
    }

    func strings(_ node: Node, _ name: String) throws -> [String] {
        guard let seq = node.sequence else { throw error(node, "\(name) must be a list") }
        return try seq.map { try string($0, name) }
    }

    func seconds(_ node: Node, _ name: String, minimum: Double = 0) throws -> Double {
        guard let s = node.scalar?.string, let v = Double(s), v.isFinite, v >= minimum else {
            throw error(node, "\(name) must be a number of seconds, at least \(minimum)")
        }
        return v
    }

    func count(_ node: Node, _ name: String, minimum: Int) throws -> Int {
        guard let s = node.scalar?.string, let v = Int(s), v >= minimum else {
            throw error(node, "\(name) must be a whole number, at least \(minimum)")
        }
        return v
    }
}
