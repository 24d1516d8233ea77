public import Foundation
import RelatoriaCore
import Yams

/// The cue phrases of one language, read from `config/lexicon/<language>.yaml`.
///
/// Every phrase is stored folded (lower case, no accents), so matching is case- and
/// accent-insensitive. See `config/README.md` for each key.
public struct LanguageLexicon: Sendable, Decodable {
    public var language: String
    public var stopwords: [String] = []
    public var months: [String: Int] = [:]
    public var weekdays: [String] = []
    public var numbers: [String: Int] = [:]
    public var notMeetingDate: [String] = []
    public var dateLabels: [String] = []
    public var placeLabels: [String] = []
    public var titleLabels: [String] = []
    public var bodyLabels: [String] = []
    public var kinds: [String: [String]] = [:]
    public var sections: [String: [String]] = [:]
    public var cues: [String: [String]] = [:]
    /// A party that holds positions: the label written in records and the phrases naming it.
    public struct Party: Sendable, Decodable {
        public var label: String
        public var phrases: [String]
    }

    public var parties: [Party] = []
    public var allParties: [String] = []
    public var honorifics: [String] = []
    public var roleWords: [String] = []
    public var organs: [String] = []
    public var places: [String] = []
    public var organizationWords: [String] = []
    public var countries: [String] = []

    enum CodingKeys: String, CodingKey {
        case language, stopwords, months, weekdays, numbers, dateLabels = "date_labels", placeLabels = "place_labels"
        case titleLabels = "title_labels", bodyLabels = "body_labels", kinds, sections, cues, parties, honorifics, organs, places
        case notMeetingDate = "not_meeting_date", allParties = "all_parties", roleWords = "role_words"
        case organizationWords = "organization_words", countries
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        language = try c.decode(String.self, forKey: .language)
        func list(_ k: CodingKeys) throws -> [String] { try c.decodeIfPresent([String].self, forKey: k) ?? [] }
        func map(_ k: CodingKeys) throws -> [String: [String]] { try c.decodeIfPresent([String: [String]].self, forKey: k) ?? [:] }
        stopwords = try list(.stopwords)
        months = try c.decodeIfPresent([String: Int].self, forKey: .months) ?? [:]
        weekdays = try list(.weekdays)
        numbers = try c.decodeIfPresent([String: Int].self, forKey: .numbers) ?? [:]
        notMeetingDate = try list(.notMeetingDate)
        dateLabels = try list(.dateLabels)
        placeLabels = try list(.placeLabels)
        titleLabels = try list(.titleLabels)
        bodyLabels = try list(.bodyLabels)
        kinds = try map(.kinds)
        sections = try map(.sections)
        cues = try map(.cues)
        parties = try c.decodeIfPresent([Party].self, forKey: .parties) ?? []
        allParties = try list(.allParties)
        honorifics = try list(.honorifics)
        roleWords = try list(.roleWords)
        organs = try list(.organs)
        places = try list(.places)
        organizationWords = try list(.organizationWords)
        countries = try list(.countries)
    }
}

/// All configured languages merged for matching (documents mix languages), plus each
/// language's own list for detecting the main language.
public struct Lexicon: Sendable {
    public private(set) var languages: [LanguageLexicon]

