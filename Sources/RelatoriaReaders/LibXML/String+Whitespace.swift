import Foundation

extension String {
    /// Runs of whitespace (including no-break spaces) become one space; ends trimmed.
    func collapsingWhitespace() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for ch in unicodeScalars {
            if ch.properties.isWhitespace || ch == "\u{00A0}" || ch == "\u{200B}" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Collapses spaces within lines but keeps single line breaks; trims every line.
    func collapsingWhitespaceKeepingLines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).collapsingWhitespace() }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }
}
