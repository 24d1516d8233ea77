import Foundation
import RelatoriaCore

/// A vote count written in a sentence, in the forms deliberative bodies write it:
/// "86 votos a favor, 2 en contra, 0 abstenciones", "8 for, 0 against, 0 abstain",
/// "approved 9-0", "Aprobado con 5-1-2", "adopted 7-2", "23 Yes / 3 No", "Against: 1",
/// "9 for 0 opposed", "19 voted for, 1 voted against", "9 votes in favour and nil against".
struct Tally: Equatable {
    var inFavour: Int?
    var against: Int
    var abstentions: Int?

    /// True when the count says the proposal passed (more for than against), and no word of
    /// the sentence says it failed.
    var passed: Bool { (inFavour ?? 0) > against }

    private static let favour = #"(?:votos?\s+|votes\s+|voted\s+)?(?:a\s+favor|for|in\s+favou?r|yes|yeas|ayes|si|afirmativos?)"#
    private static let contra = #"(?:votos?\s+|votes\s+|voted\s+)?(?:en\s+contra|against|no|noes|nays|negativos?|opposed)"#
    /// "86 votos a favor, 2 en contra": the number before each word.
    private static let counted = regex(#"\b(\d{1,4})\s*"# + favour + #"\b[^0-9]{0,30}?\b(\d{1,4}|nil|none|zero|cero|ninguno)\s*"# + contra + #"\b(?:[^0-9]{0,30}?\b(\d{1,4})\s*(?:votos?\s+)?(?:abstenciones|abstenci[oó]n|abstentions?|abstain(?:ed|s)?|no\s+opinion))?"#)
    /// "For: 7, Against: 1": the number after each word.
    private static let labelled = regex(#"\b(?:a\s+favor|for|in\s+favou?r|yes)\s*[:=]\s*(\d{1,4})[^0-9]{0,30}?\b(?:en\s+contra|against|no)\s*[:=]\s*(\d{1,4})(?:[^0-9]{0,30}?\b(?:abstenciones|abstentions?|abstain)\s*[:=]\s*(\d{1,4}))?"#)
    /// "approved 9-0", "aprobado con 5-1-2", "carried 6-4", "adopted by 7 votes to 2": only
    /// connecting words between the verb and the count ("carried out on 17-19 October" is none).
    private static let dashed = regex(#"\b(?:approved|adopted|carried|passed|accepted|rejected|defeated|failed|aprobad[oa]s?|rechazad[oa]s?|adoptad[oa]s?|votaci[oó]n|vote|voted)(?:\s+(?:by|with|con|por|en|of|a|unanimously|the|vote|votes|votos?|de|la|una|votaci[oó]n|is|was|fue)){0,3}[\s:]*(\d{1,3})\s*(?:votes?|votos?)?\s*(?:[-–—]|to|a)\s*(\d{1,3})(?:\s*[-–—]\s*(\d{1,3}))?\b(?![-–/.:]\d)"#)
    /// "Against: 1" alone.
    private static let againstOnly = regex(#"\b(?:against|en\s+contra)\s*:\s*(\d{1,4})\b"#)
    /// "passed by show of hands, 1 against", "aprobada, 2 en contra": the count against alone.
    /// (After a comma, a bracket or "and" / "with": "US$ 131,800 against a budget" is no vote.)
    private static let countAgainst = regex(#"(?:^|[,;(]\s+|\b(?:and|with|y|con)\s+)(\d{1,3})\s+(?:votes?\s+|votos?\s+)?(?:against|opposed|en\s+contra)\b"#)

    private static func regex(_ p: String) -> ICURegex {
        do { return try ICURegex(p, caseInsensitive: true) } catch { preconditionFailure("invalid pattern \(p): \(error)") }
    }

    /// A count as written: digits, or a word for none ("nil against", "ninguno en contra").
    private static func number(_ s: String) -> Int? {
        Int(s) ?? (["nil", "none", "zero", "cero", "ninguno"].contains(s.lowercased()) ? 0 : nil)
    }

    /// The numbers of the groups of the first match of `regex` in `units` (nil for a group
    /// that took no part), or nil when it does not match.
    private static func groups(_ regex: ICURegex, _ units: [UInt16], count: Int) -> [Int?]? {
        var out: [Int?]?
        units.withUnsafeBufferPointer { u in
            regex.forEachMatch(in: u) { group in
                out = (1...count).map { i in group(i).flatMap { r in number(String(decoding: units[r], as: UTF16.self)) } }
                return false
            }
        }
        return out
    }

    /// A word every form above holds (in any case, part of a word): most texts have none, and
    /// skip the four expressions. The text's bytes are lowered once (ASCII capitals only; no
    /// other byte becomes a letter) and each stem looked for in them.
    private static let voteStems: [[UInt8]] = ["against", "contra", "favo", "approv", "aprob", "carried", "adopt", "rechaz", "reject", "vot",
                                               "pass", "fail", "defeat", "accept", "oppos", "yes", "ayes", "noes", "nays", "yeas", "afirmativ", "negativ"]
        .map { Array($0.utf8) }

    /// Whether `text` holds a digit and a vote word, which every tally does.
    static func mayHoldVote(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            guard let base = b.baseAddress else { return false }
            let n = b.count
            let lowered = UnsafeMutablePointer<UInt8>.allocate(capacity: n)
            defer { lowered.deallocate() }
            var digit = false
            var i = 0
            while i < n {
                let c = base[i]
                if c &- 0x30 < 10 { digit = true }
                lowered[i] = c &- 0x41 < 26 ? c | 0x20 : c
                i += 1
            }
            guard digit else { return false }
            let hay = UnsafeBufferPointer(start: lowered, count: n)
            return voteStems.contains { ByteSearch.firstOffset(of: $0, in: hay) != nil }
        }
    }

    /// The tally a sentence states, or nil.
    static func read(_ sentence: String) -> Tally? {
        guard mayHoldVote(sentence) else { return nil }
        let units = Array(sentence.utf16)
        for p in [counted, labelled, dashed] {
            if let g = groups(p, units, count: 3), let a = g[0], let b = g[1] {
                return Tally(inFavour: a, against: b, abstentions: g[2])
            }
        }
        if let g = groups(againstOnly, units, count: 1), let b = g[0] { return Tally(inFavour: nil, against: b) }
        if ["gainst", "GAINST", "pposed", "PPOSED", "ontra", "ONTRA"].contains(where: { sentence.containsBytes($0) }),
           let g = groups(countAgainst, units, count: 1), let b = g[0] { return Tally(inFavour: nil, against: b) }
        return nil
    }
}