    // Folded, merged views used by the extractors.
    var months: [String: Int] = [:]
    var weekdays: [String] = []
    var numbers: [String: Int] = [:]
    var notMeetingDate: [String] = []
    var dateLabels: Set<String> = []
    var placeLabels: Set<String> = []
    var titleLabels: Set<String> = []
    var bodyLabels: Set<String> = []
    var kinds: [(Record.Kind, String)] = []
    /// The kind phrases of one word ("acta", "minutes"), as a set.
    private(set) var kindWords: Set<String> = []
    /// The kind phrases that name the event, not the document (cue list `event_kinds`), as keys.
    private(set) var eventKinds: Set<String> = []
    var sections: [(String, String)] = []
    /// The phrases of `sections`, indexed for `sectionMatch` (a heading's key starting with
    /// one), and spaced for the lead-in search, made once.
    private var sectionIndex = PhraseIndex([])
    private var sectionSpaced: [String?] = []
    private var sectionPhrases: Set<String> = []
    var cues: [String: [String]] = [:]
    /// Each cue list's phrases as keys (``Folding/key(_:)``), in the list's order, and the same
    /// without spaces: labels are compared with field names in both forms, for every block.
    private(set) var cueKeys: [String: [(key: String, bare: String)]] = [:]
    /// (label, phrase, language)
    var parties: [(String, String, String)] = []
    var allParties: [String] = []
    /// Party labels in the order the lexicon files declare them, with their language.
    var partyLabels: [(String, String)] = []
    var honorifics: Set<String> = []
    var roleWords: [String] = []
    var organs: [String] = []
    /// Each organ's words, in the order of `organs` (split once, not per heading).
    private(set) var organWords: [[String]] = []
    /// (name, key, the key between spaces as bytes: ``PaddedKey/needle(_:)``, made once).
    var places: [(String, String, [UInt8]?)] = []
    var organizationWords: [String] = []
    /// `organizationWords` as a set, and both it and `roleWords` by first word (made at load).
    private(set) var organizationWordSet: Set<String> = []
    private(set) var organizationPhrases = PhraseIndex([])
    private(set) var rolePhrases = PhraseIndex([])
    var countries: Set<String> = []

    /// Reads every `*.yaml` file in `folder`.
    /// - Throws: ``RelatoriaError`` with code `invalidConfiguration` naming the file and the problem.
    public static func load(from folder: URL) throws -> Lexicon {
        let files = ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        guard !files.isEmpty else {
            throw RelatoriaError(.invalidConfiguration, path: folder.path, reason: "no lexicon files (*.yaml) in this folder")
        }
        var langs: [LanguageLexicon] = []
        for f in files {
            do {
                let text = try String(contentsOf: f, encoding: .utf8)
                langs.append(try YAMLDecoder().decode(LanguageLexicon.self, from: text))
            } catch {
                throw RelatoriaError(.invalidConfiguration, path: f.path, reason: "malformed lexicon: \(String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " "))")
            }
        }
        return Lexicon(languages: langs)
    }

    /// The languages that have stopwords, in the order of `languages` (for language detection).
    private(set) var stopwordLanguageNames: [String] = []
    /// For each stopword key, a bit per language that has it (bit i for
    /// `stopwordLanguageNames[i]`), looked up by substring without making a `String` per word.
    private(set) var stopwordLanguages: [Substring: UInt64] = [:]
    /// The same, looked up by a word's bytes (no Substring, no SipHash: language detection
    /// looks up every word of the first 30,000 characters).
    private(set) var stopwordTable = ByteWordTable()

