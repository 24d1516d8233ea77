public import Foundation
public import RelatoriaCore

/// Reads scanned pages (PNG, JPEG, TIFF images, and PDF pages without a text layer that
/// ``PDFReader`` renders) with Tesseract run as a bounded child process, in the languages of
/// ``ReaderLimits/ocrLanguages``: Spanish and English together by default, or under `auto`
/// the one a first pass finds on the first page (``OCRLanguagePick``).
///
/// Tesseract's words, with their boxes, go through the same ``PDFLayout`` as a PDF's text, so
/// lines join into paragraphs, columns into table rows, and larger lines read as headings. The
/// document says it came from OCR (``NormalizedDocument/ocr``) and carries a warning with the
/// mean word confidence; the record's anchors point into the recognized text.
public struct OCRReader: DocumentReader {
    static let tesseract = ExternalTool(name: "tesseract", package: "tesseract-ocr")

    /// What one page gave.
    struct Result {
        var page: PDFLayout.Page
        /// Confidence of each word, 0-100.
        var confidences: [Double]
    }

    /// What Tesseract makes of a round or square bullet.
    static let bulletLookalikes: Set<String> = ["e", "o", "+", "~", "*", "«", "»", "°", "©", "¢", "•", "■", "●", "-", "="]

    /// Names a first pass's language under `ocr.languages: auto`.
    public var languageGuesser: (any LanguageGuesser)?

    public init(languageGuesser: (any LanguageGuesser)? = nil) {
        self.languageGuesser = languageGuesser
    }

    public func read(_ data: Data, limits: ReaderLimits) throws -> NormalizedDocument {
        let kind = ByteSniffer.kind(data)
        let type: SourceFileType = kind == .png ? .png : kind == .tiff ? .tiff : .jpeg
        guard let kind, [.png, .jpeg, .tiff].contains(kind) else { throw ReadFailure("not a PNG, JPEG or TIFF image") }
        guard let size = ImageHeader.size(data, kind: kind) else {
            throw ReadFailure("the \(type.displayName) is damaged: its size cannot be read from its header")
        }
        if size.width * size.height > limits.maxImagePixels || size.width > 40_000 || size.height > 40_000 {
            throw ReadFailure("the image is \(Counting.grouped(size.width)) by \(Counting.grouped(size.height)) pixels, over the \(limits.maxImagePixels / 1_000_000) megapixels OCR reads")
        }
        guard Self.tesseract.isInstalled else {
            throw ReadFailure("a scanned image needs tesseract-ocr: apt-get install tesseract-ocr tesseract-ocr-spa tesseract-ocr-eng")
        }
        return try ExternalTool.withScratchFolder { folder in
            let input = folder.appendingPathComponent("image")
            try data.write(to: input)
            var pick = OCRLanguagePick(setting: limits.ocrLanguages, guesser: languageGuesser)
            var results = try Self.recognize(input, folder: folder, languages: pick.languages, limits: limits, dpiHint: nil)
            // The first pass: the first pages' words name the language to read the image in.
            for (n, r) in results.prefix(OCRLanguagePick.firstPassPages).enumerated() where pick.guessing {
                if pick.firstPass(words: r.page.fragments.map(\.text), page: n + 1) {
                    results = try Self.recognize(input, folder: folder, languages: pick.languages, limits: limits, dpiHint: nil)
                }
            }
            var doc = NormalizedDocument(format: .txt, fileType: type, ocr: true)
            doc.blocks = PDFLayout(pages: results.map(\.page), plainHeadings: true, ocr: true).blocks()
            let confidences = results.flatMap(\.confidences)
            guard !doc.blocks.isEmpty, !confidences.isEmpty else { throw ReadFailure("OCR found no text in the image") }
            doc.warnings.append(Self.confidenceLine(confidences, pages: results.count, languages: pick.explanation))
            return doc
        }
    }

