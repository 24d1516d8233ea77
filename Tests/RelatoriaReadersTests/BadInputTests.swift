import Foundation
import RelatoriaCore
import RelatoriaTestSupport
import Testing
@testable import RelatoriaReaders

/// Every hostile or broken input ends in a record or a clear `ReadFailure`, quickly, with
/// nothing outside the input read.
struct BadInputTests {
    private func failure(_ data: Data, _ name: String, limits: ReaderLimits = .init()) -> String? {
        do {
            _ = try read(data, name, limits: limits)
            return nil
        } catch let f as ReadFailure {
            return f.reason
        } catch {
            return "unexpected error type: \(error)"
        }
    }

    @Test func refusesMalformedXML() {
        let reason = failure(Data("<?xml version=\"1.0\"?><acta><titulo>sin cerrar</acta>".utf8), "a.xml")
        #expect(reason?.hasPrefix("malformed XML") == true)
    }

    @Test func refusesEntityExpansionBomb() {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        xml += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        for i in 2...9 { xml += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">" }
        xml += "]><lolz>&lol9;</lolz>"
        let start = Date()
        let result = Result { try read(Data(xml.utf8), "bomb.xml") }
        #expect(Date().timeIntervalSince(start) < 5)
        if case .success(let doc) = result { #expect(doc.text.count < 1000) }
    }

    @Test func neverExpandsExternalEntitiesOrLoadsDTDs() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE acta SYSTEM "http://127.0.0.1:9/never.dtd" [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY y SYSTEM "http://127.0.0.1:9/x">]>
            <acta><titulo>Acta &x; &y;</titulo></acta>
            """
        let doc = try read(Data(xml.utf8), "xxe.xml")
        #expect(!doc.text.contains("root:"))
        #expect(doc.text.contains("Acta"))
    }

    @Test func boundsDeepNesting() {
        let xml = "<?xml version=\"1.0\"?>" + String(repeating: "<a>", count: 100_000) + "x" + String(repeating: "</a>", count: 100_000)
        let start = Date()
        let result = Result { try read(Data(xml.utf8), "deep.xml") }
        #expect(Date().timeIntervalSince(start) < 10)
        if case .failure(let e) = result { #expect(e is ReadFailure) }
    }

    @Test func stopsZipBombsEvenWhenTheyLieAboutTheirSize() throws {
        var limits = ReaderLimits()
        limits.maxEntryBytes = 8 << 20
        let honest = try ZipBuilder.bomb(entry: "word/document.xml", size: 64 << 20)
        #expect(failure(honest, "bomb.docx", limits: limits)?.contains("declares 64 MB, over the 8 MB an entry may hold") == true)
        let liar = try ZipBuilder.bomb(entry: "word/document.xml", size: 64 << 20, declared: 1_000)
        let reason = failure(liar, "liar.docx", limits: limits)
        #expect(reason?.contains("zip bomb") == true || reason?.contains("damaged") == true)
    }

    @Test func refusesTraversalAndAbsoluteEntryNames() {
        for name in ["../../etc/evil.xml", "/etc/passwd", "word\\..\\x.xml", "word/../../x.xml"] {
            let data = ZipBuilder.stored([("word/document.xml", Data("<w:document/>".utf8)), (name, Data("x".utf8))])
            #expect(failure(data, "t.docx")?.contains("unsafe ZIP entry name") == true, "\(name)")
        }
    }

    @Test func refusesTruncatedAndFakeWordFiles() {
        let good = ZipBuilder.docx(body: ZipBuilder.p("Hola"))
        let cut = failure(good.prefix(good.count / 2), "cut.docx")
        // Said in words, not as ZIPFoundation's enum case (missingEndOfCentralDirectoryRecord).
        #expect(cut == "not a readable ZIP container: its table of contents is missing or damaged (the file is cut short or corrupted)")
        #expect(failure(Data("This is not a zip at all".utf8), "fake.docx")?.contains("not a ZIP container") == true)
        let noDocument = ZipBuilder.stored([("readme.txt", Data("x".utf8))])
        #expect(failure(noDocument, "empty.docx")?.contains("neither a Word .docx") == true)
    }

    @Test func refusesZipsWithTensOfThousandsOfEntries() {
        let entries = (0..<20_000).map { (name: "f\($0).txt", data: Data()) }
        let data = ZipBuilder.stored([("word/document.xml", Data("<w:document/>".utf8))] + entries)
        let start = Date()
        #expect(failure(data, "many.docx")?.contains("more than") == true)
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func refusesEmptyBinaryAndKnownForeignFormats() {
        #expect(failure(Data(), "empty.txt") == "empty file (0 bytes)")
        var rng = SystemRandomNumberGenerator()
        let random = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) })
        #expect(failure(random, "random.txt")?.contains("binary data") == true)
        #expect(failure(Data("%PDF-1.4 ...".utf8), "a.pdf")?.contains("PDF") == true)
    }

    @Test func readsTextWithNULsAndInvalidUTF8() throws {
        let nul = try read(Data("Acta\0 de la reunión".utf8), "nul.txt")
        #expect(nul.text == "Acta de la reunión")
        #expect(nul.warnings.contains { $0.contains("NUL") })
        // Invalid UTF-8 falls back to Windows-1252, losing nothing.
        let bad = try read(Data([0x41, 0x63, 0x74, 0x61, 0x20, 0xC3, 0x28, 0x20, 0xF1]), "bad.txt")
        #expect(bad.text == "Acta Ã( ñ")
    }

    @Test func boundsHugeFilesAndHandlesLongLines() throws {
        var limits = ReaderLimits()
        limits.maxInputBytes = 50 << 20
        let huge = Data(repeating: 0x61, count: 60 << 20)
        #expect(failure(huge, "huge.txt", limits: limits)?.contains("over the") == true)
        let line = Data(String(repeating: "palabra ", count: 1_500_000).utf8)  // 12 MB on one line
        let start = Date()
        let doc = try read(line, "line.md")
        #expect(doc.blocks.count == 1)
        #expect(Date().timeIntervalSince(start) < 20)
    }

    /// Limits are given in readable sizes and counts, without internal names.
    @Test func limitMessagesNameTheBoundInWords() {
        var limits = ReaderLimits()
        limits.maxInputBytes = 1 << 20
        let big = failure(Data(repeating: 0x61, count: (3 << 20) / 2), "big.txt", limits: limits)
        #expect(big == "file is 1.5 MB, over the 1 MB a document may have")
        #expect(Counting.of(1, "record") == "1 record" && Counting.of(2, "record") == "2 records")
        #expect(Counting.of(0, "entry", "entries") == "0 entries" && Counting.of(1_234_567, "file") == "1,234,567 files")
        #expect(Counting.bytes(1) == "1 byte" && Counting.bytes(512) == "512 bytes")
        #expect(Counting.bytes(1536) == "1.5 KB" && Counting.bytes(50 << 20) == "50 MB" && Counting.bytes(3 << 30) == "3 GB")
    }
}
