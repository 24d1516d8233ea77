import Foundation
import RelatoriaCore

/// What the DOCX reader needs from `styles.xml` and `numbering.xml`.
struct DOCXStyles {
    /// Heading style names and ids ("Heading 2", "Título 1", "heading3"), compiled once.
    private static let headingName = Pattern(#"^(heading|título|titulo|encabezado|überschrift|titre)\s*(\d)$"#)
    private static let headingId = Pattern(#"^(heading|ttulo|titulo)(\d)$"#)
    /// styleId → (display name, basedOn, outline level, bold).
    private var styles: [String: (name: String, basedOn: String?, outline: Int?, bold: Bool)] = [:]
    /// numId → abstractNumId.
    private var nums: [String: String] = [:]
    /// abstractNumId → level → (format, text, start).
    private var abstracts: [String: [Int: (format: String, text: String, start: Int)]] = [:]
    /// numId → current counters per level.
    private var counters: [String: [Int: Int]] = [:]

    init(styles: XElement?, numbering: XElement?) {
        for s in styles?.all("style") ?? [] {
            guard let id = s.attribute("styleId") else { continue }
            let name = s.first("name")?.attribute("val") ?? id
            let outline = s.first("pPr")?.first("outlineLvl")?.attribute("val").flatMap { Int($0) }
            let bold = s.first("rPr").map { DOCXReader.isOn($0.first("b")) } ?? false
            self.styles[id] = (name, s.first("basedOn")?.attribute("val"), outline, bold)
        }
        for a in numbering?.all("abstractNum") ?? [] {
            guard let id = a.attribute("abstractNumId") else { continue }
            var levels: [Int: (String, String, Int)] = [:]
            for l in a.all("lvl") {
                guard let i = l.attribute("ilvl").flatMap({ Int($0) }) else { continue }
                levels[i] = (l.first("numFmt")?.attribute("val") ?? "decimal", l.first("lvlText")?.attribute("val") ?? "",
                             l.first("start")?.attribute("val").flatMap { Int($0) } ?? 1)
            }
            abstracts[id] = levels
        }
        for n in numbering?.all("num") ?? [] {
            if let id = n.attribute("numId"), let a = n.first("abstractNumId")?.attribute("val") { nums[id] = a }
        }
    }

    /// Heading level of a paragraph style: `heading N`/`Título N`, `Title`, or an outline level.
    func headingLevel(styleId: String?) -> Int? {
        var id = styleId
        var hops = 0
        while let current = id, let s = styles[current], hops < 10 {
            let name = s.name.lowercased()
            if name == "title" || name == "título" || name == "titulo" { return 1 }
            if name == "subtitle" || name == "subtítulo" { return 2 }
            if let r = Self.headingName.firstRange(in: name) {
                return Int(String(name[r].last!)).map { $0 }
            }
            if let o = s.outline, o < 9 { return o + 1 }
            id = s.basedOn
            hops += 1
        }
        if let sid = styleId?.lowercased() {
            if sid == "title" { return 1 }
            if let r = Self.headingId.firstRange(in: sid) { return Int(String(sid[r].last!)) }
        }
        return nil
    }

    /// True when a paragraph style makes its runs bold.
    func isBold(styleId: String?) -> Bool {
        guard let id = styleId else { return false }
        return styles[id]?.bold ?? false
    }

    func isListStyle(styleId: String?) -> Bool {
        guard let id = styleId, let s = styles[id] else { return false }
        return s.name.lowercased().contains("list")
    }

    /// Advances the counter of (numId, level) and renders its marker (`1.`, `a)`, `•`).
    mutating func nextMarker(numId: String, level: Int) -> String? {
        guard numId != "0", let abstract = nums[numId].flatMap({ abstracts[$0] }) else { return nil }
        var c = counters[numId] ?? [:]
        let start = abstract[level]?.start ?? 1
        c[level] = (c[level] ?? (start - 1)) + 1
        for deeper in c.keys where deeper > level { c[deeper] = nil }
        counters[numId] = c
        guard let def = abstract[level] else { return "•" }
        if def.format == "bullet" || def.format == "none" { return def.format == "none" ? nil : "•" }
        var text = def.text
        for l in 0...level {
            let value = c[l] ?? (abstract[l]?.start ?? 1)
            text = text.replacingOccurrences(of: "%\(l + 1)", with: Self.format(value, abstract[l]?.format ?? "decimal"))
        }
        return text
    }

    static func format(_ n: Int, _ fmt: String) -> String {
        switch fmt {
        case "lowerLetter": return letters(n).lowercased()
        case "upperLetter": return letters(n)
        case "lowerRoman": return roman(n).lowercased()
        case "upperRoman": return roman(n)
        default: return String(n)
        }
    }

    private static func letters(_ n: Int) -> String {
        guard n > 0 else { return String(n) }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return String(repeating: String(alphabet[(n - 1) % 26]), count: (n - 1) / 26 + 1)
    }

    private static func roman(_ n: Int) -> String {
        guard n > 0, n < 4000 else { return String(n) }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                                      (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = n, s = ""
        for (v, r) in table { while n >= v { s += r; n -= v } }
        return s
    }
}
