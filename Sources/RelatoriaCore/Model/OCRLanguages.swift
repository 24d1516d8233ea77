/// The languages OCR reads a scan in, as `relatoria.yaml`'s `ocr.languages` sets them.
///
/// A fixed setting (`spa`, `eng`, `spa+eng`, the default) reads every page in those
/// languages, together. `auto` reads the first page in Spanish and English together, guesses
/// the language of what it read with the record's own language detection (the lexicons'
/// stopwords, through a ``LanguageGuesser``), and reads the whole document with that one
/// language's data; a page that says too little, or mixes both languages, keeps both.
///
/// Why `spa+eng` is the default (scripts/compare-ocr-languages.sh on the ten 300-dpi scans of
/// scripts/convert-corpus.sh, 23 pages, 7 December 2026): it matched 160 of the 169 items of
/// the `.docx` records against 155 for `auto`, in 2.92 CPU seconds a page against 4.05 (`auto`
/// reads the first page twice). English minutes written in Bogotá are full of Spanish names
/// and places, which English data alone reads without their accents (`Bogota`, `Comision`).
public struct OCRLanguages: Sendable, Hashable, CustomStringConvertible {
    /// Tesseract's names of the languages (`spa`, `eng`), read together when ``guess`` is false.
    public var names: [String]
    /// True for `auto`: a first pass in all ``names`` picks the one to read the document in.
    public var guess: Bool

    /// `auto`: Spanish or English, guessed from a first pass.
    public static let auto = OCRLanguages(names: ["spa", "eng"], guess: true)
    /// `spa+eng`, the default: Spanish and English together on every page.
    public static let spanishAndEnglish = OCRLanguages(names: ["spa", "eng"], guess: false)

    public init(names: [String], guess: Bool) {
        self.names = names
        self.guess = guess
    }

    /// The setting's value: `auto`, or Tesseract language names joined by `+` (`spa+eng`);
    /// nil when it is neither.
    public init?(setting: String) {
        let value = setting.trimmingSpaces().lowercased()
        if value == "auto" {
            self = .auto
            return
        }
        let names = value.split(separator: "+", omittingEmptySubsequences: false).map { String($0) }
        guard !names.isEmpty, names.allSatisfy({ $0.count >= 3 && $0.count <= 16 && $0.allSatisfy { ($0.isASCII && $0.isLetter) || $0 == "_" } }),
              Set(names).count == names.count, !names.contains("auto") else { return nil }
        self.init(names: names, guess: false)
    }

    /// Tesseract's `-l` argument for all the names together (`spa+eng`).
    public var tesseractArgument: String { names.joined(separator: "+") }

    /// The setting as written: `auto` or `spa+eng`.
    public var description: String { guess ? "auto" : tesseractArgument }

    /// Tesseract's name of the language whose ISO 639-1 code the lexicons use (`es` → `spa`).
    public static func tesseractName(iso code: String) -> String? {
        ["es": "spa", "en": "eng", "fr": "fra", "pt": "por", "de": "deu", "it": "ita", "ca": "cat", "nl": "nld"][code.lowercased()]
    }
}
