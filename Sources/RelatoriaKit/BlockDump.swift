public import RelatoriaCore

/// The normalized blocks of a document, one per line: what the extractors see.
public enum BlockDump {
    public static func render(_ doc: NormalizedDocument, path: String) -> String {
        var out = ["== \(path) (\(doc.format.rawValue))"]
        if let t = doc.metadata.title { out.append("   metadata title: \(t)") }
        for d in doc.metadata.dates { out.append("   metadata date: \(d.value) from \(d.source)\(d.isEventDate ? " (event date)" : "")") }
        for b in doc.blocks {
            var extra = ""
            if let l = b.label { extra += " label=\(l)" }
            if !b.hints.isEmpty { extra += " hints=\(b.hints.suffix(3).joined(separator: "/"))" }
            if b.isHeaderRow { extra += " header-row" }
            if let s = b.speaker { extra += " speaker=\(s)" }
            out.append("[\(b.role.rawValue)\(b.role == .heading ? String(b.level) : "")\(extra)] \(b.text.prefix(200))")
        }
        for w in doc.warnings { out.append("   warning: \(w)") }
        return out.joined(separator: "\n")
    }
}
