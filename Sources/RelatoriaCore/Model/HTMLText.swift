/// HTML escaping for text placed in elements and attribute values, shared by the web pages,
/// their layout's frame and the report's SVG charts.
///
/// Compared by Unicode scalar, not by Character: a quotation mark followed by a combining
/// accent is one Character that equals no `"`, and would otherwise pass unescaped.
public enum HTMLText {
    /// `s` escaped (`&`, `<`, `>`, `"`, `'`).
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        escape(s, into: &out)
        return out
    }

    /// `s` escaped and appended to `out`; with `marks`, U+0001 and U+0002 (a search snippet's
    /// matched words) become `<mark>` and `</mark>`.
    public static func escape(_ s: String, into out: inout String, marks: Bool = false) {
        for ch in s.unicodeScalars {
            switch ch {
            case "\u{1}" where marks: out += "<mark>"
            case "\u{2}" where marks: out += "</mark>"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
    }
}
