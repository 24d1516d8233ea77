public import Foundation
import Mustache
import RelatoriaCore
import RelatoriaKit

/// What the pages are made of, read from the configuration folder's `web/` at start:
/// the Mustache templates (`templates/*.mustache`), the words of each language
/// (`strings/<language>.json`), the style sheet and script (`static/`), and the OpenAPI
/// description of the JSON API (`openapi.json`).
public struct WebResources: Sendable {
    let templates: [String: MustacheTemplate]
    let strings: [Language: [String: String]]
    let statics: [String: (type: String, data: Data)]
    let openAPI: Data
    /// Whether the layout template can be rendered from frames (``LayoutFrame/fits(_:)``).
    let layoutFitsFrame: Bool
    /// Whether the search template's output is the same for every person
    /// (``LayoutFrame/sharedByEveryone(_:)``), so that a rendered search can be kept for others.
    let searchIsShared: Bool
    /// ``words(_:)`` of each language, made once: every page renders with it.
    private let trees: [Language: WordTree]

    /// The words of a language as the templates read them (strings and dictionaries of
    /// strings, never changed once made).
    private struct WordTree: @unchecked Sendable { let tree: [String: Any] }

    static let pages = ["layout", "login", "search", "record", "intake", "error", "browse", "commitments", "positions", "report", "packets",
                        "review", "review-edit", "history"]
    static let staticFiles = ["app.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8",
                                      "review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"]

    /// Loads `folder` (the configuration's `web/`).
    /// - Throws: ``RelatoriaError`` `invalidConfiguration` naming the file that is missing or malformed.
    public init(folder: URL) throws {
        func read(_ relative: String) throws -> Data {
            let url = folder.appendingPathComponent(relative)
            do { return try Data(contentsOf: url) } catch {
                throw RelatoriaError(.invalidConfiguration, path: url.path, reason: "missing or unreadable (the web application needs it)")
            }
        }
        var t: [String: MustacheTemplate] = [:]
        var fits = false, shared = false
        for name in Self.pages {
            let relative = "templates/\(name).mustache"
            do {
                let source = String(decoding: try read(relative), as: UTF8.self)
                t[name] = try MustacheHTML.template(source)
                if name == "layout" { fits = LayoutFrame.fits(source) }
                if name == "search" { shared = LayoutFrame.sharedByEveryone(source) }
            } catch let e as RelatoriaError {
                throw e
            } catch {
                throw RelatoriaError(.invalidConfiguration, path: folder.appendingPathComponent(relative).path, reason: "not a valid Mustache template: \(error)")
            }
        }
        var s: [Language: [String: String]] = [:]
        for lang in Language.allCases {
            let relative = "strings/\(lang.rawValue).json"
            guard let words = try? JSONDecoder().decode([String: String].self, from: try read(relative)) else {
                throw RelatoriaError(.invalidConfiguration, path: folder.appendingPathComponent(relative).path, reason: "must be one JSON object of names to texts")
            }
            s[lang] = words
        }
        // Every language must have every word the other has: a missing one would show as a blank.
        for lang in Language.allCases {
            for other in Language.allCases where other != lang {
                if let missing = s[other]!.keys.sorted().first(where: { s[lang]![$0] == nil }) {
                    throw RelatoriaError(.invalidConfiguration, path: folder.appendingPathComponent("strings/\(lang.rawValue).json").path,
                                         reason: "lacks \"\(missing)\", which strings/\(other.rawValue).json has")
                }
            }
        }
        var st: [String: (String, Data)] = [:]
        for (name, type) in Self.staticFiles { st[name] = (type, try read("static/" + name)) }
        let api = try read("openapi.json")
        guard (try? JSONSerialization.jsonObject(with: api)) != nil else {
            throw RelatoriaError(.invalidConfiguration, path: folder.appendingPathComponent("openapi.json").path, reason: "not valid JSON")
        }
        (templates, strings, statics, openAPI) = (t, s, st, api)
        trees = s.mapValues { WordTree(tree: Self.tree($0)) }
        layoutFitsFrame = fits
        searchIsShared = shared
    }

    /// The words of `language` as a tree for the templates: `nav.search` is `{{t.nav.search}}`.
    func words(_ language: Language) -> [String: Any] { trees[language]?.tree ?? [:] }

    /// `words` as a tree: `nav.search` under `nav`, then `search`.
    private static func tree(_ words: [String: String]) -> [String: Any] {
        var tree: [String: Any] = [:]
        for (key, text) in words {
            let parts = key.split(separator: ".").map(String.init)
            guard parts.count == 2 else { tree[key] = text; continue }
            var branch = tree[parts[0]] as? [String: Any] ?? [:]
            branch[parts[1]] = text
            tree[parts[0]] = branch
        }
        return tree
    }

    /// A word of `language`, or its name when missing.
    func word(_ key: String, _ language: Language) -> String { strings[language]?[key] ?? key }

    /// The template `page` rendered with `values` (what goes inside the layout).
    func content(_ page: String, _ values: [String: Any]) -> String { templates[page]?.render(values) ?? "" }

    /// `content` inside the layout, rendered with `values`.
    func layout(_ content: String, _ values: [String: Any]) -> String {
        var all = values
        all["content"] = content
        return templates["layout"]?.render(all) ?? content
    }
}
