import Foundation
public import RelatoriaCore

/// The record as JSON, keys sorted (Foundation's encoder keeps no declaration order on Linux,
/// so sorting is what makes the output the same from run to run).
public enum RecordJSON {
    /// One line of JSON (for JSON Lines output).
    public static func line(_ record: Record) throws -> String {
        // (JSONEncoder's `[.withoutEscapingSlashes, .sortedKeys]` form, written by RecordWriter.)
        String(decoding: RecordWriter.bytes(record, pretty: false), as: UTF8.self)
    }

}