    public init(languages: [LanguageLexicon]) {
        self.languages = languages
        for l in languages.prefix(64) {
            let bit: UInt64 = 1 << UInt64(stopwordLanguageNames.count)
            stopwordLanguageNames.append(l.language)
            for k in Set(l.stopwords.map(Folding.key)) { stopwordLanguages[Substring(k), default: 0] |= bit }
        }
        stopwordTable = ByteWordTable(stopwordLanguages.map { (Array($0.key.utf8), $0.value) })
        for l in languages {
            for (k, v) in l.months { months[Folding.key(k)] = v }
            weekdays += l.weekdays.map(Folding.key)
            for (k, v) in l.numbers { numbers[Folding.key(k)] = v }
            notMeetingDate += l.notMeetingDate.map(Folding.key)
            dateLabels.formUnion(l.dateLabels.map(Folding.key))
            placeLabels.formUnion(l.placeLabels.map(Folding.key))
            titleLabels.formUnion(l.titleLabels.map(Folding.key))
            bodyLabels.formUnion(l.bodyLabels.map(Folding.key))
            for (kind, phrases) in l.kinds {
                guard let k = Record.Kind(named: kind) else { continue }
                kinds += phrases.map { (k, Folding.key($0)) }
            }
            for (section, phrases) in l.sections { sections += phrases.map { (section, Folding.key($0)) } }
            for (cue, phrases) in l.cues { cues[cue, default: []] += phrases.map { Folding.fold($0).trimmingSpaces() } }
            for p in l.parties {
                parties += p.phrases.map { (p.label, Folding.key($0), l.language) }
                partyLabels.append((p.label, l.language))
            }
            allParties += l.allParties.map(Folding.key)
            honorifics.formUnion(l.honorifics.map { Folding.fold($0) })
            roleWords += l.roleWords.map(Folding.key)
            organs += l.organs.map(Folding.key)
            places += l.places.map { let k = Folding.key($0); return ($0, k, PaddedKey.needle(k)) }
            organizationWords += l.organizationWords.map(Folding.key)
            countries.formUnion(l.countries.map(Folding.key))
        }
        // Longest phrases first, so "puntos de consenso" wins over "consenso".
        sections.sort { $0.1.count > $1.1.count }
        sectionIndex = PhraseIndex(sections.map(\.1))
        sectionSpaced = sections.map { $0.1.contains(" ") ? " \($0.1) " : nil }
        sectionPhrases = Set(sections.map(\.1))
        kinds.sort { $0.1.count > $1.1.count }
        kindWords = Set(kinds.map(\.1).filter { !$0.contains(" ") })
        eventKinds = Set(cue("event_kinds").map { Folding.key($0) })
        for k in cues.keys { cues[k]?.sort { $0.count > $1.count } }
        parties.sort { $0.1.count > $1.1.count }
        organs.sort { $0.count > $1.count }
        organWords = organs.map { $0.wordsAtSpaces().map(String.init) }
        for (name, phrases) in cues {
            matchers[name] = CueMatcher(phrases)
            cueKeys[name] = phrases.map { Folding.key($0) }.map { ($0, $0.replacingOccurrences(of: " ", with: "")) }
        }
        // Lists asked about together, one pass for all (most blocks hold none of them).
        for (name, lists) in Self.combinedCueLists {
            matchers[name] = CueMatcher(lists.flatMap { cues[$0] ?? [] })
        }
        sentenceCues = CueMatcher(Self.sentenceCueLists.flatMap { cues[$0] ?? [] })
        sentenceCuePhraseMasks = sentenceCues.phrases.map { phrase in
            var mask: UInt32 = 0
            for (bit, name) in Self.sentenceCueLists.enumerated() where (cues[name] ?? []).contains(phrase) { mask |= 1 << UInt32(bit) }
            return mask
        }
        places.sort { $0.1.count > $1.1.count }
        roleWords.sort { $0.count > $1.count }
        organizationWordSet = Set(organizationWords)
        organizationPhrases = PhraseIndex(organizationWords)
        rolePhrases = PhraseIndex(roleWords)
    }

    /// The cue phrases of a kind (`decision`, `consensus`, `dissent`, `action`, ...).
    func cue(_ name: String) -> [String] { cues[name] ?? [] }

    /// The phrases of cue list `name` as keys, and without spaces (see ``cueKeys``).
    func cueKey(_ name: String) -> [(key: String, bare: String)] { cueKeys[name] ?? [] }

    /// One compiled pattern per cue list, so a sentence is searched once per list, not once
    /// per phrase.
    private var matchers: [String: CueMatcher] = [:]

