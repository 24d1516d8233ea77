import Foundation

/// The parts of a `multipart/form-data` body (RFC 7578): enough for a form with fields and
/// files, nothing fetched, nothing written to disk.
struct Multipart {
    struct Part {
        var name: String
        var filename: String?
        var data: Data
    }

    /// The boundary of a `Content-Type: multipart/form-data; boundary=...` header.
    static func boundary(contentType: String) -> String? {
        let fields = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard fields.first?.lowercased() == "multipart/form-data" else { return nil }
        for f in fields.dropFirst() where f.lowercased().hasPrefix("boundary=") {
            var b = String(f.dropFirst("boundary=".count))
            if b.hasPrefix("\""), b.hasSuffix("\""), b.count >= 2 { b = String(b.dropFirst().dropLast()) }
            return (1...70).contains(b.utf8.count) ? b : nil
        }
        return nil
    }

    /// The parts of `body`; nil when it is not a well-formed multipart body.
    static func parse(_ body: Data, boundary: String) -> [Part]? {
        let bytes = [UInt8](body)
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [Part] = []
        guard var at = find(delimiter, in: bytes, from: 0) else { return nil }
        at += delimiter.count
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if at + 1 < bytes.count, bytes[at] == 0x2D, bytes[at + 1] == 0x2D { return parts }
            guard at + 1 < bytes.count, bytes[at] == 0x0D, bytes[at + 1] == 0x0A else { return nil }
            at += 2
            guard let headerEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: bytes, from: at) else { return nil }
            let header = String(decoding: bytes[at..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            // The next delimiter: CRLF--boundary followed by CRLF or "--" (the same bytes
            // followed by anything else are content).
            var next = contentStart
            while true {
                guard let found = find([0x0D, 0x0A] + delimiter, in: bytes, from: next) else { return nil }
                let after = found + 2 + delimiter.count
                if after + 1 < bytes.count, (bytes[after] == 0x0D && bytes[after + 1] == 0x0A) || (bytes[after] == 0x2D && bytes[after + 1] == 0x2D) {
                    next = found
                    break
                }
                next = found + 1
            }
            var name: String?
            var filename: String?
            for line in header.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                name = parameter("name", in: line)
                filename = parameter("filename", in: line)
            }
            guard let name else { return nil }
            parts.append(Part(name: name, filename: filename, data: Data(bytes[contentStart..<next])))
            at = next + 2 + delimiter.count
        }
    }

    /// A quoted (or bare) parameter of a header line: `name="file"`. A `;` inside quotes is
    /// part of the value (`filename="acta; final.pdf"`).
    private static func parameter(_ key: String, in line: String) -> String? {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for ch in line {
            if escaped { current.append(ch); escaped = false; continue }
            if quoted && ch == "\\" { escaped = true; continue }
            if ch == "\"" { quoted.toggle(); current.append(ch); continue }
            if ch == ";" && !quoted { fields.append(current); current = ""; continue }
            current.append(ch)
        }
        fields.append(current)
        for field in fields.dropFirst() {
            let f = field.trimmingCharacters(in: .whitespaces)
            guard f.lowercased().hasPrefix(key.lowercased() + "=") else { continue }
            var v = String(f.dropFirst(key.count + 1))
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            return v
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count, start <= hay.count - needle.count else { return nil }
        let first = needle[0]
        var i = start
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
