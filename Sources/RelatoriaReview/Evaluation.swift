public import Foundation
public import RelatoriaCore

/// `relatoria evaluate`: the current extractor scored against the records people reviewed,
/// with the rules and the per-field table of `shared/tools/score.py` (matching by word
/// overlap for items, by name for attendees; scalar fields compared as that script does).
/// A reviewed record counts in every field; a corrected one not marked reviewed only in the
/// fields a person corrected.
public struct Evaluation: Sendable {
    public static let listFields = ["attendees", "decisions", "consensus", "dissent", "actions"]
    public static let scalarFields = ["kind", "date", "title", "body", "place", "language"]

    /// Per list field: gold items, predicted items, matched pairs.
    public var lists: [String: (gold: Int, predicted: Int, matched: Int)] = [:]
    /// Per scalar field: right answers, records counted.
    public var scalars: [String: (right: Int, of: Int)] = [:]
    /// Records compared.
    public var records = 0
    /// Records whose original could not be extracted again, with why.
    public var errors: [(id: String, reason: String)] = []

    public init() {
        for f in Self.listFields { lists[f] = (0, 0, 0) }
        for f in Self.scalarFields { scalars[f] = (0, 0) }
    }

    /// Adds one record: `gold` (the effective record, the fields people vouched for) against
    /// `predicted` (what the extractor makes of the original now).
    public mutating func add(gold: EffectiveRecord, predicted: Record) {
        let fields: Set<String> = gold.reviewed != nil ? Set(Self.listFields + Self.scalarFields) : gold.correctedFields
        guard !fields.isEmpty else { return }
        records += 1
        let g = gold.record
        func items(_ r: Record, _ f: String) -> [String] {
            switch f {
            case "attendees": r.attendees.map(\.name)
            case "decisions": r.decisions.map(\.text)
            case "consensus": r.consensus.map(\.text)
            case "dissent": r.dissent.map(\.text)
            default: r.actions.map(\.text)
            }
        }
        for f in Self.listFields where fields.contains(f) {
            let a = items(g, f), b = items(predicted, f)
            let m = Self.match(f, a, b)
            let t = lists[f]!
            lists[f] = (t.gold + a.count, t.predicted + b.count, t.matched + m)
        }
        func scalar(_ r: Record, _ f: String) -> String? {
            switch f {
            case "kind": r.kind.rawValue
            case "date": r.date
            case "title": r.title
            case "body": r.body
            case "place": r.place
            default: r.language
            }
        }
        for f in Self.scalarFields where fields.contains(f) {
            let ok = Self.scalarOK(f, scalar(g, f), scalar(predicted, f))
            let t = scalars[f]!
            scalars[f] = (t.right + (ok ? 1 : 0), t.of + 1)
        }
    }

    /// F1 of a list field, accuracy of a scalar field (nil when no record counted in it).
    public func score(_ f: String) -> Double? {
        if let t = lists[f] {
            guard t.gold + t.predicted > 0 || records > 0 else { return nil }
            let p = t.predicted > 0 ? Double(t.matched) / Double(t.predicted) : (t.gold == 0 ? 1 : 0)
            let r = t.gold > 0 ? Double(t.matched) / Double(t.gold) : 1
            return p + r > 0 ? 2 * p * r / (p + r) : 0
        }
        guard let s = scalars[f], s.of > 0 else { return nil }
        return Double(s.right) / Double(s.of)
    }

