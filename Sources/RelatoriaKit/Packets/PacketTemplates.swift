public import Foundation
import Mustache
import RelatoriaCore

/// The Mustache templates of cover notes, digests and subjects, per language
/// (`config/templates/<language>/<name>.mustache`), read at run time.
public struct PacketTemplates: Sendable {
    let templates: [String: MustacheTemplate]

    /// Loads every `*.mustache` under `folder/<language>/`.
    public init(folder: URL) throws {
        var t: [String: MustacheTemplate] = [:]
        for lang in Member.languages {
            for name in ["cover.html", "cover.txt", "digest.html", "digest.md", "subject.txt"] {
                let url = folder.appendingPathComponent(lang).appendingPathComponent(name + ".mustache")
                let text: String
                do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                    throw RelatoriaError(.invalidConfiguration, path: url.path, reason: "template missing or unreadable")
                }
                do { t["\(lang)/\(name)"] = try name.hasSuffix(".html") ? MustacheHTML.template(text) : MustacheTemplate(string: text) } catch {
                    throw RelatoriaError(.invalidConfiguration, path: url.path, reason: "not a valid Mustache template: \(error)")
                }
            }
        }
        templates = t
    }

    func render(_ name: String, language: String, _ values: [String: Any]) throws -> String {
        guard let t = templates["\(language)/\(name)"] else {
            throw RelatoriaError(.invalidConfiguration, path: nil, reason: "no template \(language)/\(name).mustache")
        }
        return t.render(values)
    }
}
