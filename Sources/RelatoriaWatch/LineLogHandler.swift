import Foundation
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
            for (k, v) in all.sorted(by: { $0.key < $1.key }) {
                let value = v.description
                line += " \(k)=" + (value.contains(" ") || value.contains("\"") || value.isEmpty ? "\"\(value.replacingOccurrences(of: "\"", with: "\\\""))\"" : value)
            }
        }
        line += "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
