import Foundation
@testable import RelatoriaCore
import RelatoriaTestSupport
import Testing

/// Pattern (ICU's C API on UTF-16 units) finds and replaces what NSRegularExpression, which
/// it replaced, found and replaced: the same engine, reached without bridging.
struct PatternTests {
    /// Expressions of the readers and extractors, and some that exercise groups that take no
    /// part, lookaround, word boundaries, Unicode properties and case-insensitivity.
    static let expressions = [
        #"\b(19|20)\d{2}\b"#, #"\s*D\.\s?C\.?$"#, #"^\s*(\d{1,2}(\.\d{1,2})*|[IVXivx]{1,4})[.)]\s"#,
        #"(?i),?\s+(antes del?|a más tardar(\s+el)?|hasta el|para el|by|before|no later than|until)\s+[^,;]*\d[^,;]*$"#,
        #"\s(y|and|e)\s+(?=\p{Lu}\p{Ll}+\s+\p{Lu})"#, #"^(\d{1,3}(\.\d{1,3})*[.)]|[a-zA-Z][.)]|[ivxIVX]{1,4}[.)]|[-–•*])\s+"#,
        #"(?<![\p{L}])(\p{L}{3,}(ará|erá|irá|arán|erán|irán)|will\s+\p{L}+)(?![\p{L}])"#, #"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"#,
        #"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)"#, #"\[([^\]]+)\]\([^)]*\)"#, #"</?[a-zA-Z][^>]*>"#, #"(a)|(b)"#, #"x*"#, #"^"#, #"$"#,
        #"(?i)(?:^|[.;,]\s*|\s)acuerdos\s*:"#, #"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b"#, #"\p{Lu}{2,}"#, #"👍(🏽)?"#, #"e\x{301}|é"#,
    ]

    static func texts() throws -> [String] {
        var texts: [String] = []
        for folder in ["corpus", "corpus-real"] {
            let dir = PackagePaths.root.deletingLastPathComponent().appendingPathComponent("shared/\(folder)")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where !name.hasSuffix(".docx") {
                texts += String(decoding: try Data(contentsOf: dir.appendingPathComponent(name)), as: UTF8.self)
                    .split(separator: "\n").prefix(60).map(String.init)
            }
        }
        let pieces = ["1. ", "a) ", "12/03/2006", "Se acordó", "enviará", "will send", "**negrita**", "*x*", "[t](u)", "<b>", " D.C.", "é", "e\u{301}",
                      "👍🏽", "ab", "x", "  ", "\t", "\r\n", ",", "Ana Pérez y Luis Gómez", "2006", "antes del 5 de mayo", "ACUERDOS:", "\u{0}", "Ⅻ"]
        var random = Xorshift(seed: 0x9E37_79B9_7F4A_7C15)  // deterministic, whatever the platform's generator
        func next(_ bound: Int) -> Int { random.next(bound) }
        for _ in 0..<3_000 { texts.append((0..<next(8)).map { _ in pieces[next(pieces.count)] }.joined()) }
        return texts + [""]
    }

    @Test func sameMatchesAndReplacementsAsNSRegularExpression() throws {
        let texts = try Self.texts()
        #expect(texts.count > 3_500)
        var mismatches: [String] = []
        for e in Self.expressions {
            let ns = try NSRegularExpression(pattern: e)
            let mine = Pattern(e)
            for t in texts {
                let whole = NSRange(location: 0, length: (t as NSString).length)
                let theirs = ns.firstMatch(in: t, range: whole).flatMap { Range($0.range, in: t) }
                if mine.firstRange(in: t) != theirs || mine.matches(t) != (theirs != nil) {
                    mismatches.append("first \(e) in \(t.debugDescription)")
                }
                for template in ["", "$1", "$2", "[$1]"] {
                    if mine.replacing(in: t, with: template) != ns.stringByReplacingMatches(in: t, range: whole, withTemplate: template) {
                        mismatches.append("replace \(template) \(e) in \(t.debugDescription)")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count), such as \(mismatches.prefix(5))")
    }

    /// A string's UTF-16 units transcoded from its UTF-8: every scalar (all of the BMP but
    /// surrogates, and supplementary ones) alone and in context.
    @Test func utf16AsTheView() {
        var bad: [UInt32] = []
        for v in stride(from: UInt32(0), through: 0x10FFFF, by: 1) where v < 0x10000 || v % 97 == 0 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let s = "a" + String(scalar) + "é" + String(scalar)
            if Pattern.utf16(s) != Array(s.utf16) { bad.append(v) }
        }
        #expect(Pattern.utf16("") == [])
        #expect(bad.isEmpty, "\(bad.count) scalars, such as \(bad.prefix(5))")
    }

    /// Every match, with its groups, as NSRegularExpression enumerates them; from threads at once.
    @Test func sameMatchesFromSeveralThreads() throws {
        let texts = try Self.texts()
        let e = #"\b(\d{1,2})(?:\s+de)?\s+(enero|mayo|marzo)(?:\s+de\s+(\d{4}))?"#
        let ns = try NSRegularExpression(pattern: e)
        let mine = try ICURegex(e)
        let bad = LockedCounter()
        DispatchQueue.concurrentPerform(iterations: 8) { k in
            for t in texts.enumerated().filter({ $0.offset % 8 == k }).map(\.element) + ["el 5 de mayo de 2006 y el 7 marzo"] {
                let units = Array(t.utf16)
                var got: [[Range<Int>?]] = []
                units.withUnsafeBufferPointer { u in
                    mine.forEachMatch(in: u) { g in
                        got.append((0...3).map { g($0) })
                        return true
                    }
                }
                let want: [[Range<Int>?]] = ns.matches(in: t, range: NSRange(location: 0, length: units.count)).map { m in
                    (0...3).map { i in m.range(at: i).location == NSNotFound ? nil : m.range(at: i).location..<(m.range(at: i).location + m.range(at: i).length) }
                }
                if got != want { bad.add() }
            }
        }
        #expect(bad.value == 0)
    }
}

/// A count shared by threads.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
