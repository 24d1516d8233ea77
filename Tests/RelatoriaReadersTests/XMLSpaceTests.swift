import Foundation
import RelatoriaCore
import RelatoriaTestSupport
import Testing
@testable import RelatoriaReaders

/// A space (or a line break) between two inline elements is a space between two words, in
/// every XML-based reader; the indentation between block elements is not text.
struct XMLSpaceTests {
    /// Generic XML: inline elements separated by a space or a line break inside a paragraph;
    /// the indented header around them still reads as fields, not as a paragraph of spaces.
    @Test func genericXMLKeepsSpacesBetweenInlineElements() throws {
        let doc = try read("""
            <acta>
              <encabezado>
                <fecha>2024-03-01</fecha>
                <lugar>Bogotá</lugar>
              </encabezado>
              <parrafo><b>Se</b> <i>aprobó</i>
            <b>el</b> plan.</parrafo>
            </acta>
            """, "acta.xml")
        #expect(doc.blocks.map(\.text) == ["2024-03-01", "Bogotá", "Se aprobó el plan."])
        #expect(doc.blocks.map(\.role) == [.field, .field, .paragraph])
    }

    /// Akoma Ntoso: a title made of inline elements, a speech naming a person and a date.
    @Test func akomaNtosoKeepsSpacesBetweenInlineElements() throws {
        let doc = try read("""
            <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
              <debate name="acta">
                <preface>
                  <p><docTitle><docType>Acta</docType> <docNumber>12</docNumber></docTitle></p>
                </preface>
                <debateBody>
                  <debateSection>
                    <heading>Apertura</heading>
                    <speech by="#ana">
                      <from>Ana Gómez</from>
                      <p><person refersTo="#tom">Tom Hale</person> <date date="2024-03-02">mañana</date>
            <organization refersTo="#pnud">PNUD</organization></p>
                    </speech>
                  </debateSection>
                </debateBody>
              </debate>
            </akomaNtoso>
            """, "acta.xml")
        #expect(doc.metadata.title == "Acta 12")
        #expect(doc.blocks.map(\.text) == ["Acta 12", "Apertura", "Ana Gómez Tom Hale mañana PNUD"])
    }

    /// TEI, read once: inline elements keep their spaces, the indentation between paragraphs is
    /// not a paragraph.
    @Test func teiKeepsSpacesBetweenInlineElementsAndDropsIndentation() throws {
        let doc = try read("""
            <TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>
              <div>
                <p><hi>Bold</hi> <hi>words</hi></p>
                <p>I will send <persName>Tom Hale</persName> <date>tomorrow</date></p>
              </div>
            </body></text></TEI>
            """, "t.xml")
        #expect(doc.blocks.map(\.text) == ["Bold words", "I will send Tom Hale tomorrow"])
    }

    /// OpenDocument: spans separated by a space; `<text:s/>` and `<text:tab/>` still count.
    @Test func odtKeepsSpacesBetweenSpans() throws {
        let content = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
              <office:body>
                <office:text>
                  <text:p><text:span>Primer</text:span> <text:span>acuerdo</text:span></text:p>
                  <text:p><text:span>Con</text:span><text:s/><text:span>espacio</text:span><text:tab/><text:span>y</text:span> <text:a>enlace</text:a></text:p>
                </office:text>
              </office:body>
            </office:document-content>
            """
        let data = ZipBuilder.stored([("mimetype", Data("application/vnd.oasis.opendocument.text".utf8)), ("content.xml", Data(content.utf8))])
        let doc = try read(data, "acta.odt")
        #expect(doc.blocks.map(\.text) == ["Primer acuerdo", "Con espacio y enlace"])
    }

    /// WordprocessingML: a run of a single preserved space between two runs, and a pretty-
    /// printed paragraph whose indentation between runs is not text.
    @Test func docxKeepsAPreservedSpaceRunAndIgnoresIndentationBetweenRuns() throws {
        let body = """
            <w:p><w:r><w:t>Primer</w:t></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r><w:r><w:t>acuerdo</w:t></w:r></w:p>
            <w:p>
              <w:r>
                <w:t>Acor</w:t>
              </w:r>
              <w:r>
                <w:t>dado</w:t>
              </w:r>
            </w:p>
            """
        let doc = try read(ZipBuilder.docx(body: body), "acta.docx")
        #expect(doc.blocks.map(\.text) == ["Primer acuerdo", "Acordado"])
    }

    /// HTML: inline elements separated by a space or a line break.
    @Test func htmlKeepsSpacesBetweenInlineElements() throws {
        let doc = try read("""
            <html><body>
              <div>
                <p><b>Bold</b> <i>words</i></p>
                <p>I will send <span>Tom Hale</span> <em>tomorrow</em></p>
              </div>
            </body></html>
            """, "a.html")
        #expect(doc.blocks.map(\.text) == ["Bold words", "I will send Tom Hale tomorrow"])
    }

    /// The parser itself: a blank between inline siblings is kept, the indentation at the edges
    /// of element-only content is not, and `xml:space="preserve"` keeps every space.
    @Test func parserKeepsBlanksBetweenSiblingsAndDropsIndentationAtTheEdges() throws {
        let root = try LibXMLParser.parseXML(Data("""
            <r>
              <p><a>A</a> <b>B</b></p>
              <q xml:space="preserve">  <a>A</a>  </q>
            </r>
            """.utf8), limits: .init())
        func blanks(_ e: XElement) -> Int {
            e.children.filter { if case .text(let t) = $0 { t.trimmingSpacesAndNewlines().isEmpty } else { false } }.count
        }
        #expect(blanks(root) == 1)  // between <p> and <q> only
        #expect(root.elements[0].text == "A B")
        #expect(blanks(root.elements[0]) == 1)
        #expect(blanks(root.elements[1]) == 2)
    }
}