    /// The cue lists a sentence of running text is searched for; the first four make it an item.
    /// Cue lists searched together first (``firstCue(_:in:)`` takes their names): a block
    /// without a phrase of any is asked no more.
    static let combinedCueLists: [String: [String]] = [
        "motion_or_proxy": ["motion_party_after", "motion_party_before", "motion_seconded", "proxy"],
        "vote_positions_any": ["vote_positions"],
    ]
    static let sentenceCueLists = ["dissent", "consensus", "decision", "action", "quoted", "proposal", "two_sided", "bare_outcome", "action_owner_after"]
    /// The lists' bits in a ``sentenceCueMasks(_:sentences:)`` mask.
    static func sentenceCueBit(_ name: String) -> UInt32 {
        sentenceCueLists.firstIndex(of: name).map { 1 << UInt32($0) } ?? 0
    }
    static let itemCueBits: UInt32 = 0b1111
    /// The bits of the lists that can give an item: ``itemCueBits``, an outcome said alone
    /// ("Agreed.") and a task given to someone named after its cue ("se encarga a Marta ...").
    static let itemOrOutcomeBits: UInt32 = itemCueBits | 1 << 7 | 1 << 8

    /// The phrases of ``sentenceCueLists`` together, and the lists each phrase is in.
    private(set) var sentenceCues = CueMatcher([])
    private(set) var sentenceCuePhraseMasks: [UInt32] = []

    /// The phrases of ``sentenceCueLists`` standing on word boundaries in `f`, by start, each
    /// with the bits of its lists: one pass over a whole text for all its sentences.
    func sentenceCueEvents(_ f: FoldedText) -> [(start: Int, mask: UInt32)] {
        var events: [(start: Int, mask: UInt32)] = []
        sentenceCues.forEachOccurrence(in: f.units) { start, id in events.append((start, sentenceCuePhraseMasks[id])) }
        return events
    }

    /// For each of `sentences` (ranges of Characters of a text, in order), the lists of
    /// ``sentenceCueLists`` with a phrase that stands inside it (`events` of the text). A
    /// sentence is a part of its text between spaces, so a phrase standing on word boundaries
    /// in the sentence stands so in the text: a list whose bit is clear has no cue in the
    /// sentence, and its search can be skipped.
    static func sentenceCueMasks(_ events: [(start: Int, mask: UInt32)], sentences: [Range<Int>]) -> [UInt32] {
        var masks = [UInt32](repeating: 0, count: sentences.count)
        var n = 0
        for e in events {
            while n < sentences.count && sentences[n].upperBound <= e.start { n += 1 }
            if n < sentences.count && sentences[n].contains(e.start) { masks[n] |= e.mask }
        }
        return masks
    }

    /// The earliest occurrence of any phrase of cue list `name` in `f` (on word boundaries;
    /// the longest phrase at that position).
    func firstCue(_ name: String, in f: FoldedText) -> Range<Int>? {
        matchers[name]?.first(in: f)
    }

    /// The section a heading or label opens, if any: the longest phrase it starts with.
    func section(of heading: String) -> String? {
        sectionMatch(of: heading).flatMap { $0.extraWords <= 3 ? $0.section : nil }
    }

    /// The section a heading starts with, and how many words follow the section phrase: a long
    /// heading that merely starts with it ("Follow-up to the Cartagena Declaration") may be a topic.
    func sectionMatch(of heading: String) -> (section: String, extraWords: Int)? {
        let k = Self.stripNumbering(Folding.key(heading))
        guard !k.isEmpty else { return nil }
        if let i = sectionIndex.longestPhrase(startingKey: k) {
            return (sections[i].0, k.dropFirst(sections[i].1.count).wordsAtSpaces().count)
        }
        // A heading in two languages, "Signataires / Signatories", "Acuerdos / Decisions": either.
        if heading.contains(" / "), case let parts = heading.components(separatedBy: " / "), parts.count == 2 {
            for part in parts where !part.trimmingSpaces().isEmpty {
                if let m = sectionMatch(of: part) { return m }
            }
        }
        // "SC Attendees (4/7)", "TSC members present", "WG Participants": a body's abbreviation
        // before the section phrase.
        let words = heading.trimmingSpaces().split(separator: " ", maxSplits: 1)
        if words.count == 2, (2...5).contains(words[0].count), words[0].allSatisfy({ $0.isUppercase }) {
            let rest = Self.stripNumbering(Folding.key(String(words[1])))
            if !rest.isEmpty, let i = sectionIndex.longestPhrase(startingKey: rest) {
                return (sections[i].0, rest.dropFirst(sections[i].1.count).wordsAtSpaces().count)
            }
        }
        // "Committee present", "Trustees present", "Officers and Trustees Present", "Consejeros
        // presentes": who was there, by their group (two to five words ending in the word for
        // present); "not present" is absent.
        // (Told from the key's end first: most headings end otherwise.)
        if k.hasSuffix("present") || k.hasSuffix("presentes") || k.hasSuffix("present:") || k.hasSuffix("presentes:"),
           case let kw = k.trimming(ascii: ":").wordsAtSpaces(),
           (2...5).contains(kw.count), let last = kw.last, ["present", "presentes"].contains(last),
           !kw.contains(where: { $0 == "not" || $0 == "no" }), sections.contains(where: { $0.0 == "attendees" }) {
            return ("attendees", 0)
        }
        // "Las organizaciones firmantes coinciden en que:" — a cue phrase anywhere in a short lead-in.
        if heading.trimmingSpaces().hasSuffix(":") {
            let spacedKey = " \(k) "
            for i in sections.indices {
                if let spaced = sectionSpaced[i], spacedKey.containsASCII(spaced) { return (sections[i].0, 0) }
            }
        }
        return nil
    }

