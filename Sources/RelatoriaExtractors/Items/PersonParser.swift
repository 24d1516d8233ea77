import Foundation
import RelatoriaCore

/// Splits text that lists people ("Name, Role, Organization", "Name (Org), Name (Org) y Name")
/// into attendees, telling names, roles and organizations apart with the lexicon.
struct PersonParser {
    let lexicon: Lexicon
    /// Answers of ``isPersonName(_:)`` already given: extraction asks about the same segment
    /// several times (whether a line names one person, then each segment as it is parsed, then
    /// the entries found). One parser serves one document, so the memo lives as long.
    private let names = NameMemo()

    init(lexicon: Lexicon) { self.lexicon = lexicon }

    private final class NameMemo {
        var answers: [String: Bool] = [:]
    }

    private static let particles: Set<String> = ["de", "del", "la", "las", "los", "van", "der", "den", "von", "da", "das", "do", "dos",
                                                 "di", "du", "le", "y", "e", "el", "bin", "ibn", "mc", "st", "ter", "ten", "zu"]

    /// Strips honorifics: "El Embajador Étienne Lavoie" → "Étienne Lavoie".
    func stripHonorifics(_ s: String) -> String {
        let words = s.wordsAtSpaces()
        return words[leadingHonorifics(words)...].joined(separator: " ")
    }

    /// How many of the first `words` are honorifics of the lexicon ("Sr.", "Dra", "Mr."),
    /// never all of them.
    private func leadingHonorifics(_ words: [Substring]) -> Int {
        var n = 0
        // "El señor", "La señora": an article before an honorific goes with it.
        if words.count > 2, ["el", "la", "the"].contains(Folding.key(String(words[0]))), case let f = Folding.fold(String(words[1])),
           lexicon.honorifics.contains(f) || lexicon.honorifics.contains(f + ".") {
            n = 1
        }
        while words.count - n > 1, case let f = Folding.fold(String(words[n])), lexicon.honorifics.contains(f) || lexicon.honorifics.contains(f + ".") {
            n += 1
        }
        return n
    }

    /// The surnames of a speaker's label written as a parliament's record writes it, an
    /// honorific and surnames in capitals ("La señora GARCÍA LÓPEZ" → "García López"); nil
    /// for any other label.
    static func surnamesInCapitals(_ label: String, _ parser: PersonParser) -> String? {
        let stripped = parser.stripHonorifics(label)
        let words = stripped.wordsAtSpaces()
        guard stripped != label, !words.isEmpty, words.count <= 4, parser.isPersonName(label),
              words.allSatisfy({ w in w.contains(where: \.isLetter) && w.allSatisfy { !$0.isLetter || $0.isUppercase } }) else { return nil }
        return words.map { w in particles.contains(Folding.key(String(w))) ? w.lowercased() : w.prefix(1) + w.dropFirst().lowercased() }.joined(separator: " ")
    }

    /// True when `s` reads as a person's name: two to six capitalised words (particles allowed),
    /// no digits, not an organization or a role.
    func isPersonName(_ raw: String) -> Bool {
        if let known = names.answers[raw] { return known }
        let answer = readsAsPersonName(raw)
        if names.answers.count < 4096 { names.answers[raw] = answer }
        return answer
    }

