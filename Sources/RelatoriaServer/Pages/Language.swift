import Foundation

/// The languages of the pages.
public enum Language: String, Sendable, CaseIterable {
    case es, en

    /// The cookie that remembers a user's choice.
    static let cookie = "relatoria_lang"

    /// The language of a request: the remembered choice (the cookie), else the first language
    /// of `Accept-Language` that the pages are written in (by weight), else Spanish.
    static func of(cookie: String?, acceptLanguage: String?) -> Language {
        if let c = cookie, let l = Language(rawValue: c) { return l }
        guard let header = acceptLanguage else { return .es }
        var best: (Language, Double)?
        for part in header.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = fields.first?.lowercased() else { continue }
            var weight = 1.0
            for f in fields.dropFirst() where f.hasPrefix("q=") { weight = Double(f.dropFirst(2)) ?? 0 }
            let primary = String(tag.split(separator: "-").first ?? "")
            guard let l = Language(rawValue: primary), weight > 0 else { continue }
            if best == nil || weight > best!.1 { best = (l, weight) }
        }
        return best?.0 ?? .es
    }
}
