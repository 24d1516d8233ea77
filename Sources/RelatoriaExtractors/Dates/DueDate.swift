import Foundation
import RelatoriaCore

/// Works out an action's due date from the words that state it.
///
/// A full date is taken as written; a day and month take the meeting's year (the next year
/// when that falls before the meeting); "the end of May" is its last day; "la próxima
/// reunión" is the next meeting's date when the document gives it; "by Friday" is the first
/// Friday after the meeting. A month alone, a period or "within two weeks" gives no date.
enum DueDate {
    static func resolve(_ text: String, ctx: ExtractionContext, labelled: Bool) -> String? {
        let f = FoldedText(text)
        let found = ctx.dates.dates(in: f, dayFirst: ctx.dayFirst)
        let dueCues = ctx.lexicon.cue("due")
        // In running text only a date introduced as a deadline counts.
        let candidates = labelled ? found : found.filter { d in
            let before = Folding.fold(f.text(max(0, d.range.lowerBound - 30)..<d.range.lowerBound))
            return dueCues.contains { before.hasSuffix($0 + " ") || before.hasSuffix($0 + " el ") || before.hasSuffix($0 + " the ") }
                || Patterns.deadlineLeadIn.firstRange(in: before) != nil
        }
        if let d = candidates.last {
            if d.year != nil { return d.iso() }
            guard let y = ctx.meetingYear else { return nil }
            if let iso = d.iso(fallbackYear: y), let meeting = ctx.meetingDate, iso < meeting, !d.endOfMonth {
                return d.iso(fallbackYear: y + 1)
            }
            return d.iso(fallbackYear: y)
        }
        if ctx.lexicon.firstCue("next_meeting", in: f) != nil { return ctx.nextMeetingDate }
        return weekday(after: f, dueCues: dueCues, ctx: ctx)
    }

    /// "by Friday", "antes del viernes", "by next Tuesday": the first such weekday after the
    /// meeting's date (a week on when the meeting fell on it), nil without a meeting date.
    private static func weekday(after f: FoldedText, dueCues: [String], ctx: ExtractionContext) -> String? {
        let days = ctx.lexicon.weekdays
        guard !days.isEmpty, days.count % 7 == 0, let meeting = ctx.meetingDate, let start = isoDate(meeting) else { return nil }
        let folded = Folding.fold(f.text(0..<f.count))
        let fillers = ["", "el ", "the ", "next ", "this ", "proximo ", "el proximo ", "este "]
        // (Calendar weekdays run from Sunday = 1; the lexicon's from Monday.)
        let meetingDay = (calendar.component(.weekday, from: start) + 5) % 7
        for (n, day) in days.enumerated() {
            var from = folded.startIndex
            while let r = folded.range(of: day, range: from..<folded.endIndex) {
                from = r.upperBound
                // (A whole word, after a due cue and perhaps "el", "the", "next", "this", "próximo".)
                if r.lowerBound > folded.startIndex, folded[folded.index(before: r.lowerBound)].isLetter { continue }
                if r.upperBound < folded.endIndex, folded[r.upperBound].isLetter { continue }
                let before = String(folded[..<r.lowerBound].suffix(30))
                guard dueCues.contains(where: { cue in fillers.contains { before.hasSuffix(" " + cue + " " + $0) || before == cue + " " + $0 } }) else { continue }
                var ahead = (n % 7 - meetingDay + 7) % 7
                if ahead == 0 { ahead = 7 }
                guard let due = calendar.date(byAdding: .day, value: ahead, to: start) else { return nil }
                let c = calendar.dateComponents([.year, .month, .day], from: due)
                return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
            }
        }
        return nil
    }

    /// The Gregorian calendar in UTC, in which the meeting's date and its deadlines are days.
    private static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    private static func isoDate(_ iso: String) -> Date? {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    /// The task without its trailing deadline phrase ("..., antes del 15 de marzo").
    static func removeDeadline(from text: String, ctx: ExtractionContext) -> String {
        var t = text.trimming(ascii: ". ")
        // A deadline set off by commas inside the sentence: "circular, antes de la próxima reunión, el estudio".
        t = Patterns.deadlineClause.replacing(in: t, with: "")
        if let r = Patterns.trailingDeadline.firstRange(in: t), t.distance(from: t.startIndex, to: r.lowerBound) > 12 {
            return String(t[..<r.lowerBound])
        }
        return t
    }

    /// The date of the next meeting, when the document announces it.
    static func nextMeeting(_ ctx: ExtractionContext) -> String? {
        let cueKeys = ctx.lexicon.cueKey("next_meeting").map(\.key)
        // Blocks share labels and hints (a style's classes): each combination looked at once.
        var labelledBy: [String: Bool] = [:]
        for b in ctx.blocks.reversed() {
            var labelled = false
            if b.label != nil || !b.hints.isEmpty {
                let label = (b.label.map { GenericLabel.split($0) } ?? "") + " " + b.hints.joined(separator: " ")
                if let known = labelledBy[label] {
                    labelled = known
                } else {
                    let labelKey = Folding.key(label)
                    labelled = cueKeys.contains(where: { labelKey.containsASCII($0) })
                    labelledBy[label] = labelled
                }
            }
            let text = FoldedText(b.text)
            let cue = ctx.lexicon.firstCue("next_meeting", in: text)
            guard labelled || cue != nil else { continue }
            // The date must follow the cue closely: "Próxima reunión: 9 de junio", "the next meeting on 5 May".
            for d in ctx.dates.dates(in: text, dayFirst: ctx.dayFirst) {
                if let c = cue, !(d.range.lowerBound >= c.upperBound && d.range.lowerBound - c.upperBound <= 40) { continue }
                if d.year != nil { return d.iso() }
                if let y = ctx.meetingYear { return d.iso(fallbackYear: y) }
            }
        }
        return nil
    }
}
