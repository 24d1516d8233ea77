/// A record as JSON, written directly: the bytes Foundation's `JSONEncoder` gives with
/// `[.withoutEscapingSlashes, .sortedKeys]` (compact) or with `.prettyPrinted` as well, which
/// RecordWriterTests check on generated records. Foundation's encoder built a tree of boxed
/// values for each record and sorted every object's keys; ingest writes a record per document.
///
/// Keys are written in sorted order (the order of each `key` call below); optional values are
/// `null` where the record's `encode(to:)` encodes them and left out where it leaves them out.
public struct RecordWriter {
    private var out: [UInt8] = []
    private let pretty: Bool
    private var depth = 0
    /// Whether the innermost open container has had an element yet.
    private var started: [Bool] = []

    private init(pretty: Bool) {
        self.pretty = pretty
        out.reserveCapacity(16_384)
    }

    /// The record's JSON bytes, indented (`pretty`) or on one line.
    public static func bytes(_ r: Record, pretty: Bool) -> [UInt8] {
        var w = RecordWriter(pretty: pretty)
        w.record(r)
        return w.out
    }

    private mutating func record(_ r: Record) {
        open(UInt8(ascii: "{"))
        key("actions"); array(r.actions) { w, a in w.action(a) }
        key("attendees"); array(r.attendees) { w, a in w.attendee(a) }
        key("body"); optional(r.body)
        if let c = r.confidence { key("confidence"); scalars(c) { w, v in w.number(v) } }
        key("consensus"); array(r.consensus) { w, p in w.position(p) }
        key("date"); optional(r.date)
        key("decisions"); array(r.decisions) { w, d in w.decision(d) }
        key("dissent"); array(r.dissent) { w, p in w.position(p) }
        key("id"); string(r.id)
        key("kind"); string(r.kind.rawValue)
        key("language"); string(r.language)
        key("place"); optional(r.place)
        key("source"); source(r.source)
        key("text"); string(r.text)
        key("title"); string(r.title)
        key("topics"); array(r.topics) { w, t in w.string(t) }
        if let v = r.via { key("via"); scalars(v) { w, s in w.string(s) } }
        if !r.warnings.isEmpty { key("warnings"); array(r.warnings) { w, t in w.string(t) } }
        close(UInt8(ascii: "}"))
    }

    private mutating func source(_ s: Record.Source) {
        open(UInt8(ascii: "{"))
        key("bytes"); integer(s.bytes)
        key("filename"); string(s.filename)
        if let t = s.filetype { key("filetype"); string(t.rawValue) }
        key("format"); string(s.format.rawValue)
        if let ocr = s.ocr { key("ocr"); out.append(contentsOf: Array((ocr ? "true" : "false").utf8)) }
        key("sha256"); string(s.sha256)
        close(UInt8(ascii: "}"))
    }

    /// `{"body": ..., "date": ..., "title": ...}`, each key left out when its value is absent.
    private mutating func scalars<T>(_ f: ScalarFields<T>, _ each: (inout RecordWriter, T) -> Void) {
        open(UInt8(ascii: "{"))
        if let b = f.body { key("body"); each(&self, b) }
        if let d = f.date { key("date"); each(&self, d) }
        if let t = f.title { key("title"); each(&self, t) }
        close(UInt8(ascii: "}"))
    }

    /// An item's `confidence` and `via`, when present (`confidence` sorts before the item's
    /// other keys but `anchor`; `via` after them all: the caller writes each in its place).
    private mutating func confidence(_ c: Double?) {
        if let c { key("confidence"); number(c) }
    }

    private mutating func via(_ v: String?) {
        if let v { key("via"); string(v) }
    }

    private mutating func anchor(_ a: Anchor?) {
        guard let a else { return }
        key("anchor")
        open(UInt8(ascii: "{"))
        key("end"); integer(a.end)
        key("start"); integer(a.start)
        close(UInt8(ascii: "}"))
    }

    private mutating func attendee(_ a: Attendee) {
        open(UInt8(ascii: "{"))
        anchor(a.anchor)
        confidence(a.confidence)
        key("name"); string(a.name)
        key("organization"); optional(a.organization)
        key("role"); optional(a.role)
        via(a.via)
        close(UInt8(ascii: "}"))
    }

    private mutating func decision(_ d: Decision) {
        open(UInt8(ascii: "{"))
        anchor(d.anchor)
        confidence(d.confidence)
        key("text"); string(d.text)
        via(d.via)
        close(UInt8(ascii: "}"))
    }

    private mutating func position(_ p: Position) {
        open(UInt8(ascii: "{"))
        anchor(p.anchor)
        confidence(p.confidence)
        key("parties"); array(p.parties) { w, t in w.string(t) }
        key("text"); string(p.text)
        via(p.via)
        close(UInt8(ascii: "}"))
    }

    private mutating func action(_ a: Action) {
        open(UInt8(ascii: "{"))
        anchor(a.anchor)
        confidence(a.confidence)
        key("due"); optional(a.due)
        key("owner"); optional(a.owner)
        key("text"); string(a.text)
        via(a.via)
        close(UInt8(ascii: "}"))
    }

    // MARK: Containers

    private mutating func open(_ bracket: UInt8) {
        out.append(bracket)
        depth += 1
        started.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        let hadElements = started.removeLast()
        depth -= 1
        if pretty {
            // An empty container is written with an empty line inside, as Foundation writes it.
            out.append(0x0A)
            if !hadElements { out.append(0x0A) }
            indent()
        }
        out.append(bracket)
    }

    /// Starts an element of the innermost container: the comma and line break before it.
    private mutating func element() {
        if started[started.count - 1] { out.append(UInt8(ascii: ",")) }
        started[started.count - 1] = true
        if pretty {
            out.append(0x0A)
            indent()
        }
    }

    private mutating func indent() {
        for _ in 0..<(depth * 2) { out.append(0x20) }
    }

    private mutating func key(_ k: StaticString) {
        element()
        out.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(UInt8(ascii: "\""))
        if pretty { out.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20]) } else { out.append(UInt8(ascii: ":")) }
    }

    private mutating func array<T>(_ items: [T], _ each: (inout RecordWriter, T) -> Void) {
        open(UInt8(ascii: "["))
        for item in items {
            element()
            each(&self, item)
        }
        close(UInt8(ascii: "]"))
    }

    // MARK: Values

    private mutating func optional(_ s: String?) {
        if let s { string(s) } else { out.append(contentsOf: Array("null".utf8)) }
    }

    /// A number as JSONEncoder writes a Double: its shortest form, without a trailing ".0".
    private mutating func number(_ d: Double) {
        guard d.isFinite else { out.append(contentsOf: Array("0".utf8)); return }
        var s = d.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        out.append(contentsOf: Array(s.utf8))
    }

    private mutating func integer(_ n: Int) {
        out.append(contentsOf: Array(String(n).utf8))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A string literal: `"` and `\` escaped, control characters as \b \t \n \f \r or \u00XX;
    /// everything else, `/`, DEL and U+2028 included, as it is.
    private mutating func string(_ s: String) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var run = 0  // start of the bytes not yet copied
            for i in 0..<bytes.count {
                let b = bytes[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                run = i + 1
                switch b {
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                default:
                    out.append(contentsOf: Array("\\u00".utf8))
                    out.append(Self.hex[Int(b >> 4)])
                    out.append(Self.hex[Int(b & 0x0F)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
