import Foundation
import RelatoriaCore

/// An error as one line a person can read, for the log and `relatoria status`: the
/// description of Relatoría's own errors and of failed system calls; Foundation's localized
/// description; the index's database errors without their result code and the statement they
/// ran ("SQLite error 8: attempt to write a readonly database - while executing `INSERT ...`"
/// becomes "the index: attempt to write a readonly database").
func readable(_ error: any Error) -> String {
    switch error {
    case let e as RelatoriaError: return e.description
    case let e as SystemError: return e.description
    case let e as CocoaError: return e.localizedDescription
    case let e as any CustomStringConvertible:
        var s = e.description
        if let r = s.range(of: " - while executing") { s = String(s[..<r.lowerBound]) }
        if s.hasPrefix("SQLite error"), let colon = s.firstIndex(of: ":") {
            s = "the index:" + s[s.index(after: colon)...]
        }
        return s
    default: return error.localizedDescription
    }
}
