public import Foundation
public import RelatoriaCore

/// Reads PDF with poppler's tools run as bounded child processes: `pdfinfo` for the page
/// count, encryption and the declared title and creation date; `pdftohtml -xml` for the text
/// with its positions and fonts, which ``PDFLayout`` turns into blocks. Pages without a text
/// layer (a scan) are rendered by `pdftoppm` and read by ``OCRReader``.
public struct PDFReader: DocumentReader {
    static let pdftohtml = ExternalTool(name: "pdftohtml", package: "poppler-utils")
    static let pdfinfo = ExternalTool(name: "pdfinfo", package: "poppler-utils")
    static let pdftoppm = ExternalTool(name: "pdftoppm", package: "poppler-utils")

    /// Largest page side read by OCR, in points (5,000 pt is 1.76 m; A0 is 3,370 pt long).
    static let maxOCRPagePoints = 5_000.0
    /// Letters below which a page counts as having no text layer.
    static let minPageLetters = 16

    /// Names a scanned page's language under `ocr.languages: auto` (see ``OCRLanguagePick``).
    public var languageGuesser: (any LanguageGuesser)?

    public init(languageGuesser: (any LanguageGuesser)? = nil) {
        self.languageGuesser = languageGuesser
    }

    public func read(_ data: Data, limits: ReaderLimits) throws -> NormalizedDocument {
        guard let start = ByteSniffer.pdfStart(data) else { throw ReadFailure("not a PDF: it does not start with %PDF") }
        guard ByteSniffer.hasPDFEnd(data) else {
            throw ReadFailure("the PDF is cut short: its end marker %%EOF is missing, so pages may be lost; send the whole file again")
        }
        return try ExternalTool.withScratchFolder { folder in
            let input = folder.appendingPathComponent("in.pdf")
            try data.subdata(in: start..<data.count).write(to: input)
            var doc = NormalizedDocument(format: .txt, fileType: .pdf)
            let info = try Self.info(input, folder: folder, limits: limits)
            if info.pages > limits.maxPDFPages {
                throw ReadFailure("the PDF has \(Counting.of(info.pages, "page")), over the \(Counting.of(limits.maxPDFPages, "page")) a document may have")
            }
            var pages = try Self.pages(input, folder: folder, limits: limits)
            if pages.isEmpty && info.pages > 0 { throw ReadFailure("the PDF could not be read: poppler found no pages in it") }
            let empty = pages.indices.filter { Self.letters(pages[$0]) < Self.minPageLetters }
            if !empty.isEmpty {
                try ocr(empty, of: &pages, input: input, folder: folder, limits: limits, into: &doc)
            }
            // A scan's bold lines are known from its pixels; its words come from OCR.
            doc.blocks = PDFLayout(pages: pages, ocr: doc.ocr && empty.count == pages.count).blocks()
            if let title = info.title { doc.metadata.title = title }
            if let date = info.created { doc.metadata.dates.append(.init(value: date, source: "pdf.info.creationdate", isEventDate: false)) }
            for (k, v) in info.properties { doc.metadata.properties["pdf.info.\(k)"] = v }
            if doc.blocks.isEmpty { throw ReadFailure("the PDF has no text: no text layer, and OCR found none in its \(Counting.of(pages.count, "page"))") }
            return doc
        }
    }

    private func ocr(_ empty: [Int], of pages: inout [PDFLayout.Page], input: URL, folder: URL, limits: ReaderLimits,
                     into doc: inout NormalizedDocument) throws {
        let scanned = empty.count == pages.count
        func skip(_ why: String) throws {
            if scanned { throw ReadFailure(why) }
            doc.warnings.append(why)
        }
        guard OCRReader.tesseract.isInstalled else {
            return try skip("a scanned PDF needs tesseract-ocr: apt-get install tesseract-ocr tesseract-ocr-spa tesseract-ocr-eng")
        }
        if empty.count > limits.maxOCRPages {
            return try skip("the PDF has \(Counting.of(empty.count, "page")) without text, over the \(Counting.of(limits.maxOCRPages, "page")) OCR reads in a document")
        }
        if let n = empty.first(where: { max(pages[$0].width, pages[$0].height) > Self.maxOCRPagePoints }) {
            let p = pages[n]
            return try skip("page \(n + 1) is \(Counting.grouped(Int(p.width))) by \(Counting.grouped(Int(p.height))) points, too large to read by OCR")
        }
        var pick = OCRLanguagePick(setting: limits.ocrLanguages, guesser: languageGuesser)
        var results: [Int: OCRReader.Result] = [:]
        for n in empty {
            results[n] = try Self.ocrPage(n, of: pages[n], input: input, folder: folder, languages: pick.languages, limits: limits)
            // The first pass: once the first pages' words name a language, they are read again in it.
            if pick.guessing, pick.firstPass(words: results[n]?.page.fragments.map(\.text) ?? [], page: n + 1) {
                for m in pick.firstPassPages.map({ $0 - 1 }) {
                    results[m] = try Self.ocrPage(m, of: pages[m], input: input, folder: folder, languages: pick.languages, limits: limits)
                }
            }
        }
        var confidences: [Double] = []
        for (n, result) in results.sorted(by: { $0.key < $1.key }) {
            pages[n].fragments = result.page.fragments
            pages[n].rules = result.page.rules
            confidences.append(contentsOf: result.confidences)
        }
        guard !confidences.isEmpty else { return }
        doc.ocr = true
        doc.warnings.append(OCRReader.confidenceLine(confidences, pages: empty.count, languages: pick.explanation))
    }

