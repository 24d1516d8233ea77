public import Foundation
public import RelatoriaCore

/// Reads Word 97-2003 `.doc` with `catdoc` (Debian's `catdoc`), run as a bounded child
/// process: one line a paragraph, a table row's cells parted by tabs. Lines become blocks as
/// ``ParagraphBlocks`` decides; consecutive lines with the same number of tabs are table rows.
/// catdoc gives neither styles nor list numbers, so headings come from the shape of a line.
public struct Word97Reader: DocumentReader {
    static let catdoc = ExternalTool(name: "catdoc", package: "catdoc")

    public init() {}

    public func read(_ data: Data, limits: ReaderLimits) throws -> NormalizedDocument {
        guard ByteSniffer.kind(data) == .ole else { throw ReadFailure("not a Word 97-2003 document") }
        guard ByteSniffer.isWordOLE(data) else {
            throw ReadFailure("an Office 97-2003 file without a Word document in it: an Excel sheet or PowerPoint deck, not minutes")
        }
        return try ExternalTool.withScratchFolder { folder in
            let input = folder.appendingPathComponent("in.doc")
            try data.write(to: input)
            let r = try Self.catdoc.run(["-w", "-d", "utf-8", input.path], in: folder, for: "a Word 97-2003 .doc", limits: limits)
            guard r.status == 0 else {
                throw ReadFailure("the Word 97-2003 document is damaged and could not be read\(ExternalTool.firstComplaint(r.stderr).map { ": \($0)" } ?? "")")
            }
            var doc = NormalizedDocument(format: .txt, fileType: .doc)
            doc.blocks = Self.blocks(fromLines: String(decoding: r.stdout, as: UTF8.self))
            if doc.blocks.isEmpty { throw ReadFailure("the Word 97-2003 document has no text") }
            return doc
        }
    }

    /// Blocks of catdoc's output: a line a paragraph, tab-parted lines in runs as table rows.
    static func blocks(fromLines text: String) -> [Block] {
        let lines = text.replacingOccurrences(of: "\r", with: "\n").replacingOccurrences(of: "\u{0C}", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        var out: [Block] = []
        var i = 0
        func tabs(_ s: String) -> Int { s.reduce(0) { $1 == "\t" ? $0 + 1 : $0 } }
        while i < lines.count {
            let line = lines[i]
            let t = tabs(line)
            if t > 0 {
                var j = i
                while j < lines.count, tabs(lines[j]) == t { j += 1 }
                if j - i >= 2 {
                    for (n, row) in lines[i..<j].enumerated() {
                        if let b = ParagraphBlocks.row(row.components(separatedBy: "\t"), header: false) {
                            _ = n
                            out.append(b)
                        }
                    }
                    i = j
                    continue
                }
            }
            let flat = line.replacingOccurrences(of: "\t", with: " ")
            if !LinePatterns.isPageFooter(flat), let b = ParagraphBlocks.block(.init(flat, plain: true)) { out.append(b) }
            i += 1
        }
        return out
    }
}
