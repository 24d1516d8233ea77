import RelatoriaCore

/// Which languages a scan's pages are read in, under ``ReaderLimits/ocrLanguages``.
///
/// With `auto`, OCR's first pass reads the first page in all the setting's languages together
/// (Spanish and English), and the guesser (the lexicons' stopwords, which give a record its
/// language) names the language of its words; every page is then read with that language's
/// data alone, the first page again. A page that says too little, or mixes languages, lets
/// the first pass go on to the next one; after ``firstPassPages`` pages without one language,
/// the document is read in all of them together, as it is without a guesser. A fixed setting
/// (`spa`, `spa+eng`, the default) reads every page in its languages from the start.
struct OCRLanguagePick {
    /// Pages the first pass reads at most before keeping all the languages.
    static let firstPassPages = 2

    let setting: OCRLanguages
    let guesser: (any LanguageGuesser)?
    /// The languages pages are read in now.
    private(set) var languages: [String]
    /// True while the first pass goes on: the pages read are read again once a language is guessed.
    private(set) var guessing: Bool
    /// The pages (1-based) the first pass read.
    private(set) var firstPassPages: [Int] = []
    /// True when the first pass found one language.
    private(set) var guessed = false
    private var words: [String] = []

    init(setting: OCRLanguages, guesser: (any LanguageGuesser)?) {
        self.setting = setting
        self.guesser = guesser
        languages = setting.names
        guessing = setting.guess && setting.names.count > 1 && guesser != nil
    }

    /// Takes the words that the first pass read on `page` (1-based) in all the languages.
    /// - Returns: true when they (with the earlier pages' words) name one of the setting's
    ///   languages: ``languages`` is now that one, and the pages read so far must be read again.
    mutating func firstPass(words pageWords: [String], page: Int) -> Bool {
        guard guessing, let guesser else { return false }
        firstPassPages.append(page)
        words += pageWords
        if let iso = guesser.guessLanguage(of: words.joined(separator: " ")), let name = OCRLanguages.tesseractName(iso: iso),
           setting.names.contains(name) {
            languages = [name]
            guessed = true
            guessing = false
            return true
        }
        if firstPassPages.count >= Self.firstPassPages { guessing = false }
        return false
    }

    /// The languages read in and, under `auto`, how they were chosen, for the record's
    /// warnings line: `spa+eng`, `spa (guessed from page 1)`, `spa+eng (no one language on
    /// pages 1 and 2)`.
    var explanation: String {
        let name = languages.joined(separator: "+")
        guard setting.guess, !firstPassPages.isEmpty else { return name }
        let pages = firstPassPages.count == 1 ? "page \(firstPassPages[0])"
            : "pages " + firstPassPages.dropLast().map(String.init).joined(separator: ", ") + " and \(firstPassPages.last!)"
        return guessed ? "\(name) (guessed from \(pages))" : "\(name) (no one language on \(pages))"
    }
}
