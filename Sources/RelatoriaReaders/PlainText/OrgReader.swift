public import Foundation
public import RelatoriaCore

/// Reads Emacs Org-mode notes (`.org`) as the Markdown they nearly are:
/// - `* Heading` and `** Sub` become headings, their TODO-style tags (`:board:`) and priority
///   cookies (`[#A]`) dropped;
/// - `#+TITLE:`, `#+DATE:`, `#+AUTHOR:` ... opening the file become metadata lines the Markdown
///   reader takes as front matter; other `#+` keywords, block delimiters (`#+BEGIN_QUOTE`), `#`
///   comments and drawers (`:PROPERTIES:` ... `:END:`) carry no text;
/// - `+ item` and `1) item` are list items, `- term :: text` a field `term: text`, `- [X]` a
///   ticked box;
/// - tables (`| a | b |` with `|---+---|` rules) become Markdown tables, the row above the first
///   rule their header;
/// - `[[url][words]]` links read as their words, timestamps `<2014-07-28 Mon 19:00>` as
///   `2014-07-28 19:00`, and `*bold*` as bold.
public struct OrgReader: DocumentReader {
    public init() {}

    /// The keywords whose values are the document's metadata.
    private static let metadataKeywords: Set<String> = ["title", "subtitle", "date", "author", "email", "place", "location", "description"]

