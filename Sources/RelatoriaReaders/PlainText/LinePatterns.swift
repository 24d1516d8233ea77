import Foundation
import RelatoriaCore

/// Line shapes shared by the plain-text and Markdown readers.
enum LinePatterns {
    private static let footer = Pattern(#"^(?:(?i)(p[áa]gina|p[áa]g\.|page|hoja|folio)\s*\d+(\s*(de|of|/)\s*\d+)?|[-–]\s*\d+\s*[-–]|\d+\s*/\s*\d+)$"#)
    private static let marker = Pattern(#"^(\d{1,3}(\.\d{1,3})*[.)]|[a-zA-Z][.)]|[ivxIVX]{1,4}[.)])\s+"#)

    /// "Página 2 de 3", "Page 2 of 3", "Pág. 2", "- 2 -": page furniture, not content.
    static func isPageFooter(_ line: String) -> Bool {
        let t = line.trimmingSpaces()
        guard t.count <= 40 else { return false }
        return footer.matches(t)
    }

    /// A list item's marker and text: `- x`, `* x`, `• x`, `1. x`, `1) x`, `a) x`, `iv. x`.
    static func listItem(_ line: String) -> (marker: String, text: String, indent: Int)? {
        let indent = line.prefix { $0 == " " || $0 == "\t" }.count
        let t = line.dropFirst(indent)
        guard let first = t.first else { return nil }
        if "-*•·–—▪◦‣".contains(first) {
            let rest = t.dropFirst()
            guard rest.first == " " || rest.first == "\t" else { return nil }
            let text = rest.trimmingSpaces()
            return text.isEmpty ? nil : (String(first), text, indent)
        }
        // A numbered or lettered marker starts with a digit or a letter and holds "." or ")":
        // most lines fail that before the regular expression.
        if let a = first.asciiValue, !(a >= 0x30 && a <= 0x39) && !(a | 0x20 >= 0x61 && a | 0x20 <= 0x7A) { return nil }
        guard t.containsByte(UInt8(ascii: ".")) || t.containsByte(UInt8(ascii: ")")) else { return nil }
        let rest = String(t)
        guard let r = marker.firstRange(in: rest) else { return nil }
        let m = rest[r].trimmingSpaces()
        let text = rest[r.upperBound...].trimmingSpaces()
        // "D. Pedro Ruiz", "J. Smith (Treasurer)": an initial or "D." (don) before a name, not
        // a lettered item. A name: capitalised words (particles between), nothing after but a
        // parenthesis.
        if m.count == 2, m.last == ".", m.first!.isUppercase, readsAsName(text) { return nil }
        return text.isEmpty ? nil : (m, text, indent)
    }

    private static let particles: Set<String> = ["de", "del", "la", "las", "los", "y", "van", "von", "da", "di", "le"]

    /// Two to four capitalised words (particles between), then at most a parenthesis.
    static func readsAsName(_ text: String) -> Bool {
        let name = text.split(separator: "(", maxSplits: 1).first.map { $0.trimmingSpaces() } ?? ""
        let words = name.split(separator: " ")
        guard (2...5).contains(words.count), words.filter({ $0.first?.isUppercase == true }).count <= 4 else { return false }
        return words.allSatisfy { w in
            (w.first?.isUppercase == true && w.dropFirst().allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" || $0 == "." })
                || particles.contains(String(w))
        } && words.last?.first?.isUppercase == true
    }

    /// `Fecha: 12 de mayo de 2005` → ("Fecha", "12 de mayo de 2005"). The label is short
    /// (at most five words) and starts with a capital letter.
    static func field(_ line: String) -> (label: String, value: String)? {
        // Most lines have no colon: nothing to trim or split.
        guard line.containsByte(UInt8(ascii: ":")) else { return nil }
        // (A template's pictograph before the label is no part of it: "📆 Fecha: 14/02/2025".)
        let t = withoutLeadingSymbols(line.trimmingSpaces())
        guard let colon = t.firstIndex(ofASCII: UInt8(ascii: ":")), colon != t.startIndex else { return nil }
        let label = t[..<colon].trimmingSpaces()
        let value = t[t.index(after: colon)...].trimmingSpaces()
        // (A count in brackets after the label is no part of it: "Attendees (3)", "Present (4/7)";
        // nor one before it: "12 Members in attendance".)
        var core = label.hasSuffix(")") ? countInBrackets.replacing(in: String(label), with: "") : String(label)
        if core.first?.isNumber == true, let space = core.firstIndex(of: " "), core[..<space].allSatisfy(\.isNumber), core[..<space].count <= 4 {
            core = core[core.index(after: space)...].trimmingSpaces()
        }
        guard !value.isEmpty, value != ":", !value.hasPrefix("//"), let f = core.first, f.isUppercase || label.first?.isNumber == true && f.isLetter,
              core.wordsAtSpaces().count <= 5, label.count <= 48,
              !core.contains("."), !core.contains(","), !core.contains(where: { $0.isNumber })
        else { return nil }
        if value.first?.isNumber == true && label.allSatisfy({ $0.isNumber }) { return nil }  // 9:00
        return (label, value)
    }

    private static let countInBrackets = Pattern(#"\s*\(\d{1,4}(?:\s*/\s*\d{1,4})?\)$"#)

    /// `s` without the pictographs and symbols that open it ("📆 ", "👥 ", "✅ ").
    static func withoutLeadingSymbols(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, first.value >= 0x2000, !first.properties.isAlphabetic else { return s }
        let rest = s.unicodeScalars.drop { u in
            !u.properties.isAlphabetic && u.properties.numericType == nil && u.value != 0x2A && u.value != 0x5F
                && (u.properties.isEmojiPresentation || u.properties.isEmoji && u.value > 0xFF || u.properties.generalCategory == .otherSymbol
                    || u.properties.isVariationSelector || u.value == 0x200D || u.value == 0x20 || u.value == 0x20E3)
        }
        return String(String.UnicodeScalarView(rest))
    }

    /// A line that reads as a heading on its own: short, no closing period, and in capitals,
    /// or closing with a colon, or numbered like a section.
    static func headingLevel(_ line: String, alone: Bool) -> Int? {
        let t = line.trimmingSpaces()
        guard !t.isEmpty, t.count <= 100 else { return nil }
        let (letters, upper) = letterCounts(t)
        guard letters >= 3 else { return nil }
        if upper == letters && letters >= 4 { return 1 }
        if t.hasSuffix(":") && t.wordsAtSpaces().count <= 8 && field(t) == nil { return 3 }
        if alone, let item = listItem(t), item.marker.first?.isNumber == true,
           item.text.wordsAtSpaces().count <= 12, !t.hasSuffix("."), !t.hasSuffix(";"),
           item.text.first?.isUppercase == true {
            return 2
        }
        return nil
    }

    /// How many of the line's scalars are letters (Foundation's `CharacterSet.letters`: general
    /// categories L* and M*) and how many of those are capitals (`uppercaseLetters`: Lu and Lt),
    /// in one pass over the scalars' properties, ASCII without a table lookup (the character
    /// sets, built again at every `CharacterSet.letters`, cost 4% of an extraction).
    static func letterCounts(_ line: String) -> (letters: Int, upper: Int) {
        var letters = 0, upper = 0
        for s in line.unicodeScalars {
            if s.isASCII {
                let v = s.value
                if v >= 0x41 && v <= 0x5A { letters += 1; upper += 1 } else if v >= 0x61 && v <= 0x7A { letters += 1 }
                continue
            }
            switch s.properties.generalCategory {
            case .uppercaseLetter, .titlecaseLetter: letters += 1; upper += 1
            case .lowercaseLetter, .modifierLetter, .otherLetter, .nonspacingMark, .spacingMark, .enclosingMark: letters += 1
            default: break
            }
        }
        return (letters, upper)
    }

    /// Splits a line laid out in columns (three or more spaces between runs) into cells.
    static func columns(_ line: String) -> [String]? {
        guard line.containsASCII("   ") || line.containsASCII("\t") else { return nil }
        let cells = line.replacingOccurrences(of: "\t", with: "   ")
            .components(separatedBy: "   ")
            .map { $0.trimmingSpaces() }
            .filter { !$0.isEmpty }
        return cells.count >= 2 ? cells : nil
    }

    /// Words after which a line break is a wrap inside a sentence, not the end of a line.
    private static let connectors: Set<String> = ["de", "del", "la", "las", "el", "los", "en", "y", "o", "a", "al", "para",
        "por", "con", "sin", "que", "su", "sus", "un", "una", "sobre", "entre", "e", "u", "the", "of", "and", "or", "to",
        "in", "on", "for", "by", "with", "a", "an", "at", "from", "that", "its", "their", "–", "-"]

    /// True when the lines of a paragraph each start afresh (capital or digit) and none ends
    /// mid-phrase: a title block or a list of names, not wrapped prose.
    static func isLineSequence(_ lines: [String]) -> Bool {
        guard lines.count >= 2 else { return false }
        // "Present: Ann Lee, Bob Roe, Robert" / "Preston, Hannah Salome, ...": a field's list of
        // names wrapped over lines that are no fields, each but the last a long one.
        if let first = field(lines[0]), first.value.contains(","), !first.value.hasSuffix("."), !first.value.hasSuffix(";"),
           lines.dropFirst().allSatisfy({ field($0) == nil }), lines.dropLast().allSatisfy({ $0.trimmingSpaces().count >= 50 }) { return false }
        for (i, line) in lines.enumerated() {
            let t = line.trimmingSpaces()
            if i > 0 {
                guard let f = t.first, f.isUppercase || f.isNumber || "(¿¡\"“«".contains(f) else { return false }
            }
            if i < lines.count - 1 {
                if t.hasSuffix(",") || t.hasSuffix("-") && !t.hasSuffix(" -") { return false }
                let last = t.wordsAtSpaces().last.map { $0.lowercased() } ?? ""
                if connectors.contains(last) { return false }
            }
        }
        // Long wrapped lines of prose that happen to start with capitals: require some short line.
        let lengths = lines.map { $0.trimmingSpaces().count }
        return lengths.dropLast().contains { $0 < 60 } || lengths.max()! < 90 && lines.count <= 3
    }

    /// A TWiki heading: "---+ Title", "---++ Agenda", "---+++!! Notes" (as many "+" as its
    /// level), without the emphasis marks around its text ("---+ *Call 2010-09-09*").
    static func twikiHeading(_ line: String) -> (text: String, level: Int)? {
        guard line.hasPrefix("---+") else { return nil }
        let rest = line.dropFirst(3)
        let level = rest.prefix { $0 == "+" }.count
        var text = rest.dropFirst(level)
        if text.hasPrefix("!!") { text = text.dropFirst(2) }
        let clean = String(text).trimmingSpaces().trimming(ascii: "*_=").trimmingSpaces()
        guard (1...6).contains(level), !clean.isEmpty else { return nil }
        return (clean, level)
    }

    /// A TWiki line as text: without the "!" that keeps a word from becoming a link ("!WaterML
    /// 2"), a link as its words ("[[http://...][CLICK HERE]]" → "CLICK HERE").
    static func twikiUnescape(_ line: String) -> String {
        var t = line
        if t.contains("!") { t = twikiEscape.replacing(in: t, with: "") }
        if t.contains("[[") { t = twikiNamedLink.replacing(in: twikiLink.replacing(in: t, with: "$1"), with: "$1") }
        return t
    }

    private static let twikiEscape = Pattern(#"(?<![\p{L}\p{N}!])!(?=\p{Lu})"#)
    private static let twikiLink = Pattern(#"\[\[[^\]\[]*\]\[([^\]\[]*)\]\]"#)
    private static let twikiNamedLink = Pattern(#"\[\[([^\]\[]*)\]\]"#)

    /// `=====` or `-----` (Setext underline or decoration).
    static func isRule(_ line: String) -> Bool {
        let t = line.trimmingSpaces()
        guard t.count >= 3, let c = t.first, "=-_*~#".contains(c) else { return false }
        return t.allSatisfy { $0 == c || $0 == " " }
    }
}
