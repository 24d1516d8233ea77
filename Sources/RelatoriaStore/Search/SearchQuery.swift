import Foundation
import RelatoriaCore

/// A user's search, parsed: full-text terms and filters.
///
/// The language: words (all must match; `AND` between two terms says the same),
/// `"exact phrases"`, `OR` between two terms, `-excluded` or `NOT excluded`, `prefix*`, and
/// filters inline (`body:"Comisión de Enlace"`, `from:2006-01-01`, `to:2006-12-31`,
/// `topic:desplazamiento`, `kind:minutes` or `kind:acta`, `attendee:"Liliana Duarte"`,
/// `language:es`, `superseded:yes` to find also the records a newer version supersedes; also
/// by their Spanish names, see ``filterNames``). A `name:value` whose name
/// is no filter is an error, unless it is plainly text: a time (`10:30`), a link
/// (`https://...`, `mailto:...`) or a word ending in a colon (`Acuerdos:`), which are searched
/// as words. Terms become an FTS5 expression built here, every term quoted, so nothing a user
/// types is FTS5 or SQL syntax.
public struct SearchQuery: Sendable, Hashable {
    public enum Sort: String, Sendable, CaseIterable { case relevance, date }

    public var from: String?
    public var to: String?
    public var body: String?
    public var topic: String?
    public var kind: String?
    public var attendee: String?
    public var language: String?
    public var sort: Sort?
    /// Also find the records a newer version supersedes (`superseded:yes`); hidden by default.
    /// Withdrawn records stay out of every search.
    public var superseded = false
    public var limit = 20
    public var offset = 0
    /// The FTS5 MATCH expression, or nil when the query has no words (filters only).
    public private(set) var match: String?
    /// When the query excludes words but looks for none (`topic:bosques -Amazonia`): an FTS5
    /// expression matching any excluded word, whose records are left out of the records the
    /// filters list. Nil otherwise (excluded words are then part of ``match``).
    public private(set) var excluded: String?
    /// The words and phrases looked for (not the excluded ones), for highlighting.
    public private(set) var terms: [String] = []
    /// Phrases of two or more plain words, matched as an AND of their words (other than
    /// function words) and verified word by word (see ``PhraseGroup``), in the order of the
    /// MATCH expression.
    private(set) var phraseGroups: [PhraseGroup] = []

    /// A required phrase such as "Ley de Justicia y Paz" is looked for as
    /// `("Ley" AND "Justicia" AND "Paz")` and then kept only where those words stand at offsets
    /// 0, 2 and 4 of each other (``PhraseHits`` walks their position lists side by side): the
    /// function words in between (`de`, `y`) stand for any one word. Position lists of words
    /// found in nearly every document (*de*, *y*, *the*) are what make FTS5 phrases slow; the
    /// words left are rarer. A phrase of content words only ("ACCIÓN SOCIAL", offsets 0 and 1)
    /// is verified the same way: FTS5's own phrase (or NEAR) test merges the words' position
    /// lists into a new one for every candidate, which costs more than this walk ("Ley de
    /// Justicia y Paz" at 20,000 records: 101 -> 64 M instructions per search). `first` is
    /// the FTS5 phrase number of the group's first word.
    struct PhraseGroup: Hashable, Sendable {
        var first: Int
        var offsets: [Int]
    }

    /// The groups as the argument of ``PhraseHits``: `first:offset,offset,...` separated by `;`.
    var phrasePlan: String {
        phraseGroups.map { "\($0.first):" + $0.offsets.map(String.init).joined(separator: ",") }.joined(separator: ";")
    }

    /// Function words of Spanish and English skipped in phrases (compared folded).
    static let functionWords: Set<String> = [
        "de", "del", "la", "las", "el", "los", "y", "e", "o", "u", "a", "al", "en", "por", "para", "con", "sin", "que", "se",
        "su", "sus", "un", "una", "lo", "le", "the", "of", "and", "to", "in", "on", "for", "an", "by", "at", "with", "from",
    ]

    public init() {}

