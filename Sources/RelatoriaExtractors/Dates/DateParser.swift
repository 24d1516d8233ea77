import Foundation
import RelatoriaCore

/// A date found in text: a full calendar date, or a day and month whose year comes from context.
struct DateMatch {
    /// Character offsets in the text searched.
    var range: Range<Int>
    var year: Int?
    var month: Int
    var day: Int
    /// True for "the end of May": the last day of the month.
    var endOfMonth = false

    /// `YYYY-MM-DD`, with `fallbackYear` when the text gave none.
    func iso(fallbackYear: Int? = nil) -> String? {
        guard let y = year ?? fallbackYear else { return nil }
        let d = endOfMonth ? DateParser.daysIn(month: month, year: y) : day
        guard DateParser.valid(y, month, d) else { return nil }
        return DateParser.iso(y, month, d)
    }
}

/// Finds dates in Spanish and English text in the forms secretariats write them.
///
/// `14 de marzo de 2006`, `marzo 14 de 2006`, `14 de marzo del 2006`, `a los catorce días del mes
/// de marzo de dos mil seis`, `14.III.2006`, `14-mar-06`, `14/03/2006` (day first unless the
/// document is in English), `3/14/2006`, ISO, `November 21, 2006`, `7 June 2005`, ranges
/// (`22 y 23 de agosto de 2005`, first day), and day-month forms with no year (`martes 14 de marzo`).
final class DateParser: @unchecked Sendable {
    private let lexicon: Lexicon
    private let patterns: [(ICURegex, Form)]
    /// The month names anywhere in a text: every form but four needs one.
    private let monthNames: CueMatcher
    /// A date glued together in a file name: "02ago07", "9feb2005", "ReportMREC_02mar06".
    private let glued: ICURegex?

    private enum Form { case words, dayWords, dmy, mdy, ordinalOf, roman, dMonY, iso, yearFirst, numeric, dm, md, endOfMonth }

    init(lexicon: Lexicon) {
        self.lexicon = lexicon
        monthNames = CueMatcher(Array(lexicon.months.keys), wordBoundaries: false)
        let months = lexicon.months.keys.sorted { $0.count > $1.count }.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        let weekdays = lexicon.weekdays.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        let numberWords = lexicon.numbers.keys.sorted { $0.count > $1.count }.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        let M = "(\(months.isEmpty ? "x^" : months))\\.?"
        let sep = "(?:\\s*(?:y|al|a|-|–|and|to|&)\\s*\\d{1,2}(?:st|nd|rd|th)?)?"
        let specs: [(String, Form)] = [
            ("\\b(?:a\\s+)?(?:los|el)\\s+(\(numberWords.isEmpty ? "x^" : numberWords)|\\d{1,2})\\s+(?:\\(\\d{1,2}\\)\\s+)?dias?\\s+del\\s+mes\\s+de\\s+\(M)\\s+(?:de|del)\\s+(?:ano\\s+)?((?:dos\\s+)?mil(?:\\s+(?:y\\s+)?[a-z]+){0,3}|\\d{4})", .words),
            ("\\b(\\d{1,2})(?:o|º|°|er|st|nd|rd|th)?\\.?\(sep)\\s*(?:de\\s+)?\(M),?\\s+(?:de(?:l)?\\s+)?(?:ano\\s+)?(\\d{4})\\b", .dmy),
            ("\\b\(M)\\s+(\\d{1,2})(?:st|nd|rd|th)?\(sep),?\\s+(?:de(?:l)?\\s+)?(\\d{4})\\b", .mdy),
            ("\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:day\\s+)?of\\s+\(M),?\\s+(\\d{4})\\b", .ordinalOf),
            // "el viernes veintinueve de septiembre de dos mil seis": a day in words, with or without a weekday.
            ("\\b(?:(?:\(weekdays.isEmpty ? "x^" : weekdays)),?\\s+)?(?:el\\s+)?(\(numberWords.isEmpty ? "x^" : numberWords))\\s+(?:\\(\\d{1,2}\\)\\s+)?de\\s+\(M)\\s+(?:de|del)\\s+(?:ano\\s+)?((?:dos\\s+)?mil(?:\\s+(?:y\\s+)?[a-z]+){0,3}|\\d{4})", .dayWords),
            // Roman-numeral months: "14.III.2006", "2-VIII-2007", "8/VI/2005" (one separator throughout).
            ("\\b(\\d{1,2})([./-])([ivx]{1,4})\\2(\\d{4})\\b", .roman),
            ("\\b(\\d{1,2})[-/ ]\(M)[-/ ](\\d{4}|\\d{2})\\b", .dMonY),
            // (With its time: "2024-09-25T14:00:12".)
            ("\\b(\\d{4})-(\\d{2})-(\\d{2})(?:\\b|(?=[Tt]\\d))", .iso),
            // The year first with dots or slashes: "2013.08.31", "2013/08/31" (one separator throughout).
            ("\\b(\\d{4})([./])(\\d{2})\\2(\\d{2})\\b(?![./]\\d)", .yearFirst),
            ("\\b(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}|\\d{2})\\b", .numeric),
            ("(?:\\b(?:fin(?:es|al)?\\s+de|end\\s+of|the\\s+end\\s+of|ultimo\\s+dia\\s+de)\\s+)\(M)(?:\\s+(?:de\\s+)?(\\d{4}))?", .endOfMonth),
            ("\\b(?:(?:\(weekdays.isEmpty ? "x^" : weekdays)),?\\s+)?(\\d{1,2})(?:o|º|°|er|st|nd|rd|th)?\\.?\(sep)\\s+(?:de\\s+|of\\s+)?\(M)(?![a-z])", .dm),
            ("\\b\(M)\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?!\\s*[:.]\\d)", .md),
        ]
        glued = try? ICURegex("(?<![0-9])(\\d{1,2})(\(months.isEmpty ? "x^" : months))(\\d{4}|\\d{2})(?![0-9])")
        patterns = specs.compactMap { spec in
            (try? ICURegex(spec.0)).map { ($0, spec.1) }
        }
    }

