import Foundation
public import RelatoriaCore

/// The record as JSON, in the contract's key order.
public enum RecordJSON {
    /// One line of JSON (for JSON Lines output).
    public static func line(_ record: Record) throws -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try enc.encode(record), as: UTF8.self)
    }

}