    /// The table, as `score.py` prints it, and its closing line.
    public var table: String {
        func f3(_ v: Double) -> String { String(format: "%.3f", v) }
        func pad(_ s: String, _ n: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, n - s.count))
            return left ? s + fill : fill + s
        }
        var out = pad("field", 10, left: true) + " " + pad("gold", 9) + " " + pad("predicted", 9) + " " + pad("matched", 9) + " "
            + pad("P", 6) + " " + pad("R", 6) + " " + pad("F1", 6) + "\n"
        var scores: [(String, Double)] = []
        for f in Self.listFields {
            let t = lists[f]!
            let p = t.predicted > 0 ? Double(t.matched) / Double(t.predicted) : (t.gold == 0 ? 1 : 0)
            let r = t.gold > 0 ? Double(t.matched) / Double(t.gold) : 1
            let f1 = p + r > 0 ? 2 * p * r / (p + r) : 0
            scores.append((f, f1))
            out += pad(f, 10, left: true) + " " + pad("\(t.gold)", 9) + " " + pad("\(t.predicted)", 9) + " " + pad("\(t.matched)", 9) + " "
                + pad(f3(p), 6) + " " + pad(f3(r), 6) + " " + pad(f3(f1), 6) + "\n"
        }
        for f in Self.scalarFields {
            let s = scalars[f]!
            if s.of == 0 {
                out += pad(f, 10, left: true) + " accuracy 0/0 = -\n"
            } else {
                let a = Double(s.right) / Double(s.of)
                scores.append((f, a))
                out += pad(f, 10, left: true) + " accuracy \(s.right)/\(s.of) = \(f3(a))\n"
            }
        }
        for e in errors { out += "error: \(e.id): \(e.reason)\n" }
        let macro = scores.isEmpty ? 0 : scores.map(\.1).reduce(0, +) / Double(scores.count)
        out += "score: macro \(f3(macro)) over \(records) \(records == 1 ? "record" : "records"), \(errors.count) failed ("
            + scores.map { "\($0.0) " + String(format: "%.2f", $0.1) }.joined(separator: ", ") + ")"
        return out
    }

    // MARK: score.py's rules

    static let stop: Set<String> = Set("""
        a al ante bajo con contra de del desde el en entre hacia hasta la las lo los para por
        segun sin sobre tras un una unos unas y o u e que se su sus es son fue fueron ha han como mas
        the of and to in on for by with at from an or is are was were be been this that these those it its as
        """.split(whereSeparator: \.isWhitespace).map(String.init))
    static let honorifics: Set<String> = Set("""
        sr sra srta dr dra don dona doña lic ing embajador embajadora h e mr mrs ms
        miss prof excmo excma sir dame
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// NFKD, combining marks dropped, lower case, runs of anything but [0-9a-z] as one space.
    static func fold(_ s: String) -> String {
        let kept = s.decomposedStringWithCompatibilityMapping.unicodeScalars.filter { $0.properties.canonicalCombiningClass == .notReordered }
        let lower = String(String.UnicodeScalarView(kept)).lowercased()
        var out = "", space = false
        for c in lower.unicodeScalars {
            if ("0"..."9").contains(c) || ("a"..."z").contains(c) {
                if space && !out.isEmpty { out += " " }
                space = false
                out.unicodeScalars.append(c)
            } else { space = true }
        }
        return out
    }

    static func tokens(_ s: String, dropStop: Bool = true) -> [String] {
        let ts = fold(s).split(separator: " ").map(String.init)
        return dropStop ? ts.filter { !stop.contains($0) && $0.count > 1 } : ts
    }

    static func dice(_ a: String, _ b: String) -> Double {
        let x = Set(tokens(a)), y = Set(tokens(b))
        if x.isEmpty && y.isEmpty { return 1 }
        if x.isEmpty || y.isEmpty { return 0 }
        return 2 * Double(x.intersection(y).count) / Double(x.count + y.count)
    }

    static func nameSim(_ a: String, _ b: String) -> Double {
        let x = Set(tokens(a, dropStop: false).filter { !honorifics.contains($0) })
        let y = Set(tokens(b, dropStop: false).filter { !honorifics.contains($0) })
        if x.isEmpty || y.isEmpty { return 0 }
        if x == y { return 1 }
        let (small, large) = x.count <= y.count ? (x, y) : (y, x)
        if small.count >= 2 && small.isSubset(of: large) { return 0.9 }
        return 2 * Double(x.intersection(y).count) / Double(x.count + y.count)
    }

    /// Greedy one-to-one matching; the number of matched pairs.
    static func match(_ field: String, _ gold: [String], _ pred: [String]) -> Int {
        let sim = field == "attendees" ? nameSim : dice
        let threshold = field == "attendees" ? 0.75 : 0.5
        var pairs: [(Double, Int, Int)] = []
        for (i, g) in gold.enumerated() {
            for (j, p) in pred.enumerated() {
                let s = sim(g, p)
                if s >= threshold { pairs.append((s, i, j)) }
            }
        }
        pairs.sort { ($0.0, $0.1, $0.2) > ($1.0, $1.1, $1.2) }
        var usedG = Set<Int>(), usedP = Set<Int>(), n = 0
        for (_, i, j) in pairs where !usedG.contains(i) && !usedP.contains(j) {
            usedG.insert(i); usedP.insert(j); n += 1
        }
        return n
    }

    static func scalarOK(_ field: String, _ g: String?, _ p: String?) -> Bool {
        let gEmpty = (g ?? "").isEmpty, pEmpty = (p ?? "").isEmpty
        if gEmpty || pEmpty { return gEmpty == pEmpty }
        let g = g!, p = p!
        if ["kind", "date", "language"].contains(field) {
            return g.trimmingCharacters(in: .whitespaces).lowercased() == p.trimmingCharacters(in: .whitespaces).lowercased()
        }
        if field == "title" { return dice(g, p) >= 0.7 }
        let fg = fold(g), fp = fold(p)
        return fg == fp || (!fg.isEmpty && !fp.isEmpty && (fg.contains(fp) || fp.contains(fg))) || dice(g, p) >= 0.6
    }
}
