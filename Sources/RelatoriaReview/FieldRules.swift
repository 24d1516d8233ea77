public import Foundation
public import RelatoriaCore

/// The fields a person may correct, and the contract's rules for their values
/// (`shared/contract/RECORD.md`, `record.schema.json`).
public enum FieldRules {
    /// Fields holding one value.
    public static let scalars = ["title", "date", "body", "place", "kind"]
    /// Fields holding a list of items.
    public static let lists = ["attendees", "decisions", "consensus", "dissent", "actions", "topics"]
    /// Every correctable field, in the record's order.
    public static let all = ["title", "date", "body", "place", "kind", "attendees", "decisions", "consensus", "dissent", "actions", "topics"]

    /// A value the contract refuses, naming the field.
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public let field: String
        public let message: String
        public var description: String { "\(field): \(message)" }
        public init(_ field: String, _ message: String) { (self.field, self.message) = (field, message) }
    }

    /// Checks `value` for `field` of a record whose text has `textLength` Unicode scalars.
    /// - Throws: ``Invalid`` naming the field (and the item, counted from 1) and what is wrong.
    public static func check(_ field: String, _ value: JSONValue, textLength: Int) throws {
        switch field {
        case "title":
            guard value.string != nil else { throw Invalid(field, "must be text") }
        case "body", "place":
            guard value.isNull || value.string != nil else { throw Invalid(field, "must be text or null") }
        case "date":
            guard value.isNull || value.string.map(isDate) == true else { throw Invalid(field, "must be a date YYYY-MM-DD or null, not \(value.text)") }
        case "kind":
            guard let s = value.string, Record.Kind(rawValue: s) != nil else {
                throw Invalid(field, "must be one of " + Record.Kind.allCases.map(\.rawValue).joined(separator: ", "))
            }
        case "topics":
            guard let a = value.array else { throw Invalid(field, "must be a list of topic names") }
            for (n, t) in a.enumerated() where (t.string ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw Invalid(field, "topic \(n + 1) must be a non-empty name")
            }
        case "attendees", "decisions", "consensus", "dissent", "actions":
            guard let a = value.array else { throw Invalid(field, "must be a list") }
            for (n, item) in a.enumerated() { try checkItem(field, n + 1, item, textLength: textLength) }
        default:
            throw Invalid(field, "is not a field that can be corrected (" + all.joined(separator: ", ") + ")")
        }
    }

    /// Checks one item of a list field (`n` counts from 1, for the message).
    public static func checkItem(_ field: String, _ n: Int, _ item: JSONValue, textLength: Int) throws {
        if field == "topics" {
            guard !(item.string ?? "").trimmingCharacters(in: .whitespaces).isEmpty else { throw Invalid(field, "topic \(n) must be a non-empty name") }
            return
        }
        let what = "item \(n)"
        guard let o = item.object else { throw Invalid(field, "\(what) must be an object") }
        let main = field == "attendees" ? "name" : "text"
        guard let t = o[main]?.string, !t.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Invalid(field, "\(what) needs a non-empty \(main)")
        }
        func optionalText(_ key: String) throws {
            if let v = o[key], !v.isNull, v.string == nil { throw Invalid(field, "\(what): \(key) must be text or null") }
        }
        switch field {
        case "attendees": try optionalText("organization"); try optionalText("role")
        case "consensus", "dissent":
            if let p = o["parties"], !(p.array?.allSatisfy { $0.string != nil } ?? false) {
                throw Invalid(field, "\(what): parties must be a list of names")
            }
        case "actions":
            try optionalText("owner")
            if let d = o["due"], !d.isNull, d.string.map(isDate) != true { throw Invalid(field, "\(what): due must be a date YYYY-MM-DD or null") }
        default: break
        }
        if let a = o["anchor"], !a.isNull {
            guard let ao = a.object, let s = ao["start"], let e = ao["end"], case .int(let start) = s, case .int(let end) = e,
                  0 <= start, start <= end, end <= textLength else {
                throw Invalid(field, "\(what): anchor must be {start, end} with 0 ≤ start ≤ end ≤ \(textLength), the length of the text")
            }
        }
        if let c = o["confidence"], !c.isNull, !(c.number.map { (0...1).contains($0) } ?? false) {
            throw Invalid(field, "\(what): confidence must be a number from 0 to 1")
        }
    }

    /// Whether `s` is a calendar date `YYYY-MM-DD`.
    public static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard s.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days
    }

    /// The item's identifying text: an attendee's name, another item's text, a topic itself.
    static func key(_ item: JSONValue) -> String? {
        if let s = item.string { return s }
        return (item["text"] ?? item["name"])?.string
    }
}
