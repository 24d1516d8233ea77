import RelatoriaCore

/// A value with what found it and how sure of it the extractor is: the `via` and `confidence`
/// a record carries for its title, date and body, and each item for itself.
///
/// Confidence is a rough calibration, not a probability measured on a corpus: a form's field,
/// a heading the lexicon knows or an explicit vote count is high (0.85 to 0.95); a sentence
/// with a cue phrase is middling (0.55 to 0.7); a verb in the future tense alone, a year taken
/// from elsewhere or the file name is low (0.3 to 0.45). `docs/extraction.md` says how to read it.
struct Found<Value> {
    var value: Value
    var via: String
    var confidence: Double

    init(_ value: Value, via: String, _ confidence: Double) {
        self.value = value
        self.via = via
        self.confidence = confidence
    }
}

/// The `via` names and confidence levels the extractors share.
enum Provenance {
    /// A label or heading as a `via` suffix: its words without numbering, colon or markup,
    /// at most 40 characters ("section:Acuerdos", "field:Fecha").
    static func name(_ label: String) -> String {
        var t = label.trimmingSpaces()
        while let f = t.first, f.isNumber || ".)-–#*IVX ".contains(f), t.count > 1,
              !(f.isLetter && t.dropFirst().first?.isLetter == true) {
            t.removeFirst()
        }
        while let l = t.last, ":;,.*".contains(l) { t.removeLast() }
        t = t.collapsingSpaces()
        if t.count > 40 { t = String(t.prefix(40)).trimmingSpaces() + "…" }
        return t
    }

    /// A cue phrase as a `via`: "cue:se acordó".
    static func cue(_ phrase: String) -> String { "cue:" + phrase.collapsingSpaces() }
}