    private func readsAsPersonName(_ raw: String) -> Bool {
        let trimmed = raw.trimmingSpacesAndNewlines()
        // The words after the honorifics (`stripHonorifics`): a name has one to six, so a
        // longer text (most segments asked about are clauses) is none, told before any other test.
        let all = trimmed.wordsAtSpaces()
        let h = leadingHonorifics(all)
        guard all.count - h <= 6 else { return false }
        let s = all[h...].joined(separator: " ")
        let words = all[h...].map(String.init)
        // "Mr. Alfa", "Sra. Pérez": an honorific makes one capitalised surname a person.
        if words.count == 1, s != trimmed, let f = s.first, f.isUppercase, !s.contains(where: { $0.isNumber }),
           !lexicon.countries.contains(Folding.key(s)), !lexicon.organizationWordSet.contains(Folding.key(s)), !lexicon.rolePhrases.startsAny(Folding.key(s)) {
            return true
        }
        guard (2...6).contains(words.count), !s.contains(where: { $0.isNumber }) else { return false }
        guard let first = words.first?.first, first.isUppercase else { return false }
        guard words.last.map({ $0.first?.isUppercase == true }) == true else { return false }
        for w in words {
            let k = Folding.key(w)
            if Self.particles.contains(k) { continue }
            guard let f = w.first, f.isUppercase else { return false }
            // Acronyms; but after an honorific, surnames in capitals ("La señora GARCÍA LÓPEZ", as
            // a parliament's record writes its speakers).
            // Nor a surname in capitals beside a given name ("DUVEAU Jean", "Pierre-Joseph
            // BRILLON"), the way French and Spanish lists write it: four letters or more, a
            // vowel among them ("Uni Bremen TZI" is an institute).
            if w.count >= 2, h == 0, w.allSatisfy({ $0.isUppercase || $0 == "." }), !w.contains("."),
               !(w.count >= 4 && k.contains(where: { "aeiouy".contains($0) }) && (hasGivenName(words) || allCapitalsName(words))
                 && !lexicon.organizationWordSet.contains(k)) { return false }
        }
        let k = Folding.key(s)
        // (A key without "the " is its own replacement: no Foundation call for it.)
        if lexicon.countries.contains(k) || lexicon.countries.contains(k.containsASCII("the ") ? k.replacingOccurrences(of: "the ", with: "") : k) { return false }
        if lexicon.organizationPhrases.startsAny(k) || lexicon.rolePhrases.startsAny(k) { return false }
        if words.contains(where: { lexicon.organizationWordSet.contains(Folding.key($0)) && !Self.particles.contains(Folding.key($0)) }) { return false }
        return true
    }

    /// A full name typed in capitals, as Spanish actas often write it ("ENRIQUE NUÑEZ OLARTE",
    /// "JORGE OLARTE CARO"): three to five words of three letters or more with a vowel (particles
    /// aside), none a word of an organization, organ, role, kind or month, and no heading the
    /// lexicon knows ("ORDEN DEL DÍA").
    private func allCapitalsName(_ words: [String]) -> Bool {
        let named = words.filter { !Self.particles.contains(Folding.key($0)) }
        guard (3...5).contains(named.count), words.allSatisfy({ w in w.allSatisfy { $0.isUppercase || $0 == "-" || $0 == "'" } }) else { return false }
        let key = Folding.key(words.joined(separator: " "))
        guard lexicon.section(of: key) == nil, !lexicon.rolePhrases.startsAny(key) else { return false }
        return named.allSatisfy { w in
            let k = Folding.key(w)
            return k.count >= 3 && k.contains(where: { "aeiouy".contains($0) }) && !lexicon.organizationWordSet.contains(k)
                && lexicon.months[k] == nil && !lexicon.kindWords.contains(k) && !lexicon.organWords.contains([k])
        }
    }

    /// Whether a name's words hold one written as a given name is (capital, then lower case),
    /// not a particle: what tells "DUVEAU Jean" from an organization's acronyms.
    private func hasGivenName(_ words: [String]) -> Bool {
        words.contains { w in !Self.particles.contains(Folding.key(w)) && w.count >= 2 && w.first?.isUppercase == true && w.dropFirst().contains(where: \.isLowercase) }
    }

    /// A role of the lexicon, or one with a prefix of rank ("Sub-coordinador", "Co-chair",
    /// "Vice chair").
    func isRole(_ s: String) -> Bool {
        let k = Folding.key(s)
        if lexicon.rolePhrases.startsAny(k) { return true }
        for prefix in Self.rankPrefixes where k.hasPrefix(prefix) && k.count > prefix.count + 2 {
            if lexicon.rolePhrases.startsAny(String(k.dropFirst(prefix.count))) { return true }
        }
        return false
    }
    private static let rankPrefixes = ["sub-", "sub ", "co-", "co ", "vice-", "vice ", "vice"]

