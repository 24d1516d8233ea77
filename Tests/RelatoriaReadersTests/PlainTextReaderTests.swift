import Foundation
import RelatoriaCore
import Testing
@testable import RelatoriaReaders

struct PlainTextReaderTests {
    @Test func decodesWindows1252AndNormalizesCRLF() throws {
        // "Reunión del Comité\r\n\r\nAcción Social – acta" in Windows-1252 (0x96 is the en dash).
        var bytes = Array("Reuni".utf8) + [0xF3] + Array("n del Comit".utf8) + [0xE9] + Array("\r\n\r\nAcci".utf8) + [0xF3]
        bytes += Array("n Social ".utf8) + [0x96] + Array(" acta\r\n".utf8)
        let doc = try read(Data(bytes), "acta.txt")
        #expect(doc.text == "Reunión del Comité\n\nAcción Social – acta")
        #expect(!doc.text.contains("\r"))
    }

    @Test func decodesUTF16WithBOMAndUTF8WithBOM() throws {
        var utf16: [UInt8] = [0xFF, 0xFE]
        for u in "Acta: sesión".utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        #expect(try read(Data(utf16), "a.txt").text == "Acta: sesión")
        let utf8 = Data([0xEF, 0xBB, 0xBF] + Array("Reunión".utf8))
        #expect(try read(utf8, "a.txt").text == "Reunión")
    }

    @Test func readsAsciiDocAsTheMarkdownItNearlyIs() throws {
        // Refused before as "unsupported format .adoc".
        let doc = try read("""
            = Expert Team Teleconference
            :revdate: 2026-01-23

            == 1. Participants

            Chair: Ian Edwards

            . First point
            . Second point

            |===
            | Action | Owner
            |===
            """, "summary.adoc")
        #expect(doc.blocks.first?.role == .heading)
        #expect(doc.blocks.first?.text == "Expert Team Teleconference")
        #expect(doc.blocks.contains { $0.role == .heading && $0.level == 2 && $0.text == "1. Participants" })
        #expect(doc.blocks.filter { $0.role == .listItem }.map(\.text) == ["First point", "Second point"])
        #expect(doc.blocks.contains { $0.text == "revdate: 2026-01-23" })
        #expect(!doc.text.contains("|==="))
    }

    @Test func dropsPageFootersAndFindsStructure() throws {
        let text = """
            ACTA DE LA REUNIÓN

            Fecha: 12 de mayo de 2005
            Lugar: Bogotá

            ASISTENTES

            Por el Gobierno:
            - Ana Gómez, Cancillería
            - Luis Pérez, Acción Social

                                        Página 1 de 2

            El texto de un párrafo que se
            parte en varias líneas sigue siendo uno.
            """
        let doc = try read(text, "a.txt")
        #expect(!doc.text.contains("Página"))
        #expect(doc.blocks(.heading).map(\.text) == ["ACTA DE LA REUNIÓN", "ASISTENTES", "Por el Gobierno:"])
        #expect(doc.blocks(.field).map(\.label) == ["Fecha", "Lugar"])
        #expect(doc.blocks(.listItem).map(\.text) == ["Ana Gómez, Cancillería", "Luis Pérez, Acción Social"])
        #expect(doc.blocks(.paragraph).last?.text == "El texto de un párrafo que se parte en varias líneas sigue siendo uno.")
    }

    @Test func readsMarkdownStructureAndStripsInlineMarkup() throws {
        let doc = try read(try fixture("notes.md"), "notes.md")
        #expect(doc.format == .md)
        #expect(doc.blocks.first?.text == "Acta de la reunión del Grupo Temático")
        #expect(doc.blocks(.field).map(\.label) == ["Fecha", "Lugar"])
        #expect(doc.blocks(.listItem).map(\.text) == ["Pedro Páramo, Fundación Comala", "Susana San Juan, Red del Sur"])
        let rows = doc.blocks(.tableRow)
        #expect(rows.count == 2)
        #expect(rows.first?.isHeaderRow == true)
        #expect(rows.last?.cells == ["Enviar el acta", "Secretaría", "10 de junio de 2008"])
        #expect(doc.text.contains("Texto con código y un salto que continúa la línea."))
        #expect(!doc.text.contains("http://example.org"))
    }
}