    /// Every date in `text`, earliest first; where forms overlap, the longest wins.
    /// - Parameter dayFirst: read `3/4/2006` as 3 April (Spanish) rather than March 4 (English).
    func dates(in text: FoldedText, dayFirst: Bool) -> [DateMatch] {
        var found: [DateMatch] = []
        // Every form but the worded and end-of-month ones needs a digit (ICU's \d: any decimal
        // digit); most sentences have none, and skip those expressions.
        let hasDigit = text.units.contains { u in
            (u >= 0x30 && u <= 0x39) || (u >= 0x80 && Unicode.Scalar(u)?.properties.generalCategory == .decimalNumber)
        }
        // Literal text each form needs (as the expressions above spell it), looked for before
        // an expression runs: most texts have no month name, and those skip eight of them.
        let units = text.units
        // (Which punctuation the text holds, found in one pass: the forms ask for ".", "-", "/"
        // again and again.)
        var hasDot = false, hasDash = false, hasSlash = false
        for u in units where u < 0x30 {
            if u == 0x2E { hasDot = true } else if u == 0x2D { hasDash = true } else if u == 0x2F { hasSlash = true }
        }
        func has(_ literal: String) -> Bool {
            switch literal {
            case ".": return hasDot
            case "-": return hasDash
            case "/": return hasSlash
            default: break
            }
            let l = Array(literal.utf16)
            guard l.count <= units.count else { return false }
            return (0...(units.count - l.count)).contains { p in units[p] == l[0] && (1..<l.count).allSatisfy { units[p + $0] == l[$0] } }
        }
        lazy var hasMonth = monthNames.first(in: text) != nil
        // In the six forms of a day and month, the month name is followed by a full stop,
        // a comma, whitespace, a dash or a slash, or (day-month) anything but a letter a-z.
        lazy var hasMonthWord = monthNames.occurs(in: units) { next in next.map { !(0x61...0x7A).contains($0) } ?? true }
        func possible(_ form: Form) -> Bool {
            switch form {
            case .words: return has("mes")
            case .dayWords: return hasMonth
            case .endOfMonth: return (has("fin") || has("end") || has("ultimo")) && hasMonth
            case .roman: return hasDigit && (has(".") || has("-") || has("/"))
            case .iso: return hasDigit && has("-")
            case .yearFirst: return hasDigit && (has(".") || has("/"))
            case .numeric: return hasDigit && (has("/") || has(".") || has("-"))
            case .dmy, .mdy, .ordinalOf, .dMonY, .dm, .md: return hasDigit && hasMonthWord
            }
        }
        // Matched on the folded units themselves (offsets in units are Character offsets).
        units.withUnsafeBufferPointer { u in
            for (regex, form) in patterns where possible(form) {
                regex.forEachMatch(in: u) { group in
                    if let d = parse(group, form: form, text: text, dayFirst: dayFirst) { found.append(d) }
                    return true
                }
            }
        }
        found.sort { $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count }
        var out: [DateMatch] = []
        for d in found {
            if let last = out.last, d.range.overlaps(last.range) {
                // Prefer a full date over a partial one covering the same words: "Friday, 26 January
                // 2007" is read as a weekday and day-month from "Friday" and as a full date from "26".
                if last.year == nil, d.year != nil, d.range.upperBound >= last.range.upperBound { out[out.count - 1] = d }
                continue
            }
            out.append(d)
        }
        return out
    }