    public func read(_ data: Data, limits: ReaderLimits) throws -> NormalizedDocument {
        let decoded = try TextDecoder.decode(data)
        var out: [String] = []
        var metadata: [String] = []
        var opening = true
        var inDrawer = false
        var table: [String] = []
        var lastWasTask = false
        func flushTable() {
            if !table.isEmpty { out += Self.markdownTable(table) }
            table = []
        }
        for raw in decoded.text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw.hasSuffix("\r") ? raw.dropLast() : raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if inDrawer {
                if trimmed.caseInsensitiveCompare(":END:") == .orderedSame { inDrawer = false }
                continue
            }
            if Self.isDrawerStart(trimmed) { inDrawer = true; continue }
            if trimmed.hasPrefix("#+") {
                flushTable()
                if let (key, value) = Self.keyword(trimmed), Self.metadataKeywords.contains(key), !value.isEmpty {
                    let field = key.prefix(1).uppercased() + key.dropFirst() + ": " + Self.inline(value)
                    if opening { metadata.append(field) } else { out.append(field) }
                }
                continue
            }
            // "# a comment" (a hash at the line's start, then a space or nothing).
            if line == "#" || line.hasPrefix("# ") { continue }
            if trimmed.hasPrefix("|") { table.append(trimmed); continue }
            flushTable()
            if opening, !trimmed.isEmpty { opening = false }
            // A task's planning line: its deadline goes onto the task, the rest says nothing.
            if Self.isPlanning(trimmed) {
                if let due = Self.deadline(trimmed), lastWasTask, let i = out.indices.last { out[i] += " (by \(due))" }
                continue
            }
            if let task = Self.task(line) {
                out.append(task)
                lastWasTask = true
                continue
            }
            lastWasTask = false
            out.append(Self.markdown(line))
        }
        flushTable()
        // The metadata lines open the text, a blank line after them (the Markdown reader's
        // "Title: ..." / "Date: ..." front matter). A YAML block that opens the file stays first.
        var text = out
        if !metadata.isEmpty {
            var at = 0
            while at < text.count, text[at].trimmingCharacters(in: .whitespaces).isEmpty { at += 1 }
            if at < text.count, text[at] == "---", let end = text[(at + 1)...].firstIndex(of: "---") {
                text.insert(contentsOf: [""] + metadata + [""], at: end + 1)
            } else {
                text = metadata + [""] + text
            }
        }
        return try MarkdownReader().read(Data(text.joined(separator: "\n").utf8), limits: limits)
    }

    private static let taskKeywords: [String: Bool] = ["TODO": false, "NEXT": false, "WAITING": false, "DONE": true, "CANCELLED": true, "CANCELED": true]

    /// "** TODO [#A] Review the lease :lease:" → "- [ ] Review the lease": a heading that is a
    /// task reads as an item of a to-do list (ticked when DONE), nil for any other line.
    static func task(_ line: String) -> String? {
        let stars = line.prefix { $0 == "*" }.count
        guard stars >= 1, line.dropFirst(stars).first == " " else { return nil }
        let words = line.dropFirst(stars + 1).split(separator: " ", maxSplits: 1)
        guard words.count == 2, let done = taskKeywords[String(words[0])] else { return nil }
        let heading = markdown(String(repeating: "*", count: stars) + " " + words[1])
        return (done ? "- [x] " : "- [ ] ") + heading.drop { $0 == "#" || $0 == " " }
    }

    /// "DEADLINE: <2021-03-31 Wed> SCHEDULED: <...>": a task's planning line.
    static func isPlanning(_ trimmed: String) -> Bool {
        ["DEADLINE:", "SCHEDULED:", "CLOSED:"].contains { trimmed.hasPrefix($0) }
    }

    /// The date of a planning line's deadline ("2021-03-31"), nil when it has none.
    static func deadline(_ trimmed: String) -> String? {
        deadlineStamp.firstRange(in: trimmed).map { String(trimmed[$0].suffix(10)) }
    }

    /// ":PROPERTIES:", ":LOGBOOK:": a drawer's first line (a word between colons, alone).
    static func isDrawerStart(_ trimmed: String) -> Bool {
        guard trimmed.count >= 3, trimmed.hasPrefix(":"), trimmed.hasSuffix(":"), trimmed.uppercased() != ":END:" else { return false }
        return trimmed.dropFirst().dropLast().allSatisfy { $0.isLetter || $0 == "_" || $0 == "-" }
    }

    /// "#+TITLE: Board meeting" → ("title", "Board meeting"); nil for a line with no colon.
    static func keyword(_ trimmed: String) -> (String, String)? {
        let body = trimmed.dropFirst(2)
        guard let colon = body.firstIndex(of: ":") else { return nil }
        return (body[..<colon].lowercased(), body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    /// One Org line (not a keyword, comment, drawer or table line) as Markdown.
    static func markdown(_ line: String) -> String {
        let stars = line.prefix { $0 == "*" }.count
        if stars >= 1, line.dropFirst(stars).first == " " {
            var heading = line.dropFirst(stars + 1).trimmingCharacters(in: .whitespaces)
            // Tags at the end (":board:minutes:") and a priority cookie ("[#A] ").
            if let r = tags.firstRange(in: heading) { heading.removeSubrange(r) }
            if let r = priority.firstRange(in: heading) { heading.removeSubrange(r) }
            return String(repeating: "#", count: min(stars, 6)) + " " + inline(heading)
        }
        let indent = line.prefix { $0 == " " || $0 == "\t" }
        var rest = line.dropFirst(indent.count)
        var marker = ""
        if rest.hasPrefix("- ") || rest.hasPrefix("+ ") || (!indent.isEmpty && rest.hasPrefix("* ")) {
            marker = "- "
            rest = rest.dropFirst(2)
        } else if let r = numbered.firstRange(in: String(rest)) {
            marker = rest[r].dropLast(2) + ". "
            rest = rest[r.upperBound...]
        }
        var text = String(rest)
        if !marker.isEmpty {
            if text.hasPrefix("[X] ") { text = "[x] " + text.dropFirst(4) }
            if text.hasPrefix("[-] ") { text = "[ ] " + text.dropFirst(4) }
            // "- Present :: Ana, Luis" → "- Present: Ana, Luis".
            if let r = text.range(of: " :: "), text.distance(from: text.startIndex, to: r.lowerBound) <= 40 {
                text = text[..<r.lowerBound] + ": " + text[r.upperBound...]
            } else if text.hasSuffix(" ::") {
                text = String(text.dropLast(3)) + ":"
            }
        }
        return indent + marker + inline(text)
    }

    // Compiled once (a pattern given to `range(of:options:)` is compiled on every call).
    private static let deadlineStamp = Pattern(#"DEADLINE:\s*[<\[](\d{4}-\d{2}-\d{2})"#)
    private static let tags = Pattern(#"\s+:[\p{L}\p{N}_@#%:]+:$"#)
    private static let priority = Pattern(#"\[#[A-Z0-9]\]\s*"#)
    private static let numbered = Pattern(#"^[0-9]{1,3}[.)] "#)
    private static let namedLink = Pattern(#"\[\[[^\[\]]+\]\[([^\[\]]+)\]\]"#)
    private static let bareLink = Pattern(#"\[\[([^\[\]]+)\]\]"#)
    private static let timestamp = Pattern(
        #"[<\[](\d{4}-\d{2}-\d{2})(?: [^\s\d<>\[\]]{1,12})?( \d{1,2}:\d{2}(?:-\d{1,2}:\d{2})?)?(?: [.+-]{1,2}\d+[hdwmy])*[>\]](?:--[<\[][^<>\[\]]{0,40}[>\]])?"#)
    private static let bold = Pattern(#"(^|[\s(\["'])\*([^\s*](?:[^*\n]{0,200}?[^\s*])?)\*(?=$|[\s).,;:!?"'\]])"#)

    /// Links as their words, timestamps as dates, `*bold*` as Markdown's bold.
    static func inline(_ text: String) -> String {
        guard text.contains("[") || text.contains("<") || text.contains("*") else { return text }
        // "[[url][words]]" reads as its words, "[[url]]" as its target.
        var s = bareLink.replacing(in: namedLink.replacing(in: text, with: "$1"), with: "$1")
        s = timestamp.replacing(in: s, with: "$1$2")
        return bold.replacing(in: s, with: "$1**$2**")
    }

    /// Org table lines as a Markdown table: the row above the first rule is the header (none
    /// without a rule), rules dropped, rows padded to the widest (at most 64 columns).
    static func markdownTable(_ lines: [String]) -> [String] {
        var rows: [[String]] = []
        var header: [String]?
        for line in lines {
            if line.hasPrefix("|-") {
                if header == nil, rows.count == 1 { header = rows.removeFirst() }
                continue
            }
            var cells = line.dropFirst().split(separator: "|", omittingEmptySubsequences: false).map { inline($0.trimmingCharacters(in: .whitespaces)) }
            if cells.last == "" { cells.removeLast() }
            rows.append(cells)
        }
        let columns = min(64, max(1, ([header?.count ?? 0] + rows.map(\.count)).max() ?? 1))
        func line(_ r: [String]) -> String {
            let padded = Array((r + Array(repeating: "", count: max(0, columns - r.count))).prefix(columns))
            return "| " + padded.joined(separator: " | ") + " |"
        }
        var out = ["", line(header ?? [])]
        out.append("|" + String(repeating: "---|", count: columns))
        out += rows.map(line)
        out.append("")
        return out
    }
}
