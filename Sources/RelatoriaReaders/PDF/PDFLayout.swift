import RelatoriaCore

/// Turns the positioned text of PDF pages (as poppler's `pdftohtml -xml` gives it) into
/// blocks: lines rebuilt from fragments, running headers, footers and page numbers taken out
/// of the flow, tables kept as rows where columns line up, lines joined into paragraphs within
/// and across pages, hyphenation at line ends undone, headings from font size and weight.
struct PDFLayout {
    /// One run of text at a position, in points from the page's top left.
    struct Fragment {
        var top, left, width, height: Double
        var size: Double
        var bold: Bool
        var text: String
        /// Place in the page's content stream: a PDF writes a table cell by cell.
        var order = 0
        var right: Double { left + width }
    }

    /// One page: its size and text.
    struct Page {
        var width, height: Double
        var fragments: [Fragment]
        /// Heights of the ruled lines across the page (a scanned table's borders), if known.
        var rules: [Double] = []
    }

    /// A visual line: the fragments at one height, split into cells where a wide gap parts them.
    struct Line {
        var top, height, size: Double
        var bold: Bool
        var cells: [Fragment]
        /// The fragments the line was made of, before neighbours were joined into cells.
        var parts: [Fragment] = []
        /// True when the line opens with a list's bullet or number set apart from its text (a
        /// list item, not a paragraph that happens to start with "1.").
        var listMarker = false
        var left: Double { cells.first?.left ?? 0 }
        var right: Double { cells.last?.right ?? 0 }
        var text: String { cells.map(\.text).joined(separator: " ") }
    }

    var pages: [Page]
    /// True for text without weights (OCR): a line's shape decides whether it is a heading.
    var plainHeadings = false
    /// True for OCR's words: fragments are words, not runs; a table's rows cannot follow a
    /// content stream; a line box is the ink's height, so lines stand further apart.
    var ocr = false

    init(pages: [Page], plainHeadings: Bool = false, ocr: Bool = false) {
        self.pages = pages
        self.plainHeadings = plainHeadings
        self.ocr = ocr
    }

