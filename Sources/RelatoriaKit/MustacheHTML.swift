public import Mustache
import RelatoriaCore

/// Mustache templates whose `{{values}}` are escaped for HTML scalar by scalar.
///
/// The Mustache library's own HTML escaping compares Characters: a quotation mark followed by a
/// combining accent is one Character equal to no `"`, so it passed unescaped and could close an
/// attribute (`value="{{q}}"`) for a browser, which reads scalars. These templates escape with
/// ``HTMLText`` instead (`&`, `<`, `>`, `"`, `'`, whatever follows them).
public enum MustacheHTML {
    /// The content type's name, as a template's `{{% CONTENT_TYPE: ...}}` pragma names it.
    public static let contentTypeName = "RELATORIA_HTML"

    struct Escaper: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLText.escape(text) }
    }

    private static let registered: Bool = {
        MustacheContentTypes.register(Escaper(), named: contentTypeName)
        return true
    }()

    /// A template of `source` rendered as HTML with scalar escaping (a pragma of the source's
    /// own, `{{% CONTENT_TYPE: TEXT}}`, still applies after it).
    public static func template(_ source: String) throws -> MustacheTemplate {
        _ = registered
        return try MustacheTemplate(string: "{{% CONTENT_TYPE: \(contentTypeName)}}" + source)
    }
}
