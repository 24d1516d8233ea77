import Foundation
import RelatoriaCore

/// The record's text as HTML, with every anchored item's passage marked: each run of text
/// covered by one or more items becomes `<mark data-items="decision-1 action-2">`, and the
/// start of each item has an empty `<span id="t-decision-1">` so that a link (or the script) can
/// scroll to it. Anchors count Unicode scalars, as the record contract says; anchors out of
/// range or reversed are left out, not trusted.
enum TextHighlighter {
    struct Item {
        /// `decision-1`, `attendee-3`, ... (the list's key and position, from 1).
        var key: String
        var anchor: Anchor
    }

    /// The anchored items of `record`, in the order the page lists them.
    static func items(of record: Record) -> [Item] {
        var out: [Item] = []
        func add(_ kind: String, _ anchors: [Anchor?]) {
            for (i, a) in anchors.enumerated() { if let a { out.append(Item(key: "\(kind)-\(i + 1)", anchor: a)) } }
        }
        add("attendee", record.attendees.map(\.anchor))
        add("decision", record.decisions.map(\.anchor))
        add("consensus", record.consensus.map(\.anchor))
        add("dissent", record.dissent.map(\.anchor))
        add("action", record.actions.map(\.anchor))
        return out
    }

    static func html(_ text: String, items: [Item]) -> String {
        let scalars = Array(text.unicodeScalars)
        let valid = items.filter { $0.anchor.start >= 0 && $0.anchor.start < $0.anchor.end && $0.anchor.end <= scalars.count }
        var cuts = Set([0, scalars.count])
        for item in valid { cuts.insert(item.anchor.start); cuts.insert(item.anchor.end) }
        let bounds = cuts.sorted()
        var started = Set<String>()
        var out = ""
        for k in 0..<(bounds.count - 1) {
            let (a, b) = (bounds[k], bounds[k + 1])
            guard a < b else { continue }
            let piece = HTML.escape(String(String.UnicodeScalarView(scalars[a..<b])))
            let covering = valid.filter { $0.anchor.start <= a && b <= $0.anchor.end }.map(\.key)
            if covering.isEmpty {
                out += piece
                continue
            }
            // Where an item starts, an empty element with its id: several may start at once.
            for key in covering where !started.contains(key) {
                started.insert(key)
                out += "<span class=\"at\" id=\"t-\(key)\"></span>"
            }
            let kinds = Set(covering.map { String($0.split(separator: "-").first ?? "") }).sorted().map { "k-\($0)" }.joined(separator: " ")
            out += "<mark class=\"\(kinds)\" data-items=\"\(covering.joined(separator: " "))\">\(piece)</mark>"
        }
        return out
    }
}

/// HTML escaping for text placed in elements and attribute values (``HTMLText``).
enum HTML {
    static func escape(_ s: String) -> String { HTMLText.escape(s) }

    /// A search snippet (matched words between U+0001 and U+0002) as escaped HTML with `<mark>`.
    static func snippet(_ s: String) -> String {
        var out = ""
        HTMLText.escape(s, into: &out, marks: true)
        return out
    }
}