    /// The document's blocks in reading order.
    func blocks() -> [Block] {
        var lines = pages.map { Self.lines(of: $0.fragments, wordFragments: ocr) }
        let (headers, footers) = furniture(&lines)
        let body = bodySize(lines)
        let headingSizes = Array(Set(lines.joined().filter { $0.size > body * 1.12 && $0.text.count <= 200 }.map { ($0.size * 2).rounded() / 2 }))
            .sorted(by: >)
        var out: [Block] = headers.map { Block(role: .header, text: $0) }
        var open: [Line] = []  // lines of the paragraph being built
        let maxRight = lines.joined().map(\.right).max() ?? 0

        func flush() {
            guard let first = open.first else { return }
            let size = (first.size * 2).rounded() / 2
            let level = headingSizes.firstIndex(of: size).map { $0 + 1 }
            let lines = open.map { $0.text.trimmingSpaces() }
            // Lines that each start afresh (names over their roles, a title block) are read as a
            // paragraph with line breaks, as the DOCX reader reads one.
            let startsItem = LinePatterns.listItem(lines[0]) != nil || lines[0].first.map { ParagraphBlocks.bullets.contains($0) } == true
            // A bold line over wrapped prose is a heading over its paragraph (names in bold over
            // their roles, short lines each, are a line sequence and stay together below).
            if level == nil, lines.count > 1, first.bold, !open[1].bold, lines[0].count <= 120,
               !(open.dropLast().allSatisfy { $0.right < 0.8 * maxRight } && LinePatterns.isLineSequence(lines)) {
                let head = open.removeFirst()
                out.append(Block(role: .heading, text: head.text.collapsingWhitespace(), level: 3))
                flush()
                return
            }
            // Only lines that end short of the margin were broken by hand; a full line is a wrap.
            let shortLines = open.dropLast().allSatisfy { $0.right < 0.8 * maxRight }
            if level == nil, lines.count > 1, !startsItem, shortLines,
               LinePatterns.isLineSequence(lines) || lines.dropFirst().allSatisfy({ LinePatterns.field($0) != nil }) {
                out += PlainTextReader.lineBlocks(lines)
                open.removeAll()
                return
            }
            var text = ""
            for t in lines {
                if text.isEmpty { text = t; continue }
                if let last = text.last, last == "-" || last == "\u{AD}", text.dropLast().last?.isLetter == true,
                   t.first?.isLowercase == true {
                    text.removeLast()
                    text += t
                } else {
                    if text.last == "\u{AD}" { text.removeLast() }
                    text += " " + t
                }
            }
            var p = ParagraphBlocks.Paragraph(text, headingLevel: level, allBold: open.allSatisfy(\.bold), plain: plainHeadings)
            // A number in bold before plain text is a run-in heading numbered by hand ("1. Acta
            // anterior. El acta..."), not a list's number.
            let runIn = first.parts.first.map { $0.bold } == true && !first.bold
            if level == nil, !plainHeadings, !runIn,
               let item = LinePatterns.listItem(text) {
                p.text = item.text
                p.marker = item.marker
            }
            if let b = ParagraphBlocks.block(p) { out.append(b) }
            open.removeAll()
        }

        for n in pages.indices {
            var i = 0
            let pageLines = lines[n]
            while i < pageLines.count {
                let line = pageLines[i]
                if line.cells.count >= 2, var (rows, next, columns) = Self.table(pageLines, from: i, exact: !ocr, rules: pages[n].rules) {
                    if !ocr { rows = Self.rowsInStreamOrder(pageLines[i..<next], columns: columns) }
                    // Rows of one cell at the table's end are the text after it; a table has
                    // at least two rows of two cells.
                    while let last = rows.last, last.filter({ !$0.text.isEmpty }).count <= 1,
                          let at = pageLines[i..<next].firstIndex(where: { abs($0.top - (last.first { !$0.text.isEmpty }?.top ?? -1)) < 1 }), at > i {
                        rows.removeLast()
                        next = at
                    }
                    if rows.filter({ $0.filter { !$0.text.isEmpty }.count >= 2 }).count >= 2 {
                        flush()
                        for (r, cells) in rows.enumerated() {
                            if let b = ParagraphBlocks.row(cells.map(\.text), header: r == 0 && cells.allSatisfy(\.bold)) { out.append(b) }
                        }
                        i = next
                        continue
                    }
                }
                if let prev = open.last, !Self.continues(prev, line, samePage: i > 0, maxRight: maxRight, pitch: ocr ? 1.75 : 1.45) { flush() }
                open.append(line)
                i += 1
            }
        }
        flush()
        out += footers.map { Block(role: .footer, text: $0) }
        return out
    }

    /// The fragments of a page grouped into lines, top to bottom. A gap wider than about an em
    /// parts two cells (a PDF's fragments are runs of one font, so a gap between them is a
    /// column or a tab); OCR's fragments are words, parted by a wider gap only.
    static func lines(of fragments: [Fragment], wordFragments: Bool = false) -> [Line] {
        let sorted = fragments.filter { !$0.text.trimmingSpaces().isEmpty }.sorted { ($0.top, $0.left) < ($1.top, $1.left) }
        var groups: [[Fragment]] = []
        for f in sorted {
            if let last = groups.last?.first, abs(last.top - f.top) <= max(2, 0.3 * min(last.height, f.height)) {
                groups[groups.count - 1].append(f)
            } else {
                groups.append([f])
            }
        }
        return groups.map { group in
            let g = group.sorted { $0.left < $1.left }
            var cells: [Fragment] = []
            var listMarker = false
            for f in g {
                let gap = f.left - (cells.last?.right ?? 0)
                // A list's bullet or number stands apart from its text, by a tab: one cell with it.
                let marker = cells.count == 1 && Self.isMarker(cells[0].text)
                if marker, gap > 0.15 * f.size { listMarker = true }
                if var last = cells.last, marker || gap <= (wordFragments ? max(1.5 * last.height, 1.2 * f.size) : max(0.9 * f.size, 8)) {
                    let joined = last.text.last.map { $0.isLetter || $0.isNumber } == true && f.text.first.map { $0.isLetter || $0.isNumber } == true
                    let glue = last.text.hasSuffix(" ") || f.text.hasPrefix(" ") || (gap < 0.15 * f.size && joined) ? "" : " "
                    last.text += glue + f.text
                    last.bold = last.bold && f.bold
                    last.width = f.right - last.left
                    cells[cells.count - 1] = last
                } else {
                    cells.append(f)
                }
            }
            let main = g.max { $0.text.count < $1.text.count }!
            return Line(top: g[0].top, height: g.map(\.height).max()!, size: main.size, bold: g.allSatisfy(\.bold), cells: cells, parts: g,
                        listMarker: listMarker)
        }
    }

