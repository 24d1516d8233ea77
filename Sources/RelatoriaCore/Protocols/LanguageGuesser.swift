/// Guesses the main language of a text: answered by the lexicons' stopwords, the same
/// detection that gives a record its `language`, so that OCR's first pass can pick the data
/// to read a scan with.
public protocol LanguageGuesser: Sendable {
    /// The ISO 639-1 code (`es`, `en`) of `text`'s one main language, or nil when the text has
    /// too few words to tell, or mixes languages with no clear majority.
    func guessLanguage(of text: String) -> String?
}
