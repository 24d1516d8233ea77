import Foundation
import RelatoriaCore
import RelatoriaExtractors
import Testing

/// The lexicons' stopwords name a text's language for OCR's first pass, as they give records
/// their language: only when the text has enough of them and one language clearly leads.
struct LanguageGuessTests {
    @Test func guessesSpanishAndEnglishPagesAndNothingFromTooLittleOrAMix() {
        let lexicon = pipeline.lexicon
        let spanish = "Se aprobó el acta de la reunión anterior por los miembros del grupo y la agenda de la sesión"
        let english = "The minutes of the previous meeting were approved by the members of the group in Bogotá"
        #expect(lexicon.guessLanguage(of: spanish) == "es")
        #expect(lexicon.guessLanguage(of: english) == "en")
        // OCR's accents lost or read as other letters do not matter: words are folded.
        #expect(lexicon.guessLanguage(of: "SE APROBO EL ACTA DE LA REUNION ANTERIOR POR LOS MIEMBROS DEL GRUPO") == "es")
        #expect(lexicon.guessLanguage(of: "ACTA No. 3 de 2006") == nil)
        #expect(lexicon.guessLanguage(of: spanish + " " + english) == nil)
        // The same detection as the record's language.
        let record = pipeline.record(for: NormalizedDocument(format: .txt, blocks: [Block(role: .paragraph, text: english)]),
                                     source: .init(filename: "a.txt", format: .txt, sha256: String(repeating: "0", count: 64), bytes: 1))
        #expect(record.language == "en")
    }
}
