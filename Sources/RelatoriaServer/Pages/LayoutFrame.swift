import Foundation
import RelatoriaCore
import Synchronization

/// The layout template rendered once per language and role, with a marker where each
/// request's own values go (the page's title, the way back from the language switch, the user,
/// the form token, the content), which are then put in by a single pass over the frame.
///
/// Rendering the layout with Mustache took a third of the CPU of a search page answered from
/// memory (every `{{t.nav.search}}` is looked up through dynamic casts), although all but these
/// five values are the same for every page of one language and role.
///
/// A marker is `\u{1}NAME&\u{1}`: Mustache's escaping turns it into `\u{1}NAME&amp;\u{1}`, so
/// the frame knows which values to escape (`{{title}}`) and which not (`{{{content}}}`). A
/// layout that uses one of these values otherwise (as a section, in a partial, with other
/// delimiters) or names values the frame does not know has no frame: it is rendered in full
/// at every page, as before. Each frame is checked once against the full rendering.
struct LayoutFrame: Sendable {
    enum Slot: String, CaseIterable, Sendable { case title, back, user, csrf, content }

    enum Piece: Sendable {
        case text(String)
        case value(Slot, escaped: Bool)
    }

    let pieces: [Piece]

    static func marker(_ slot: Slot) -> String { "\u{1}\(slot.rawValue)&\u{1}" }

    /// The names a layout may use for a frame to be made: the five values, the words
    /// (`t.…`), and the values that depend only on the language and the role.
    static let known: Set<String> = ["lang", "title", "back", "content", "session", "user", "role", "csrf", "reviewer", "admin", "languages",
                                     "code", "name", "current"]

    /// Whether `source` (the layout template) uses the five values only as plain tags and no
    /// name outside ``known``.
    static func fits(_ source: String) -> Bool {
        guard let tags = tags(source) else { return false }
        for (sigil, name) in tags {
            switch sigil {
            case "!": continue
            case ">", "=", "<", "$": return false
            case "#", "^", "/": if Slot(rawValue: name) != nil { return false }
            default: break
            }
            if !(known.contains(name) || name.hasPrefix("t.")) { return false }
        }
        return true
    }

    /// The tags of a Mustache template's source: each one's sigil (`#`, `^`, `/`, `&`, `!`,
    /// `>`, `=`... or nil for a plain value) and name; nil when a tag is not closed.
    static func tags(_ source: String) -> [(sigil: Character?, name: String)]? {
        var out: [(Character?, String)] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            guard let close = rest.range(of: "}}", range: open.upperBound..<rest.endIndex) else { return nil }
            var tag = rest[open.upperBound..<close.lowerBound]
            rest = rest[close.upperBound...]
            if tag.first == "{" {
                tag = tag.dropFirst()
                if rest.first == "}" { rest = rest.dropFirst() }
            }
            let sigil = tag.first.flatMap { "#^/&!>=<$".contains($0) ? $0 : nil }
            if sigil != nil { tag = tag.dropFirst() }
            out.append((sigil, tag.trimmingCharacters(in: .whitespaces)))
        }
        return out
    }

    /// Whether a template's output can be the same for everyone: it names nothing of the
    /// session (`session`, `user`, `role`, `csrf`, `reviewer`, `admin`), uses no partial and
    /// keeps the usual delimiters.
    static func sharedByEveryone(_ source: String) -> Bool {
        guard let tags = tags(source) else { return false }
        let personal: Set<Substring> = ["session", "user", "role", "csrf", "reviewer", "admin"]
        return !tags.contains { sigil, name in
            if let sigil, ">=<$".contains(sigil) { return true }
            return sigil != "!" && personal.contains(name.split(separator: ".").first ?? "")
        }
    }

    /// The frame of a layout rendered with the markers in place of the five values; nil when
    /// the rendering holds anything else between markers' delimiters.
    init?(rendered: String) {
        let parts = rendered.split(separator: "\u{1}", omittingEmptySubsequences: false)
        guard parts.count % 2 == 1 else { return nil }
        var pieces: [Piece] = []
        for (i, part) in parts.enumerated() {
            if i % 2 == 0 {
                if !part.isEmpty { pieces.append(.text(String(part))) }
                continue
            }
            if part.hasSuffix("&amp;"), let slot = Slot(rawValue: String(part.dropLast(5))) {
                pieces.append(.value(slot, escaped: true))
            } else if part.hasSuffix("&"), let slot = Slot(rawValue: String(part.dropLast())) {
                pieces.append(.value(slot, escaped: false))
            } else {
                return nil
            }
        }
        self.pieces = pieces
    }

    /// The page: the frame with `values` put in (escaped where the layout escapes them).
    func fill(_ values: [Slot: String]) -> String {
        var out = ""
        out.reserveCapacity(pieces.reduce(0) { n, p in
            if case .text(let t) = p { return n + t.utf8.count }
            return n
        } + (values[.content]?.utf8.count ?? 0) + 256)
        for piece in pieces {
            switch piece {
            case .text(let t): out += t
            case .value(let slot, let escaped):
                let v = values[slot] ?? ""
                if escaped { Self.escape(v, into: &out) } else { out += v }
            }
        }
        return out
    }

    /// Mustache's HTML escaping: the same five characters (``HTMLText``).
    static func escape(_ s: String, into out: inout String) { HTMLText.escape(s, into: &out) }
}

/// The frames made so far, by language and role (none: signed out); nil where the layout
/// cannot have one.
final class LayoutFrames: Sendable {
    struct Key: Hashable, Sendable {
        let language: Language
        let role: Role?
    }

    private let frames = Mutex<[Key: LayoutFrame?]>([:])

    /// The frame for `key`, made by `make` the first time.
    func frame(_ key: Key, make: () -> LayoutFrame?) -> LayoutFrame? {
        if let known = frames.withLock({ $0[key] }) { return known }
        let made = make()
        frames.withLock { $0[key] = made }
        return made
    }
}
