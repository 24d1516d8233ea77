import Foundation
import RelatoriaCore
@testable import RelatoriaExtractors
import RelatoriaTestSupport
import Testing

/// Sentence splitting by scalars gives what splitting by Characters gave.
struct SentenceTests {
    /// The former implementation, over Characters.
    static func reference(_ s: String) -> [(text: String, range: Range<Int>)] {
        let chars = Array(s)
        // The UTF-8 offset of each Character (and of the end), so that a sentence is cut from
        // `s` as bytes rather than rebuilt Character by Character.
        var offsets: [Int] = [0]
        offsets.reserveCapacity(chars.count + 1)
        for c in chars { offsets.append(offsets[offsets.count - 1] + c.utf8.count) }
        let utf8 = s.utf8
        func text(_ r: Range<Int>) -> Substring {
            s[utf8.index(utf8.startIndex, offsetBy: offsets[r.lowerBound])..<utf8.index(utf8.startIndex, offsetBy: offsets[r.upperBound])]
        }
        var out: [(String, Range<Int>)] = []
        var start = 0
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "." || c == "!" || c == "?" {
                var j = i + 1
                while j < chars.count, chars[j] == "\"" || chars[j] == "”" || chars[j] == ")" { j += 1 }
                let atEnd = j >= chars.count
                let spaceNext = !atEnd && chars[j].isWhitespace
                if atEnd || spaceNext {
                    var k = j
                    while k < chars.count, chars[k].isWhitespace { k += 1 }
                    let nextUpper = k < chars.count && (chars[k].isUppercase || chars[k].isNumber || "\"“¿¡(".contains(chars[k]))
                    var w = i - 1
                    while w >= 0, chars[w].isLetter { w -= 1 }
                    let raw = text((w + 1)..<i)
                    let word = raw.lowercased()
                    let isAbbrev = c == "." && (ExtractionContext.abbreviations.contains(word) || (word.count == 1 && chars[max(0, w)] == ".")
                        || raw.count == 1 && raw.first!.isUppercase)
                    if atEnd || (nextUpper && !isAbbrev) {
                        let sentence = String(text(start..<j)).trimmingSpaces()
                        if !sentence.isEmpty { out.append((sentence, start..<j)) }
                        start = k
                        i = k
                        continue
                    }
                }
            }
            i += 1
        }
        if start < chars.count {
            let sentence = String(text(start..<chars.count)).trimmingSpaces()
            if !sentence.isEmpty { out.append((sentence, start..<chars.count)) }
        }
        return out
    }


    @Test func sameSentencesAsTheCharacterSplit() throws {
        var texts: [String] = []
        for folder in ["corpus", "corpus-real"] {
            let dir = PackagePaths.root.deletingLastPathComponent().appendingPathComponent("shared/\(folder)")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where !name.hasSuffix(".docx") {
                texts += String(decoding: try Data(contentsOf: dir.appendingPathComponent(name)), as: UTF8.self).components(separatedBy: "\n\n")
            }
        }
        let pieces = ["Se acordó", ".", " ", "  ", "Sr.", "Dra.", "a.", "m.", "EE.UU.", "?", "!", "\"", "”", "“", ")", "(", "¿", "¡", "12", "\n",
                      "\r\n", "É", "é", "e\u{301}", ".\u{301}", "–", "…", "Ⅻ", "ǅ", "ß", "\u{2028}", "\u{A0}", "日本", "👍🏽", "x", "ª", "Ω"]
        var random = Xorshift(seed: 0x2545_F491_4F6C_DD1D)  // deterministic, whatever the platform's generator
        func next(_ bound: Int) -> Int { random.next(bound) }
        for _ in 0..<20_000 { texts.append((0..<next(16)).map { _ in pieces[next(pieces.count)] }.joined()) }
        for v in UInt32(0x80)..<0x3000 {
            guard let s = Unicode.Scalar(v) else { continue }
            texts.append("Fin del punto.\(s) Sigue\(s). \(s)Otra. Y fin.")
        }
        var mismatches: [String] = []
        for t in texts where ExtractionContext.sentences(t).map({ "\($0.text)|\($0.range)" }) != Self.reference(t).map({ "\($0.text)|\($0.range)" }) {
            mismatches.append(t.debugDescription)
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        #expect(texts.count > 30_000)
        // (The anchors' scalar offsets, counted from UTF-8 lead bytes, on the same texts.)
        #expect(texts.allSatisfy { TextLayout.scalarCount($0) == $0.unicodeScalars.count })
    }

    /// A cue that a sentence holds is among its text's cue events, inside the sentence: the
    /// narrative searches a sentence only for the lists whose bit its mask has.
    @Test func cueOfASentenceIsFoundInItsText() throws {
        let lexicon = try Lexicon.load(from: PackagePaths.config.appendingPathComponent("lexicon"))
        var texts: [String] = []
        for folder in ["corpus", "corpus-real"] {
            let dir = PackagePaths.root.deletingLastPathComponent().appendingPathComponent("shared/\(folder)")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where !name.hasSuffix(".docx") {
                texts += String(decoding: try Data(contentsOf: dir.appendingPathComponent(name)), as: UTF8.self).components(separatedBy: "\n\n")
            }
        }
        let pieces = ["Se acordó", "acordó", "hubo consenso", "no hubo acuerdo", "Enviará", "enviará", "se propuso", "recordó que", "was discussed",
                      "hubo diferencias", ".", ". ", " ", "Sr.", "a.", "?", "!", "\"",
                      "”", ")", "¿", "12", "\n", "\r\n", "É", "e\u{301}", ".\u{301}", "…", "x", "ª", "👍🏽", "\u{A0}", "–"]
        var random = Xorshift(seed: 0x3C6E_F372_FE94_F82B)  // deterministic, whatever the platform's generator
        func next(_ bound: Int) -> Int { random.next(bound) }
        for _ in 0..<20_000 { texts.append((0..<next(14)).map { _ in pieces[next(pieces.count)] }.joined()) }
        var withCue = 0, missed: [String] = []
        for t in texts {
            let sentences = ExtractionContext.sentences(t)
            let masks = Lexicon.sentenceCueMasks(lexicon.sentenceCueEvents(FoldedText(t)), sentences: sentences.map(\.range))
            for (n, s) in sentences.enumerated() {
                let f = FoldedText(s.text)
                for name in Lexicon.sentenceCueLists where lexicon.firstCue(name, in: f) != nil {
                    withCue += 1
                    if masks[n] & Lexicon.sentenceCueBit(name) == 0 { missed.append(name + ": " + String(t.debugDescription.prefix(200))) }
                }
            }
        }
        #expect(missed.isEmpty, "\(missed.count) texts, such as \(missed.prefix(3))")
        #expect(withCue > 5_000)
    }

    /// The former segment split, over Characters.
    static func referenceSegments(_ s: String) -> [String] {
        var out: [String] = []
        var depth = 0
        var cur = ""
        for c in s {
            if c == "(" || c == "[" { depth += 1 }
            if c == ")" || c == "]" { depth = max(0, depth - 1) }
            if depth == 0 && (c == "," || c == ";") {
                out.append(cur)
                cur = ""
            } else {
                cur.append(c)
            }
        }
        out.append(cur)
        return out
    }

    /// Attendee segments cut by scalars are those cut by Characters.
    @Test func segmentsCutAsTheCharacterSplit() {
        let pieces = ["Ana Pérez", " (", ")", "[", "]", ",", ";", " y ", ",\u{301}", "(\u{301}", "e\u{301}", "\r\n", "–", "Oficina (OACNUDH)",
                      " por el Gobierno", "👍🏽", "\u{600}(", "x"]
        var random = Xorshift(seed: 0x6A09_E667_F3BC_C908)  // deterministic, whatever the platform's generator
        func next(_ bound: Int) -> Int { random.next(bound) }
        var fast = 0
        for _ in 0..<20_000 {
            let text = (0..<next(10)).map { _ in pieces[next(pieces.count)] }.joined()
            #expect(PersonParser.cutAtSeparators(text) == Self.referenceSegments(text), "\(text.debugDescription)")
            if Folding.standaloneScalars(text) != nil { fast += 1 }
        }
        #expect(fast > 2_000)
    }
}