    /// Page `n` (0-based) rendered by pdftoppm at up to 300 dpi and read by OCR in `languages`.
    private static func ocrPage(_ n: Int, of p: PDFLayout.Page, input: URL, folder: URL, languages: [String],
                                limits: ReaderLimits) throws -> OCRReader.Result? {
        let dpi = min(300, (Double(limits.maxImagePixels) / max(1, p.width * p.height / (72 * 72))).squareRoot())
        let base = folder.appendingPathComponent("page")
        let r = try pdftoppm.run(["-r", String(Int(dpi)), "-f", String(n + 1), "-l", String(n + 1), "-gray", "-singlefile",
                                  input.path, base.path], in: folder, for: "PDF", limits: limits)
        let png = folder.appendingPathComponent("page.pgm")
        guard r.status == 0, FileManager.default.fileExists(atPath: png.path) else {
            throw ReadFailure("page \(n + 1) of the PDF could not be rendered for OCR\(ExternalTool.firstComplaint(r.stderr).map { ": \($0)" } ?? "")")
        }
        defer { try? FileManager.default.removeItem(at: png) }
        let pixels = (try? Data(contentsOf: png)).flatMap { Grayscale(pgm: $0) }
        return try OCRReader.recognize(png, folder: folder, languages: languages, limits: limits, dpiHint: Double(Int(dpi)), pixels: pixels).first
    }

    private static func letters(_ page: PDFLayout.Page) -> Int {
        page.fragments.reduce(0) { $0 + $1.text.unicodeScalars.filter { $0.properties.isAlphabetic }.count }
    }

    struct Info {
        var pages = 0
        var title: String?
        var created: String?
        var properties: [String: String] = [:]
    }

    /// What `pdfinfo` says; an encrypted or damaged file is refused here.
    static func info(_ input: URL, folder: URL, limits: ReaderLimits) throws -> Info {
        let r = try pdfinfo.run(["-isodates", "-enc", "UTF-8", input.path], in: folder, for: "PDF", limits: limits)
        let text = String(decoding: r.stdout, as: UTF8.self)
        if r.status != 0 {
            if r.stderr.contains("Incorrect password") || r.status == 3 {
                throw ReadFailure("the PDF is encrypted with a password: save it without one, or print it to a new PDF")
            }
            throw ReadFailure("the PDF is damaged and could not be read\(ExternalTool.firstComplaint(r.stderr).map { ": \($0)" } ?? "")")
        }
        var info = Info()
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingSpaces().lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            guard !value.isEmpty else { continue }
            switch key {
            case "pages": info.pages = Int(value) ?? 0
            case "title": info.title = value
            case "creationdate":
                if value.count >= 10, value.prefix(4).allSatisfy(\.isNumber) { info.created = String(value.prefix(10)) }
                info.properties[key] = value
            case "author", "subject", "keywords", "creator", "producer", "moddate": info.properties[key] = value
            default: break
            }
        }
        return info
    }

    /// The pages' positioned text from `pdftohtml -xml`, in points.
    static func pages(_ input: URL, folder: URL, limits: ReaderLimits) throws -> [PDFLayout.Page] {
        let out = folder.appendingPathComponent("text")
        let r = try pdftohtml.run(["-xml", "-i", "-nodrm", "-enc", "UTF-8", "-zoom", "1", "-hidden", input.path, out.path],
                                  in: folder, for: "PDF", limits: limits)
        let xmlURL = folder.appendingPathComponent("text.xml")
        guard r.status == 0, let xml = try? Data(contentsOf: xmlURL) else {
            throw ReadFailure("the PDF is damaged and could not be read\(ExternalTool.firstComplaint(r.stderr).map { ": \($0)" } ?? "")")
        }
        let root: XElement
        do { root = try LibXMLParser.parseXML(xml, limits: limits) } catch {
            throw ReadFailure("the PDF's text could not be read: poppler's output was not well formed")
        }
        var sizes: [String: Double] = [:]
        var pages: [PDFLayout.Page] = []
        for page in root.all("page") {
            var fragments: [PDFLayout.Fragment] = []
            for e in page.elements {
                if e.name == "fontspec", let id = e.attribute("id") {
                    sizes[id] = Double(e.attribute("size") ?? "") ?? 12
                    continue
                }
                guard e.name == "text" else { continue }
                var bold = 0, plain = 0
                var raw = ""
                count(e, bold: false, into: &bold, &plain, text: &raw)
                let font = e.attribute("font") ?? ""
                func number(_ name: String) -> Double { Double(e.attribute(name) ?? "") ?? 0 }
                fragments.append(.init(top: number("top"), left: number("left"), width: number("width"), height: number("height"),
                                       size: sizes[font] ?? number("height"), bold: bold > 0 && plain == 0,
                                       text: raw.replacingOccurrences(of: "\u{A0}", with: " "), order: fragments.count))
            }
            pages.append(.init(width: Double(page.attribute("width") ?? "") ?? 612, height: Double(page.attribute("height") ?? "") ?? 792,
                               fragments: fragments))
        }
        return pages
    }

    /// A text element's characters as they are (spaces at its ends included: they say whether
    /// the next fragment starts a new word), and how many letters are bold and how many not.
    private static func count(_ e: XElement, bold: Bool, into b: inout Int, _ p: inout Int, text: inout String, depth: Int = 0) {
        guard depth < 16 else { return }
        for child in e.children {
            switch child {
            case .text(let t):
                text += t
                let n = t.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.count
                if bold { b += n } else { p += n }
            case .element(let c): count(c, bold: bold || c.name == "b", into: &b, &p, text: &text, depth: depth + 1)
            }
        }
    }
}