    /// `read by OCR in spa (guessed from page 1): mean word confidence 91% over 1 page`;
    /// `languages` is ``OCRLanguagePick/explanation``.
    static func confidenceLine(_ confidences: [Double], pages: Int, languages: String) -> String {
        let mean = confidences.isEmpty ? 0 : confidences.reduce(0, +) / Double(confidences.count)
        return "read by OCR in \(languages): mean word confidence \(Int(mean.rounded()))% over \(Counting.of(pages, "page"))"
    }

    /// Tesseract's words of the image at `image` (each page of a TIFF) read in `languages`
    /// together, as layout pages in points (`dpiHint` when the caller rendered the image, else
    /// the image's own resolution, else 300 dpi).
    static func recognize(_ image: URL, folder: URL, languages: [String], limits: ReaderLimits, dpiHint: Double?,
                          pixels: Grayscale? = nil) throws -> [Result] {
        let base = folder.appendingPathComponent("ocr")
        var args = [image.path, base.path, "-l", languages.joined(separator: "+"), "--psm", "3"]
        if let dpiHint { args += ["--dpi", String(Int(dpiHint))] }
        let r = try tesseract.run(args + ["tsv"], in: folder, for: "OCR", limits: limits, seconds: max(limits.toolSeconds, 120))
        let tsvURL = folder.appendingPathComponent("ocr.tsv")
        guard r.status == 0, let tsv = try? String(contentsOf: tsvURL, encoding: .utf8) else {
            if r.stderr.contains("Failed loading language") || r.stderr.contains("Error opening data file") {
                throw ReadFailure("OCR needs Tesseract's language data: apt-get install \(languages.map { "tesseract-ocr-\($0)" }.joined(separator: " "))")
            }
            throw ReadFailure("OCR could not read the image\(ExternalTool.firstComplaint(r.stderr).map { ": \($0)" } ?? "")")
        }
        try? FileManager.default.removeItem(at: tsvURL)
        return parse(tsv, dpi: dpiHint ?? 300, pixels: pixels)
    }

