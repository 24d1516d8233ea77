import Foundation

extension String {
    /// Runs of whitespace (including no-break spaces and U+200B) become one space; ends trimmed.
    func collapsingWhitespace() -> String { Whitespace.collapse(self, keepingLines: false) }

    /// Collapses spaces within lines but keeps single line breaks; trims every line and drops
    /// the empty ones. A line ends at a line feed that is a Character of its own (a CR LF pair
    /// is one Character, whitespace within the line, as splitting on Character "\n" had it).
    func collapsingWhitespaceKeepingLines() -> String { Whitespace.collapse(self, keepingLines: true) }
}

/// Whitespace collapsing in one pass over UTF-8 bytes: the readers collapse every text node
/// and paragraph they make, and splitting a text into Characters and lines (then one String per
/// line) cost five times the work. Tested against that definition (ReaderWhitespaceTests).
enum Whitespace {
    static func collapse(_ string: String, keepingLines: Bool) -> String {
        var string = string
        return string.withUTF8 { bytes -> String in
            // The result is never longer than the text: every space or line break written
            // stands for at least one byte of whitespace read.
            String(unsafeUninitializedCapacity: bytes.count) { out in
                var n = 0
                var pendingSpace = false  // whitespace seen after text on the current line
                var lineHasText = false
                var earlierLine = false   // a non-empty line is already written
                var previousCR = false
                var i = 0
                let count = bytes.count
                while i < count {
                    let b = bytes[i]
                    var length = 1
                    let space: Bool
                    if b < 0x80 {
                        if b == 0x0A && keepingLines && !previousCR {
                            if lineHasText { earlierLine = true }
                            lineHasText = false
                            pendingSpace = false
                            i += 1
                            continue
                        }
                        previousCR = b == 0x0D
                        space = b == 0x20 || (b >= 0x09 && b <= 0x0D)
                    } else {
                        previousCR = false
                        length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                        space = isWhitespace(scalarAt: i, length: length, in: bytes)
                    }
                    if space {
                        pendingSpace = lineHasText
                        i += length
                        continue
                    }
                    if !lineHasText {
                        if earlierLine { out[n] = 0x0A; n += 1 }
                        lineHasText = true
                    } else if pendingSpace {
                        out[n] = 0x20
                        n += 1
                    }
                    pendingSpace = false
                    let end = min(i + length, count)
                    while i < end {
                        out[n] = bytes[i]
                        n += 1
                        i += 1
                    }
                    // The rest of a word of printable ASCII, copied as it is (no whitespace, no
                    // line break or CR, and the state stays: text on the line, no space pending).
                    while i < count, case let c = bytes[i], c > 0x20, c < 0x80 {
                        out[n] = c
                        n += 1
                        i += 1
                    }
                }
                return n
            }
        }
    }

    /// Whether the scalar encoded at `i` (`length` bytes, valid UTF-8) is whitespace: Unicode's
    /// White_Space, U+00A0 and U+200B. None lies between U+00A1 and U+167F, where Spanish
    /// letters are, so those need no property lookup.
    private static func isWhitespace(scalarAt i: Int, length: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard i + length <= bytes.count else { return false }
        var v = UInt32(bytes[i]) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
        if v < 0x1680 { return v == 0x85 || v == 0xA0 }
        if v == 0x200B { return true }
        return Unicode.Scalar(v)?.properties.isWhitespace ?? false
    }
}
