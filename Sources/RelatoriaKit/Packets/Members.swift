public import Foundation
public import RelatoriaCore
import Yams

/// One member of the coordination group, from `config/members.yaml`: who receives packets,
/// in which language, and what it subscribes to.
public struct Member: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var contact: String?
    public var email: String?
    public var group: String?
    /// `es` or `en`: the language of its cover note and digest.
    public var language: String
    public var bodies: [String]
    public var topics: [String]
    /// Receives everything.
    public var all: Bool

    public init(id: String, name: String, contact: String? = nil, email: String? = nil, group: String? = nil,
                language: String = "es", bodies: [String] = [], topics: [String] = [], all: Bool = false) {
        self.id = id
        self.name = name
        self.contact = contact
        self.email = email
        self.group = group
        self.language = language
        self.bodies = bodies
        self.topics = topics
        self.all = all
    }

    /// Whether the member receives `record`: its body is one of the member's bodies, or one
    /// of its topics one of the member's topics (accents and case ignored), or `all` is set.
    public func receives(_ record: Record) -> Bool {
        if all { return true }
        if let body = record.body.map(Folding.key), bodies.contains(where: { Folding.key($0) == body }) { return true }
        let mine = Set(topics.map(Folding.key))
        return record.topics.contains { mine.contains(Folding.key($0)) }
    }

    /// The members in `members.yaml`.
    /// - Throws: ``RelatoriaError`` `invalidConfiguration` naming the line of the problem.
    public static func load(_ url: URL) throws -> [Member] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw RelatoriaError(.invalidConfiguration, path: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        return try parse(text, path: url.path)
    }

    static let languages: Set<String> = ["es", "en"]

    public static func parse(_ text: String, path: String) throws -> [Member] {
        let reader = NodeReader(path: path)
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw RelatoriaError(.invalidConfiguration, path: path, reason: "not valid YAML: \(error)")
        }
        guard let root else { throw RelatoriaError(.invalidConfiguration, path: path, reason: "the file is empty; it needs a `members:` list") }
        var list: Node?
        for (key, value) in try reader.mapping(root, "the file") {
            guard key == "members" else { throw reader.error(value, "unknown key \(key) (the file holds one key, members)") }
            list = value
        }
        guard let list, let items = list.sequence else {
            throw reader.error(list ?? root, "members must be a list of members")
        }
        var members: [Member] = []
        var seen = Set<String>()
        for item in items {
            var m = Member(id: "", name: "")
            for (key, value) in try reader.mapping(item, "each member") {
                switch key {
                case "id": m.id = try reader.string(value, "id")
                case "name": m.name = try reader.string(value, "name")
                case "contact": m.contact = try reader.string(value, "contact")
                case "email":
                    let e = try reader.string(value, "email")
                    guard e.contains("@"), !e.contains(" "), !e.contains("\n") else { throw reader.error(value, "email \"\(e)\" is not an e-mail address") }
                    m.email = e
                case "group": m.group = try reader.string(value, "group")
                case "language":
                    m.language = try reader.string(value, "language")
                    guard languages.contains(m.language) else { throw reader.error(value, "language must be es or en, not \"\(m.language)\"") }
                case "bodies": m.bodies = try reader.strings(value, "bodies")
                case "topics": m.topics = try reader.strings(value, "topics")
                case "all":
                    guard let b = value.bool else { throw reader.error(value, "all must be true or false") }
                    m.all = b
                default: throw reader.error(value, "unknown key \(key) of a member (see config/README.md)")
                }
            }
            guard !m.id.isEmpty else { throw reader.error(item, "a member has no id") }
            guard m.id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }), !m.id.hasPrefix("-") else {
                throw reader.error(item, "id \"\(m.id)\" must be letters, digits, - and _ only (it names the member's folder)")
            }
            guard seen.insert(m.id).inserted else { throw reader.error(item, "id \"\(m.id)\" is used twice") }
            guard !m.name.isEmpty else { throw reader.error(item, "member \(m.id) has no name") }
            guard m.all || !m.bodies.isEmpty || !m.topics.isEmpty else {
                throw reader.error(item, "member \(m.id) subscribes to nothing: give bodies, topics or all: true")
            }
            members.append(m)
        }
        return members
    }
}
