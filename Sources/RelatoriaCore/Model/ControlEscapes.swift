/// Control characters written out, so that a name or title shown on a line stays on it: a
/// file name may hold a line feed, and printed as it is it starts a line of its own (in a
/// log, one that reads as another event).
public enum ControlEscapes {
    /// C0 and C1 controls, and the line and paragraph separators.
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
    }

    /// `\n`, `\r`, `\t`, or `\u{85}` (hexadecimal) for a control character.
    public static func escape(_ s: Unicode.Scalar) -> String {
        switch s {
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        default: "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
        }
    }
}

extension String {
    /// This string with its control characters escaped (``ControlEscapes``), for a line of
    /// output; unchanged when it has none.
    public var escapingControls: String {
        guard unicodeScalars.contains(where: ControlEscapes.isControl) else { return self }
        var out = ""
        for s in unicodeScalars {
            if ControlEscapes.isControl(s) { out += ControlEscapes.escape(s) } else { out.unicodeScalars.append(s) }
        }
        return out
    }
}
