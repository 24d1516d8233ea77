import Foundation

extension String {
    /// Runs of whitespace (including no-break spaces) become one space; ends trimmed.
    func collapsingWhitespace() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for ch in unicodeScalars {
            let v = ch.value
            // ASCII whitespace (tab to carriage return, space) without a Unicode property lookup.
            let space = v < 0x80 ? (v == 0x20 || (v >= 0x09 && v <= 0x0D))
                : (ch.properties.isWhitespace || v == 0xA0 || v == 0x200B)
            if space {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                if v < 0x80 { out.append(UInt8(v)) } else { UTF8.encode(ch) { out.append($0) } }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Collapses spaces within lines but keeps single line breaks; trims every line.
    func collapsingWhitespaceKeepingLines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).collapsingWhitespace() }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }
}
