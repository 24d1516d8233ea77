import RelatoriaCore

/// A short passage of a record's text around the first word the query looked for, with the
/// matching words marked. Words match on their beginning, ignoring case and accents, so
/// `reunion` marks *Reuniones* and `acuerdos` marks *acuerdo*.
enum Snippet {
    static func make(_ text: String, terms: [String], open: String, close: String, width: Int = 28) -> String {
        // Stems of the words looked for: the folded word less a few letters of ending.
        let keys = terms.flatMap { $0.split(separator: " ") }.map { Folding.key(String($0)) }.filter { !$0.isEmpty }
        // Short words of a phrase ("de", "la") are not worth marking everywhere.
        let significant = keys.filter { $0.count > 3 }
        let stems: [String] = (significant.isEmpty ? keys : significant).map { k in
            k.count > 5 ? String(k.prefix(max(4, k.count - 3))) : k
        }
        // A word's first letter, folded, rules most words out before the whole word is folded;
        // an ASCII first letter is looked up without making a Character.
        let initials = Set(stems.compactMap(\.first))
        var asciiInitials = [Bool](repeating: false, count: 128)
        for c in initials where c.isASCII { asciiInitials[Int(c.asciiValue!)] = true }
        // (An ASCII key never begins with a stem that is not ASCII.)
        let asciiStems = stems.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf8) }
        func matches(_ w: Substring) -> Bool {
            guard !stems.isEmpty else { return false }
            if let b = w.utf8.first, b < 0x80, Self.isAlphanumeric(b) {
                guard asciiInitials[Int(b | (b >= 0x41 && b <= 0x5A ? 0x20 : 0))] else { return false }
            } else {
                guard let c = w.first(where: { $0.isLetter || $0.isNumber }), initials.contains(Folding.fold(c)) else { return false }
            }
            // An ASCII word's key (its letters and digits lowercased, each run of other bytes
            // one space, none at the ends) is compared with the stems as it is made.
            if w.utf8.allSatisfy({ $0 < 0x80 }) { return asciiStems.contains { Self.asciiKey(of: w.utf8, hasPrefix: $0) } }
            let k = Folding.key(String(w))
            return !k.isEmpty && stems.contains { k.hasPrefix($0) }
        }

        // Words are read one by one, keeping only the few before the current one, until the
        // first match and enough words after it: a long text is not split whole.
        let lead = stems.isEmpty ? 0 : width / 3
        var before: [Substring] = []
        var shown: [Substring] = []
        var skipped = false, more = false
        var found = stems.isEmpty
        var window: [Substring] = []  // the first words, in case nothing matches
        var count = 0
        forEachWord(of: text) { w in
            count += 1
            if found {
                if shown.count == width { more = true; return false }
                shown.append(w)
                return true
            }
            if window.count < width { window.append(w) }
            if matches(w) {
                found = true
                shown = before + [w]
                return true
            }
            before.append(w)
            if before.count > lead {
                before.removeFirst()
                skipped = true
            }
            return true
        }
        if !found {
            // Stemming found what the plain prefixes do not: the beginning of the text.
            shown = window
            skipped = false
            more = count > width
        }
        guard !shown.isEmpty else { return "" }
        let body = shown.map { w in matches(w) ? open + w + close : String(w) }.joined(separator: " ")
        return (skipped ? "…" : "") + body + (more ? "…" : "")
    }

    /// Calls `body` with each word of `text` (separated by spaces, tabs and newlines) until it
    /// returns false.
    private static func forEachWord(of text: String, _ body: (Substring) -> Bool) {
        let utf8 = text.utf8
        var i = utf8.startIndex
        let end = utf8.endIndex
        while i < end {
            while i < end, isSeparator(utf8[i]) { i = utf8.index(after: i) }
            guard i < end else { return }
            let start = i
            while i < end, !isSeparator(utf8[i]) { i = utf8.index(after: i) }
            if !body(text[start..<i]) { return }
        }
    }

    /// Whether ``Folding/key(_:)`` of an ASCII word begins with `stem` (not empty), made byte
    /// by byte without a String.
    static func asciiKey(of word: Substring.UTF8View, hasPrefix stem: [UInt8]) -> Bool {
        guard !stem.isEmpty else { return word.contains(where: isAlphanumeric) }
        var n = 0
        var gap = false
        for b in word {
            guard isAlphanumeric(b) else {
                gap = n > 0
                continue
            }
            if gap {
                guard stem[n] == 0x20 else { return false }
                n += 1
                if n == stem.count { return true }
                gap = false
            }
            guard stem[n] == (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) else { return false }
            n += 1
            if n == stem.count { return true }
        }
        return false
    }

    private static func isSeparator(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }
}
