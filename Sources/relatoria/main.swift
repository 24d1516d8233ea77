import Foundation
import RelatoriaKit
import RelatoriaCore

let loader = DocumentLoader()
for path in CommandLine.arguments.dropFirst() {
    do {
        let data = try loader.bytes(at: path)
        let doc = try loader.read(data, filename: (path as NSString).lastPathComponent, path: path)
        print("== \(path) format=\(doc.format) meta=\(doc.metadata.title ?? "-") dates=\(doc.metadata.dates.map { "\($0.source)=\($0.value)" })")
        for b in doc.blocks {
            var extra = ""
            if let l = b.label { extra += " label=\(l)" }
            if !b.hints.isEmpty { extra += " hints=\(b.hints.suffix(3))" }
            if !b.fields.isEmpty { extra += " fields=\(b.fields)" }
            if b.isHeaderRow { extra += " HEADER" }
            if let m = b.marker { extra += " marker=\(m)" }
            print("[\(b.role.rawValue)\(b.level)]\(extra) \(b.text.prefix(150))")
        }
        for w in doc.warnings { print("WARNING: \(w)") }
    } catch {
        print("ERROR \(error)")
    }
}
