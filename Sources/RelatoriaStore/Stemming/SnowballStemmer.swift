import CStemmer

/// A Snowball stemmer for one language. Not thread-safe: each tokenizer owns its own.
final class SnowballStemmer {
    private let handle: OpaquePointer

    /// - Parameter algorithm: a Snowball algorithm name (`spanish`, `english`).
    init?(_ algorithm: String) {
        guard let h = sb_stemmer_new(algorithm, "UTF_8") else { return nil }
        handle = h
    }

    deinit { sb_stemmer_delete(handle) }

    /// The stem of the UTF-8 word `word`, in the stemmer's own buffer (valid until its next
    /// call); nil when the stemmer is out of memory.
    func stem(_ word: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard let out = sb_stemmer_stem(handle, word.baseAddress, Int32(word.count)) else { return nil }
        return UnsafeBufferPointer(start: out, count: Int(sb_stemmer_length(handle)))
    }

    /// Whether `bytes` are well-formed UTF-8.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.allSatisfy({ $0 < 0x80 }) { return true }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