    /// True when the heading is exactly a section phrase ("ASISTENTES", "Acuerdos:").
    func isExactSection(_ heading: String) -> Bool {
        let k = Self.stripNumbering(Folding.key(heading))
        return sectionPhrases.contains(k)
    }

    /// Removes a leading section number (`1.`, `IV.`, `a)`, `2.1`).
    static func stripNumbering(_ k: String) -> String {
        // (Most keys open with no number: told from their first word, without splitting them.)
        if let space = k.firstIndex(of: " ") {
            let f = k[..<space]
            let numbering = f.allSatisfy({ $0.isNumber }) || (f.count <= 4 && f.allSatisfy({ "ivxlc".contains($0) }))
                || (f.count == 1 && f != "y" && f != "e" && f != "a" && f != "o")
            if !numbering { return k }
        } else {
            return k
        }
        var words = k.wordsAtSpaces().map(String.init)
        while let f = words.first, words.count > 1,
              f.allSatisfy({ $0.isNumber }) || (f.count <= 4 && f.allSatisfy({ "ivxlc".contains($0) })) || (f.count == 1 && f != "y" && f != "e" && f != "a" && f != "o") {
            words.removeFirst()
        }
        return words.joined(separator: " ")
    }
}

/// A list of folded phrases, found by their first two units: the earliest occurrence on word
/// boundaries (neither a letter nor a digit on either side; or anywhere, when made without
/// them), the longest phrase at that position. Equivalent to one regular expression of the
/// phrases as alternatives, longest first, between `(?<![\p{L}\p{N}])` and `(?![\p{L}\p{N}])`,
/// without its cost (ICU's matcher was a sixth of ingest time).
final class CueMatcher: @unchecked Sendable {
    /// The distinct phrases; a phrase's id is its index here.
    let phrases: [String]
    /// The tables the scan reads, in buffers of the matcher's own (allocated once, freed with
    /// it): read at every unit of every sentence, arrays cost a retain and a bounds check each.
    /// Every phrase's UTF-16 units, one after another; where each phrase starts and ends.
    private let units: UnsafeMutableBufferPointer<UInt16>
    private let starts: UnsafeMutableBufferPointer<Int32>
    private let ends: UnsafeMutableBufferPointer<Int32>
    /// Ids of the phrases of two units or more, grouped by their first two units, longest
    /// first within a group (a lexicon's lists share first letters: "se acordó", "se aprobó",
    /// "se comprometió a"... grouped by one letter, every word starting with it compared with
    /// all of them). A group is found in an open-addressing table of its two units
    /// (`pairKeys`, `pairFrom`, `pairTo`; `pairFrom` -1 for an empty slot).
    private let order: UnsafeMutableBufferPointer<Int32>
    private let pairKeys: UnsafeMutableBufferPointer<UInt32>
    private let pairFrom: UnsafeMutableBufferPointer<Int32>
    private let pairTo: UnsafeMutableBufferPointer<Int32>
    private let pairShift: UInt32
    /// The phrase of one unit that starts with an ASCII unit (-1: none), and the others.
    private let singleASCII: UnsafeMutableBufferPointer<Int32>
    private let otherSingles: [UInt16: Int]
    /// Whether any phrase starts with an ASCII unit, and the non-ASCII first units.
    private let firstASCII: UnsafeMutableBufferPointer<Bool>
    private let otherFirsts: Set<UInt16>

