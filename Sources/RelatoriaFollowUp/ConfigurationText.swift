import Foundation

/// Readable one-line reasons for configuration files that do not decode.
enum ConfigurationText {
    /// What is wrong with a YAML file, in one line: the key and the problem, or the YAML
    /// parser's own message.
    static func reason(_ error: any Error) -> String {
        if let e = error as? DecodingError {
            func path(_ c: [any CodingKey]) -> String {
                c.map { $0.intValue.map { "item \($0 + 1)" } ?? $0.stringValue }.joined(separator: " → ")
            }
            switch e {
            case .keyNotFound(let key, let context):
                let at = path(context.codingPath)
                return "\(at.isEmpty ? "" : at + ": ")the key \(key.stringValue) is missing"
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                return "\(path(context.codingPath)): a value of the wrong kind"
            case .dataCorrupted(let context):
                let at = path(context.codingPath)
                return at.isEmpty ? "not valid YAML: \(context.debugDescription)" : "\(at): \(context.debugDescription)"
            @unknown default:
                return "cannot be read"
            }
        }
        return "not valid YAML: \(error)"
    }
}
