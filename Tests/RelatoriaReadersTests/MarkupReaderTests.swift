import Foundation
import RelatoriaCore
import Testing
import RelatoriaTestSupport
@testable import RelatoriaReaders

struct MarkupReaderTests {
    /// Raw HTML blocks in Markdown: their ends are looked for within a budget of lines, so a
    /// file of many unclosed `<div>` lines is not read again from each (30,000 took minutes).
    @Test func rawHTMLBlocksInMarkdownAreLookedForWithinABudget() {
        let closed = ["<table>", "<tr><td>Ana</td></tr>", "</table>", "después"]
        var budget = 100
        #expect(MarkdownReader.htmlBlockEnd(closed, from: 0, budget: &budget) == 3)
        #expect(budget == 97)
        let unclosed = ["<div class=\"x\">"] + Array(repeating: "", count: 500)
        budget = 100
        #expect(MarkdownReader.htmlBlockEnd(unclosed, from: 0, budget: &budget) == nil)
        #expect(budget < 0)
        // Spent, it finds no more blocks, and the text is read as paragraphs.
        #expect(MarkdownReader.htmlBlockEnd(closed, from: 0, budget: &budget) == nil)
        let text = (0..<3_000).map { "<div class=\"x\">línea \($0)\n" }.joined(separator: "\n")
        let blocks = MarkdownReader.blocks(text)
        #expect(blocks.count == 3_000 && blocks.last?.text.hasSuffix("línea 2999") == true)
    }

    @Test func readsHTMLWithoutScriptsStylesOrNavigation() throws {
        let doc = try read(try fixture("minutes.html"), "minutes.html")
        #expect(doc.format == .html)
        #expect(!doc.text.contains("stolen"))
        #expect(!doc.text.contains("color: red"))
        #expect(!doc.text.contains("Home"))
        #expect(doc.metadata.title == "Site title - not the minutes")
        #expect(doc.metadata.language == "en")
        #expect(doc.blocks(.heading).map(\.text).prefix(2) == ["Minutes of the Donor Roundtable, 3 March 2008", "Present"])
        #expect(doc.blocks(.listItem).map(\.text) == ["Maria Lindqvist, Sweden", "Tom Baker, United Kingdom", "Unclosed item, Canada"])
        let rows = doc.blocks(.tableRow)
        #expect(rows.first?.isHeaderRow == true)
        #expect(rows.last?.cells == ["Circulate the draft", "Secretariat", "10 March 2008"])
        #expect(doc.blocks(.field).contains { $0.label == "Next meeting" && $0.text == "Next meeting: 7 April 2008" })
        #expect(doc.text.contains("Word-exported paragraph text."))
        #expect(doc.text.contains("unclosed div"))
    }

    @Test func readsAkomaNtosoMetadataRollCallAndSpeeches() throws {
        let doc = try read(try fixture("debate.akn.xml"), "debate.xml")
        #expect(doc.format == .akn)
        #expect(doc.metadata.title == "Acta de la sesión de la Mesa de Donantes del Pacífico")
        #expect(doc.metadata.titleIsVisible)
        #expect(doc.metadata.dates.first == .init(value: "2007-04-12", source: "akn.docDate", isEventDate: true))
        // FRBR dates are kept apart: the publication and markup dates are not event dates.
        #expect(doc.metadata.dates.filter(\.isEventDate).count == 1)
        #expect(doc.metadata.dates.contains { $0.value == "2007-05-02" && !$0.isEventDate })
        #expect(doc.metadata.language == "es")
        #expect(doc.metadata.author == "Mesa de Donantes del Pacífico")
        let items = doc.blocks(.listItem)
        #expect(items.count == 2)
        #expect(items[0].fields["person"] == "Teresa Rivas Ocampo")
        #expect(items[0].hints.contains("roll call"))
        let speech = try #require(doc.blocks(.speech).first)
        #expect(speech.speaker == "Anders Holm")
        #expect(speech.text.hasPrefix("El señor Holm: Se acordó"))
        #expect(doc.blocks(.heading).map(\.text).contains("2. Acuerdos"))
    }

    @Test func readsAnyXMLVocabularyWithNamesAsHints() throws {
        let doc = try read(try fixture("acta.xml"), "acta.xml")
        #expect(doc.format == .xml)
        #expect(doc.blocks.contains { $0.label == "fecha" && $0.text == "2008-02-20" })
        #expect(doc.blocks.contains { $0.label == "titulo" && $0.text == "Memoria del comité de seguimiento regional" })
        let people = doc.blocks.filter { $0.label == "participante" }
        #expect(people.count == 2)
        #expect(people[0].fields["nombre"] == "Luis Ernesto Pabón")
        #expect(people[0].fields["cargo"] == "Secretario de Gobierno")
        #expect(people[1].fields["entidad"] == "Cabildo de Males")
        let acuerdos = doc.blocks.filter { $0.hints.last == "acuerdo" }
        #expect(acuerdos.map(\.role) == [.listItem, .listItem])
        #expect(acuerdos.first?.hints.contains("acuerdos") == true)
        #expect(doc.text.contains("Texto con marcado en línea."))
    }