    private func parse(_ group: (Int) -> Range<Int>?, form: Form, text: FoldedText, dayFirst: Bool) -> DateMatch? {
        func g(_ i: Int) -> String? { group(i).map { text.foldedText($0) } }
        func month(_ s: String?) -> Int? { s.flatMap { lexicon.months[$0.trimming(ascii: ".")] } }
        guard let range = group(0) else { return nil }
        // "Meeting #2 Dec 14, 2016": a number after "#" counts something, it is no day.
        if range.lowerBound > 0, text.units[range.lowerBound - 1] == 0x23 { return nil }
        var y: Int?, mo: Int?, d: Int?
        var end = false
        switch form {
        case .words:
            d = g(1).flatMap { lexicon.numbers[$0] ?? Int($0) }
            mo = month(g(2))
            y = g(3).flatMap { Int($0) ?? yearWords($0) }
        case .dmy:
            d = g(1).flatMap { Int($0) }; mo = month(g(2)); y = g(3).flatMap { Int($0) }
        case .mdy:
            mo = month(g(1)); d = g(2).flatMap { Int($0) }; y = g(3).flatMap { Int($0) }
        case .ordinalOf:
            d = g(1).flatMap { Int($0) }; mo = month(g(2)); y = g(3).flatMap { Int($0) }
        case .dayWords:
            d = g(1).flatMap { lexicon.numbers[$0] }
            mo = month(g(2))
            y = g(3).flatMap { Int($0) ?? yearWords($0) }
        case .roman:
            d = g(1).flatMap { Int($0) }; mo = g(3).flatMap(Self.roman); y = g(4).flatMap { Int($0) }
        case .dMonY:
            d = g(1).flatMap { Int($0) }; mo = month(g(2)); y = g(3).flatMap { Int($0) }.map(Self.fullYear)
        case .iso:
            y = g(1).flatMap { Int($0) }; mo = g(2).flatMap { Int($0) }; d = g(3).flatMap { Int($0) }
        case .yearFirst:
            y = g(1).flatMap { Int($0) }; mo = g(3).flatMap { Int($0) }; d = g(4).flatMap { Int($0) }
        case .numeric:
            guard let a = g(1).flatMap({ Int($0) }), let b = g(2).flatMap({ Int($0) }), let c = g(3).flatMap({ Int($0) }) else { return nil }
            // "version 3.1.12", "release 2.10.31", "v2.1.12": a version number, no date.
            if text.foldedText(range).contains("."),
               Self.versionBefore.firstRange(in: text.foldedText(max(0, range.lowerBound - 12)..<range.lowerBound)) != nil { return nil }
            y = Self.fullYear(c)
            // (Dots are the day-first writing whatever the language: "09.03.2021" is 9 March in
            // English text too; month-first dates are written with slashes.)
            let dotted = text.foldedText(range).contains(".")
            if a > 12 { d = a; mo = b } else if b > 12 { mo = a; d = b } else if dayFirst || dotted { d = a; mo = b } else { mo = a; d = b }
        case .endOfMonth:
            mo = month(g(1)); y = g(2).flatMap { Int($0) }; d = 1; end = true
        case .dm:
            d = g(1).flatMap { Int($0) }; mo = month(g(2))
        case .md:
            mo = month(g(1)); d = g(2).flatMap { Int($0) }
        }
        // "... de mayo de dos mil" at the very end of a line: a heading cut before the rest of
        // its year ("veinticuatro" on the next line), not the year 2000.
        if form == .words || form == .dayWords, y == 2000, range.upperBound >= text.count, g(3)?.hasSuffix("mil") == true { return nil }
        guard let mo, let d, (1...12).contains(mo), (1...31).contains(d) else { return nil }
        if let y, !(1900...2100).contains(y) { return nil }
        if let y, !end, !Self.valid(y, mo, d) { return nil }
        return DateMatch(range: range, year: y, month: mo, day: d, endOfMonth: end)
    }