    /// A bullet glyph or a list number standing alone (`•`, `1.`, `a)`).
    static func isMarker(_ text: String) -> Bool {
        let t = text.trimmingSpaces()
        guard !t.isEmpty, t.count <= 4 else { return false }
        if t.count == 1, let c = t.first, ParagraphBlocks.bullets.contains(c) || c.unicodeScalars.first!.properties.generalCategory == .privateUse {
            return true
        }
        return LinePatterns.listItem(t + " x") != nil
    }

    /// The most common font size, by characters.
    private func bodySize(_ lines: [[Line]]) -> Double {
        var chars: [Double: Int] = [:]
        for line in lines.joined() { chars[(line.size * 2).rounded() / 2, default: 0] += line.text.count }
        return chars.max { $0.value < $1.value }?.key ?? 12
    }

    /// Takes running headers and footers and page numbers out of the pages' lines; returns the
    /// distinct header and footer texts, kept once (as the DOCX reader keeps a header part).
    private func furniture(_ lines: inout [[Line]]) -> (headers: [String], footers: [String]) {
        func key(_ s: String) -> String {
            String(s.lowercased().map { $0.isNumber ? "#" : $0 }).collapsingWhitespace()
        }
        let textPages = pages.indices.filter { !lines[$0].isEmpty }
        var counts: [String: Int] = [:]
        for n in textPages {
            let h = pages[n].height
            var seen = Set<String>()
            for line in lines[n] where line.top < 0.1 * h || line.top + line.height > 0.9 * h {
                if seen.insert(key(line.text)).inserted { counts[key(line.text), default: 0] += 1 }
            }
        }
        var headers: [String] = [], footers: [String] = []
        for n in textPages {
            let h = pages[n].height
            lines[n].removeAll { line in
                let top = line.top < 0.1 * h, bottom = line.top + line.height > 0.9 * h
                guard top || bottom else { return false }
                let t = line.text.trimmingSpaces()
                if LinePatterns.isPageFooter(t) || t.allSatisfy({ $0.isNumber }) { return true }
                let repeated = textPages.count >= 2 && counts[key(t), default: 0] * 2 >= textPages.count && counts[key(t), default: 0] >= 2
                guard repeated else { return false }
                if top, !headers.contains(t) { headers.append(t) }
                if bottom, !top, !footers.contains(t) { footers.append(t) }
                return true
            }
        }
        return (headers, footers)
    }

    /// True when `next` continues the paragraph whose last line is `prev`.
    static func continues(_ prev: Line, _ next: Line, samePage: Bool, maxRight: Double, pitch: Double = 1.45) -> Bool {
        guard abs(prev.size - next.size) < 0.6 else { return false }
        // A bold line after a plain one starts afresh (a heading, a label); a plain line after
        // a bold one may be the rest of a line-broken paragraph (a name over its role).
        if next.bold && !prev.bold { return false }
        let p = prev.text.trimmingSpaces(), t = next.text.trimmingSpaces()
        if LinePatterns.listItem(t) != nil { return false }
        if let f = t.first, ParagraphBlocks.bullets.contains(f), t.dropFirst().first == " " { return false }
        let ended = p.last.map { ".:!?;".contains($0) } ?? true
        if samePage {
            let gap = next.top - prev.top
            guard gap > 0, gap <= pitch * prev.height else { return false }
            if ended, prev.right < 0.8 * maxRight { return false }
            return true
        }
        // Across a page break: only a line that runs to the margin and ends mid-sentence.
        return !ended && prev.right >= 0.8 * maxRight
    }

