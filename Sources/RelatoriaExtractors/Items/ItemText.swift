import Foundation
import RelatoriaCore

/// Helpers that turn a sentence or list item into the text of a record item.
enum ItemText {
    /// Trims list markers, quotes, surrounding punctuation and whitespace.
    static func clean(_ s: String) -> String {
        var t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        if let r = t.range(of: #"^(\d{1,3}(\.\d{1,3})*[.)]|[a-zA-Z][.)]|[ivxIVX]{1,4}[.)]|[-–•*])\s+"#, options: .regularExpression) {
            t.removeSubrange(r)
        }
        while let l = t.last, ".;,: ".contains(l) { t.removeLast() }
        while let f = t.first, ",;: ".contains(f) { t.removeFirst() }
        if let f = t.first, f.isLowercase { t = f.uppercased() + t.dropFirst() }
        return t
    }

    /// The part of `sentence` after a cue found at `range` when the cue opens the sentence
    /// (within its first eight words) and enough follows; otherwise the whole sentence.
    static func afterCue(_ f: FoldedText, _ range: Range<Int>) -> String {
        let before = f.text(0..<range.lowerBound)
        let after = f.text(range.upperBound..<f.count)
        let afterWords = after.split(separator: " ").count
        if before.split(separator: " ").count <= 8, afterWords >= 4 {
            var a = after.trimmingCharacters(in: .whitespaces)
            for lead in ["que ", "en que ", "sobre ", "con ", "de ", "en ", "to ", "that ", "on ", "with ", "a "] where Folding.fold(a).hasPrefix(lead) {
                a = String(a.dropFirst(lead.count))
                break
            }
            return clean(a)
        }
        return clean(f.original)
    }

    /// True when a phrase of `cues` occurs in `f`.
    static func has(_ f: FoldedText, _ cues: [String]) -> Range<Int>? {
        var best: Range<Int>?
        for c in cues {
            if let r = f.find(c).first, best == nil || r.lowerBound < best!.lowerBound { best = r }
        }
        return best
    }

    /// The capitalised subject before a verb: "La Embajada de Noruega se comprometió" → "Embajada de Noruega".
    static func subject(_ text: String) -> String? {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ",")))
        // Keep only the last clause.
        for sep in [", ", "; ", ": "] {
            if let r = t.range(of: sep, options: .backwards) {
                let tail = String(t[r.upperBound...])
                if tail.split(separator: " ").count >= 1, tail.first?.isUppercase == true || tail.hasPrefix("la ") || tail.hasPrefix("el ") { t = tail }
            }
        }
        t = t.replacingOccurrences(of: #"^(?i)(la|el|los|las|the|y|and|tras .*?,)\s+"#, with: "", options: .regularExpression)
        t = t.replacingOccurrences(of: #"\s+(?i)(también|además|also|then|further|finalmente|por su parte|,).*$"#, with: "", options: .regularExpression)
        guard let f = t.first, f.isUppercase, t.split(separator: " ").count <= 10, !t.isEmpty else { return nil }
        return t
    }
}