    /// The words before a version number: "version", "versión", "release", "rev", "build", "v".
    private static let versionBefore = Pattern(#"(?:\b(?:version|versión|version:|release|rev|revision|build)\s*|\bv)$"#)

    /// The date a file name gives ("acta-2005-06-08.docx", "ActaREI_02ago07.md",
    /// "minutes 7 June 2005.odt"), or nil. Numeric day-month orders other than ISO are read
    /// day first, as in the text of the same language would be.
    func fileNameDate(_ name: String, dayFirst: Bool) -> DateMatch? {
        var base = name
        if let dot = base.lastIndex(of: "."), base.distance(from: dot, to: base.endIndex) <= 6 { base = String(base[..<dot]) }
        let spaced = String(base.map { $0 == "_" ? " " : $0 })
        let text = FoldedText(spaced)
        if let d = dates(in: text, dayFirst: dayFirst).first(where: { $0.year != nil }) { return d }
        guard let glued else { return nil }
        var found: DateMatch?
        text.units.withUnsafeBufferPointer { u in
            glued.forEachMatch(in: u) { group in
                guard let r = group(0), let dr = group(1), let mr = group(2), let yr = group(3),
                      let d = Int(text.foldedText(dr)), let mo = lexicon.months[text.foldedText(mr)],
                      let y = Int(text.foldedText(yr)).map(Self.fullYear), Self.valid(y, mo, d) else { return true }
                found = DateMatch(range: r, year: y, month: mo, day: d)
                return false
            }
        }
        return found
    }

    /// The order of numeric dates a text shows by itself: true when one reads only day first
    /// ("24/07/2007"), false when one reads only month first ("7/24/2007"), nil when none
    /// tells (or they disagree).
    static func numericOrder(in text: String) -> Bool? { numericDates(in: text).order }

    /// What ``numericOrder(in:)`` answers, and whether the text holds a numeric date that
    /// reads both ways ("06/04/2006"): without one, the order does not matter.
    static func numericDates(in text: String) -> (order: Bool?, ambiguous: Bool) {
        var dayFirst = false, monthFirst = false, ambiguous = false
        // Walked once over the bytes: runs of digits and the separators between them.
        let b = Array(text.utf8.prefix(60_000))
        b.withUnsafeBufferPointer { p in
            let n = p.count
            @inline(__always) func digit(_ i: Int) -> Bool { i >= 0 && i < n && p[i] >= 0x30 && p[i] <= 0x39 }
            // The value and end of the run of 1...4 digits at i (none if a digit precedes or a fifth follows).
            @inline(__always) func number(_ i: Int) -> (Int, Int)? {
                guard digit(i), !digit(i - 1) else { return nil }
                var j = i, v = 0
                while digit(j), j - i < 4 { v = v * 10 + Int(p[j] - 0x30); j += 1 }
                return digit(j) ? nil : (v, j)
            }
            var i = 0
            while i < n {
                guard p[i] >= 0x30 && p[i] <= 0x39, let (a, aEnd) = number(i) else { i += 1; continue }
                guard aEnd - i <= 2, aEnd < n else { i = aEnd; continue }
                let sep = p[aEnd]
                guard sep == 0x2F || sep == 0x2E || sep == 0x2D, let (m, mEnd) = number(aEnd + 1), mEnd - aEnd - 1 <= 2, mEnd < n, p[mEnd] == sep,
                      let (_, yEnd) = number(mEnd + 1), yEnd - mEnd - 1 == 2 || yEnd - mEnd - 1 == 4 else { i = aEnd; continue }
                if a > 12, a <= 31, (1...12).contains(m) { dayFirst = true }
                if m > 12, m <= 31, (1...12).contains(a) { monthFirst = true }
                if (1...12).contains(a), (1...12).contains(m), a != m { ambiguous = true }
                i = yEnd
            }
        }
        return (dayFirst == monthFirst ? nil : dayFirst, ambiguous)
    }

    /// "dos mil seis" → 2006.
    private func yearWords(_ s: String) -> Int? {
        let words = s.wordsAtSpaces().map(String.init).filter { $0 != "y" }
        var total = 0, i = 0
        if words.first == "dos", words.dropFirst().first == "mil" { total = 2000; i = 2 } else if words.first == "mil" { total = 1000; i = 1 } else { return nil }
        var rest = words[i...].joined(separator: " ")
        if rest.isEmpty { return total }
        if rest.hasPrefix("novecientos ") { total += 900; rest = String(rest.dropFirst("novecientos ".count)) }
        if let n = lexicon.numbers[rest] { return total + n }
        let parts = rest.wordsAtSpaces().map(String.init)
        var sum = 0
        let tens = ["diez": 10, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90]
        for p in parts {
            if let t = tens[p] { sum += t } else if let n = lexicon.numbers[p] { sum += n } else { return nil }
        }
        return total + sum
    }

    static func roman(_ s: String) -> Int? {
        ["i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11, "xii": 12][s]
    }

    /// `YYYY-MM-DD`, as `String(format: "%04d-%02d-%02d")` writes it (without its cost: a
    /// tenth of a document's date parsing).
    static func iso(_ y: Int, _ m: Int, _ d: Int) -> String {
        guard y >= 0, m >= 0, d >= 0 else { return String(format: "%04d-%02d-%02d", y, m, d) }
        func padded(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.utf8.count >= width ? s : String(repeating: "0", count: width - s.utf8.count) + s
        }
        return padded(y, 4) + "-" + padded(m, 2) + "-" + padded(d, 2)
    }

    static func fullYear(_ y: Int) -> Int { y >= 100 ? y : (y < 70 ? 2000 + y : 1900 + y) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func valid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        (1...12).contains(m) && d >= 1 && d <= daysIn(month: m, year: y)
    }
}
