import Foundation
import RelatoriaCore
import Testing
import RelatoriaTestSupport
@testable import RelatoriaReaders

/// TEI P5: a ParlaMint-style session (`u who`, `seg`, a person list, notes between the
/// utterances) and a transcript (`sp/speaker`, `stage`, a front's `docTitle`, a header whose
/// setting date is written in words). The fixtures are invented text in the shape of real TEI.
struct TEIReaderTests {
    @Test func readsAParlaMintSessionHeaderUtterancesAndNotes() throws {
        let doc = try read(try fixture("session.parlamint.xml"), "session.xml")
        #expect(doc.format == .xml)
        #expect(doc.metadata.documentType == "tei")
        // The main title names the corpus; the subtitle, which gives the sitting's year, is the title.
        #expect(doc.metadata.title == "Sesión plenaria núm. 12 de la Asamblea Nacional, viernes 14 de junio de 2019")
        #expect(doc.metadata.titleIsVisible)
        #expect(doc.metadata.language == "es")
        // The setting's date is the meeting's; the publication date is not an event date.
        #expect(doc.metadata.dates.first == .init(value: "2019-06-14", source: "tei.setting.date", isEventDate: true))
        #expect(doc.metadata.dates.contains(.init(value: "2021-05-01", source: "tei.publicationStmt.date", isEventDate: false)))
        // The city in the text's language, not the country.
        #expect(doc.metadata.place == "Ciudad Verde")
        // The organ the sitting points at (<meeting corresp="#AN">), resolved through the org list.
        #expect(doc.metadata.bodyHints.first == "Asamblea Nacional")
        let speeches = doc.blocks(.speech)
        #expect(speeches.map(\.speaker) == ["Ana López Prieto", "Ana López Prieto", "Tomás Vidal", "Tomás Vidal", "Marta Ruiz", nil])
        // The speaker's affiliation at the meeting's date: the org it points at, its role in the text's language.
        #expect(speeches[0].fields == ["speaker.organization": "Asamblea Nacional", "speaker.role": "Presidenta de la Asamblea"])
        #expect(speeches[2].fields == ["speaker.organization": "Partido Verde"])
        #expect(speeches[4].fields.isEmpty)
        // The written label opens the first paragraph; its note is not a block of its own.
        #expect(speeches[0].text == "La señora PRESIDENTA: Se abre la sesión. Se somete a votación el acta de la sesión anterior.")
        #expect(speeches[1].text == "Queda aprobada el acta por unanimidad.")
        #expect(speeches[2].text == "Tomás Vidal: Yo me encargo de enviar el informe a la comisión antes del viernes.")
        #expect(!doc.text.contains("La señora PRESIDENTA:\n"))
        // Stage directions are paragraphs of their own, in the text's language, never speech.
        let notes = doc.blocks.filter { $0.hints.contains("stage direction") }
        #expect(notes.map(\.text) == ["Se abre la sesión a las diez de la mañana.", "Aplausos", "(Rumores)"])
        #expect(notes.allSatisfy { $0.role == .paragraph && $0.speaker == nil })
        #expect(!speeches.contains { $0.text.contains("Aplausos") || $0.text.contains("Rumores") })
        #expect(doc.blocks.first == Block(role: .heading, text: "Apertura de la sesión", level: 1))
        // A member who never speaks is not in the text; an undeclared id is said once.
        #expect(!doc.text.contains("Calla"))
        #expect(doc.warnings == ["1 speech names no speaker the file lists (#X_1234): read without a speaker"])
    }

