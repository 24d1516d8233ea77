import Foundation
import RelatoriaCore
import RelatoriaTestSupport
import Testing
@testable import RelatoriaReaders

/// PDF, Word 97-2003, RTF and OCR: sniffing, layout, and every bad input of issue 19, on
/// fixtures that scripts/make-format-fixtures.py writes at test time (nothing downloaded).
/// Tests that need an outside tool are skipped when it is absent; CI (.ci/run) installs them.
struct FormatReaderTests {
    static let fixtures: URL? = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relatoria-format-fixtures-\(getpid())")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", PackagePaths.root.appendingPathComponent("scripts/make-format-fixtures.py").path, folder.path]
        guard (try? p.run()) != nil else { return nil }
        p.waitUntilExit()
        return p.terminationStatus == 0 ? folder : nil
    }()
    static let poppler = PDFReader.pdftohtml.isInstalled && fixtures != nil
    static let tesseract = OCRReader.tesseract.isInstalled && poppler

    private func file(_ name: String) throws -> Data { try Data(contentsOf: #require(Self.fixtures).appendingPathComponent(name)) }

    private func failure(_ name: String, limits: ReaderLimits = .init()) throws -> String? {
        let data = try file(name)
        do {
            _ = try read(data, name, limits: limits)
            return nil
        } catch let f as ReadFailure {
            return f.reason
        }
    }

    // MARK: Sniffing (no tool needed)

    @Test func readsDocxNamedDocAsDocx() throws {
        let data = ZipBuilder.docx(body: "<w:p><w:r><w:t>Acta de la sesión</w:t></w:r></w:p>")
        let doc = try read(data, "acta.doc")
        #expect(doc.format == .docx)
        #expect(doc.warnings.contains("named .doc but is a Word .docx; read as such"))
    }

    @Test func sniffsBinaryFormatsFromTheirBytes() {
        #expect(ByteSniffer.kind(Data("%PDF-1.4\n".utf8)) == .pdf)
        #expect(ByteSniffer.kind(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) == .ole)
        #expect(ByteSniffer.kind(Data("{\\rtf1 x}".utf8)) == .rtf)
        #expect(ByteSniffer.kind(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) == .png)
        #expect(ByteSniffer.kind(Data([0xFF, 0xD8, 0xFF, 0xE0])) == .jpeg)
        #expect(ByteSniffer.kind(Data("II*\0".utf8)) == .tiff)
        #expect(ByteSniffer.kind(Data("hola".utf8)) == nil)
    }

    @Test func refusesAnOfficeFileThatIsNotWord() {
        var ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        ole.append(Data(Array("Workbook".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        #expect(throws: ReadFailure.self) { try read(ole, "hoja.doc") }
    }

    @Test func missingToolIsAOneLineReasonNamingThePackage() throws {
        let tool = ExternalTool(name: "relatoria-no-such-tool", package: "poppler-utils")
        let reason = try ExternalTool.withScratchFolder { folder in
            do {
                _ = try tool.run([], in: folder, for: "PDF", limits: .init())
                return ""
            } catch let f as ReadFailure { return f.reason }
        }
        #expect(reason == "PDF needs poppler-utils: apt-get install poppler-utils")
    }

    @Test func toolPastItsTimeIsStopped() throws {
        var limits = ReaderLimits()
        limits.toolSeconds = 1
        let start = Date()
        #expect(throws: ReadFailure.self) {
            try ExternalTool.withScratchFolder { try ExternalTool(name: "sleep", package: "coreutils").run(["30"], in: $0, for: "test", limits: limits) }
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func recordSaysWhatTheFileWasWithinTheContract() throws {
        // source.format stays one of the contract's seven; source.filetype and source.ocr are
        // extra keys, written as JSONEncoder writes them (and left out when absent).
        var record = Record(id: "0123456789abcdef", source: .init(filename: "acta.pdf", format: .txt, sha256: String(repeating: "a", count: 64),
                                                                  bytes: 10, filetype: .pdf, ocr: true))
        for pretty in [false, true] {
            let e = JSONEncoder()
            e.outputFormatting = pretty ? [.withoutEscapingSlashes, .prettyPrinted, .sortedKeys] : [.withoutEscapingSlashes, .sortedKeys]
            #expect(RecordWriter.bytes(record, pretty: pretty) == Array(try e.encode(record)))
        }
        let json = String(decoding: RecordWriter.bytes(record, pretty: false), as: UTF8.self)
        #expect(json.contains(#""source":{"bytes":10,"filename":"acta.pdf","filetype":"pdf","format":"txt","ocr":true,"sha256""#))
        record.source.filetype = nil
        record.source.ocr = nil
        #expect(!String(decoding: RecordWriter.bytes(record, pretty: false), as: UTF8.self).contains("filetype"))
        #expect(try JSONDecoder().decode(Record.self, from: Data(RecordWriter.bytes(record, pretty: true))) == record)
    }

    // MARK: RTF (our own parser)

    @Test func readsRTFParagraphsTablesListsAndInfo() throws {
        let doc = try read(try file("minutes.rtf"), "minutes.rtf")
        #expect(doc.fileType == .rtf)
        #expect(doc.blocks.first { $0.role == .heading }?.text == "Acta de la reunión")
        #expect(doc.blocks.contains { $0.role == .header && $0.text == "Comité de Prueba" })
        #expect(doc.blocks.contains { $0.role == .paragraph && $0.text == "La sesión se abrió con quórum." })
        #expect(doc.blocks.filter { $0.role == .tableRow }.map(\.cells) == [["Nombre", "Entidad"], ["María Gómez", "Embajada de Suecia"]])
        #expect(doc.blocks.filter { $0.role == .listItem }.map(\.text) == ["Aprobar el acta.", "Enviar el informe."])
        #expect(doc.metadata.title == "Propiedad")
        #expect(doc.metadata.dates.first?.value == "2026-01-02")
        #expect(!doc.text.contains("Prueba;") && !doc.text.contains("89504e47"))
    }

    @Test func refusesRTFWithTenThousandNestedGroups() throws {
        #expect(try failure("nested.rtf") == "the RTF nests groups more than 256 deep: the file is damaged or hostile")
    }

    // MARK: Word 97-2003 (wvWare's HTML)

    @Test func word97HTMLBecomesBlocksLikeDOCX() throws {
        let html = """
            <html><body>
            <div name="Title"><p>Acta No. 3 – Bloque</p></div>
            <div name="Normal"><p><b>Fecha: </b>3 de mayo de 2006</p></div>
            <div name="Normal"><p><b>Bogotá, mayo 3 de 2006</b><br />Lugar: Sala 4<br />Hora: 2:00 p.m.</p></div>
            <div name="Heading 1"><p><b>Asistentes</b></p></div>
            <table><tr><td><div name="Normal"><p><b>Nombre</b></p></div></td><td><div name="Normal"><p><b>Entidad</b></p></div></td></tr>
            <tr><td><div name="Normal"><p>Ana Ruiz</p></div></td><td><div name="Normal"><p>ACNUR</p></div></td></tr></table>
            <ol type="1"><li value="1"><div name="List Number"><p>Aprobar el acta.</p></div></li>
            <li value="2"><div name="List Number"><p>Enviar el informe.</p></div></li></ol>
            <div name="Footer"><p>Bloque – Acta No. 3</p></div>
            </body></html>
            """
        var walker = WvHTMLWalker(maxDepth: 256)
        walker.walk(try LibXMLParser.parseHTML(Data(html.utf8), limits: .init()))
        #expect(walker.blocks.map(\.role) == [.heading, .field, .paragraph, .field, .field, .heading, .tableRow, .tableRow, .listItem, .listItem])
        #expect(walker.blocks[0].text == "Acta No. 3 – Bloque")
        #expect(walker.blocks[6].isHeaderRow && walker.blocks[7].cells == ["Ana Ruiz", "ACNUR"])
        #expect(walker.blocks[8].marker == "1." && walker.blocks[9].marker == "2.")
        #expect(walker.footers == ["Bloque – Acta No. 3"])
    }

    // MARK: PDF (poppler)

    @Test(.enabled(if: poppler, "needs poppler-utils: apt-get install poppler-utils"))
    func readsPDFTextInReadingOrder() throws {
        let doc = try read(try file("text.pdf"), "text.pdf")
        #expect(doc.format == .txt && doc.fileType == .pdf && !doc.ocr)
        #expect(doc.blocks.first { $0.role == .heading }?.text == "Acta de la reunión del Comité de Prueba")
        #expect(doc.blocks.filter { $0.role == .header }.map(\.text) == ["Comité de Prueba - documento de trabajo"])
        #expect(!doc.text.contains("Página"))
        // Hyphen at a line end undone; lines joined into one paragraph.
        #expect(doc.blocks.contains { $0.text.hasPrefix("La reunión comenzó") && $0.text.contains("aprobada por todos") && $0.text.hasSuffix("comité.") })
        // A paragraph across the page break is one paragraph.
        #expect(doc.blocks.contains { $0.text.contains("que termina, en el cual se recogen") })
        #expect(doc.blocks.filter { $0.role == .tableRow }.map(\.cells) == [["Nombre", "Entidad"], ["María Gómez", "Embajada de Suecia"], ["Juan Pérez", "Acción Social"]])
        #expect(doc.blocks.filter { $0.role == .listItem }.map(\.marker) == ["1.", "2."])
        #expect(doc.metadata.title == "Propiedad de titulo" && !doc.metadata.titleIsVisible)
        #expect(doc.metadata.dates.map(\.value) == ["2026-01-01"])
    }

    @Test func pdfTableRowsFollowTheOrderCellsWereWritten() {
        // A table as LibreOffice writes it: cell by cell; the first column wraps, and one run
        // holds two cells (the figures of corpus document 13).
        func f(_ top: Double, _ left: Double, _ width: Double, _ text: String, bold: Bool = false) -> PDFLayout.Fragment {
            .init(top: top, left: left, width: width, height: 14, size: 11, bold: bold, text: text)
        }
        var fragments = [
            f(100, 90, 49, "Nombre", bold: true), f(100, 234, 48, "Entidad", bold: true), f(100, 378, 40, "Cargo", bold: true),
            f(113, 90, 99, "Rafael Humberto "), f(126, 90, 40, "Lozada"), f(113, 234, 78, "Ministerio de "), f(126, 234, 120, "Ambiente"),
            f(113, 378, 67, "Director"),
            f(139, 90, 273, "Andrés Felipe Quintero Secretaría Técnica del"), f(152, 234, 30, "G24"), f(139, 378, 50, "Relatora"),
        ]
        for i in fragments.indices { fragments[i].order = i }
        let blocks = PDFLayout(pages: [.init(width: 612, height: 792, fragments: fragments)]).blocks()
        #expect(blocks.filter { $0.role == .tableRow }.map(\.cells) == [
            ["Nombre", "Entidad", "Cargo"], ["Rafael Humberto Lozada", "Ministerio de Ambiente", "Director"],
            ["Andrés Felipe Quintero", "Secretaría Técnica del G24", "Relatora"],
        ])
        #expect(blocks.first?.isHeaderRow == true)
    }

    @Test(.enabled(if: poppler, "needs poppler-utils: apt-get install poppler-utils"))
    func refusesBadPDFsWithOneLineReasons() throws {
        let start = Date()
        #expect(try failure("encrypted.pdf") == "the PDF is encrypted with a password: save it without one, or print it to a new PDF")
        #expect(try failure("truncated.pdf")?.hasPrefix("the PDF is cut short") == true)
        #expect(try failure("random.pdf") == "named .pdf but not a PDF: it does not start with %PDF")
        #expect(try failure("loop.pdf")?.hasPrefix("the PDF") == true)
        #expect(try failure("blank-5000.pdf") == "the PDF has 5,000 pages, over the 2,000 pages a document may have")
        var wide = ReaderLimits()
        wide.maxPDFPages = 10_000
        #expect(try failure("blank-5000.pdf", limits: wide) == "the PDF has 5,000 pages without text, over the 60 pages OCR reads in a document"
                || !OCRReader.tesseract.isInstalled)
        for reason in try ["encrypted.pdf", "truncated.pdf", "random.pdf", "loop.pdf", "blank-5000.pdf"].compactMap({ try failure($0) }) {
            #expect(!reason.contains("\n"))
        }
        #expect(Date().timeIntervalSince(start) < 60)
    }

    @Test(.enabled(if: tesseract, "needs tesseract-ocr: apt-get install tesseract-ocr tesseract-ocr-spa tesseract-ocr-eng"))
    func refusesHugePagesAndImagesBeforeReadingThem() throws {
        #expect(try failure("huge-page.pdf") == "page 1 is 20,000 by 20,000 points, too large to read by OCR")
        #expect(try failure("huge.png") == "the image is 30,000 by 30,000 pixels, over the 100 megapixels OCR reads")
    }

    @Test func refusesHugeImageEvenWithoutTesseract() throws {
        #expect(try failure("huge.png")?.hasPrefix("the image is 30,000 by 30,000 pixels") == true)
    }

    @Test func refusesAnHTMLPageNamedDocSayingWhatToDo() throws {
        #expect(try failure("really-html.doc") == "named .doc but an HTML page: rename it .html to archive it")
        // Word's "Save as Web Page" with its namespaces, and a page named .rtf, the same.
        func reason(_ text: String, _ name: String) -> String? {
            do { _ = try read(Data(text.utf8), name) } catch { return (error as? ReadFailure)?.reason }
            return nil
        }
        #expect(reason("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><body><p>Acta</p></body></html>", "acta.doc")
                == "named .doc but an HTML page: rename it .html to archive it")
        #expect(reason("<!DOCTYPE html><p>x</p>", "a.rtf") == "named .rtf but an HTML page: rename it .html to archive it")
        // Renamed .html, the same bytes are read.
        #expect(try read(try file("really-html.doc"), "really-html.html").text.contains("Acta de la sesión"))
    }

    // MARK: OCR (tesseract)

    /// A PDF holding only a picture of the first page of the fixture `name` (8-bit grey,
    /// uncompressed), as a scanner makes one.
    static func scannedPDF(of name: String = "text.pdf", dpi: Int) throws -> Data {
        let pgm = try ExternalTool.withScratchFolder { folder -> Data in
            try Data(contentsOf: #require(fixtures).appendingPathComponent(name)).write(to: folder.appendingPathComponent("t.pdf"))
            _ = try PDFReader.pdftoppm.run(["-r", String(dpi), "-f", "1", "-l", "1", "-gray", "-singlefile", "t.pdf", "p"], in: folder, for: "test", limits: .init())
            return try Data(contentsOf: folder.appendingPathComponent("p.pgm"))
        }
        let header = String(decoding: pgm.prefix(20), as: UTF8.self).split(whereSeparator: \.isWhitespace)
        let w = Int(header[1])!, h = Int(header[2])!
        let pixels = pgm.suffix(w * h)
        var out = Data("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        func object(_ body: Data) {
            offsets.append(out.count)
            out += Data("\(offsets.count) 0 obj\n".utf8) + body + Data("\nendobj\n".utf8)
        }
        let content = "q 612 0 0 792 0 0 cm /Im0 Do Q"
        object(Data("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        object(Data("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8))
        object(Data("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>".utf8))
        object(Data("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream".utf8))
        object(Data("<< /Type /XObject /Subtype /Image /Width \(w) /Height \(h) /ColorSpace /DeviceGray /BitsPerComponent 8 /Length \(pixels.count) >>\nstream\n".utf8)
               + pixels + Data("\nendstream".utf8))
        let xref = out.count
        out += Data("xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n".utf8)
        for o in offsets { out += Data(String(format: "%010d 00000 n \n", o).utf8) }
        out += Data("trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return out
    }

    @Test(.enabled(if: tesseract, "needs tesseract-ocr and poppler-utils: apt-get install tesseract-ocr tesseract-ocr-spa tesseract-ocr-eng poppler-utils"))
    func readsAScannedPDFWithHeadingsAndTable() throws {
        let doc = try read(try Self.scannedPDF(dpi: 300), "scan.pdf")
        #expect(doc.ocr && doc.fileType == .pdf)
        #expect(doc.warnings.contains { $0.hasPrefix("read by OCR in spa+eng: mean word confidence") })
        #expect(doc.blocks.first { $0.role == .heading }?.text == "Acta de la reunión del Comité de Prueba")
        // Bold lines of body size read as headings, by the width of their strokes.
        #expect(doc.blocks.contains { $0.role == .heading && $0.text == "Asistentes" })
        #expect(doc.blocks.filter { $0.role == .tableRow }.count == 3)
        #expect(doc.blocks.contains { $0.role == .paragraph && $0.text.hasPrefix("La reunión comenzó") && $0.text.contains("aprobada por todos") })
    }

    @Test(.enabled(if: tesseract, "needs tesseract-ocr and poppler-utils: apt-get install tesseract-ocr tesseract-ocr-spa tesseract-ocr-eng poppler-utils"))
    func readsAScannedPageByOCR() throws {
        // The text PDF's first page as a 300-dpi picture, read back by OCR.
        let png = try ExternalTool.withScratchFolder { folder -> Data in
            try file("text.pdf").write(to: folder.appendingPathComponent("t.pdf"))
            _ = try PDFReader.pdftoppm.run(["-r", "300", "-f", "1", "-l", "1", "-gray", "-png", "-singlefile", "t.pdf", "p"], in: folder, for: "test", limits: .init())
            return try Data(contentsOf: folder.appendingPathComponent("p.png"))
        }
        let doc = try read(png, "scan.png")
        #expect(doc.ocr && doc.fileType == .png)
        #expect(doc.text.contains("Acta de la reunión del Comité de Prueba"))
        #expect(doc.text.contains("Fecha: 14 de marzo de 2006"))
        #expect(doc.warnings.first?.hasPrefix("read by OCR in spa+eng: mean word confidence") == true)
    }
}
