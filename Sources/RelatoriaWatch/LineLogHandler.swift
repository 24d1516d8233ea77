import Foundation
import RelatoriaCore
import RelatoriaStore
public import Logging

/// One line per log event on standard error: `time level message key=value ...`, or a JSON
/// object per line (`--log-format json`) for log collectors.
public struct LineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let json: Bool

    public init(json: Bool, level: Logger.Level = .info) {
        self.json = json
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let m = event.metadata { all.merge(m) { $1 } }
        let time = RecordIndex.timestamp()
        var line: String
        if json {
            var object: [String: String] = ["time": time, "level": event.level.rawValue, "message": event.message.description]
            for (k, v) in all { object[k] = v.description }
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            line = (try? String(decoding: enc.encode(object), as: UTF8.self)) ?? "{}"
        } else {
            line = "\(time) \(event.level.rawValue) \(event.message)"
            for (k, v) in all.sorted(by: { $0.key < $1.key }) { line += " \(k)=" + Self.field(v.description) }
        }
        line += "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// A value of a plain line: as is when it holds no space, quote, backslash or control
    /// character; else in quotes, with quotes and backslashes escaped and control characters
    /// written out (``ControlEscapes``), scalar by scalar. A file name may hold a line feed:
    /// written raw, it began a line of its own that read as another event (a name could forge
    /// `... info archived file=...`).
    static func field(_ value: String) -> String {
        guard value.isEmpty || value.unicodeScalars.contains(where: { $0 == " " || $0 == "\"" || $0 == "\\" || ControlEscapes.isControl($0) }) else {
            return value
        }
        var out = "\""
        for s in value.unicodeScalars {
            switch s {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if ControlEscapes.isControl(s) { out += ControlEscapes.escape(s) } else { out.unicodeScalars.append(s) }
            }
        }
        return out + "\""
    }
}
