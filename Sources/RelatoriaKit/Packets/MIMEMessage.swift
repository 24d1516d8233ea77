import RelatoriaCore
public import Foundation

/// An e-mail message (RFC 5322 with MIME): a text and an HTML alternative of the same body,
/// and attachments, encoded so any mail system carries it unchanged (7-bit, lines under 78).
public struct MIMEMessage: Sendable {
    public struct Attachment: Sendable {
        public var filename: String
        public var contentType: String
        public var data: Data

        public init(filename: String, contentType: String, data: Data) {
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }
    }

    public var from: String
    public var to: String
    public var subject: String
    public var text: String
    public var html: String
    public var attachments: [Attachment]
    public var date: Date
    public var messageID: String

    public init(from: String, to: String, subject: String, text: String, html: String, attachments: [Attachment],
                date: Date = Date(), messageID: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
        self.date = date
        self.messageID = messageID
    }

    /// The message as bytes with CRLF line ends.
    public func encoded() -> Data {
        let mixed = "=_relatoria_mixed_\(messageID.hashValue.magnitude)"
        let alternative = "=_relatoria_alt_\(messageID.hashValue.magnitude)"
        var lines: [String] = [
            "From: \(Self.address(from))",
            "To: \(Self.address(to))",
            "Subject: \(Self.header(subject))",
            "Date: \(Self.rfc2822(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"\(mixed)\"",
            "",
            "This is a MIME message.",
            "--\(mixed)",
            "Content-Type: multipart/alternative; boundary=\"\(alternative)\"",
            "",
            "--\(alternative)",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        lines += Self.base64Lines(Data(text.utf8))
        lines += ["--\(alternative)", "Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: base64", ""]
        lines += Self.base64Lines(Data(html.utf8))
        lines += ["--\(alternative)--", ""]
        for a in attachments {
            lines += ["--\(mixed)", "Content-Type: \(a.contentType); \(Self.parameter("name", a.filename))", "Content-Transfer-Encoding: base64",
                      "Content-Disposition: attachment; \(Self.parameter("filename", a.filename))", ""]
            lines += Self.base64Lines(a.data)
        }
        lines += ["--\(mixed)--", ""]
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    static func base64Lines(_ data: Data) -> [String] {
        data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            .components(separatedBy: "\r\n")
    }

    /// A header value: as is when plain ASCII, else RFC 2047 encoded words. Line breaks
    /// become spaces scalar by scalar (`replacingOccurrences` matches Characters, and left a
    /// line feed that a combining mark after it joins).
    static func header(_ value: String) -> String {
        let clean = withoutLineBreaks(value)
        // (Printable ASCII and tabs as they are; anything else, other control characters too,
        // in encoded words.)
        return isPrintableASCII(clean, tabs: true) ? clean : encodedWords(clean)
    }

    private static func withoutLineBreaks(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map { $0 == "\r" || $0 == "\n" ? " " : $0 }))
    }

    /// `value` as RFC 2047 encoded words of at most 75 characters, split on character boundaries.
    private static func encodedWords(_ value: String) -> String {
        var words: [String] = []
        var chunk = ""
        for c in value {
            let next = chunk + String(c)
            if Data(next.utf8).base64EncodedString().count > 60 {
                words.append(chunk)
                chunk = String(c)
            } else {
                chunk = next
            }
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    /// `Name <address>`: the name in quotes when it is printable ASCII but quotes and
    /// backslashes (a comma is then part of it, not a second address), else in encoded words.
    static func address(_ value: String) -> String {
        guard let open = value.lastIndex(of: "<"), value.hasSuffix(">") else { return value }
        let name = withoutLineBreaks(value[..<open].trimmingSpaces())
        let addr = value[open...]
        if name.isEmpty { return String(addr) }
        if isPrintableASCII(name, except: "\"\\") { return "\"\(name)\" \(addr)" }
        return "\(encodedWords(name)) \(addr)"
    }

    /// A MIME parameter (an attachment's file name): `key="value"` when it is printable ASCII
    /// but quotes and backslashes, else RFC 2231 percent-encoded UTF-8 (`key*=utf-8''...`).
    static func parameter(_ key: String, _ value: String) -> String {
        if Self.isPrintableASCII(value, except: "\"\\") { return "\(key)=\"\(value)\"" }
        let allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
            .union(CharacterSet(charactersIn: "-._"))
        return "\(key)*=utf-8''" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "file")
    }

    /// Whether every scalar of `s` is printable ASCII (a tab too when `tabs`) and none is one
    /// of `except`. Scalar by scalar: a CR LF is one Character whose `isASCII` is true, so a
    /// test by Character let a line break through into a header.
    static func isPrintableASCII(_ s: String, except: String = "", tabs: Bool = false) -> Bool {
        s.unicodeScalars.allSatisfy { ((0x20...0x7E).contains($0.value) || tabs && $0 == "\t") && !except.unicodeScalars.contains($0) }
    }

    static func rfc2822(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: date)
    }
}