    /// Line breaks of the source are spaces outside <pre> (as a browser shows them); <br> and
    /// <pre> lines stay lines.
    @Test func sourceLineBreaksAreSpacesOutsidePre() throws {
        let doc = try read("""
            <HTML><BODY>
            <P><B>Agreed:</B> in drafts, example.org will be used for
            terms that do not yet have a real address.
            <P>Present:<BR>Ana Ruiz<BR>Luis Gil
            <PRE>
            10:02 ana: hello
            10:03 luis: hi
            </PRE>
            </BODY></HTML>
            """, "minutes.html")
        #expect(doc.blocks.contains { $0.role == .field && $0.label == "Agreed" && $0.text == "Agreed: in drafts, example.org will be used for terms that do not yet have a real address." })
        #expect(doc.blocks.contains { $0.text.contains("Ana Ruiz") && !$0.text.contains("Luis Gil") })
        #expect(doc.blocks.contains { $0.text == "10:02 ana: hello" })
        #expect(doc.blocks.contains { $0.text == "10:03 luis: hi" })
    }

    @Test func sniffsFormatFromContentNotExtension() throws {
        let plain = try read("Acta de la reunión\n\nSe acordó algo.", "acta.xml")
        #expect(plain.format == .txt)
        #expect(plain.warnings.contains { $0.contains("plain text") })
        let html = try read("<!DOCTYPE html><html><body><p>Hola</p></body></html>", "acta.txt")
        #expect(html.format == .html)
        let docx = ZipBuilder.docx(body: ZipBuilder.p("Contenido"))
        #expect(try read(docx, "sin-extension").format == .docx)
        // A Markdown file that opens with a comment (doctoc's table of contents) is Markdown;
        // an .xml whose comment precedes its root is XML.
        let doctoc = try read("<!-- START doctoc generated TOC -->\n**Table of Contents**\n\n- [Acuerdos](#acuerdos)\n<!-- END doctoc -->\n\n## Acuerdos\n\n- Se aprueba el plan.\n", "reuniones.md")
        #expect(doctoc.format == .md)
        #expect(doctoc.blocks.contains { $0.text == "Se aprueba el plan." })
        let commented = try read("<!-- exported -->\n<acta><p>Se aprueba el plan.</p></acta>", "acta.md")
        #expect(commented.format == .xml)
    }
}

/// reStructuredText: its comments, targets and directives are not text; its docinfo fields are.
struct RSTReaderTests {
    @Test func commentsTargetsAndDirectivesAreNotTextDocinfoFieldsAreFields() throws {
        let doc = try read("""
            ..
              This work is licensed under a Creative Commons Attribution 3.0
              Unported License.

            ==========================================
             2021-05-04 Retiring the mailing list
            ==========================================

            :Date: 2021-05-04

            .. _lists: https://example.org/lists

            The committee reviewed :ref:`the lists <lists>` and ``infra-discuss``.

            .. note::
               :class: small

               The archive stays online.
            """, "resolution.rst")
        let texts = doc.blocks.map(\.text)
        #expect(!texts.contains { $0.contains("Creative Commons") || $0.contains("example.org") || $0.contains(":class:") })
        #expect(doc.blocks.first?.role == .heading)
        #expect(doc.blocks.first?.text == "2021-05-04 Retiring the mailing list")
        #expect(doc.blocks.contains { $0.role == .field && $0.label == "Date" && $0.text == "Date: 2021-05-04" })
        #expect(texts.contains("The committee reviewed the lists and infra-discuss."))
        #expect(texts.contains("The archive stays online."))
    }

    @Test func emphasisKeepsItsTextAndAListingDefinitionIsAField() throws {
        let doc = try read("""
            Dev meeting, 8 May 2011
            =======================

            *Present:*
              kestrel, Odo_B, mira (late), Tamsin

            *Release schedule:*
              The release slips by a week. **Everyone agrees** to freeze on Friday.

            * a bullet stays a bullet
            """, "meeting.rst")
        #expect(doc.blocks.contains { $0.role == .field && $0.label == "Present" && $0.text == "Present: kestrel, Odo_B, mira (late), Tamsin" })
        #expect(doc.blocks.map(\.text).contains("The release slips by a week. Everyone agrees to freeze on Friday."))
        #expect(doc.blocks.contains { $0.role == .listItem && $0.text == "a bullet stays a bullet" })
    }
}

/// An HTML page's fragment, as sites serve it into a page (no <html>, no <body>).
struct HTMLFragmentTests {
    @Test func aFragmentOfSeveralTopLevelElementsIsReadWhole() throws {
        let doc = try read("""
            <button aria-label="Close" class="clear">
              <span aria-hidden="true">×</span>
            </button>
            <div class="minutes">
              <time datetime="2020-06-10">10 June 2020</time>
              <h4>PRESENT</h4>
              <p>Councillors Ann Lee and Bob Roe.</p>
            </div>
            <p>Closing remarks.</p>
            """, "minutes.html")
        let texts = doc.blocks.map(\.text)
        #expect(texts.contains("PRESENT"))
        #expect(texts.contains("Councillors Ann Lee and Bob Roe."))
        #expect(texts.contains("Closing remarks."))
    }
}

/// Markdown templates: pictographs before labels, lines ended by hard line breaks.
struct MarkdownTemplateTests {
    @Test func pictographLabelsAreFieldsAndHardBreaksKeepLinesApart() throws {
        let doc = try read("📆 **Fecha:** 14/02/2025  \n🕒 **Hora de inicio:** 17:00  \n📍 **Lugar:** Sala 3  \n👥 **Asistentes:**  \n", "minuta.md")
        #expect(doc.blocks.map(\.label) == ["Fecha", "Hora de inicio", "Lugar", nil])
        #expect(doc.blocks.count == 4)
        let wrapped = try read("This sentence is wrapped\nover two lines.\n", "notes.md")
        #expect(wrapped.blocks.map(\.text) == ["This sentence is wrapped over two lines."])
    }
}
