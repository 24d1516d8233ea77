import Foundation
import RelatoriaCore

/// An error as one line a person can read, for the log and `relatoria status`: the
/// description of Relatoría's own errors and of failed system calls; Foundation's message
/// without its "The operation could not be completed." preamble; the index's database errors
/// without their result code and the statement they ran ("SQLite error 8: attempt to write a
/// readonly database - while executing `INSERT ...`" becomes "the index: attempt to write a
/// readonly database"). Any other error says only that it was unexpected: Swift would
/// describe it by its type and case names (`missingEndOfCentralDirectoryRecord`).
package func readable(_ error: any Error) -> String {
    switch error {
    case let e as RelatoriaError: return e.description
    case let e as SystemError: return e.description
    case let e as NSError:
        let preamble = "The operation could not be completed. "
        let s = e.localizedDescription
        return s.hasPrefix(preamble) && s.count > preamble.count ? String(s.dropFirst(preamble.count)) : s
    case let e as any CustomStringConvertible:
        var s = e.description
        if let r = s.range(of: " - while executing") { s = String(s[..<r.lowerBound]) }
        if s.hasPrefix("SQLite error"), let colon = s.firstIndex(of: ":") {
            s = "the index:" + s[s.index(after: colon)...]
        }
        return s
    default:
        return "an unexpected error"
    }
}
