public import Foundation
public import RelatoriaCore

/// Reads AsciiDoc (`.adoc`) as the Markdown it nearly is: `= Title` and `== Section` become
/// headings, `. item` an ordered list item, `:name: value` attribute lines `name: value`
/// fields; delimiter lines (`----`, `====`, `|===`) are dropped and table cells (`| a | b`)
/// kept as text. What has no Markdown counterpart stays as it is written.
public struct AsciiDocReader: DocumentReader {
    public init() {}

    public func read(_ data: Data, limits: ReaderLimits) throws -> NormalizedDocument {
        let decoded = try TextDecoder.decode(data)
        var out: [String] = []
        for raw in decoded.text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            out.append(Self.markdown(String(line)))
        }
        return try MarkdownReader().read(Data(out.joined(separator: "\n").utf8), limits: limits)
    }

    /// One AsciiDoc line as Markdown.
    static func markdown(_ line: String) -> String {
        // "== Section" → "## Section" (up to six levels).
        let equals = line.prefix { $0 == "=" }.count
        if (1...6).contains(equals), line.dropFirst(equals).first == " " {
            return String(repeating: "#", count: equals) + line.dropFirst(equals)
        }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        // Block delimiters and table fences carry no text.
        if trimmed.count >= 4, Set(trimmed).count == 1, let c = trimmed.first, "-=.*_+/".contains(c) { return "" }
        if trimmed.hasPrefix("|===") { return "" }
        // ". item", ".. item" → an ordered item.
        let dots = line.prefix { $0 == "." }.count
        if (1...5).contains(dots), line.dropFirst(dots).first == " " {
            return String(repeating: "  ", count: dots - 1) + "1." + line.dropFirst(dots)
        }
        // ":author: Ana" → "author: Ana"; ":toc:" and the like say nothing.
        if line.hasPrefix(":"), let end = line.dropFirst().firstIndex(of: ":") {
            let name = line[line.index(after: line.startIndex)..<end]
            let value = line[line.index(after: end)...].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty, !name.contains(" ") { return value.isEmpty ? "" : "\(name): \(value)" }
        }
        // A table row "| a | b" reads as its cells.
        if trimmed.hasPrefix("|") { return trimmed.dropFirst().trimmingCharacters(in: .whitespaces) }
        return line
    }
}