    /// Whether a phrase must stand on word boundaries (false: any occurrence counts).
    private let wordBoundaries: Bool

    init(_ phrases: [String], wordBoundaries: Bool = true) {
        self.wordBoundaries = wordBoundaries
        var byPair: [UInt32: [[UInt16]]] = [:]
        var singles: [UInt16: [UInt16]] = [:]
        for p in Set(phrases.filter { !$0.isEmpty }) {
            let u = Array(p.utf16)
            if u.count == 1 { singles[u[0]] = u } else { byPair[Self.key(u[0], u[1]), default: []].append(u) }
        }
        var list: [String] = [], units: [UInt16] = [], bounds: [(Int, Int)] = [], order: [Int] = []
        func add(_ u: [UInt16]) -> Int {
            list.append(String(decoding: u, as: UTF16.self))
            bounds.append((units.count, units.count + u.count))
            units += u
            return list.count - 1
        }
        var groups: [(key: UInt32, range: Range<Int>)] = []
        for key in byPair.keys.sorted() {
            let start = order.count
            for u in byPair[key]!.sorted(by: { $0.count > $1.count }) { order.append(add(u)) }
            groups.append((key, start..<order.count))
        }
        var singleIDs: [UInt16: Int] = [:]
        for unit in singles.keys.sorted() { singleIDs[unit] = add(singles[unit]!) }
        self.phrases = list
        func buffer<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(values.count, 1))
            _ = b.initialize(from: values)
            return b
        }
        self.units = buffer(units)
        self.starts = buffer(bounds.map { Int32($0.0) })
        self.ends = buffer(bounds.map { Int32($0.1) })
        self.order = buffer(order.map { Int32($0) })
        var bits: UInt32 = 3
        while (1 << bits) < groups.count * 2 { bits += 1 }
        pairShift = 32 - bits
        var keys = [UInt32](repeating: 0, count: 1 << bits), from = [Int32](repeating: -1, count: 1 << bits), to = [Int32](repeating: 0, count: 1 << bits)
        for g in groups {
            var i = Self.slot(g.key, shift: pairShift)
            while from[i] >= 0 { i = (i + 1) & (keys.count - 1) }
            keys[i] = g.key
            from[i] = Int32(g.range.lowerBound)
            to[i] = Int32(g.range.upperBound)
        }
        pairKeys = buffer(keys)
        pairFrom = buffer(from)
        pairTo = buffer(to)
        singleASCII = buffer((0..<128).map { Int32(singleIDs[UInt16($0)] ?? -1) })
        otherSingles = singleIDs.filter { $0.key >= 128 }
        let firsts = Set(groups.map { UInt16($0.key >> 16) }).union(singleIDs.keys)
        firstASCII = buffer((0..<128).map { firsts.contains(UInt16($0)) })
        otherFirsts = firsts.filter { $0 >= 128 }
    }

    deinit {
        for b in [starts, ends, order, pairFrom, pairTo, singleASCII] { b.deallocate() }
        units.deallocate()
        pairKeys.deallocate()
        firstASCII.deallocate()
    }

    @inline(__always)
    private static func key(_ a: UInt16, _ b: UInt16) -> UInt32 { UInt32(a) << 16 | UInt32(b) }

    @inline(__always)
    private static func slot(_ key: UInt32, shift: UInt32) -> Int { Int((key &* 0x9E37_79B1) >> shift) }

    func first(in f: FoldedText) -> Range<Int>? {
        guard !phrases.isEmpty else { return nil }
        return f.units.withUnsafeBufferPointer { u in
            for p in 0..<u.count {
                if let m = match(u, at: p) { return p..<m.end }
            }
            return nil
        }
    }

    /// Whether any phrase occurs anywhere in `units` (word boundaries aside) with `follows`
    /// true of the unit after it (nil at the end): every occurrence is tried, overlapping ones
    /// and shorter phrases where a longer one stands too.
    func occurs(in units: [UInt16], followedBy follows: (UInt16?) -> Bool) -> Bool {
        guard !phrases.isEmpty else { return false }
        return units.withUnsafeBufferPointer { u in
            for p in 0..<u.count where mayStart(u[p]) {
                var found = false
                forEachCandidate(u, at: p) { id, end in
                    if follows(end < u.count ? u[end] : nil) { found = true }
                    return !found
                }
                if found { return true }
            }
            return false
        }
    }

    /// Calls `body` with the start and id of every phrase that stands on word boundaries in
    /// `units`, by start (overlapping ones too, and shorter ones where a longer one stands).
    func forEachOccurrence(in units: [UInt16], _ body: (_ start: Int, _ id: Int) -> Void) {
        guard !phrases.isEmpty else { return }
        units.withUnsafeBufferPointer { u in
            for p in 0..<u.count where mayStart(u[p]) {
                if wordBoundaries && p > 0 && WordCharacters.isWordUnit(u[p - 1]) { continue }
                forEachCandidate(u, at: p) { id, after in
                    if !(wordBoundaries && after < u.count && WordCharacters.isWordUnit(u[after])) { body(p, id) }
                    return true
                }
            }
        }
    }

    /// Every occurrence in `units`, left to right, none overlapping (as a regular expression's
    /// successive matches), with the id of the phrase found at each place.
    func allWithIDs(in units: [UInt16]) -> [(range: Range<Int>, id: Int)] {
        guard !phrases.isEmpty else { return [] }
        return units.withUnsafeBufferPointer { u in
            var out: [(range: Range<Int>, id: Int)] = []
            var p = 0
            while p < u.count {
                if let m = match(u, at: p) {
                    out.append((p..<m.end, m.id))
                    p = m.end
                } else {
                    p += 1
                }
            }
            return out
        }
    }

    /// Whether any phrase starts with `unit`.
    @inline(__always)
    private func mayStart(_ unit: UInt16) -> Bool {
        unit < 128 ? firstASCII[Int(unit)] : otherFirsts.contains(unit)
    }

    /// Calls `body` with the id and end of each phrase whose units stand at `p` of `u`
    /// (boundaries aside), longest first, until it returns false.
    @inline(__always)
    private func forEachCandidate(_ u: UnsafeBufferPointer<UInt16>, at p: Int, _ body: (_ id: Int, _ end: Int) -> Bool) {
        let a = u[p]
        if p + 1 < u.count {
            let key = Self.key(a, u[p + 1])
            var i = Self.slot(key, shift: pairShift)
            while pairFrom[i] >= 0 {
                if pairKeys[i] == key {
                    for k in Int(pairFrom[i])..<Int(pairTo[i]) {
                        let id = Int(order[k])
                        if let end = end(of: id, at: p, in: u), !body(id, end) { return }
                    }
                    break
                }
                i = (i + 1) & (pairKeys.count - 1)
            }
        }
        let single = a < 128 ? Int(singleASCII[Int(a)]) : (otherSingles[a] ?? -1)
        if single >= 0 { _ = body(single, p + 1) }
    }

    /// Where phrase `id` ends when its units stand at `p` of `u` (boundaries aside; its
    /// first two units already seen there), else nil.
    @inline(__always)
    private func end(of id: Int, at p: Int, in u: UnsafeBufferPointer<UInt16>) -> Int? {
        let start = Int(starts[id])
        let length = Int(ends[id]) - start
        guard p + length <= u.count else { return nil }
        var i = 2
        while i < length && u[p + i] == units[start + i] { i += 1 }
        return i >= length ? p + length : nil
    }

    /// The end and id of the longest phrase that starts at `p` on word boundaries.
    @inline(__always)
    private func match(_ u: UnsafeBufferPointer<UInt16>, at p: Int) -> (end: Int, id: Int)? {
        guard mayStart(u[p]) else { return nil }
        if wordBoundaries && p > 0 && WordCharacters.isWordUnit(u[p - 1]) { return nil }
        var found: (end: Int, id: Int)?
        forEachCandidate(u, at: p) { id, after in
            if wordBoundaries && after < u.count && WordCharacters.isWordUnit(u[after]) { return true }
            found = (after, id)
            return false
        }
        return found
    }
}

