import Foundation
import RelatoriaCore
import RelatoriaTestSupport
import Testing
@testable import RelatoriaReaders

struct OfficeReaderTests {
    static let styles = """
        <w:style w:type="paragraph" w:styleId="Ttulo1"><w:name w:val="heading 1"/></w:style>
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
        """
    static let numbering = """
        <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>
        <w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>
        """

    @Test func readsDOCXRunsHeadingsNumberingAndTables() throws {
        let body = [
            ZipBuilder.p("Acta de la reunión", style: "Title"),
            // One sentence split over many runs reads as one.
            ZipBuilder.p([("Se acor", false), ("dó aprobar ", false), ("el plan.", false)]),
            ZipBuilder.p("Asistentes", style: "Ttulo1"),
            ZipBuilder.p([("Acuerdos", true)]),
            ZipBuilder.p([("Primer acuerdo", false)], num: (3, 0)),
            ZipBuilder.p([("Detalle", false)], num: (3, 1)),
            ZipBuilder.p([("Segundo acuerdo", false)], num: (3, 0)),
            "<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc>\(ZipBuilder.p("Nombre"))</w:tc><w:tc>\(ZipBuilder.p("Entidad"))</w:tc></w:tr>",
            "<w:tr><w:tc>\(ZipBuilder.p("Ana Gómez"))</w:tc><w:tc>\(ZipBuilder.p("Cancillería"))</w:tc></w:tr></w:tbl>",
        ].joined()
        let doc = try read(ZipBuilder.docx(body: body, styles: Self.styles, numbering: Self.numbering), "acta.docx")
        #expect(doc.format == .docx)
        #expect(doc.blocks[0].role == .heading && doc.blocks[0].level == 1)
        #expect(doc.blocks[1].text == "Se acordó aprobar el plan.")
        #expect(doc.blocks[2].role == .heading && doc.blocks[2].text == "Asistentes")
        #expect(doc.blocks[3].role == .heading && doc.blocks[3].text == "Acuerdos")  // bold-only paragraph
        #expect(doc.blocks(.listItem).map(\.marker) == ["1.", "a)", "2."])
        let rows = doc.blocks(.tableRow)
        #expect(rows.count == 2)
        #expect(rows[0].isHeaderRow)
        #expect(rows[1].cells == ["Ana Gómez", "Cancillería"])
    }

    @Test func readsDOCXFootnotesHeadersTextBoxesAndTrackedChanges() throws {
        let body = """
            <w:p><w:r><w:t>Texto </w:t></w:r><w:ins><w:r><w:t>insertado</w:t></w:r></w:ins><w:del><w:r><w:delText>borrado</w:delText></w:r></w:del><w:r><w:t> final.</w:t></w:r></w:p>
            <w:p><w:r><w:t>Con recuadro.</w:t></w:r><w:r><mc:AlternateContent><mc:Choice><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Texto del recuadro</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Texto del recuadro</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
            """
        let footnotes = """
            <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>---</w:t></w:r></w:p></w:footnote>
            <w:footnote w:id="1"><w:p><w:r><w:t>Nota al pie con la fuente.</w:t></w:r></w:p></w:footnote>
            """
        let core = "<dc:title>Documento1</dc:title><dcterms:created>2010-01-05T10:00:00Z</dcterms:created>"
        let data = ZipBuilder.docx(body: body, footnotes: footnotes, header: ZipBuilder.p("Secretaría Técnica"),
                                   footer: ZipBuilder.p("Página 1 de 2") + ZipBuilder.p("Documento público"), core: core)
        let doc = try read(data, "acta.docx")
        #expect(doc.text.contains("Texto insertado final."))
        #expect(!doc.text.contains("borrado"))
        #expect(doc.text.components(separatedBy: "Texto del recuadro").count == 2)  // once, not twice
        #expect(doc.blocks(.footnote).map(\.text) == ["Nota al pie con la fuente."])
        #expect(doc.blocks(.header).map(\.text) == ["Secretaría Técnica"])
        #expect(doc.blocks(.footer).map(\.text) == ["Documento público"])
        // Core properties are kept but never taken for the meeting date.
        #expect(doc.metadata.dates == [.init(value: "2010-01-05", source: "docx.core.created", isEventDate: false)])
    }

    @Test func readsODTHeadingsListsTablesAndNotes() throws {
        let content = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">
            <office:body><office:text>
            <text:h text:outline-level="1">Acta de la mesa</text:h>
            <text:p>Un párrafo<text:s text:c="2"/>con<text:tab/>espacios<text:note><text:note-body><text:p>La nota.</text:p></text:note-body></text:note>.</text:p>
            <text:list><text:list-item><text:p>Primer punto</text:p></text:list-item></text:list>
            <table:table><table:table-header-rows><table:table-row><table:table-cell><text:p>Tarea</text:p></table:table-cell><table:table-cell><text:p>Responsable</text:p></table:table-cell></table:table-row></table:table-header-rows>
            <table:table-row><table:table-cell><text:p>Enviar</text:p></table:table-cell><table:table-cell><text:p>PNUD</text:p></table:table-cell></table:table-row></table:table>
            </office:text></office:body></office:document-content>
            """
        let data = ZipBuilder.stored([("mimetype", Data("application/vnd.oasis.opendocument.text".utf8)), ("content.xml", Data(content.utf8))])
        let doc = try read(data, "acta.odt")
        #expect(doc.format == .odt)
        #expect(doc.blocks(.heading).map(\.text) == ["Acta de la mesa"])
        #expect(doc.blocks(.paragraph).first?.text == "Un párrafo con espacios.")
        #expect(doc.blocks(.listItem).map(\.text) == ["Primer punto"])
        #expect(doc.blocks(.tableRow).map(\.isHeaderRow) == [true, false])
        #expect(doc.blocks(.footnote).map(\.text) == ["La nota."])
    }
}
