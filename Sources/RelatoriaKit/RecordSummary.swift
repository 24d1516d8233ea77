public import RelatoriaCore

/// A record as a person reads it in a terminal.
public enum RecordSummary {
    public static func render(_ r: Record, path: String) -> String {
        var out: [String] = []
        out.append("\(path)")
        out.append("  id        \(r.id)  (\(r.source.format.rawValue), \(r.source.bytes) bytes)")
        out.append("  title     \(r.title.escapingControls)")
        out.append("  kind      \(r.kind.rawValue)    language \(r.language)")
        out.append("  date      \(r.date ?? "—")")
        out.append("  body      \(r.body ?? "—")")
        out.append("  place     \(r.place ?? "—")")
        if !r.topics.isEmpty { out.append("  topics    \(r.topics.joined(separator: "; "))") }
        func section(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            out.append("  \(title) (\(items.count))")
            out += items.map { "    - \($0)" }
        }
        section("attendees", r.attendees.map { a in [a.name, a.role, a.organization].compactMap { $0 }.joined(separator: ", ") })
        section("decisions", r.decisions.map(\.text))
        section("consensus", r.consensus.map { p in p.parties.isEmpty ? p.text : "\(p.text)  [\(p.parties.joined(separator: ", "))]" })
        section("dissent", r.dissent.map { p in p.parties.isEmpty ? p.text : "\(p.text)  [\(p.parties.joined(separator: ", "))]" })
        section("actions", r.actions.map { a in
            var s = a.text
            if let o = a.owner { s += "  — \(o)" }
            if let d = a.due { s += " (by \(d))" }
            return s
        })
        let words = r.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
        out.append("  text      \(words) words")
        for w in r.warnings { out.append("  warning   \(w)") }
        return out.joined(separator: "\n")
    }
}
