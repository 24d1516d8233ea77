public import Foundation
public import RelatoriaCore
import Yams

/// One party of the process (`config/parties.yaml`): a name, its English name, its aliases
/// and the group it belongs to.
public struct Party: Sendable, Hashable, Codable {
    /// The name written in registers and reports (Spanish, the secretariat's language).
    public var name: String
    /// The English name; the name itself when the file gives none.
    public var en: String
    /// Other ways documents name it, in any language.
    public var aliases: [String]
    /// The id of its group (`gobierno`, `g24`...).
    public var group: String

    /// The name in `language` (`es` or `en`).
    public func name(in language: String) -> String { language == "en" ? en : name }
}

/// A group of parties: the Government, civil society, the G24, United Nations agencies...
public struct PartyGroup: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var en: String

    public func name(in language: String) -> String { language == "en" ? en : name }
}

/// The parties of the process and their aliases, read from `config/parties.yaml`: turns the
/// names documents use ("Embajada de Suecia", "Sweden", "the Government") into one party
/// each. A name that matches no party is kept as written (see ``normalize(_:)``).
public struct PartyDirectory: Sendable {
    public let parties: [Party]
    public let groups: [PartyGroup]
    /// Alias key → index in `parties`, for whole-name matches.
    private let exact: [String: Int]
    /// (alias key, party index), longest first, for aliases found inside a longer name.
    private let inside: [(key: String, party: Int)]

    /// Leading articles dropped before matching ("la Secretaría Técnica", "the Government").
    static let articles = ["el ", "la ", "los ", "las ", "the "]

    public init(parties: [Party], groups: [PartyGroup]) {
        self.parties = parties
        self.groups = groups
        var exact: [String: Int] = [:]
        var inside: [(String, Int)] = []
        for (i, p) in parties.enumerated() {
            for alias in [p.name, p.en] + p.aliases {
                let k = Self.strip(FollowUpText.key(alias))
                guard !k.isEmpty else { continue }
                if exact[k] == nil { exact[k] = i }
                inside.append((k, i))
            }
        }
        self.exact = exact
        self.inside = inside.sorted { $0.0.count > $1.0.count }
    }

    /// An empty directory: every name is kept as written.
    public static let empty = PartyDirectory(parties: [], groups: [])

    private static func strip(_ key: String) -> String {
        for a in articles where key.hasPrefix(a) { return String(key.dropFirst(a.count)) }
        return key
    }

    /// The parties a name designates: the party whose name or alias it is; else every party
    /// whose alias appears inside it, in the order they appear ("ACNUR y OACNUDH" is two);
    /// empty when none does.
    public func parties(in name: String) -> [Party] {
        let k = Self.strip(FollowUpText.key(name))
        guard !k.isEmpty else { return [] }
        if let i = exact[k] { return [parties[i]] }
        var rest = Array((" " + k + " ").utf8)
        var found: [(position: Int, party: Int)] = []
        for (alias, i) in inside {
            guard alias.count + 2 <= rest.count else { continue }
            let needle = Array((" " + alias + " ").utf8)
            guard let at = rest.withUnsafeBufferPointer({ ByteSearch.firstOffset(of: needle, in: $0) }) else { continue }
            // Blank the match out (keeping offsets) so a shorter alias inside it is not found again.
            for j in (at + 1)..<(at + needle.count - 1) { rest[j] = UInt8(ascii: "#") }
            if !found.contains(where: { $0.party == i }) { found.append((at, i)) }
        }
        return found.sorted { $0.position < $1.position }.map { parties[$0.party] }
    }

    /// The normalized names for a name as written: the parties' names, or the name as
    /// written (trimmed) when it matches no party.
    public func normalize(_ name: String) -> [String] {
        let found = parties(in: name)
        if found.isEmpty {
            let t = name.trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty ? [] : [t]
        }
        return found.map(\.name)
    }

    /// Whether `name` designates no known party.
    public func isUnknown(_ name: String) -> Bool { parties(in: name).isEmpty }

    /// The party named exactly `name` (its canonical or English name, or an alias).
    public func party(named name: String) -> Party? {
        exact[Self.strip(FollowUpText.key(name))].map { parties[$0] }
    }

    /// The group with id `id`.
    public func group(_ id: String) -> PartyGroup? { groups.first { $0.id == id } }

    /// Every phrase that names `party` (its names and aliases), as keys.
    public func keys(of party: Party) -> [String] {
        ([party.name, party.en] + party.aliases).map { Self.strip(FollowUpText.key($0)) }.filter { !$0.isEmpty }
    }

    // MARK: Loading


    private struct Entry: Decodable {
        var name: String
        var en: String?
        var group: String
        var aliases: [String]?
    }

    private struct GroupEntry: Decodable {
        var id: String
        var name: String
        var en: String?
    }

    /// Reads `parties.yaml` from the configuration folder; the empty directory when the
    /// folder has none.
    /// - Throws: ``RelatoriaError`` `invalidConfiguration` for a malformed file, a party of an
    ///   unknown group, or an alias given to two parties.
    public static func load(folder: URL?) throws -> PartyDirectory {
        guard let folder else { return .empty }
        let url = folder.appendingPathComponent("parties.yaml")
        guard FileManager.default.fileExists(atPath: url.path) else { return .empty }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw RelatoriaError(.invalidConfiguration, path: url.path, reason: "cannot be read as UTF-8")
        }
        return try parse(text, path: url.path)
    }

    /// Parses the text of a `parties.yaml`.
    public static func parse(_ text: String, path: String) throws -> PartyDirectory {
        struct Raw: Decodable {
            var groups: [GroupEntry]?
            var parties: [Entry]?
        }
        let raw: Raw
        do { raw = try YAMLDecoder().decode(Raw.self, from: text) } catch {
            throw RelatoriaError(.invalidConfiguration, path: path, reason: ConfigurationText.reason(error))
        }
        let groups = (raw.groups ?? []).map { PartyGroup(id: $0.id, name: $0.name, en: $0.en ?? $0.name) }
        let groupIds = Set(groups.map(\.id))
        var seen: [String: String] = [:]
        var parties: [Party] = []
        for e in raw.parties ?? [] {
            guard groupIds.contains(e.group) else {
                throw RelatoriaError(.invalidConfiguration, path: path, reason: "the party \(e.name) is in the group \(e.group), which the file's groups do not list")
            }
            let p = Party(name: e.name, en: e.en ?? e.name, aliases: e.aliases ?? [], group: e.group)
            for alias in Set([p.name, p.en] + p.aliases) {
                let k = strip(FollowUpText.key(alias))
                if let other = seen[k], other != p.name {
                    throw RelatoriaError(.invalidConfiguration, path: path, reason: "\(alias) names two parties, \(other) and \(p.name)")
                }
                seen[k] = p.name
            }
            parties.append(p)
        }
        return PartyDirectory(parties: parties, groups: groups)
    }
}