    /// The text cut at commas and semicolons outside parentheses and brackets, as a walk
    /// over its Characters cuts it; over its scalars when each stands as a Character.
    static func cutAtSeparators(_ s: String) -> [String] {
        if let scalars = Folding.standaloneScalars(s) { return cut(scalars, s) }
        return cut(Array(s), s)
    }

    private static func cut<E: TextElement>(_ chars: [E], _ s: String) -> [String] {
        let offsets = utf8Offsets(chars)
        let utf8 = s.utf8
        func text(_ from: Int, _ to: Int) -> String {
            String(s[utf8.index(utf8.startIndex, offsetBy: offsets[from])..<utf8.index(utf8.startIndex, offsetBy: offsets[to])])
        }
        var out: [String] = []
        var depth = 0
        var start = 0
        for (i, c) in chars.enumerated() {
            let v = c.scalarValue
            if v == 0x28 || v == 0x5B { depth += 1 }                  // ( [
            if v == 0x29 || v == 0x5D { depth = max(0, depth - 1) }   // ) ]
            if depth == 0 && (v == 0x2C || v == 0x3B) {                // , ;
                out.append(text(start, i))
                start = i + 1
            }
        }
        out.append(text(start, chars.count))
        return out
    }

    /// Splits on commas, semicolons and final "y"/"and", never inside parentheses.
    static func segments(_ s: String) -> [String] {
        let out = cutAtSeparators(s)
        var result: [String] = []
        for seg in out {
            // "... y Helen Whitfield (Embajada)" / "... and Takeshi Morimoto (Japan)": split only
            // before what reads as a person, so "Derechos Humanos y Democracia" stays whole.
            var rest = seg
            while let r = Patterns.nextPersonConjunction.firstRange(in: rest) {
                result.append(String(rest[..<r.lowerBound]))
                rest = String(rest[r.upperBound...])
            }
            if rest.hasPrefix("y ") || rest.hasPrefix("and ") { rest = String(rest.drop { $0 != " " }.dropFirst()) }
            result.append(rest)
        }
        return result.map {
            // "Mrs C Hardy (Clerk) and 16 members of the public": a count of people not named goes.
            // ("... and seven other members", "y varios vecinos" too.)
            $0.contains(where: \.isNumber) || $0.containsBytes(" and ") || $0.containsBytes(" y ") || $0.containsBytes(" plus ")
                ? Patterns.unnamedCount.replacing(in: $0, with: "") : $0
        }.map {
            // "Name (Org) por el Gobierno": the side a person sits for is not part of the entry.
            // (The pattern starts with a closing parenthesis: without one, nothing to replace.)
            ($0.containsByte(UInt8(ascii: ")")) ? Patterns.trailingSide.replacing(in: $0, with: "$1") : $0)
                .trimmingSpacesAndNewlines(andASCII: ".")
        }.filter { !$0.isEmpty }
    }

