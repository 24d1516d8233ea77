import Foundation
public import RelatoriaCore

/// Text helpers of the follow-up: phrases matched ignoring case and accents on word
/// boundaries, content words for comparing a commitment with a later passage, and the
/// passages (lines and sentences) of a record's text with their anchors.
public enum FollowUpText {
    /// The comparison key of a phrase: folded, letters and digits, single spaces.
    public static func key(_ s: String) -> String { Folding.key(s) }

    /// Whether the key `haystack` holds the key `phrase` as whole words.
    public static func contains(_ haystack: String, phrase: String) -> Bool {
        guard !phrase.isEmpty, !haystack.isEmpty else { return false }
        return (" " + haystack + " ").contains(" " + phrase + " ")
    }

    /// The words of a folded key.
    public static func words(_ key: String) -> [Substring] { key.split(separator: " ") }

    /// Phrases found word by word: each phrase is filed under its first word, so a text is
    /// read once, a lookup a word (a record's text is searched for the names of every owner,
    /// each passage for every cue).
    public struct PhraseTable<Value: Hashable & Sendable>: Sendable {
        private var byFirst: [Substring: [(rest: [Substring], value: Value)]] = [:]

        public init() {}

        public var isEmpty: Bool { byFirst.isEmpty }

        /// Files `phrase` (as written; folded here) under `value`.
        public mutating func add(_ phrase: String, _ value: Value) { add(key: FollowUpText.key(phrase), value) }

        /// Files a phrase already folded by ``FollowUpText/key(_:)``.
        public mutating func add(key: String, _ value: Value) {
            let w = FollowUpText.words(key)
            guard let first = w.first else { return }
            let rest = Array(w.dropFirst())
            if byFirst[first]?.contains(where: { $0.rest == rest && $0.value == value }) == true { return }
            byFirst[first, default: []].append((rest, value))
        }

        /// The values of every phrase found in `words`, as whole words.
        public func values(in words: [Substring]) -> Set<Value> {
            var out = Set<Value>()
            for i in words.indices {
                guard let candidates = byFirst[words[i]] else { continue }
                for c in candidates where i + c.rest.count < words.count && !out.contains(c.value) {
                    var k = 0
                    while k < c.rest.count && words[i + 1 + k] == c.rest[k] { k += 1 }
                    if k == c.rest.count { out.insert(c.value) }
                }
            }
            return out
        }
    }

    /// The content words of `s`: folded words of four letters or more that are not in
    /// `stopwords`, cut to their first five letters (a crude stem shared by Spanish and
    /// English: "circular", "circuló" and "circulated" all give "circu").
    public static func stems(_ s: String, stopwords: Set<String>) -> Set<String> {
        var out = Set<String>()
        for word in key(s).split(separator: " ") where word.count >= 4 && !stopwords.contains(String(word)) {
            guard word.contains(where: { $0.isLetter }) else { continue }
            out.insert(String(word.prefix(5)))
        }
        return out
    }

    /// A passage of a record's text, with its offsets in Unicode scalars.
    public struct Passage: Sendable, Hashable {
        public var text: String
        public var anchor: Anchor
    }

    /// The record's text cut into passages: each line, and each sentence of a long line.
    /// Offsets are in Unicode scalars, as the record contract's anchors are.
    public static func passages(_ text: String) -> [Passage] {
        let scalars = Array(text.unicodeScalars)
        var out: [Passage] = []
        var start = 0
        func emit(_ from: Int, _ to: Int) {
            var a = from, b = to
            while a < b, scalars[a].properties.isWhitespace { a += 1 }
            while b > a, scalars[b - 1].properties.isWhitespace { b -= 1 }
            guard b - a >= 3 else { return }
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[a..<b])
            out.append(Passage(text: String(s), anchor: Anchor(start: a, end: b)))
        }
        var i = 0
        while i <= scalars.count {
            if i == scalars.count || scalars[i] == "\n" {
                emit(start, i)
                start = i + 1
            } else if scalars[i] == "." || scalars[i] == ";" || scalars[i] == "!" || scalars[i] == "?" {
                // A sentence ends at a stop followed by a space and a capital letter (or a
                // dash of a list), never inside "No. 3" or a date "15.03.2006".
                if i + 2 < scalars.count, scalars[i + 1] == " ",
                   scalars[i + 2].properties.isUppercase || scalars[i + 2] == "-" || scalars[i + 2] == "–",
                   !isAbbreviation(scalars, before: i) {
                    emit(start, i + 1)
                    start = i + 1
                }
            }
            i += 1
        }
        return out
    }

    /// Whether the word ending at `stop` is a short abbreviation ("No.", "Sr.", "Dra.").
    private static func isAbbreviation(_ scalars: [Unicode.Scalar], before stop: Int) -> Bool {
        var k = stop
        while k > 0, scalars[k - 1].properties.isAlphabetic { k -= 1 }
        let length = stop - k
        return length > 0 && length <= 3 && scalars[k].properties.isUppercase
    }
}
