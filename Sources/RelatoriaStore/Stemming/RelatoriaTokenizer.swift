public import GRDB

/// The FTS5 tokenizer of the index: `unicode61` with diacritics removed (case and accents
/// folded), then Snowball stemming, English then Spanish, so that `reunion` finds *Reunión*
/// and *reuniones*, and `acuerdos` finds *acuerdo*.
///
/// Documents mix Spanish and English and a token's language is unknown, so both stemmers run
/// in turn; the same composition runs on queries, which is what makes matching consistent.
/// Register it on every connection (`Configuration.prepareDatabase`), or reads fail with
/// "no such tokenizer".
public final class RelatoriaTokenizer: FTS5WrapperTokenizer {
    public static let name = "relatoria"
    public let wrappedTokenizer: any FTS5Tokenizer
    private let english: SnowballStemmer?
    private let spanish: SnowballStemmer?

    public init(db: Database, arguments: [String]) throws {
        wrappedTokenizer = try db.makeTokenizer(.unicode61(diacritics: .remove))
        english = SnowballStemmer("english")
        spanish = SnowballStemmer("spanish")
    }

    public func accept(
        token: String, flags: FTS5TokenFlags, for tokenization: FTS5Tokenization,
        tokenCallback: (String, FTS5TokenFlags) throws -> Void
    ) throws {
        // Numbers and very short tokens are kept as they are.
        guard token.utf8.count > 3, token.utf8.first.map({ !(48...57).contains($0) }) == true else {
            try tokenCallback(token, flags)
            return
        }
        var t = token
        if let english { t = english.stem(t) }
        if let spanish { t = spanish.stem(t) }
        try tokenCallback(t.isEmpty ? token : t, flags)
    }
}
