public import RelatoriaCore

/// The lexicons' stopwords guess a text's language for OCR's first pass, as they give a
/// record its `language` (``MetadataExtractor``): the language with most stopwords, when it
/// has enough of them and clearly more than any other.
extension Lexicon: LanguageGuesser {
    /// Stopwords a text needs in its main language for a guess.
    static let minimumGuessHits = 5
    /// How many times the runner-up's count the main language needs: a page that mixes
    /// languages (a bilingual declaration in two columns) has no one language.
    static let guessMargin = 3

    /// The ISO 639-1 code of `text`'s main language, or nil when it has fewer than 5 stopwords
    /// of it or not three times as many as of another language.
    public func guessLanguage(of text: String) -> String? {
        let counts = MetadataExtractor.stopwordCounts(text, lexicon: self)
        let ranked = zip(stopwordLanguageNames, counts).sorted { $0.1 > $1.1 }
        guard let best = ranked.first, best.1 >= Self.minimumGuessHits else { return nil }
        let second = ranked.dropFirst().first?.1 ?? 0
        return best.1 >= Self.guessMargin * second ? best.0 : nil
    }
}
