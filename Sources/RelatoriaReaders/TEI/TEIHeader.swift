import Foundation
import RelatoriaCore

/// What a TEI `teiHeader` declares about the meeting: title, dates, place, the organ that met
/// and the language.
///
/// Dates are kept apart by what they are: the setting's date (`profileDesc/settingDesc/setting/date`)
/// is the meeting's; the source's (`sourceDesc` `bibl`/`biblStruct` date) and the text's creation
/// date come next, also as the event's; the publication and edition dates are only when the file
/// was published, so they are not event dates (the extractor takes them last, with a warning).
struct TEIHeader {
    var title: String?
    var dates: [DocumentMetadata.DeclaredDate] = []
    /// A setting date written out without `@when` ("14 de marzo de 2006"): read by the
    /// extractor's date parser from a field block.
    var writtenDate: String?
    var place: String?
    /// Names of the organ the header gives (`meeting`, `orgName`, `authority`, `author`).
    var bodyHints: [String] = []

    /// `headers`: the document's own header first, then its corpus's. `language`: the text's,
    /// to choose among titles and names given in several languages.
    init(headers: [XElement], language: String?) {
        for h in headers where title == nil {
            title = Self.title(h, language: language)
        }
        for h in headers { readDates(h) }
        for h in headers where place == nil {
            place = Self.place(h, language: language)
        }
        for h in headers { bodyHints += Self.organs(h, language: language) }
    }

    /// The meeting's date, to choose among a person's dated names.
    var meetingDate: String? { dates.first { $0.isEventDate }?.value }

    // MARK: Title

    /// The main title (`type="main"`, else an untyped one) in the text's language. A corpus's
    /// component file titles itself by the collection and its sitting in a subtitle: when the
    /// title statement names the `meeting` the file records, or the subtitle gives the meeting's
    /// year and the main title does not, the subtitle is the title. A bracketed tag at the end
    /// ("[ParlaMint]") is not part of it.
    static func title(_ header: XElement, language: String?) -> String? {
        guard let stmt = header.first("fileDesc")?.first("titleStmt") else { return nil }
        let titles = stmt.all("title").filter { !$0.text.isEmpty }
        let main = pick(titles.filter { $0.attribute("type") == "main" }, language)
            ?? pick(titles.filter { ($0.attribute("type") ?? "").isEmpty }, language)
            ?? pick(titles.filter { $0.attribute("type") != "sub" }, language)
        let sub = pick(titles.filter { $0.attribute("type") == "sub" }, language)
        guard let main else { return sub.map { clean($0.text) } }
        let year = yearOfSetting(header)
        if let sub, !stmt.all("meeting").isEmpty || year.map({ sub.text.contains($0) && !main.text.contains($0) }) == true {
            return clean(sub.text)
        }
        return clean(main.text)
    }

    private static func yearOfSetting(_ header: XElement) -> String? {
        guard let setting = header.first("profileDesc")?.first("settingDesc") else { return nil }
        for d in setting.descendants("date") {
            if let v = when(d) ?? AkomaNtosoReader.isoDate(d.text) { return String(v.prefix(4)) }
        }
        return nil
    }

    private static func clean(_ s: String) -> String {
        var t = s.trimmingSpaces()
        if t.hasSuffix("]"), let open = t.lastIndex(of: "["), open > t.startIndex {
            t = String(t[..<open]).trimmingSpaces()
        }
        return t
    }

    // MARK: Dates

    /// An element's ISO date from `@when`, `@from`, `@notBefore` or `@when-iso`.
    static func when(_ d: XElement) -> String? {
        for key in ["when", "when-iso", "from", "notBefore"] {
            if let v = d.attribute(key), let iso = AkomaNtosoReader.isoDate(v) { return iso }
        }
        return nil
    }

