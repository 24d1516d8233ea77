import Foundation

/// The people (and groups, roles, organizations) a TEI file declares, by `xml:id`, so that a
/// speech's `who="#ID"` is read as the name of who spoke.
///
/// Read from `listPerson/person` and `personGrp` (in `particDesc`, a `standOff` or anywhere
/// else), a drama's `castList` roles and `listOrg/org`. A person's name is the forenames and
/// surnames of their `persName` (titles in `roleName`, `addName` and `genName` left out),
/// else the `persName`'s text; of several `persName`s, the one whose `from`/`to` cover the
/// meeting's date. The table is built in one pass, so a corpus-wide list of thousands of
/// people costs one look-up a speech.
struct TEIPeople {
    private(set) var names: [String: String] = [:]
    /// A person's organization and role at the meeting, from their `affiliation` (its
    /// `orgName`, or the org it points at, and its `roleName`), by id.
    private(set) var affiliations: [String: (organization: String?, role: String?)] = [:]
    private var organizations: [String: String] = [:]
    private var pendingAffiliations: [(id: String, affiliation: XElement)] = []

    init() {}

    /// Reads every declaration under `roots`, the first declaration of an id winning.
    /// `date` (`YYYY-MM-DD`) picks among a person's dated names and affiliations; `language`
    /// among names of a role given in several languages.
    init(roots: [XElement], date: String?, language: String? = nil) {
        for root in roots { collect(root, date: date) }
        // (An affiliation may point at an org declared after the person.)
        let organizations = self.organizations
        for (id, a) in pendingAffiliations where affiliations[id] == nil {
            let org = a.first("orgName")?.text ?? TEIPeople.ids(a.attribute("ref") ?? "").compactMap { organizations[$0] }.first
                ?? (a.elements.isEmpty ? a.text : nil)
            let role = TEIHeader.pick(a.all("roleName"), language)?.text
            let o = org.flatMap { $0.isEmpty ? nil : $0 }, r = role.flatMap { $0.isEmpty ? nil : $0 }
            if o != nil || r != nil { affiliations[id] = (o, r) }
        }
        pendingAffiliations = []
    }

    /// The affiliations of a person that hold at `date` (undated ones too), the first kept for later.
    private mutating func noteAffiliation(of person: XElement, id: String, date: String?) {
        for a in person.all("affiliation") {
            let from = a.attribute("from").map { String($0.prefix(10)) } ?? ""
            let to = a.attribute("to").map { String($0.prefix(10)) } ?? "9999"
            if let date, !(from <= date && date <= to) { continue }
            pendingAffiliations.append((id, a))
            return
        }
    }

    private mutating func collect(_ e: XElement, date: String?) {
        switch e.name {
        case "person", "personGrp":
            if let id = e.attribute("id"), names[id] == nil, let name = Self.name(of: e, date: date) {
                names[id] = name
                noteAffiliation(of: e, id: id, date: date)
            }
            // (A personGrp may list its members as persons.)
            for child in e.elements where child.name == "person" || child.name == "personGrp" { collect(child, date: date) }
        case "role":
            // A drama's cast list: <role xml:id="REY">EL REY</role>.
            if let id = e.attribute("id"), names[id] == nil {
                let t = e.text
                if !t.isEmpty { names[id] = t }
            }
        case "org":
            if let id = e.attribute("id"), names[id] == nil, let n = e.first("orgName")?.text ?? e.first("name")?.text, !n.isEmpty {
                names[id] = n
                organizations[id] = n
            }
            for child in e.elements where child.name != "orgName" { collect(child, date: date) }
        case "body":
            // Declarations live in the header, a standOff, the front's cast list: not in the
            // speeches themselves (a body of thousands of utterances is not walked twice).
            return
        default:
            for child in e.elements { collect(child, date: date) }
        }
    }

    /// The display name of a `person` or `personGrp`.
    static func name(of person: XElement, date: String?) -> String? {
        let persNames = person.all("persName")
        var chosen = persNames.first
        if let date, persNames.count > 1 {
            chosen = persNames.first { p in
                let from = p.attribute("from").map { String($0.prefix(10)) } ?? ""
                let to = p.attribute("to").map { String($0.prefix(10)) } ?? "9999"
                return from <= date && date <= to
            } ?? persNames.last
        }
        if let p = chosen {
            let n = name(ofPersName: p)
            if !n.isEmpty { return n }
        }
        for tag in ["name", "orgName"] {
            if let t = person.first(tag)?.text, !t.isEmpty { return t }
        }
        // A personGrp is often only text ("Los diputados del grupo mixto").
        if person.name == "personGrp", person.elements.isEmpty {
            let t = person.text
            return t.isEmpty ? nil : t
        }
        return nil
    }

    /// "Janez Janša" of `<persName><surname>Janša</surname><forename>Janez</forename></persName>`:
    /// forenames, then surnames (name links such as "de" kept where they stand among them);
    /// a persName without those parts is its text.
    static func name(ofPersName p: XElement) -> String {
        let parts = p.elements
        guard parts.contains(where: { $0.name == "forename" || $0.name == "surname" }) else { return p.text }
        var fore: [String] = []
        var sur: [String] = []
        for part in parts {
            let t = part.text
            guard !t.isEmpty else { continue }
            switch part.name {
            case "forename": fore.append(t)
            case "surname", "nameLink": sur.append(t)
            default: continue
            }
        }
        return (fore + sur).joined(separator: " ")
    }

    /// The names `who` points at ("#ID", several separated by spaces; a prefixed pointer
    /// "person:ID" too), joined with ", "; nil when none is declared.
    func resolve(_ who: String?) -> String? {
        guard let who else { return nil }
        let found = Self.ids(who).compactMap { names[$0] }
        return found.isEmpty ? nil : found.joined(separator: ", ")
    }

    /// The organization and role of the one person `who` points at.
    func affiliation(_ who: String?) -> (organization: String?, role: String?)? {
        guard let who else { return nil }
        let ids = Self.ids(who)
        guard ids.count == 1 else { return nil }
        return affiliations[ids[0]]
    }

    /// The ids of a pointer attribute, without their `#`.
    static func ids(_ who: String) -> [String] {
        who.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map { token in
            var t = Substring(token)
            if let hash = t.lastIndex(of: "#") { t = t[t.index(after: hash)...] } else if let colon = t.lastIndex(of: ":") { t = t[t.index(after: colon)...] }
            return String(t)
        }.filter { !$0.isEmpty }
    }

    /// A name spelled out of an id that is a name run together ("AnaGómez" → "Ana Gómez",
    /// "tomas_vidal" → "Tomas Vidal", "REY" → "REY"); nil for an opaque id ("PAD_35521",
    /// "spk3"): a number names nobody.
    static func nameFromID(_ id: String) -> String? {
        guard !id.isEmpty, id.count <= 60, !id.contains(where: { $0.isNumber }), id.contains(where: { $0.isLetter }) else { return nil }
        var words: [String] = []
        var current = ""
        var previousLower = false
        for c in id {
            if c == "_" || c == "-" || c == "." {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousLower = false
                continue
            }
            guard c.isLetter || c == "'" else { return nil }
            if c.isUppercase && previousLower {
                words.append(current)
                current = ""
            }
            current.append(c)
            previousLower = c.isLowercase
        }
        if !current.isEmpty { words.append(current) }
        guard !words.isEmpty else { return nil }
        // "tomas_vidal": lower-case parts are capitalised as names are.
        return words.map { w in w.allSatisfy { $0.isLowercase } ? w.prefix(1).uppercased() + w.dropFirst() : w }.joined(separator: " ")
    }
}
