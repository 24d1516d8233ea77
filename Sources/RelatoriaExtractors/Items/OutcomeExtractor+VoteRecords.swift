import Foundation
import RelatoriaCore

/// Votes kept as data records (issue 18): a structured document, an XML export of a chamber's
/// or a board's votes, writes each vote as one record of labelled fields: what was voted
/// ("Articulo", "Titulo", "Motion"), its result ("Resultado: Aprobado", "Result: Carried") and
/// its counts ("TotalAfirmativos 123", "TotalNegativos 17", "AFavor", "EnContra", "Ayes",
/// "Noes"). Each such record is read as a row of a motions table: a decision when it passed, a
/// dissent when votes were cast against it.
extension OutcomeExtractor {
    /// The words a count's label ends on, by what it counts ("Total Afirmativos", "A favor",
    /// "Votes against", "Abstenciones"). ("No" counts against only as the whole label: "No
    /// votan" is who did not vote.)
    private static let favourWords: Set<String> = ["afirmativos", "afirmativo", "favor", "afavor", "si", "yes", "yeas", "yea", "ayes", "aye", "for", "favour"]
    private static let againstWords: Set<String> = ["negativos", "negativo", "contra", "encontra", "noes", "nays", "nay", "against", "opposed"]
    private static let abstentionWords: Set<String> = ["abstenciones", "abstencion", "abstentions", "abstention", "abstain", "abstained", "abstaining"]

    /// The record a block of a structured document belongs to: the path of its element's
    /// parent (`votaciones, votacion` for `votaciones, votacion, resultado`), nil for a block
    /// that is not a labelled element of a record.
    static func recordPath(_ b: Block) -> ArraySlice<String>? {
        guard b.label != nil, b.hints.count >= 2 else { return nil }
        return b.hints.dropLast()
    }

    /// Reads the vote records of the document into decisions and dissent; returns the indices
    /// of the blocks they took, which are not read again as running text.
    mutating func voteRecords() -> Set<Int> {
        var taken = Set<Int>()
        guard ctx.kind != .agenda, ctx.blocks.contains(where: { $0.label != nil && !$0.hints.isEmpty }) else { return taken }
        let statuses = Set(ctx.lexicon.cue("status_columns").map { Folding.key($0) })
        let subjects = Set((ctx.lexicon.cue("motion_columns") + ctx.lexicon.cue("subject_labels")).map { Folding.key($0) })
        let blocks = ctx.blocks
        var i = 0
        while i < blocks.count {
            // A record written as one row of its fields ("<vote><title>…</title><ayes>14</ayes>…").
            if blocks[i].fields.count >= 2 {
                let entries = blocks[i].fields.sorted { $0.key < $1.key }.map { (Folding.key($0.key), $0.value.trimmingSpaces()) }
                if voteRecord(entries, block: i, statuses: statuses, subjects: subjects) { taken.insert(i) }
                i += 1
                continue
            }
            guard let parent = Self.recordPath(blocks[i]) else { i += 1; continue }
            // One record: the blocks of the same parent until a label comes again (the next
            // record's first field), with the fields of elements nested in it ("<Sesion><ID>").
            var seen = Set<String>(), end = i
            while end < blocks.count, let path = Self.recordPath(blocks[end]), path.starts(with: parent) {
                if path.count == parent.count {
                    guard let label = blocks[end].label.map(Folding.key), seen.insert(label).inserted else { break }
                }
                end += 1
            }
            end = max(end, i + 1)
            // (The element's name as its words: "TotalAfirmativos" is "total afirmativos".)
            let entries = (i..<end).filter { blocks[$0].hints.count == parent.count + 1 && blocks[$0].fields.count < 2 }
                .map { (Folding.key(blocks[$0].hints.last ?? blocks[$0].label ?? ""), ctx.fieldValue(blocks[$0]).trimmingSpaces()) }
            if voteRecord(entries, block: i, statuses: statuses, subjects: subjects) { taken.formUnion(i..<end) }
            i = end
        }
        return taken
    }

    /// One record's fields (its element names as words, their values): a decision and a
    /// dissent when they give what was voted and its result or counts; false when they do not.
    private mutating func voteRecord(_ entries: [(key: String, value: String)], block i: Int, statuses: Set<String>, subjects: Set<String>) -> Bool {
        var status: String?, subject: (text: String, labelled: Bool)?
        var counts: [(number: Int, words: String, kind: Int)] = []
        for (key, value) in entries where !value.isEmpty {
            if statuses.contains(key) {
                status = value
            } else if let n = Int(value), n >= 0, n < 100_000, let kind = Self.countKind(key) {
                // ("Total Afirmativos" → "123 afirmativos".)
                let words = key.wordsAtSpaces().filter { $0 != "total" && $0 != "votos" && $0 != "votes" }.joined(separator: " ")
                counts.append((n, words, kind))
            } else if subjects.contains(key), value.wordsAtSpaces().count >= 2 {
                subject = (value, true)
            } else if subject?.labelled != true, value.wordsAtSpaces().count >= 5, value.count > subject?.text.count ?? 0 {
                // Else the longest text of the record is what was voted.
                subject = (value, false)
            }
        }
        let favour = counts.first { $0.kind == 0 }, against = counts.first { $0.kind == 1 }
        guard let subject, status != nil || (favour != nil && against != nil) else { return false }
        let counted = counts.sorted { $0.kind < $1.kind }.map { "\($0.number) \($0.words)" }.joined(separator: ", ")
        let said = [status, counted.isEmpty ? nil : status == nil ? counted : "(" + counted + ")"].compactMap { $0 }.joined(separator: " ")
        // (Without a result, the count decides, as a count in running text does.)
        let passedByCount = status == nil ? (favour?.number ?? 0) > (against?.number ?? 0) : nil
        motionRow(i, motion: subject.text, status: said, passedByCount: passedByCount, against: against?.number, via: "vote-record")
        return true
    }

    /// 0 for a label that counts votes in favour, 1 against, 2 abstentions; nil for another.
    private static func countKind(_ key: String) -> Int? {
        let words = key.wordsAtSpaces()
        guard let last = words.last.map(String.init) else { return nil }
        if favourWords.contains(last) { return 0 }
        if againstWords.contains(last) || key == "no" { return 1 }
        if abstentionWords.contains(last) { return 2 }
        return nil
    }
}