    private mutating func readDates(_ header: XElement) {
        let profile = header.first("profileDesc")
        if let settings = profile?.first("settingDesc") {
            for d in settings.descendants("date") {
                if let iso = Self.when(d) ?? AkomaNtosoReader.isoDate(d.text) {
                    dates.append(.init(value: iso, source: "tei.setting.date", isEventDate: true))
                } else if writtenDate == nil, !d.text.isEmpty, d.text.hasAtMost(120) {
                    writtenDate = d.text
                }
            }
        }
        let file = header.first("fileDesc")
        // (A date directly under sourceDesc is when the source was fetched, as GermaParl writes
        // it; the source document's date is in its bibliographic description.)
        if let source = file?.first("sourceDesc") {
            let described = source.elements.filter { ["bibl", "biblStruct", "biblFull", "msDesc", "recordingStmt", "scriptStmt"].contains($0.name) }
            for d in described.flatMap({ $0.descendants("date") + $0.descendants("origDate") }) {
                if let iso = Self.when(d) ?? AkomaNtosoReader.isoDate(d.text) {
                    dates.append(.init(value: iso, source: "tei.sourceDesc.date", isEventDate: true))
                    break
                }
            }
        }
        if let creation = profile?.first("creation") {
            for d in creation.descendants("date") {
                if let iso = Self.when(d) ?? AkomaNtosoReader.isoDate(d.text) {
                    dates.append(.init(value: iso, source: "tei.creation.date", isEventDate: true))
                    break
                }
            }
        }
        for stmt in ["publicationStmt", "editionStmt"] {
            guard let s = file?.first(stmt) else { continue }
            for d in s.descendants("date") {
                if let iso = Self.when(d) ?? AkomaNtosoReader.isoDate(d.text) {
                    dates.append(.init(value: iso, source: "tei.\(stmt).date", isEventDate: false))
                    break
                }
            }
        }
    }

    // MARK: Place

    private static let placeTypes: Set<String> = ["place", "city", "settlement", "town", "venue", "locality", "location"]

    /// The setting's place: a `placeName`, `settlement` or `name` of a place type, else its `locale`.
    static func place(_ header: XElement, language: String?) -> String? {
        guard let settings = header.first("profileDesc")?.first("settingDesc") else { return nil }
        for setting in [settings] + settings.all("setting") {
            var candidates: [XElement] = []
            for e in setting.elements {
                switch e.name {
                case "placeName", "settlement":
                    candidates.append(e)
                case "name" where placeTypes.contains((e.attribute("type") ?? "").lowercased()):
                    candidates.append(e)
                default:
                    continue
                }
            }
            if let p = pick(candidates, language) {
                // <placeName><settlement>Bogotá</settlement><country>Colombia</country></placeName>
                let t = p.first("settlement")?.text ?? p.text
                if !t.isEmpty { return t }
            }
            if let l = setting.first("locale")?.text, !l.isEmpty, l.hasAtMost(100) { return l }
        }
        return nil
    }

    // MARK: Organ

    /// Names that may be the organ's: the title statement's `meeting`, `author` and `orgName`s of
    /// its `respStmt`, the setting's `orgName`, the source's `orgName`, `authority` and `author`.
    static func organs(_ header: XElement, language: String?) -> [String] {
        var out: [XElement] = []
        let file = header.first("fileDesc")
        if let stmt = file?.first("titleStmt") {
            if let m = pick(stmt.all("meeting"), language) { out.append(m) }
            out += stmt.all("author")
            out += stmt.all("respStmt").flatMap { $0.all("orgName") }
        }
        if let settings = header.first("profileDesc")?.first("settingDesc") {
            out += settings.descendants("orgName")
        }
        if let source = file?.first("sourceDesc") {
            for bibl in source.elements {
                for tag in ["orgName", "authority", "author"] { out += bibl.descendants(tag) }
            }
        }
        var seen = Set<String>()
        return out.map(\.text).filter { !$0.isEmpty && $0.hasAtMost(200) && seen.insert($0).inserted }
    }

    // MARK: Language

    /// Of elements given in several languages (`xml:lang`), the one in `language`, else one
    /// with no language, else the first.
    static func pick(_ elements: [XElement], _ language: String?) -> XElement? {
        guard elements.count > 1 else { return elements.first }
        if let language, let e = elements.first(where: { lang($0) == language }) { return e }
        return elements.first { lang($0) == nil } ?? elements.first
    }

    /// An element's `xml:lang` as ISO 639-1 ("es" of "es-CO", "spa").
    static func lang(_ e: XElement) -> String? {
        guard let v = e.attribute("lang"), !v.isEmpty else { return nil }
        return AkomaNtosoReader.iso639_1(String(v.split(separator: "-")[0]))
    }
}
