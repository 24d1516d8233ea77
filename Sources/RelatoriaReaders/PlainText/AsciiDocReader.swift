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
        var table: Table?
        var attributes = ""
        for raw in decoded.text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw.hasSuffix("\r") ? raw.dropLast() : raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("|===") {
                // A table's fences: what is between them becomes a Markdown table.
                if let t = table { out += t.markdown(); table = nil } else { table = Table(attributes: attributes) }
                attributes = ""
                continue
            }
            if table != nil { table!.add(line); continue }
            // "[cols="2,1", options="header"]" before a table.
            if trimmed.hasPrefix("["), trimmed.hasSuffix("]") { attributes = trimmed; continue }
            if !trimmed.isEmpty { attributes = "" }
            // A two-line title ("2008-10-10 Developers Meeting" / "=========="): its underline, as
            // long as the line above give or take two, is kept for the Markdown reader's setext heading.
            if trimmed.count >= 4, let c = trimmed.first, c == "=" || c == "-", trimmed.allSatisfy({ $0 == c }),
               let above = out.last, !above.trimmingCharacters(in: .whitespaces).isEmpty, abs(above.count - trimmed.count) <= 2 {
                out.append(trimmed)
                continue
            }
            out.append(Self.markdown(line))
        }
        if let t = table { out += t.markdown() }
        return try MarkdownReader().read(Data(out.joined(separator: "\n").utf8), limits: limits)
    }

    /// An AsciiDoc table (`|===` ... `|===`): its cells, a row per line ("|a |b") or a cell per
    /// line ("|a" / "|b"), the number of columns from `cols` or the first line, the first row a
    /// header with `options="header"` or when a blank line follows it (AsciiDoc's implicit header).
    struct Table {
        let declaredColumns: Int?
        var header: Bool
        var cells: [String] = []
        var firstLineCells: Int?
        var cellsBeforeFirstBlank: Int?

        init(attributes: String) {
            let a = attributes.lowercased()
            header = a.contains("header")
            declaredColumns = Self.columns(in: a)
        }

        /// The number of columns `cols="1,2,1"`, `cols="3*"` or `cols=3` gives.
        static func columns(in attributes: String) -> Int? {
            guard let r = attributes.range(of: "cols=") else { return nil }
            var v = attributes[r.upperBound...].drop { $0 == "\"" || $0 == "'" }
            if let end = v.firstIndex(where: { $0 == "\"" || $0 == "'" || $0 == "]" }) { v = v[..<end] }
            if let star = v.firstIndex(of: "*"), let n = Int(v[..<star]) { return n }
            if let n = Int(v.trimmingCharacters(in: .whitespaces)) { return n }
            let parts = v.split(separator: ",")
            return parts.isEmpty ? nil : parts.count
        }

        mutating func add(_ line: String) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if cellsBeforeFirstBlank == nil, !cells.isEmpty { cellsBeforeFirstBlank = cells.count }
                return
            }
            guard trimmed.hasPrefix("|") else {
                // A cell's text that goes on over the next line.
                if !cells.isEmpty { cells[cells.count - 1] += " " + trimmed } else { cells.append(trimmed) }
                return
            }
            let parts = trimmed.dropFirst().split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if firstLineCells == nil { firstLineCells = parts.count }
            cells += parts
        }

        func markdown() -> [String] {
            guard !cells.isEmpty else { return [] }
            // (A cell per line: the cells before the first blank line are the header row.)
            // (At most 64 columns: a wider one is no table a meeting writes, and "cols=100000*"
            // or a line of bars must not make rows of that many cells.)
            let columns = min(64, max(1, declaredColumns ?? ((firstLineCells ?? 1) > 1 ? firstLineCells! : cellsBeforeFirstBlank ?? 1)))
            var rows: [[String]] = []
            var i = 0
            while i < cells.count {
                var row = Array(cells[i..<min(i + columns, cells.count)])
                while row.count < columns { row.append("") }
                rows.append(row)
                i += columns
            }
            func line(_ r: [String]) -> String { "| " + r.map { $0.replacingOccurrences(of: "|", with: "/") }.joined(separator: " | ") + " |" }
            let implicitHeader = cellsBeforeFirstBlank == columns && rows.count > 1
            var out = [""]
            if header || implicitHeader {
                out.append(line(rows[0]))
                rows.removeFirst()
            } else {
                out.append(line(Array(repeating: "", count: columns)))
            }
            out.append("|" + String(repeating: "---|", count: columns))
            out += rows.map(line)
            out.append("")
            return out
        }
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
        // ":author: Ana" → "author: Ana"; ":toc:" and the like say nothing. (":date:" is the
        // document's revision date, AsciiDoc's `revdate`, not the meeting's: "Revdate: ...".)
        if line.hasPrefix(":"), let end = line.dropFirst().firstIndex(of: ":") {
            let name = line[line.index(after: line.startIndex)..<end]
            let value = line[line.index(after: end)...].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty, !name.contains(" ") {
                return value.isEmpty ? "" : "\(name.lowercased() == "date" ? "Revdate" : String(name)): \(value)"
            }
        }
        // A labelled list's entry "Participants:: Ana, Luis" is a field "Participants: Ana, Luis".
        if let r = line.range(of: ":: "), !line.hasPrefix(" "), line.distance(from: line.startIndex, to: r.lowerBound) <= 40 {
            return String(line[..<r.lowerBound]) + ": " + line[r.upperBound...]
        }
        if line.hasSuffix("::"), !line.hasPrefix(" "), line.count <= 42 { return String(line.dropLast(2)) + ":" }
        // A table row "| a | b" reads as its cells.
        if trimmed.hasPrefix("|") { return trimmed.dropFirst().trimmingCharacters(in: .whitespaces) }
        return line
    }
}