    @Test func readsATranscriptWithSpeakersStageDirectionsListsAndTables() throws {
        let doc = try read(try fixture("transcript.tei.xml"), "transcript.xml")
        #expect(doc.metadata.documentType == "tei")
        // The front's docTitle is the visible title, before the header's.
        #expect(doc.metadata.title == "Acta de la reunión extraordinaria del Comité de Aguas")
        #expect(doc.metadata.language == "es")
        #expect(doc.metadata.place == "Río Claro")
        #expect(doc.metadata.bodyHints == ["Comité de Aguas de Río Claro"])
        // A setting date in words is a date field for the extractor; the publication date stays apart.
        #expect(doc.metadata.dates == [.init(value: "2012-02-20", source: "tei.publicationStmt.date", isEventDate: false)])
        #expect(doc.blocks.first == Block(role: .field, text: "martes 3 de mayo de 1988", label: "date", hints: ["setting"], fields: ["date": "martes 3 de mayo de 1988"]))
        let headings = doc.blocks(.heading).map { "\($0.level) \($0.text)" }
        #expect(headings == ["1 Acta de la reunión extraordinaria del Comité de Aguas", "2 Transcripción", "1 Asistencia", "1 Debate", "2 Reparto del caudal"])
        #expect(doc.blocks(.listItem).map { "\($0.level) \($0.text)" } == ["0 Aurelio de la Fuente", "0 Rosa Quintero", "1 suplente: Ernesto Bravo"])
        let speeches = doc.blocks(.speech)
        #expect(speeches.map(\.speaker) == ["Aurelio de la Fuente", "Aurelio de la Fuente", "La señora QUINTERO", "VARIOS"])
        #expect(speeches[0].text == "El PRESIDENTE: Abrimos el punto sobre el caudal de verano.")
        // An inline footnote leaves the sentence whole and follows it.
        #expect(speeches[2].text == "La señora QUINTERO. Propongo turnos de riego por veredas.")
        #expect(speeches[3].text == "VARIOS Que se vote,\nque se vote ya.")
        let notes = doc.blocks.filter { $0.hints.contains("stage direction") }.map(\.text)
        #expect(notes == ["(Murmullos en la sala)", "Véase el anexo 2."])
        let rows = doc.blocks(.tableRow)
        #expect(rows.map(\.cells) == [["Vereda", "Turno"], ["El Alto", "lunes"]])
        #expect(rows.first?.isHeaderRow == true)
        // The back is read: the dateline and the signature.
        #expect(doc.blocks.suffix(2).map(\.text) == ["Río Claro, 3 de mayo de 1988", "Aurelio de la Fuente, presidente"])
        #expect(doc.blocks.last?.hints.contains("signature") == true)
        #expect(doc.warnings.isEmpty)
    }

    @Test func isChosenByItsRootInTheTEINamespaceOrInNone() throws {
        let plain = try read("<TEI><text><body><p>Hola.</p></body></text></TEI>", "a.xml")
        #expect(plain.metadata.documentType == "tei")
        let named = try read("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body><p>Hola.</p></body></text></TEI>", "a.tei")
        #expect(named.metadata.documentType == "tei")
        // Another vocabulary's <TEI> is not TEI.
        let other = try read("<TEI xmlns=\"urn:example:other\"><text><body><p>Hola.</p></body></text></TEI>", "a.xml")
        #expect(other.blocks.first?.label == "p")
        #expect(plain.blocks.first?.label == nil && named.blocks.first?.label == nil)
        // A corpus: its documents in order, its header's person list resolving their speakers.
        let corpus = try read("""
            <teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
              <teiHeader><fileDesc><titleStmt><title>Minutes of the Board</title></titleStmt></fileDesc>
                <profileDesc><particDesc><listPerson><person xml:id="ann"><persName>Ann Lee</persName></person></listPerson></particDesc></profileDesc></teiHeader>
              <TEI><teiHeader><fileDesc><titleStmt><title>Meeting of 2 May 2020</title></titleStmt></fileDesc>
                <profileDesc><settingDesc><setting><date when="2020-05-02"/></setting></settingDesc></profileDesc></teiHeader>
                <text><body><u who="#ann">First.</u></body></text></TEI>
              <TEI><text><body><u who="#ann">Second.</u></body></text></TEI>
            </teiCorpus>
            """, "corpus.xml")
        #expect(corpus.metadata.title == "Meeting of 2 May 2020")
        #expect(corpus.metadata.dates.first?.value == "2020-05-02")
        #expect(corpus.blocks(.speech).map(\.text) == ["Ann Lee: First.", "Ann Lee: Second."])
    }

    @Test func speakersThatCannotBeResolvedNeverCrashTheReading() throws {
        let doc = try read("""
            <TEI><text><body>
              <u who="">Uno.</u><u who="#">Dos.</u><u who="# #">Tres.</u><u who="#AnaGomez">Cuatro.</u><u who="#maria_paz">Cinco.</u>
              <u who="#spk1 #spk2">Seis.</u><u>Siete.</u><sp><p>Ocho.</p></sp>
            </body></text></TEI>
            """, "odd.xml")
        let speeches = doc.blocks(.speech)
        #expect(speeches.count == 8)
        #expect(speeches[3].speaker == "Ana Gomez" && speeches[4].speaker == "Maria Paz")
        #expect(speeches[5].speaker == nil && speeches[5].text == "Seis.")
        #expect(doc.warnings == ["1 speech names no speaker the file lists (#spk1, #spk2): read without a speaker"])
    }

    /// A corpus-wide list of 20,000 people and 5,000 utterances: one look-up a speech.
    @Test func aHugePersonListAndThousandsOfUtterancesStayLinear() throws {
        var xml = "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><profileDesc><particDesc><listPerson>"
        for i in 0..<20_000 { xml += "<person xml:id=\"p\(i)\"><persName><forename>Nombre\(i)</forename><surname>Apellido</surname></persName></person>" }
        xml += "</listPerson></particDesc></profileDesc></teiHeader><text><body><div>"
        for i in 0..<5_000 { xml += "<note type=\"speaker\">Orador \(i):</note><u who=\"#p\(i % 20_000)\"><seg>Texto \(i).</seg><vocal><desc>Aplausos</desc></vocal></u>" }
        xml += "</div></body></text></TEI>"
        let start = Date()
        let doc = try read(xml, "big.xml")
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(doc.blocks(.speech).count == 5_000)
        #expect(doc.blocks(.speech).last?.speaker == "Nombre4999 Apellido")
        #expect(doc.blocks.count == 10_000)
    }

