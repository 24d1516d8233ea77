public import Foundation
public import RelatoriaCore

/// Reads reStructuredText (`.rst`) as the plain text it nearly is, without what is not text:
/// comments (`..` and the indented lines under it, a licence notice often), hyperlink targets
/// (`.. _name: url`) and directive lines (`.. note::`, their `:option:` lines; the indented
/// content stays). Docinfo fields (`:Date: 2019-03-12`) become `Date: 2019-03-12` fields;
/// inline roles, literals, links and emphasis keep only their text (`:ref:`Charter <charter>`` →
/// Charter, `*Present:*` → Present:).
/// Headings, lists and the rest are read as plain text.
public struct RSTReader: DocumentReader {
    public init() {}

    public func read(_ data: Data, limits: ReaderLimits) throws -> NormalizedDocument {
        let decoded = try TextDecoder.decode(data)
        let text = Self.plainText(decoded.text)
        var doc = NormalizedDocument(format: .txt, blocks: PlainTextReader.blocks(fromText: text), warnings: decoded.warnings)
        if doc.blocks.isEmpty { doc.warnings.append("the document has no text") }
        return doc
    }

    private static let directive = Pattern(#"^\.\.\s+[A-Za-z][\w:+-]*::"#)
    private static let titleDirective = Pattern(#"^\.\.\s+(?:rubric|topic)::\s*"#)
    private static let option = Pattern(#"^\s+:[\w -]+:"#)
    private static let docinfo = Pattern(#"^:([A-Za-z][\w -]{0,30}):\s+(\S.*)$"#)
    private static let role = Pattern(#":[\w.+-]+:`([^`<]*?)\s*(?:<[^>`]*>)?`"#)
    private static let link = Pattern(#"`([^`<]+?)\s*<[^>`]*>`__?"#)
    private static let literal = Pattern(#"``([^`]+)``"#)
    private static let reference = Pattern(#"`([^`]+)`_{1,2}"#)
    private static let strong = Pattern(#"(?<![\w*])\*\*(\S(?:[^*]*?\S)?)\*\*(?![\w*])"#)
    private static let emphasis = Pattern(#"(?<![\w*])\*(\S(?:[^*]*?\S)?)\*(?![\w*])"#)

    /// The text of an RST document without its markup (see the type's description).
    static func plainText(_ text: String) -> String {
        var out: [String] = []
        // Skipping a comment's or target's indented lines; after a directive, its options.
        var skippingIndented = false
        var inDirectiveOptions = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw.hasSuffix("\r") ? raw.dropLast() : raw)
            let indented = line.first == " " || line.first == "\t"
            if skippingIndented {
                if indented || line.trimmingSpaces().isEmpty { continue }
                skippingIndented = false
            }
            if inDirectiveOptions {
                if option.matches(line) { continue }
                inDirectiveOptions = false
            }
            // (A directive may be indented inside another: "   .. rubric:: Participants".)
            let lead = indented ? line.trimmingSpaces() : line
            if lead.hasPrefix("..") && (lead.count == 2 || lead.dropFirst(2).first == " ") {
                if directive.matches(lead) {
                    inDirectiveOptions = true
                    // A rubric or topic names what follows: a heading of its own.
                    if let r = titleDirective.firstRange(in: lead), case let title = lead[r.upperBound...].trimmingSpaces(), !title.isEmpty {
                        out += ["", inline(title), String(repeating: "-", count: max(3, title.count)), ""]
                    }
                } else {
                    // A comment or a hyperlink target, with its indented lines.
                    skippingIndented = true
                }
                continue
            }
            if docinfo.matches(line) {
                out.append(docinfo.replacing(in: line, with: "$1: $2"))
                continue
            }
            out.append(inline(line))
        }
        return joiningListDefinitions(out).joined(separator: "\n")
    }

    private static let term = Pattern(#"^\S[^:]{0,40}:$"#)

    /// A definition list's term that ends with a colon over a one-line definition that lists
    /// rather than says ("*Present:*" / "  duck, Mathiasdm, zzz"): one line, "Present: duck, ...",
    /// read as a field. A definition that is a sentence stays under its term.
    static func joiningListDefinitions(_ lines: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if i + 1 < lines.count, term.matches(line), line.wordsAtSpaces().count <= 5,
               case let next = lines[i + 1], next.first == " " || next.first == "\t",
               case let definition = next.trimmingSpaces(), !definition.isEmpty, definition.contains(","),
               !(definition.last.map { ".!?;".contains($0) } ?? true),
               i + 2 == lines.count || lines[i + 2].trimmingSpaces().isEmpty || !(lines[i + 2].first == " " || lines[i + 2].first == "\t") {
                out.append(line + " " + definition)
                i += 2
                continue
            }
            out.append(line)
            i += 1
        }
        return out
    }

    /// A line's inline markup reduced to its text.
    static func inline(_ line: String) -> String {
        var line = line
        // Emphasis keeps its text ("*Present:*" → "Present:"); a bullet's "* " is no emphasis.
        if line.contains("*") {
            line = emphasis.replacing(in: strong.replacing(in: line, with: "$1"), with: "$1")
        }
        guard line.contains("`") else { return line }
        var l = role.replacing(in: line, with: "$1")
        l = link.replacing(in: l, with: "$1")
        l = literal.replacing(in: l, with: "$1")
        return reference.replacing(in: l, with: "$1")
    }
}
