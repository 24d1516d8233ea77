public import GRDB
import GRDBSQLite
import Foundation
import RelatoriaCore

/// The FTS5 tokenizer of the index: `unicode61` with diacritics removed (case and accents
/// folded), then Snowball stemming, English then Spanish, so that `reunion` finds *Reunión*
/// and *reuniones*, and `acuerdos` finds *acuerdo*.
///
/// Documents mix Spanish and English and a token's language is unknown, so both stemmers run
/// in turn; the same composition runs on queries, which is what makes matching consistent.
/// Register it on every connection (`Configuration.prepareDatabase`), or reads fail with
/// "no such tokenizer".
///
/// It works on unicode61's token bytes in place: each token goes through both stemmers and
/// back to SQLite without becoming a Swift `String` (GRDB's `FTS5WrapperTokenizer` made three
/// strings and two arrays per token, a tenth of ingest). The tokens are those the wrapper gave
/// (TokenizerTests compare the two on the corpus).
public final class RelatoriaTokenizer: FTS5CustomTokenizer {
    public static let name = "relatoria"
    private let wrappedTokenizer: any FTS5Tokenizer
    private let english: SnowballStemmer?
    private let spanish: SnowballStemmer?
    /// Stems already made, by token (a document repeats its words, a batch its vocabulary):
    /// two Snowball stemmers cost more than a lookup.
    private var stems = StemCache(limit: 50_000)

    public init(db: Database, arguments: [String]) throws {
        wrappedTokenizer = try db.makeTokenizer(.unicode61(diacritics: .remove))
        english = SnowballStemmer("english")
        spanish = SnowballStemmer("spanish")
    }

    /// What a call of unicode61's callback needs to reach ours (its callback is a C function).
    private struct Context {
        let tokenizer: RelatoriaTokenizer
        let context: UnsafeMutableRawPointer?
        let tokenCallback: FTS5TokenCallback
    }

    public func tokenize(
        context: UnsafeMutableRawPointer?, tokenization: FTS5Tokenization,
        pText: UnsafePointer<CChar>?, nText: CInt, tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        var outer = Context(tokenizer: self, context: context, tokenCallback: tokenCallback)
        return withUnsafeMutablePointer(to: &outer) { pointer in
            wrappedTokenizer.tokenize(context: pointer, tokenization: tokenization, pText: pText, nText: nText) { raw, flags, pToken, nToken, iStart, iEnd in
                guard let raw, let pToken, nToken >= 0 else { return SQLITE_OK }
                let c = raw.assumingMemoryBound(to: Context.self).pointee
                return c.tokenizer.emit(UnsafeRawBufferPointer(start: pToken, count: Int(nToken)), flags: flags) { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { chars in
                        c.tokenCallback(c.context, flags, chars.baseAddress, CInt(chars.count), iStart, iEnd)
                    }
                }
            }
        }
    }

    /// Passes a token on, stemmed: numbers, tokens of three bytes or fewer, and tokens whose
    /// stem is empty as they are. A token that is not UTF-8 is dropped.
    private func emit(_ token: UnsafeRawBufferPointer, flags: CInt, _ send: (UnsafeBufferPointer<UInt8>) -> CInt) -> CInt {
        let bytes = token.bindMemory(to: UInt8.self)
        guard SnowballStemmer.isValidUTF8(bytes) else { return SQLITE_OK }
        guard bytes.count > 3, let first = bytes.first, !(48...57).contains(first) else { return send(bytes) }
        let hash = ByteSearch.hash(bytes)
        if let known = stems.lookup(bytes, hash: hash, send) { return known }
        let stem = stemmed(bytes)
        stems.insert(bytes, stem: stem, hash: hash)
        return stem.withUnsafeBufferPointer(send)
    }

    /// The token to index for `bytes` (UTF-8, over three bytes, not a number): stemmed English
    /// then Spanish, or the token itself when the stem is empty.
    private func stemmed(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        // A stem that is not UTF-8 (Snowball gives none from UTF-8) is repaired as
        // String(decoding:) repairs it, into a buffer of ours.
        var repaired: UnsafeMutableBufferPointer<UInt8>?
        defer { repaired?.deallocate() }
        var word = bytes
        func apply(_ stemmer: SnowballStemmer?) {
            guard let stemmer, let stem = stemmer.stem(word) else { return }  // (out of memory: the word as it was)
            if SnowballStemmer.isValidUTF8(stem) {
                word = stem
            } else {
                let fixed = Array(String(decoding: stem, as: UTF8.self).utf8)
                let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(fixed.count, 1))
                _ = buffer.initialize(from: fixed)
                repaired?.deallocate()
                repaired = buffer
                word = UnsafeBufferPointer(rebasing: buffer[0..<fixed.count])
            }
        }
        apply(english)
        apply(spanish)
        return word.isEmpty ? Array(bytes) : Array(word)
    }
}

/// Stems by token, in flat buffers: a token is looked up by its bytes (`ByteSearch.hash`, open
/// addressing, compared with memcmp), without an array made per token or SipHash over it,
/// as a `[[UInt8]: [UInt8]]` did for every token indexed. Emptied when it holds `limit`.
struct StemCache {
    private let limit: Int
    /// Token bytes then stem bytes, entry after entry.
    private var bytes: [UInt8] = []
    /// Per entry: where its token starts in `bytes`, the token's length, the stem's length
    /// (the stem follows the token).
    private var entries: [(start: Int, token: Int, stem: Int)] = []
    /// Entry numbers by hash; -1 for an empty slot. Twice the limit, a power of two.
    private var slots: [Int32]
    private let mask: Int

    init(limit: Int) {
        self.limit = limit
        var size = 16
        while size < limit * 2 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// `send` called with the stem of `token` when it is here (its answer returned), else nil.
    func lookup(_ token: UnsafeBufferPointer<UInt8>, hash: Int, _ send: (UnsafeBufferPointer<UInt8>) -> CInt) -> CInt? {
        var i = hash & mask
        return bytes.withUnsafeBufferPointer { all -> CInt? in
            while slots[i] >= 0 {
                let e = entries[Int(slots[i])]
                if e.token == token.count, memcmp(all.baseAddress! + e.start, token.baseAddress!, e.token) == 0 {
                    return send(UnsafeBufferPointer(rebasing: all[(e.start + e.token)..<(e.start + e.token + e.stem)]))
                }
                i = (i + 1) & mask
            }
            return nil
        }
    }

    /// Remembers `stem` for `token` (not already here).
    mutating func insert(_ token: UnsafeBufferPointer<UInt8>, stem: [UInt8], hash: Int) {
        if entries.count >= limit {
            entries.removeAll(keepingCapacity: true)
            bytes.removeAll(keepingCapacity: true)
            for k in slots.indices { slots[k] = -1 }
        }
        var i = hash & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = Int32(entries.count)
        entries.append((bytes.count, token.count, stem.count))
        bytes.append(contentsOf: token)
        bytes.append(contentsOf: stem)
    }
}
