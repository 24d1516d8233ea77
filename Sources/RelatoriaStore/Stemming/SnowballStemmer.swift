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

    func stem(_ word: String) -> String {
        var utf8 = Array(word.utf8)
        let count = Int32(utf8.count)
        return utf8.withUnsafeMutableBufferPointer { buffer -> String in
            guard let out = sb_stemmer_stem(handle, buffer.baseAddress, count) else { return word }
            let n = Int(sb_stemmer_length(handle))
            return String(decoding: UnsafeBufferPointer(start: out, count: n), as: UTF8.self)
        }
    }
}