    /// The rows of a table from its fragments in the order the PDF wrote them: cell by cell, so a
    /// fragment in an earlier column than the one before it starts a new row, and lines of a
    /// wrapped cell, whatever their number, stay in their cell.
    static func rowsInStreamOrder(_ lines: ArraySlice<Line>, columns: [Double]) -> [[Fragment]] {
        func column(_ x: Double) -> Int { columns.lastIndex { $0 - 6 <= x } ?? 0 }
        var rows: [[Fragment]] = []
        var lastColumn = Int.max
        var lastTop = 0.0
        for whole in lines.flatMap(\.parts).sorted(by: { $0.order < $1.order }) {
            let c0 = column(whole.left)
            // A run that reaches into the next column is two cells the PDF wrote as one; it
            // cannot be the wrapped rest of a cell, which stays within its column.
            // (Unless it reads as the rest of a sentence: it starts in lower case.)
            let crosses = c0 + 1 < columns.count && whole.right > columns[c0 + 1] + 2
                && whole.text.trimmingSpaces().first?.isLowercase != true
            let newRow = rows.isEmpty || c0 < lastColumn || (c0 == lastColumn && (whole.top - lastTop > 1.35 * whole.height || crosses))
            if newRow {
                rows.append(columns.map { Fragment(top: whole.top, left: $0, width: 0, height: whole.height, size: whole.size, bold: true, text: "") })
            }
            for f in split(whole, at: columns) {
            let c = column(f.left)
            var cell = rows[rows.count - 1][c]
            if cell.text.isEmpty {
                cell.text = f.text.trimmingSpaces()
                cell.bold = f.bold
            } else {
                let t = f.text.trimmingSpaces()
                let sameLine = abs(f.top - lastTop) <= 2 && c == lastColumn
                if cell.text.hasSuffix("-"), t.first?.isLowercase == true, !sameLine {
                    cell.text = String(cell.text.dropLast()) + t
                } else {
                    cell.text += (sameLine && !f.text.hasPrefix(" ") && !cell.text.hasSuffix(" ") ? "" : " ") + t
                }
                cell.bold = cell.bold && f.bold
            }
            rows[rows.count - 1][c] = cell
            lastColumn = c
            lastTop = f.top
            }
        }
        return rows
    }

    /// A run of text cut where it crosses a column's left edge, at the space nearest the place
    /// its width puts there (characters taken as equally wide).
    static func split(_ f: Fragment, at columns: [Double]) -> [Fragment] {
        guard let edge = columns.first(where: { $0 > f.left + 6 && $0 < f.right - 2 }), f.width > 0 else { return [f] }
        let chars = Array(f.text)
        let target = Int(((edge - f.left) / f.width * Double(chars.count)).rounded())
        let spaces = chars.indices.filter { chars[$0] == " " && $0 > 0 && $0 < chars.count - 1 }
        guard let cut = spaces.min(by: { abs($0 - target) < abs($1 - target) }) else { return [f] }
        var first = f, rest = f
        first.text = String(chars[..<cut])
        first.width = edge - f.left - 1
        rest.text = String(chars[(cut + 1)...])
        rest.left = edge
        rest.width = f.right - edge
        return [first] + split(rest, at: columns)
    }