/// Letters and digits (`\p{L}`, `\p{N}`) among UTF-16 units, from a table made once.
enum WordCharacters {
    private static let table: [Bool] = (0..<0x10000).map { v in
        guard let scalar = Unicode.Scalar(UInt32(v)) else { return false }  // surrogates
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    static func isWordUnit(_ u: UInt16) -> Bool {
        if u < 0x80 { return (u >= 0x61 && u <= 0x7A) || (u >= 0x41 && u <= 0x5A) || (u >= 0x30 && u <= 0x39) }
        return table[Int(u)]
    }
}

/// Words (as UTF-8 bytes) and a value each, in an open-addressing table hashed with FNV-1a:
/// equal bytes, the same entry.
struct ByteWordTable: Sendable {
    private var slots: [Int32] = [-1]
    private var mask = 0
    private var keys: [[UInt8]] = []
    private var values: [UInt64] = []

    init() {}

    init(_ entries: [([UInt8], UInt64)]) {
        var size = 8
        while size < entries.count * 4 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (key, value) in entries {
            var i = ByteSearch.hash(key) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(keys.count)
            keys.append(key)
            values.append(value)
        }
    }

    /// The value of `word`, nil when it is not in the table.
    func value(_ word: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !keys.isEmpty else { return nil }
        var i = ByteSearch.hash(word) & mask
        while slots[i] >= 0 {
            let k = Int(slots[i])
            if keys[k].elementsEqual(word) { return values[k] }
            i = (i + 1) & mask
        }
        return nil
    }
}

/// Phrase keys by their first word, to ask whether a key starts with any of them (is one, or
/// starts with one and a space): only phrases sharing the key's first word can.
struct PhraseIndex: Sendable {
    private let phrases: [String]
    /// The positions in `phrases` of each first word's phrases, in order.
    private var byFirstWord: [String: [Int]] = [:]