    /// Plural forms of address that open a list of surnames ("Cllrs Smith, Jones").
    static let pluralAddress: Set<String> = ["cllrs", "cllrs.", "councillors", "councilors", "messrs", "messrs.", "sres.", "sres", "srs.", "drs.", "drs",
                                             "members", "concejales", "consejeros", "consejeras", "diputados", "senators", "senadores"]
    private static let singleNamesJoined = Pattern(#"^\p{Lu}[\p{L}'-]+ (y|and|e) \p{Lu}[\p{L}'-]+$"#)
    private static let singleName = Pattern(#"^\p{Lu}[\p{L}'-]+$"#)

    /// "Name (Org)" → ("Name", "Org").
    /// The first dash set off by spaces that separates a name from what follows it (" – ",
    /// " - ", " — ", in that order), or nil.
    static func dash(in s: String) -> Range<String.Index>? {
        s.range(of: " – ") ?? s.rangeOfASCII(" - ") ?? s.range(of: " — ")
    }

    static func parenthesis(_ s: String) -> (String, String?) {
        guard s.hasSuffix(")"), let open = s.lastIndex(of: "(") else { return (s, nil) }
        let inner = s[s.index(after: open)..<s.index(before: s.endIndex)].trimmingSpaces()
        let outer = s[..<open].trimmingSpaces()
        return outer.isEmpty ? (s, nil) : (outer, inner)
    }

    /// Attendees in a line or paragraph. A segment that is a person's name starts an entry; the
    /// segments after it are its role or organization. With `delegations`, a line naming no
    /// person is itself an attendee (a delegation).
    func parse(_ text: String, delegations: Bool, single: Bool = false) -> [Attendee] {
        var t = text.trimmingSpaces()
        // "Por el Gobierno: ..." / "Invitada: X" — a group label before the names.
        if let colon = t.firstIndex(ofASCII: UInt8(ascii: ":")), t.distance(from: t.startIndex, to: colon) <= 40 {
            let label = t[..<colon]
            if !label.contains(",") { t = t[t.index(after: colon)...].trimmingSpaces() }
        }
        guard !t.isEmpty else { return [] }
        // "..., en nombre de las delegaciones de A, B y C": the delegations signed for.
        let f = FoldedText(t)
        if let r = lexicon.cue("on_behalf").lazy.compactMap({ f.find($0).first }).first {
            let before = parse(f.text(0..<r.lowerBound), delegations: delegations, single: single)
            let after = Self.segments(f.text(r.upperBound..<f.count)).map(Self.cleanOrganization).filter { $0.first?.isUppercase == true }
            return before + after.map { Attendee(name: $0) }
        }
        // "Ana Gil / Luis Pérez / Marta Ruiz", "Ana Gil · Luis Pérez": names set apart by
        // slashes, middle dots, bullets or bars, when each part is a person's name.
        // (So are names that each carry a handle in brackets, set apart by dashes: "Héctor
        // Mantellini (@xombra) - Jesús Palencia (@sinfallas) - Alejandra Ortiz".)
        let separators = [" / ", " | ", " \u{B7} ", " \u{2022} "] + (t.contains("(@") ? [" - "] : [])
        for separator in separators where t.contains(separator) {
            let parts = t.components(separatedBy: separator).map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
            if parts.count >= 2, parts.allSatisfy({ isPersonName(Self.parenthesis($0).0) }) {
                return parts.flatMap { parse($0, delegations: delegations, single: true) }
            }
        }
        // "Name – Org, role" (dash separates the name).
        // (The en and em dashes are the only scalars of their needles, with no other canonical
        // form: no byte 0xE2 of their UTF-8, no occurrence.)
        let dashes = t.containsByte(0xE2)
        // "Ana Gil – ACME, Luis Pérez – Beta Corp": each part a name and its organization.
        if dashes || t.containsBytes(" - "), case let parts = Self.segments(t), parts.count >= 2 {
            let named = parts.compactMap { part -> Attendee? in
                guard let dash = Self.dash(in: part),
                      isPersonName(String(part[..<dash.lowerBound])) else { return nil }
                return entry(name: String(part[..<dash.lowerBound]), parts: [String(part[dash.upperBound...])])
            }
            if named.count == parts.count { return named }
        }
        if let dash = (dashes ? t.range(of: " – ") : nil) ?? t.rangeOfASCII(" - ") ?? (dashes ? t.range(of: " — ") : nil),
           isPersonName(String(t[..<dash.lowerBound])) {
            let name = String(t[..<dash.lowerBound])
            let rest = Self.segments(String(t[dash.upperBound...]))
            // ("Cllr Ana Ruiz - Chair, Cllr Tom Hale, ...": the dash sets off the first person's
            // role in a list of people, read on as one.)
            guard rest.contains(where: { isPersonName(Self.parenthesis($0).0) }) else { return [entry(name: name, parts: rest)] }
            t = name + ", " + rest.joined(separator: ", ")
        }
        var out: [Attendee] = []
        var current: (name: String, parts: [String])?
        var segs = Self.segments(t)
        // "Cllrs Smith, Jones and Brown", "Ana, Luis y Marta": a list of single names, the last
        // two joined by a conjunction; after a plural form of address, each is a person.
        let plural = segs.first.map { Self.pluralAddress.contains(Folding.fold(String($0.split(separator: " ").first ?? ""))) } ?? false
        // ("Members Jerdonek, Kattouw": the plural word is no part of the first name.)
        if plural, let first = segs.first, case let words = first.split(separator: " ") {
            if words.count >= 2 { segs[0] = words.dropFirst().joined(separator: " ") } else { segs.removeFirst() }
        }
        func oneName(_ seg: String) -> Bool {
            let w = stripHonorifics(Self.parenthesis(seg).0).split(separator: " ")
            // (An acronym of three capitals or more is no first name: "Ben Watts, SLS, PSI"; "LJ" may be.)
            return w.count == 1 && w[0].first?.isUppercase == true && !(w[0].count >= 3 && w[0].allSatisfy { $0.isUppercase || $0.isNumber })
        }
        // ("Participantes: Facundo y Leandro": two first names joined, alone in an attendee list.)
        // ("Roger y Ramon (Fundación Guifi)": both sit for what the brackets name.)
        let (lastNames, lastBracket) = segs.last.map { Self.parenthesis($0) } ?? ("", nil)
        let twoJoined = delegations && segs.count == 1 && Self.singleNamesJoined.matches(lastNames) && lastNames.split(separator: " ").allSatisfy { w in
            let k = Folding.key(String(w))
            return Self.particles.contains(k) || !lexicon.organizationWordSet.contains(k) && !lexicon.countries.contains(k) && !isRole(String(w))
        }
        if segs.count >= 2 || twoJoined, segs.dropLast().allSatisfy({ oneName($0) }), Self.singleNamesJoined.matches(lastNames) {
            let parts = lastNames.split(separator: " ")
            let bracket = lastBracket.map { " (\($0))" } ?? ""
            segs[segs.count - 1] = String(parts[0]) + bracket
            segs.append(String(parts[2]) + bracket)
        }
        // ("Ana, Luis, Marta" in an attendee list: first names, each a person; so are they among
        // full names, "Andrew, Chuck, Matt Chang, Noah", when no part is a role or an organization.)
        let firstNames = delegations && segs.count >= 2 && segs.allSatisfy { oneName($0) }
            || delegations && segs.count >= 3 && segs.filter({ oneName($0) }).count >= 2
                && segs.allSatisfy { seg in
                    let bare = Self.parenthesis(seg).0
                    let k = Folding.key(bare)
                    return (oneName(seg) || isPersonName(bare)) && !isRole(bare) && !lexicon.organizationWordSet.contains(k) && !lexicon.countries.contains(k)
                }
        for seg in segs {
            // "@ana @luis @tomberek (quorum)": handles separated by spaces alone, a note after them.
            let words = seg.split(separator: " ")
            if words.count >= 2, words.first?.first == "@" {
                let handles = words.filter { $0.first == "@" && Patterns.handle.matches(String($0)) }
                if handles.count >= 2, words.allSatisfy({ $0.first == "@" && Patterns.handle.matches(String($0)) || $0.first == "(" || $0.last == ")" }) {
                    if let c = current { out.append(entry(name: c.name, parts: c.parts)); current = nil }
                    out += handles.map { Attendee(name: String($0.dropFirst())) }
                    continue
                }
            }
            // "@alice, @bob-dev, Dan Ortiz": a chat handle names a person as the notes know them.
            if seg.first == "@", Patterns.handle.matches(seg.trimmingSpaces()) {
                if let c = current { out.append(entry(name: c.name, parts: c.parts)); current = nil }
                out.append(Attendee(name: String(seg.trimmingSpaces().dropFirst())))
                continue
            }
            var (outer, inner) = Self.parenthesis(seg)
            // "también Tomás Echeverri": lower-case words before a name are not part of it.
            if !isPersonName(outer), let trimmed = Self.dropLeadingLowercase(outer), isPersonName(trimmed) { outer = trimmed }
            // "Camila Restrepo Vargas por la Secretaría Técnica"
            if !isPersonName(outer), inner == nil,
               let r = Patterns.sideOrAffiliation.firstRange(in: outer) {
                var name = String(outer[..<r.lowerBound])
                if !isPersonName(name), let t = Self.dropLeadingLowercase(name) { name = t }
                if isPersonName(name) {
                    inner = String(outer[r.upperBound...])
                    outer = name
                }
            }
            // ("LJHarb (@ljharb)": a name followed by its handle in brackets is a person's.)
            let withHandle = inner.map { $0.first == "@" && Patterns.handle.matches($0) } == true && outer.first?.isLetter == true
                && outer.wordsAtSpaces().count <= 4 && !isRole(outer)
            let listed = (plural || firstNames) && Self.singleName.matches(stripHonorifics(outer)) || withHandle && !isPersonName(outer)
            if isPersonName(outer) || listed, !(single && current != nil && !listed) {
                if listed { outer = stripHonorifics(outer) }
                if let c = current { out.append(entry(name: c.name, parts: c.parts)) }
                current = (outer, inner.map { [$0] } ?? [])
            } else if current != nil {
                current!.parts.append(seg)
            } else if delegations, out.isEmpty {
                let name = Self.cleanOrganization(outer)
                if !name.isEmpty, name.first?.isUppercase == true, name.count <= 120 {
                    out.append(Attendee(name: name, organization: nil, role: inner.flatMap { isRole($0) ? $0 : nil }))
                }
            }
        }
        if let c = current { out.append(entry(name: c.name, parts: c.parts)) }
        // "Canada, European Commission, France": a list of delegations and no person; in an
        // attendee list, "AvneeshSingh, duga, wendyreid": names as the minutes write them.
        if delegations, current == nil {
            let segs = Self.segments(t).map { Self.cleanOrganization(Self.parenthesis($0).0) }
                .filter { !["etc", "etc.", "others", "otros", "none", "ninguno"].contains(Folding.fold($0)) }
            if segs.count >= 2, segs.allSatisfy({ $0.first?.isUppercase == true && $0.wordsAtSpaces().count <= 8 })
                || segs.count >= 3 && segs.allSatisfy({ !$0.contains(" ") && $0.count <= 30 && $0.first?.isLetter == true }) {
                return segs.map { Attendee(name: $0) }
            }
        }
        return out
    }

    static func dropLeadingLowercase(_ s: String) -> String? {
        let words = s.wordsAtSpaces()
        guard let i = words.firstIndex(where: { $0.first?.isUppercase == true }), i > 0 else { return nil }
        return words[i...].joined(separator: " ")
    }

    /// "de la Mesa Nacional" → "Mesa Nacional".
    static func cleanPart(_ s: String) -> String {
        Patterns.leadingOf.replacing(in: s, with: "")
            .trimmingSpaces()
    }

    /// "Por la Plataforma X, su Secretaría" → "Plataforma X".
    static func cleanOrganization(_ s: String) -> String {
        Patterns.trailingOnBehalf.replacing(in: Patterns.leadingOnBehalf.replacing(in: s, with: ""), with: "")
            .trimmingSpaces()
    }

    func entry(name: String, parts: [String]) -> Attendee {
        var role: String?
        var org: String?
        for p in parts.map(Self.cleanPart) where !p.isEmpty {
            let (outer, inner) = Self.parenthesis(p)
            if isRole(outer) {
                role = role ?? outer
                if let inner, org == nil, !isRole(inner) { org = inner }
            } else if org == nil {
                org = inner.map { i in
                    // "Oficina ... (OACNUDH)": the acronym names the organization. (One that does
                    // not start as the name does, "Orchard Labs (ILM)", is the person's initials.)
                    i.count >= 2 && i.allSatisfy({ $0.isUppercase || $0 == "/" || $0.isNumber })
                        && Folding.key(String(i.prefix(1))) == Folding.key(String(outer.prefix(1))) ? i : outer
                } ?? outer
                if let inner, role == nil, isRole(inner) { role = inner }
            } else if role == nil {
                role = p
            }
        }
        return Attendee(name: stripHonorifics(name), organization: org, role: role)
    }
}