    /// The rows of a table starting at `lines[start]` (a line of two or more cells): lines whose
    /// cells line up with its columns; a line without a first-column cell continues the row
    /// above. Returns the rows' cells and the index of the first line after the table.
    static func table(_ lines: [Line], from start: Int, exact: Bool = true, rules: [Double] = []) -> (rows: [[Fragment]], next: Int, columns: [Double])? {
        var columns = lines[start].cells.map(\.left)
        guard columns.count >= 2 else { return nil }
        // A header row's cells may be centred: the cells of the lines below, left-aligned, give
        // the columns' left edges (the leftmost between the header's cell before and this one).
        let header = lines[start].cells
        var below: [Double] = []
        var k = start + 1, last = lines[start]
        while k < lines.count, k <= start + 8, lines[k].top - last.top <= 1.8 * last.height {
            below += lines[k].cells.map(\.left)
            last = lines[k]
            k += 1
        }
        for i in columns.indices {
            let floor = i == 0 ? -Double.infinity : header[i - 1].right
            if let x = below.filter({ $0 > floor && $0 < columns[i] - 3 }).min() { columns[i] = x }
        }
        let tableRight = lines[start..<k].map(\.right).max() ?? lines[start].right
        // A cell's text never starts left of its column: text further left (by more than a
        // rounding in a PDF, by a few pixels in OCR) is the page's, after the table.
        let slack = exact ? 0.5 : 6
        func column(_ x: Double) -> Int? { x >= columns[0] - slack ? columns.lastIndex { $0 - 6 <= x } : nil }
        var rows: [[Fragment]] = []
        var prev = lines[start]
        var i = start
        var rowGap = 0.0
        while i < lines.count {
            let line = lines[i]
            if i > start {
                // A gap wider than the rows' own (plus a quarter line) is the space after the table.
                let gap = line.top - prev.top
                guard gap <= 1.8 * prev.height, rowGap == 0 || gap <= rowGap + 0.25 * prev.height,
                      abs(line.size - prev.size) <= 2 || (i == start + 1 && prev.bold)  // a header row may be set larger
                else { break }
                if gap > 1.1 * prev.height { rowGap = max(rowGap, gap) }
            }
            let cols = line.cells.map { column($0.left) }
            guard !cols.contains(nil) else { break }
            // Text that starts inside a column and runs over the next one's edge cannot be in a
            // cell (two cells in one run, as a PDF may write them, start at a column's edge).
            if i > start, line.parts.contains(where: { p in
                columns.allSatisfy { abs($0 - p.left) > 6 } && columns.contains { $0 > p.left + 6 && $0 < p.right - 2 }
            }) { break }
            // A line across the columns ends the table when it stands apart or runs nearly the
            // table's width: a paragraph. (A row's line that the PDF wrote as one run, cells
            // together, follows at the line pitch and stops short.)
            if line.cells.count == 1, cols[0] == 0, line.right > columns[1],
               i == start || line.top - prev.top > 1.3 * prev.height || line.right - columns[0] > 0.8 * (tableRight - columns[0]) {
                break
            }
            // Where the table is ruled, a rule between two lines parts rows, and only a rule does.
            let ruled = !rules.isEmpty && rules.contains { $0 > lines[start].top - 2 * lines[start].height && $0 < line.top }
            let ruleBetween = rules.contains { $0 > prev.top + prev.height / 2 && $0 < line.top + line.height / 2 }
            if rows.isEmpty || (ruled ? ruleBetween : cols[0] == 0) {
                var row = columns.map { Fragment(top: line.top, left: $0, width: 0, height: line.height, size: line.size, bold: true, text: "") }
                for (c, f) in zip(cols, line.cells) { row[c!] = f }
                rows.append(row)
            } else {
                for (c, f) in zip(cols, line.cells) {
                    var cell = rows[rows.count - 1][c!]
                    let joinHyphen = cell.text.hasSuffix("-") && f.text.first?.isLowercase == true
                    cell.text = cell.text.isEmpty ? f.text : joinHyphen ? String(cell.text.dropLast()) + f.text : cell.text + " " + f.text
                    cell.bold = cell.bold && f.bold
                    rows[rows.count - 1][c!] = cell
                }
            }
            prev = line
            i += 1
        }
        return (rows, i, columns)
    }
}