    init(_ phrases: [String]) {
        self.phrases = phrases
        for (i, p) in phrases.enumerated() { byFirstWord[Self.firstWord(p), default: []].append(i) }
    }

    /// The position of the first phrase `key` is or starts with (and a space):
    /// `phrases.firstIndex { key.isPhrase($0) }`, looking only at the phrases that can match.
    func firstPhrase(startingKey key: String) -> Int? {
        byFirstWord[Self.firstWord(key)]?.first { key.isPhrase(phrases[$0]) }
    }

    /// The position of the longest phrase `key` is or starts with, the first of the longest
    /// in order: "Resolución de dudas" is the narrative's phrase, not the decisions' "resolución".
    func longestPhrase(startingKey key: String) -> Int? {
        byFirstWord[Self.firstWord(key)]?.filter { key.isPhrase(phrases[$0]) }.max { phrases[$0].count < phrases[$1].count || phrases[$0].count == phrases[$1].count && $0 > $1 }
    }

    /// Whether `key` is or starts with any of the phrases.
    func startsAny(_ key: String) -> Bool { firstPhrase(startingKey: key) != nil }

    private static func firstWord(_ k: String) -> String {
        k.firstIndex(ofASCII: UInt8(ascii: " ")).map { String(k[..<$0]) } ?? k
    }
}