    /// A malformed query: the message says what to fix.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
        public init(message: String) { self.message = message }
    }

    private enum Term {
        case word(String, prefix: Bool)
        case phrase(String)
        var fts: String {
            switch self {
            case .word(let w, let p): return Self.quoted(w) + (p ? " *" : "")
            case .phrase(let p): return Self.quoted(p)
            }
        }

        /// `s` as an FTS5 string: in double quotes, each quote doubled (byte by byte: also a
        /// quote that a combining mark after it joins into one Character).
        static func quoted(_ s: String) -> String {
            var out: [UInt8] = [0x22]
            out.reserveCapacity(s.utf8.count + 2)
            for b in s.utf8 {
                out.append(b)
                if b == 0x22 { out.append(0x22) }
            }
            out.append(0x22)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Parses `text` and merges its inline filters into this query.
    /// - Throws: ``Invalid`` for an unclosed quote, a misplaced `OR`, `AND` or `NOT`, a bad
    ///   date, an unknown filter or a period that ends before it starts.
    public mutating func parse(_ text: String) throws {
        var positives: [[Term]] = []  // OR-groups, ANDed together
        var negatives: [Term] = []
        var pendingOr = false
        // `AND` seen after a term or filter, waiting for the next one; `NOT` seen, waiting
        // for the word or phrase it excludes.
        var pendingAnd = false, pendingNot = false
        var anything = false  // a term or filter read
        var i = text.startIndex
        func readQuoted() throws -> String {
            i = text.index(after: i)
            guard let close = text[i...].firstIndex(of: "\"") else {
                throw Invalid(message: "unclosed quotation mark in the query")
            }
            let s = String(text[i..<close])
            i = text.index(after: close)
            return s
        }
        while i < text.endIndex {
            let c = text[i]
            if c.isWhitespace { i = text.index(after: i); continue }
            var negative = pendingNot
            if c == "-" {
                guard !pendingNot else { throw Invalid(message: "NOT and a minus sign cannot both stand before a word") }
                negative = true
                i = text.index(after: i)
            }
            guard i < text.endIndex else { throw Invalid(message: "a minus sign must be followed by a word") }
            let afterNot = pendingNot
            pendingNot = false
            var term: Term?
            if text[i] == "\"" {
                let p = try readQuoted().trimmingSpaces()
                if !p.isEmpty { term = .phrase(p) }
            } else {
                var j = i
                while j < text.endIndex, !text[j].isWhitespace {
                    // `body:"Comisión de Enlace"`: the token ends with its colon; the quoted value follows.
                    if text[j] == ":" && text[text.index(after: j)...].first == "\"" {
                        j = text.index(after: j)
                        break
                    }
                    j = text.index(after: j)
                }
                var token = String(text[i..<j])
                i = j
                if let colon = token.firstIndex(of: ":") {
                    let name = token[..<colon].lowercased()
                    var value = String(token[token.index(after: colon)...])
                    let quoted = value.isEmpty && i < text.endIndex && text[i] == "\""
                    if let key = Self.filterKeys[name] {
                        if quoted { value = try readQuoted() }
                        try setFilter(key, value.trimmingSpaces(), negative: negative)
                        pendingAnd = false
                        anything = true
                        continue
                    }
                    if Self.isFilterLike(name: name, value: value, quoted: quoted) {
                        throw Invalid(message: "unknown filter '\(token[..<colon]):'; the filters are \(Self.filterNames)")
                    }
                }
                if afterNot && ["OR", "AND", "NOT"].contains(token) {
                    throw Invalid(message: "NOT must be followed by a word or phrase, not \(token)")
                }
                if (token == "OR" || token == "AND") && !negative {
                    guard anything, !pendingOr, !pendingAnd, !(token == "OR" && positives.isEmpty) else {
                        throw Invalid(message: "\(token) must stand between two words or phrases")
                    }
                    if token == "OR" { pendingOr = true } else { pendingAnd = true }
                    continue
                }
                if token == "NOT" && !negative {
                    guard !pendingOr else { throw Invalid(message: "OR must stand between two words or phrases, not before NOT") }
                    guard i < text.endIndex, text[i...].contains(where: { !$0.isWhitespace }) else {
                        throw Invalid(message: "NOT must be followed by a word or phrase")
                    }
                    pendingNot = true
                    pendingAnd = false
                    continue
                }
                let prefix = token.hasSuffix("*")
                token = token.trimming(ascii: "*")
                // Punctuation around words is not part of them.
                token = token.trimming(scalarsIn: Self.punctuation)
                if !token.isEmpty { term = .word(token, prefix: prefix) }
            }
            guard let t = term else { continue }
            pendingAnd = false
            anything = true
            if negative {
                negatives.append(t)
            } else if pendingOr {
                positives[positives.count - 1].append(t)
                pendingOr = false
            } else {
                positives.append([t])
            }
        }
        if pendingOr { throw Invalid(message: "OR must stand between two words or phrases") }
        if pendingAnd { throw Invalid(message: "AND must stand between two words or phrases") }
        if pendingNot { throw Invalid(message: "NOT must be followed by a word or phrase") }
        try checkPeriod()
        excluded = nil
        guard !positives.isEmpty else {
            // Only excluded words: the records the filters list (all, without filters) but
            // those where any excluded word occurs.
            match = nil
            if !negatives.isEmpty { excluded = negatives.map(\.fts).joined(separator: " OR ") }
            return
        }
        terms = positives.flatMap { $0 }.map { t in
            switch t {
            case .word(let w, _): return w
            case .phrase(let p): return p
            }
        }
        // FTS5 numbers phrases (quoted strings) in the order they appear in the expression.
        var phrases = 0
        phraseGroups = []
        func fts(_ t: Term, required: Bool) -> String {
            if required, case .phrase(let p) = t, let (words, offsets) = Self.spaced(p) {
                phraseGroups.append(PhraseGroup(first: phrases, offsets: offsets))
                phrases += words.count
                return "(" + words.map { "\"\($0)\"" }.joined(separator: " AND ") + ")"
            }
            phrases += 1
            return t.fts
        }
        var expr = positives.map { group in
            group.count == 1 ? fts(group[0], required: true) : "(" + group.map { fts($0, required: false) }.joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
        for n in negatives { expr = "(\(expr)) NOT \(fts(n, required: false))" }
        match = expr
    }

    /// The words of a phrase other than function words, with their offsets, when the phrase
    /// has at least two such words and all its words are plain letters and digits (one token
    /// each for the index); else nil (the phrase is matched as it is).
    private static func spaced(_ phrase: String) -> (words: [String], offsets: [Int])? {
        let all = phrase.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        guard phrase.split(separator: " ").count == all.count else { return nil }
        var words: [String] = [], offsets: [Int] = []
        for (i, w) in all.enumerated() where !functionWords.contains(Folding.key(String(w))) {
            words.append(String(w))
            offsets.append(i)
        }
        guard words.count >= 2 else { return nil }
        let base = offsets[0]
        return (words, offsets.map { $0 - base })
    }

    /// Made once: Foundation builds `.punctuationCharacters` again at every use (most of a
    /// CLI search's parsing, 0.9 M instructions).
    private static let punctuation = CharacterSet.punctuationCharacters.subtracting(CharacterSet(charactersIn: "-_"))

    private static let filterKeys: [String: String] = [
        "from": "from", "desde": "from", "to": "to", "hasta": "to", "body": "body", "organo": "body", "órgano": "body",
        "topic": "topic", "tema": "topic", "kind": "kind", "tipo": "kind", "attendee": "attendee", "asistente": "attendee",
        "language": "language", "idioma": "language", "lang": "language",
        "superseded": "superseded", "reemplazadas": "superseded", "reemplazada": "superseded",
    ]

    /// The filters, for messages: their English names, then their Spanish ones.
    public static let filterNames = "from:, to:, body:, topic:, kind:, attendee:, language:, superseded:, "
        + "or in Spanish desde:, hasta:, órgano:, tema:, tipo:, asistente:, idioma:, reemplazadas:"

    /// Names before a colon that begin links, not filters (`mailto:ana@example.org`).
    private static let linkSchemes: Set<String> = ["http", "https", "ftp", "ftps", "file", "mailto", "tel", "urn", "www"]

    /// Whether `name:value`, whose name is no filter, reads as an attempt at one (an error)
    /// rather than as text: a name of letters only with a value after the colon (`fecha:2006`,
    /// `x:y`, `fecha:"marzo de 2006"`). Text: a time or a number (`10:30`, name not letters), a
    /// word ending in a colon (`Acuerdos:`, no value), a link (`https://...`, `mailto:...`).
    private static func isFilterLike(name: String, value: String, quoted: Bool) -> Bool {
        guard !name.isEmpty, name.allSatisfy(\.isLetter), !linkSchemes.contains(name) else { return false }
        if quoted { return true }
        guard let first = value.first else { return false }
        return first != "/"
    }

    /// Refuses a period that ends before it starts.
    /// - Throws: ``Invalid`` when ``to`` is before ``from``.
    public func checkPeriod() throws {
        if let from, let to, to < from {
            throw Invalid(message: "the period ends before it starts: from \(from) to \(to)")
        }
    }

    /// Sets a filter by name (also used by the CLI's options).
    /// - Throws: ``Invalid`` for a malformed date, kind or language.
    public mutating func setFilter(_ key: String, _ value: String, negative: Bool = false) throws {
        guard !negative else { throw Invalid(message: "a filter cannot be excluded with - or NOT: \(key):\(value)") }
        guard !value.isEmpty else { throw Invalid(message: "the filter \(key): needs a value") }
        switch key {
        case "from": from = try Self.date(value, end: false)
        case "to": to = try Self.date(value, end: true)
        case "body": body = value
        case "topic": topic = value
        case "attendee": attendee = value
        case "kind":
            guard let k = Record.Kind(named: value) else {
                throw Invalid(message: "unknown kind '\(value)': give \(Record.Kind.namesForMessages)")
            }
            kind = k.rawValue
        case "language":
            guard value.count == 2, value.allSatisfy(\.isLetter) else { throw Invalid(message: "language must be a two-letter code such as es or en") }
            language = value.lowercased()
        case "superseded":
            switch Folding.key(value) {
            case "yes", "si", "true", "1": superseded = true
            case "no", "false", "0": superseded = false
            default: throw Invalid(message: "superseded: must be yes or no, got \(value)")
            }
        default: throw Invalid(message: "unknown filter \(key)")
        }
    }

    /// `2006`, `2006-03` or `2006-03-14`, as the first (or last) day it covers.
    static func date(_ s: String, end: Bool) throws -> String {
        let parts = s.split(separator: "-").map(String.init)
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), parts[0].count == 4 else {
            throw Invalid(message: "'\(s)' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        }
        let m = parts.count > 1 ? Int(parts[1]) ?? 0 : (end ? 12 : 1)
        guard (1...12).contains(m) else { throw Invalid(message: "'\(s)' has no month \(m)") }
        let lastDay = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        let d = parts.count > 2 ? Int(parts[2]) ?? 0 : (end ? lastDay : 1)
        guard (1...lastDay).contains(d) else { throw Invalid(message: "'\(s)' has no day \(d)") }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}
