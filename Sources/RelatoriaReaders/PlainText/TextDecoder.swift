import Foundation
import RelatoriaCore

/// Decodes the bytes of a text file whatever its encoding, and says which encoding it was.
///
/// Order: a BOM (UTF-8, UTF-16 LE/BE), then strict UTF-8, then UTF-16 without BOM when every
/// other byte is NUL, else Windows-1252 (which covers ISO-8859-1's printable range).
/// Binary data (many control bytes) is refused. CRLF and lone CR become LF; stray NULs go.
enum TextDecoder {
    struct Decoded {
        var text: String
        var encoding: String
        var warnings: [String]
    }

    static func decode(_ data: Data) throws -> Decoded {
        var warnings: [String] = []
        var text: String
        var encoding: String
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            text = try utf8(bytes.dropFirst(3), encoding: "UTF-8 with BOM", warnings: &warnings)
            encoding = "UTF-8 (BOM)"
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            text = utf16(bytes.dropFirst(2), littleEndian: true)
            encoding = "UTF-16LE"
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            text = utf16(bytes.dropFirst(2), littleEndian: false)
            encoding = "UTF-16BE"
        } else if let guess = utf16Guess(bytes) {
            text = utf16(bytes[...], littleEndian: guess)
            encoding = guess ? "UTF-16LE" : "UTF-16BE"
        } else {
            try refuseBinary(bytes)
            if let s = String(validating: bytes, as: UTF8.self) {
                text = s
                encoding = "UTF-8"
            } else {
                text = windows1252(bytes)
                encoding = "Windows-1252"
            }
        }
        if text.containsByte(0) {
            text.unicodeScalars.removeAll { $0 == "\0" }
            warnings.append("removed NUL characters from the text")
        }
        text = normalizeNewlines(text)
        return Decoded(text: text, encoding: encoding, warnings: warnings)
    }

    private static func utf8(_ bytes: ArraySlice<UInt8>, encoding: String, warnings: inout [String]) throws -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        warnings.append("invalid UTF-8 sequences replaced by U+FFFD")
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// UTF-16 without BOM: in the first KiB, one byte of each pair is NUL almost always.
    private static func utf16Guess(_ bytes: [UInt8]) -> Bool? {
        let n = min(bytes.count, 1024) & ~1
        guard n >= 8 else { return nil }
        var evenNul = 0, oddNul = 0
        for i in stride(from: 0, to: n, by: 2) {
            if bytes[i] == 0 { evenNul += 1 }
            if bytes[i + 1] == 0 { oddNul += 1 }
        }
        let pairs = n / 2
        if oddNul * 10 >= pairs * 9 && evenNul * 10 < pairs { return true }
        if evenNul * 10 >= pairs * 9 && oddNul * 10 < pairs { return false }
        return nil
    }

    /// Refuses data that is not text: more than 5% of the first 64 KiB are control bytes.
    static func refuseBinary(_ bytes: [UInt8]) throws {
        let sample = bytes.prefix(65_536)
        guard !sample.isEmpty else { return }
        var control = 0
        for b in sample where b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C {
            control += 1
        }
        if control * 20 > sample.count {
            throw ReadFailure("binary data, not a text document (\(control) control bytes in the first \(sample.count))")
        }
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func windows1252(_ bytes: [UInt8]) -> String {
        var s = String.UnicodeScalarView()
        for b in bytes {
            let v: UInt32 = (0x80...0x9F).contains(b) ? cp1252High[Int(b) - 0x80] : UInt32(b)
            s.append(Unicode.Scalar(v) ?? "\u{FFFD}")
        }
        return String(s)
    }

    /// CR LF and lone CR as LF: what replacing "\r\n" then "\r" with "\n" gives. By bytes
    /// (Foundation's string search was a quarter of a CR LF document's reading) when no CR or
    /// CR LF is followed by a non-ASCII scalar: Foundation leaves a CR that a combining mark
    /// follows, and such a text is left to it.
    static func normalizeNewlines(_ s: String) -> String {
        guard s.containsByte(13) else { return s }
        var text = s
        let bytewise: String? = text.withUTF8 { bytes in
            for i in bytes.indices where bytes[i] == 13 {
                let after = i + 1 < bytes.count && bytes[i + 1] == 10 ? i + 2 : i + 1
                if after < bytes.count && bytes[after] >= 0x80 { return nil }
            }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var n = 0
                for (i, b) in bytes.enumerated() {
                    if b == 13 {
                        if i + 1 < bytes.count && bytes[i + 1] == 10 { continue }
                        out[n] = 10
                    } else {
                        out[n] = b
                    }
                    n += 1
                }
                return n
            }
        }
        return bytewise ?? s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}

/// Text in the legacy encodings older systems wrote.
public enum LegacyText {
    /// `bytes` read as Windows-1252 (which covers ISO-8859-1's printable range).
    public static func windows1252(_ bytes: [UInt8]) -> String { TextDecoder.windows1252(bytes) }
}
