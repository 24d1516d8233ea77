import Foundation
import RelatoriaCore
import Testing
@testable import RelatoriaReaders

/// Stands in for the lexicons' stopwords (tested in RelatoriaExtractorsTests): the language
/// with at least 5 of its words and three times the other's.
private struct StopwordGuesser: LanguageGuesser {
    static let words = ["es": Set(["de", "la", "el", "los", "las", "que", "en", "del", "por", "con"]),
                        "en": Set(["the", "of", "and", "to", "was", "were", "by", "for", "with", "its"])]

    func guessLanguage(of text: String) -> String? {
        let tokens = text.lowercased().split { !$0.isLetter }.map(String.init)
        let counts = Self.words.mapValues { set in tokens.filter(set.contains).count }.sorted { $0.value > $1.value }
        guard let best = counts.first, best.value >= 5, best.value >= 3 * (counts.dropFirst().first?.value ?? 0) else { return nil }
        return best.key
    }
}

/// `ocr.languages`: its values, the first pass that picks a scan's language under `auto`, and
/// the warnings line that says which language read the scan.
struct OCRLanguageTests {
    static let english = "The minutes of the previous meeting were approved by the members of the group and the agenda was adopted".split(separator: " ").map(String.init)
    static let spanish = "Se aprobó el acta de la reunión anterior por los miembros del grupo y la agenda de la sesión".split(separator: " ").map(String.init)

    @Test func settingValues() {
        #expect(OCRLanguages(setting: "auto") == .auto && OCRLanguages.auto.names == ["spa", "eng"] && OCRLanguages.auto.guess)
        #expect(OCRLanguages(setting: "spa") == OCRLanguages(names: ["spa"], guess: false))
        #expect(OCRLanguages(setting: " SPA+eng ") == OCRLanguages(names: ["spa", "eng"], guess: false))
        #expect(OCRLanguages(setting: "chi_sim")?.tesseractArgument == "chi_sim")
        for bad in ["", "es", "spa+", "spa eng", "spa+spa", "../eng", "auto+spa"] { #expect(OCRLanguages(setting: bad) == nil, "\(bad)") }
        #expect(OCRLanguages.auto.description == "auto" && OCRLanguages(setting: "spa+eng")?.description == "spa+eng")
        #expect(OCRLanguages.tesseractName(iso: "es") == "spa" && OCRLanguages.tesseractName(iso: "en") == "eng")
    }

    @Test func firstPassPicksTheLanguageOfTheFirstPage() {
        var pick = OCRLanguagePick(setting: .auto, guesser: StopwordGuesser())
        #expect(pick.guessing && pick.languages == ["spa", "eng"])
        let picked = pick.firstPass(words: Self.english, page: 1)
        #expect(picked && !pick.guessing && pick.languages == ["eng"])
        #expect(pick.explanation == "eng (guessed from page 1)")
        // Once picked, later pages do not change it.
        let again = pick.firstPass(words: Self.spanish, page: 2)
        #expect(!again && pick.languages == ["eng"])
    }

    @Test func firstPassGoesOnToTheSecondPageThenKeepsBoth() {
        var pick = OCRLanguagePick(setting: .auto, guesser: StopwordGuesser())
        let cover = pick.firstPass(words: ["ACTA", "No.", "3"], page: 1)
        #expect(!cover && pick.guessing)
        // Half English, half Spanish: no one language.
        let mixed = pick.firstPass(words: Self.english + Self.spanish, page: 2)
        #expect(!mixed && !pick.guessing && pick.languages == ["spa", "eng"])
        #expect(pick.explanation == "spa+eng (no one language on pages 1 and 2)")
        // A cover page then Spanish: the words of both pages together decide.
        var later = OCRLanguagePick(setting: .auto, guesser: StopwordGuesser())
        let first = later.firstPass(words: ["ACTA"], page: 1), second = later.firstPass(words: Self.spanish, page: 2)
        #expect(!first && second)
        #expect(later.explanation == "spa (guessed from pages 1 and 2)")
    }

    @Test func aFixedSettingOrNoGuesserReadsInAllTheLanguages() {
        var fixed = OCRLanguagePick(setting: OCRLanguages(names: ["spa", "eng"], guess: false), guesser: StopwordGuesser())
        let guessed = fixed.firstPass(words: Self.english, page: 1)
        #expect(!fixed.guessing && !guessed)
        #expect(fixed.languages == ["spa", "eng"] && fixed.explanation == "spa+eng")
        #expect(ReaderLimits().ocrLanguages == .spanishAndEnglish && OCRLanguages(setting: "spa+eng") == .spanishAndEnglish)
        let blind = OCRLanguagePick(setting: .auto, guesser: nil)
        #expect(!blind.guessing && blind.explanation == "spa+eng")
        // A guessed language the setting does not list is not used.
        var french = OCRLanguagePick(setting: .auto, guesser: FixedGuesser(code: "fr"))
        let french1 = french.firstPass(words: ["bonjour"], page: 1)
        #expect(!french1 && french.languages == ["spa", "eng"])
    }

    // MARK: With Tesseract

    /// The first page of the fixture `name` as a 300-dpi greyscale PNG.
    private func scannedPNG(of name: String) throws -> Data {
        try ExternalTool.withScratchFolder { folder -> Data in
            try Data(contentsOf: #require(FormatReaderTests.fixtures).appendingPathComponent(name)).write(to: folder.appendingPathComponent("t.pdf"))
            _ = try PDFReader.pdftoppm.run(["-r", "300", "-f", "1", "-l", "1", "-gray", "-png", "-singlefile", "t.pdf", "p"], in: folder, for: "test", limits: .init())
            return try Data(contentsOf: folder.appendingPathComponent("p.png"))
        }
    }

    @Test(.enabled(if: FormatReaderTests.tesseract, "needs tesseract-ocr and poppler-utils: apt-get install tesseract-ocr tesseract-ocr-spa tesseract-ocr-eng poppler-utils"))
    func autoReadsEachScanInTheLanguageItsFirstPageIsIn() throws {
        var limits = ReaderLimits()
        limits.ocrLanguages = .auto
        let registry = ReaderRegistry(limits: limits, languageGuesser: StopwordGuesser())
        let english = try registry.read(try scannedPNG(of: "english.pdf"), filename: "minutes.png")
        #expect(english.warnings.first?.hasPrefix("read by OCR in eng (guessed from page 1): mean word confidence ") == true)
        #expect(english.text.contains("Minutes of the meeting of the Working Group"))
        let spanish = try registry.read(try FormatReaderTests.scannedPDF(of: "text.pdf", dpi: 300), filename: "acta.pdf")
        #expect(spanish.warnings.first?.hasPrefix("read by OCR in spa (guessed from page 1): mean word confidence ") == true)
        #expect(spanish.text.contains("Acta de la reunión del Comité de Prueba"))
        // Set in the settings, the languages are used as they are, with no first pass.
        limits.ocrLanguages = OCRLanguages(names: ["spa", "eng"], guess: false)
        let fixed = try ReaderRegistry(limits: limits, languageGuesser: StopwordGuesser()).read(try scannedPNG(of: "english.pdf"), filename: "minutes.png")
        #expect(fixed.warnings.first?.hasPrefix("read by OCR in spa+eng: mean word confidence ") == true)
    }
}

/// Always answers the same language.
private struct FixedGuesser: LanguageGuesser {
    let code: String
    func guessLanguage(of text: String) -> String? { code }
}