    @Test func theParserLimitsStayInForce() throws {
        // An external entity is never expanded; a document deeper than the limit is cut there.
        let entity = """
            <?xml version="1.0"?>
            <!DOCTYPE TEI [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <TEI><text><body><p>Antes &secret; después</p></body></text></TEI>
            """
        let doc = try read(entity, "entity.xml")
        #expect(doc.metadata.documentType == "tei")
        #expect(!doc.text.contains("root:"))
        let deep = "<TEI><text><body>" + String(repeating: "<div>", count: 200) + "<p>fondo</p>" + String(repeating: "</div>", count: 200)
            + "<p>superficie</p></body></text></TEI>"
        var limits = ReaderLimits()
        limits.maxDepth = 64
        let limited = try read(Data(deep.utf8), "deep.xml", limits: limits)
        #expect(!limited.text.contains("fondo") && limited.text.contains("superficie"))
    }

    /// GermaParl's shape: `sp` with a `name` attribute and a plain `who`, the session's date in
    /// the publication statement, the date the source was fetched directly under sourceDesc.
    @Test func readsSpeechesThatNameTheirSpeakerInAttributes() throws {
        let doc = try read("""
            <TEI><teiHeader><fileDesc><titleStmt><title>Plenarprotokoll</title></titleStmt>
              <publicationStmt><publisher>Landtag</publisher><date when="">1951-03-07</date></publicationStmt>
              <sourceDesc><filetype>xml</filetype><date>2023-02-24</date></sourceDesc></fileDesc></teiHeader>
              <text><body><div type="agenda_item">
                <sp who="Lobe" name="Paula Lobe"><speaker>Alterspräsidentin Lobe:</speaker><p>Die Sitzung ist eröffnet.</p></sp>
                <sp who="Karl Weber"><speaker>Weber (Gruppe A):</speaker><p>Ich bitte ums Wort.</p></sp>
              </div></body></text></TEI>
            """, "protokoll.xml")
        #expect(doc.blocks(.speech).map(\.speaker) == ["Paula Lobe", "Karl Weber"])
        #expect(doc.metadata.dates == [.init(value: "1951-03-07", source: "tei.publicationStmt.date", isEventDate: false)])
        #expect(doc.warnings.isEmpty)
    }

    /// A title statement that names the meeting it records: its subtitle is the meeting's title.
    @Test func aSubtitleNamesTheMeetingTheFileRecords() throws {
        let doc = try read("""
            <TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc><titleStmt>
              <title type="main">Parliamentary corpus of Northland, Upper House, 2020-02-12 [Corpus]</title>
              <title type="sub">Minutes of the Upper House, Daily Session 2020-02-12</title>
              <meeting corresp="#upper"/></titleStmt></fileDesc></teiHeader>
              <text><body><u who="#x">Hello.</u></body></text></TEI>
            """, "s.xml")
        #expect(doc.metadata.title == "Minutes of the Upper House, Daily Session 2020-02-12")
        let plain = try read("""
            <TEI><teiHeader><fileDesc><titleStmt><title type="main">Acta de la sesión ordinaria [borrador]</title>
              <title type="sub">Transcripción digital</title></titleStmt></fileDesc></teiHeader><text><body><p>Texto.</p></body></text></TEI>
            """, "s.xml")
        #expect(plain.metadata.title == "Acta de la sesión ordinaria")
    }

    /// Words that are elements of their own keep their spaces: a linguistically annotated file
    /// (ParlaMint's .ana: `s`, `w`, `pc`, `join="right"`), and inline markup between words.
    @Test func wordsThatAreElementsKeepTheirSpaces() throws {
        let doc = try read("""
            <TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><text><body><div>
            <u who="#AnnLee"><seg><s><w lemma="I">I</w> <w>will</w> <w>send</w> <name type="PER"><w>Tom</w> <w join="right">Hale</w></name><pc>,</pc> <w>the</w> <w join="right">draft</w><pc>.</pc></s><s>
              <w>Thanks</w>
              <w join="right">all</w>
              <pc>.</pc>
            </s></seg></u>
            <p><hi>Bold</hi> <hi>words</hi> here.</p>
            </div></body></text></TEI>
            """, "ana.xml")
        #expect(doc.blocks.map(\.text) == ["Ann Lee: I will send Tom Hale, the draft. Thanks all.", "Bold words here."])
    }
}
