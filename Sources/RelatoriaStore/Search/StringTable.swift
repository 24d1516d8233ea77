import RelatoriaCore

/// Distinct strings as one UTF-8 buffer (made into `String`s only when shown), with their
/// folded keys (`Folding.key`) in another, each preceded by a newline, so that one byte search
/// finds every string containing a folded word. Read-only views into a pack's bytes; built by
/// ``Builder``.
struct StringTable: Sendable {
    var text = PackArray<UInt8>(), textStart = PackArray<Int32>()
    var keys = PackArray<UInt8>(), keyStart = PackArray<Int32>()

    var count: Int { max(textStart.count - 1, 0) }

    subscript(s: Int32) -> String? {
        guard s >= 0 else { return nil }
        let (a, b) = (Int(textStart[Int(s)]), Int(textStart[Int(s) + 1]))
        return text.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[a..<b]), as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of string `s` (which must be an index of the table).
    func withBytes<T>(_ s: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let (a, b) = (Int(textStart[Int(s)]), Int(textStart[Int(s) + 1]))
        return text.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[a..<b])) }
    }

    /// Compares strings `a` and `b` as UTF-8 bytes (ISO dates compare as dates); absent first.
    func isLess(_ a: Int32, _ b: Int32) -> Bool {
        if a < 0 || b < 0 { return a < 0 && b >= 0 }
        let (a0, a1) = (Int(textStart[Int(a)]), Int(textStart[Int(a) + 1]))
        let (b0, b1) = (Int(textStart[Int(b)]), Int(textStart[Int(b) + 1]))
        return text.withUnsafeBufferPointer { t in t[a0..<a1].lexicographicallyPrecedes(t[b0..<b1]) }
    }

    /// The strings whose folded key contains the folded form of `word`, as a table by index.
    func containing(_ word: String) -> [Bool] {
        var found = [Bool](repeating: false, count: count)
        let needle = Array(Folding.key(word).utf8)
        guard !needle.isEmpty else { return found }
        keys.withUnsafeBufferPointer { hay in
            var from = 0
            while let at = ByteSearch.firstOffset(of: needle, in: hay, from: from) {
                // The string whose key holds this offset (keys contain no newline, so a hit
                // never spans two); then on to the next string.
                var lo = 0, hi = count - 1
                while lo < hi {
                    let mid = (lo + hi + 1) / 2
                    if Int(keyStart[mid]) <= at { lo = mid } else { hi = mid - 1 }
                }
                found[lo] = true
                from = Int(keyStart[lo + 1])
            }
        }
        return found
    }

    /// The strings that `name` finds as ``NameMatch`` says (every word of it, in order,
    /// begins a word of the string), as a table by index. A byte search for its longest word
    /// finds the strings that may match; only those are checked word by word.
    func naming(_ name: String) -> [Bool] {
        var found = [Bool](repeating: false, count: count)
        let words = NameMatch.words(name)
        guard let needle = words.max(by: { $0.count < $1.count }) else { return found }
        keys.withUnsafeBufferPointer { hay in
            var from = 0
            while let at = ByteSearch.firstOffset(of: needle, in: hay, from: from) {
                var lo = 0, hi = count - 1
                while lo < hi {
                    let mid = (lo + hi + 1) / 2
                    if Int(keyStart[mid]) <= at { lo = mid } else { hi = mid - 1 }
                }
                // The key after its leading newline.
                found[lo] = NameMatch.matches(words: words, key: UnsafeBufferPointer(rebasing: hay[Int(keyStart[lo]) + 1..<Int(keyStart[lo + 1])]))
                from = Int(keyStart[lo + 1])
            }
        }
        return found
    }

    init() {}

    /// Reads a table written by ``Builder/encode(into:)``; nil unless its offsets are in order
    /// and in range.
    init?(_ r: inout PackReader) {
        guard let textStart = r.array(Int32.self), let text = r.array(UInt8.self), let keyStart = r.array(Int32.self),
              let keys = r.array(UInt8.self), textStart.first == 0, keyStart.first == 0, keyStart.count == textStart.count,
              textStart.last.map({ Int($0) == text.count }) == true, keyStart.last.map({ Int($0) == keys.count }) == true,
              textStart.isNondecreasing, keyStart.isNondecreasing
        else { return nil }
        (self.textStart, self.text, self.keyStart, self.keys) = (textStart, text, keyStart, keys)
    }

    /// Collects the distinct strings of a pack being built.
    struct Builder {
        private var text: [UInt8] = [], textStart: [Int32] = [0]
        private var keys: [UInt8] = [], keyStart: [Int32] = [0]
        private var index: [String: Int32] = [:]

        /// The index of `s`, added if new (nil stays -1).
        mutating func intern(_ s: String?) -> Int32 {
            guard let s else { return -1 }
            if let i = index[s] { return i }
            let i = Int32(textStart.count - 1)
            index[s] = i
            text.append(contentsOf: s.utf8)
            textStart.append(Int32(text.count))
            keys.append(UInt8(ascii: "\n"))
            keys.append(contentsOf: Folding.key(s).utf8)
            keyStart.append(Int32(keys.count))
            return i
        }

        func encode(into out: inout PackWriter) {
            out.put(textStart); out.put(text); out.put(keyStart); out.put(keys)
        }
    }
}
