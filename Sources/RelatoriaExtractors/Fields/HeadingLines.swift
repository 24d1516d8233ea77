import RelatoriaCore

/// Paragraphs that a word processor's user made headings by hand: a short line numbered
/// and written in capitals ("3- ACUERDOS Y TAREAS", "4. COMPROMISOS", "II) ASISTENTES"), set
/// as a plain paragraph. Minutes typed without heading styles mark their parts that way; read
/// as headings, they open and close sections like styled ones.
enum HeadingLines {
    /// A part's number at the head of a line ("3- ", "4. ", "2.1) ", "IV. ") and the rest.
    private static let numbered = Pattern(#"^\s*(\d{1,2}(?:\.\d{1,2})*|[IVX]{1,5})(?:\s*[.)\-–]\s*|\s+)(\S.*)$"#)

    /// `b` as a heading when it is a numbered line in capitals; else `b` unchanged.
    /// (At most 60 Characters and eight words; no final full stop; not a table of contents'
    /// line; its letters all capitals, at least four of them, and no digit: "12 DE MARZO" is a date.)
    static func promoted(_ b: Block) -> Block {
        guard b.role == .paragraph, b.text.hasAtMost(60), !b.text.hasSuffix("."), b.text.first.map({ $0.isNumber || "IVX ".contains($0) }) == true,
              Patterns.tocLine.firstRange(in: b.text) == nil,
              numbered.matches(b.text) else { return b }
        let rest = numbered.replacing(in: b.text, with: "$2"), number = numbered.replacing(in: b.text, with: "$1")
        let letters = rest.filter(\.isLetter)
        guard letters.count >= 4, letters.allSatisfy({ $0.isUppercase }), !rest.contains(where: \.isNumber), rest.wordsAtSpaces().count <= 8 else { return b }
        var h = b
        h.role = .heading
        // "3-" is a part, "3.1" one of its subparts.
        h.level = 2 + number.filter { $0 == "." }.count
        return h
    }
}