    /// Pages of words from Tesseract's TSV output; with the page's picture, lines whose strokes
    /// are clearly wider than the page's usual are bold.
    static func parse(_ tsv: String, dpi: Double, pixels: Grayscale? = nil) -> [Result] {
        struct Word { var line: [Int]; var left, top, width, height: Double; var conf: Double; var text: String; var stroke: Double? }
        var pageSizes: [Int: (Double, Double)] = [:]
        var lineHeights: [[Int]: Double] = [:]
        var lineTops: [[Int]: Double] = [:]
        var words: [Int: [Word]] = [:]
        var rules: [Int: [Double]] = [:]
        for row in tsv.split(separator: "\n").dropFirst() {
            let f = row.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 12, let level = Int(f[0]), let page = Int(f[1]) else { continue }
            let n = (2...9).map { Double(f[$0]) ?? 0 }
            let scale = 72 / dpi
            switch level {
            case 1: pageSizes[page] = (n[6] * scale, n[7] * scale)
            case 4:
                lineHeights[[page, Int(n[0]), Int(n[1]), Int(n[2])]] = n[7] * scale
                lineTops[[page, Int(n[0]), Int(n[1]), Int(n[2])]] = n[5] * scale
            case 5:
                let text = String(f[11]).trimmingSpaces()
                let conf = Double(f[10]) ?? -1
                // A ruled line across a table: a thin, long box with no text.
                if text.isEmpty, n[7] <= 8 * dpi / 300, n[6] >= 200 * dpi / 300 { rules[page, default: []].append((n[5] + n[7] / 2) * scale) }
                // A table's ruled border read as a bar: not text.
                guard !text.isEmpty, conf >= 0, !(text == "|" && n[6] * 4 < n[7]) else { continue }
                // Specks and borders read as a stray mark or two ("ms", ".z"), with low confidence.
                if conf < 40, text.filter(\.isLetter).count < 3, !text.contains(where: \.isNumber) { continue }
                let stroke = text.count >= 3 ? pixels?.strokeWidth(x: Int(n[4]), y: Int(n[5]), width: Int(n[6]), height: Int(n[7])) : nil
                words[page, default: []].append(Word(line: [page, Int(n[0]), Int(n[1]), Int(n[2])], left: n[4] * scale, top: n[5] * scale,
                                                     width: n[6] * scale, height: n[7] * scale, conf: conf, text: text, stroke: stroke))
            default: break
            }
        }
        return pageSizes.keys.sorted().map { page in
            let ws = words[page] ?? []
            let heights = ws.compactMap { lineHeights[$0.line] }.sorted()
            let median = heights.isEmpty ? 12 : heights[heights.count / 2]
            // A line's font size from its words' boxes: a box runs from the ascenders (or the
            // x-height) to the descenders (or the baseline) of the word's letters. The upper
            // quartile of the line's words (a box Tesseract drew round two rows of a table is
            // tall while its words are not).
            func wordSize(_ w: Word) -> Double {
                let descends = w.text.contains { "gjpqyQ(),;".contains($0) }
                let ascends = w.text.contains { $0.isUppercase || $0.isNumber || "bdfhklt".contains($0) || ($0.isLetter && !$0.isASCII) }
                return w.height / ((ascends ? 0.74 : 0.5) + (descends ? 0.21 : 0))
            }
            var sizes: [[Int]: [Double]] = [:]
            for w in ws where w.text.count >= 2 { sizes[w.line, default: []].append(wordSize(w)) }
            func estimate(_ line: [Int]) -> Double {
                guard let s = sizes[line]?.sorted(), !s.isEmpty else { return median }
                return s[(s.count * 3) / 4]
            }
            let estimates = ws.map { estimate($0.line) }.sorted()
            let bodySize = estimates.isEmpty ? median : estimates[estimates.count / 2]
            // Bold lines: the lower median stroke of their words against the page's median word.
            var strokes: [[Int]: [Double]] = [:]
            for w in ws { if let s = w.stroke { strokes[w.line, default: []].append(s) } }
            let all = ws.compactMap(\.stroke).sorted()
            let usual = all.isEmpty ? 0 : all[all.count / 2]
            let boldLines = Set(strokes.compactMap { line, s -> [Int]? in
                let m = s.sorted()[(s.count - 1) / 2]
                return usual > 0 && m > 1.3 * usual ? line : nil
            })
            var fragments: [PDFLayout.Fragment] = []
            var firstOfLine = Set<[Int]>()
            for (k, var w) in ws.enumerated() {
                let h = lineHeights[w.line] ?? w.height
                // A bullet read as a small letter or sign ("e", "+", "~") before a capital.
                if firstOfLine.insert(w.line).inserted, w.text.count == 1, Self.bulletLookalikes.contains(w.text),
                   w.height < 0.6 * h, k + 1 < ws.count, ws[k + 1].line == w.line, ws[k + 1].text.first?.isUppercase == true {
                    w.text = "•"
                }
                // A box's height tells a font's size roughly (accents, ascenders): lines clearly
                // larger are titles; a bold line somewhat larger is a heading above the bold
                // lines of body size; other lines are body text.
                let ratio = estimate(w.line) / max(bodySize, 1)
                let bold = boldLines.contains(w.line)
                let size = ratio >= 1.7 ? 20.0 : ratio >= 1.45 ? 16 : bold && ratio >= 1.1 ? 14 : 12
                // All words of a Tesseract line share the line's top, so they make one layout line.
                fragments.append(.init(top: lineTops[w.line] ?? w.top, left: w.left, width: w.width, height: max(h, median, 1), size: size,
                                       bold: bold,
                                       text: w.text))
            }
            let (width, height) = pageSizes[page]!
            return Result(page: .init(width: width, height: height, fragments: fragments, rules: (rules[page] ?? []).sorted()),
                          confidences: ws.map(\.conf))
        }
    }
}
