public import Foundation
public import RelatoriaCore

/// Reads Akoma Ntoso 3.0 (`debate`, `debateReport`, `doc`, `statement`, `act`, ...).
///
/// FRBR dates are kept apart with their names (a publication or markup date is not the
/// meeting date); `docDate` in the preface is the event date. `TLCPerson`/`TLCOrganization`
/// references resolve `speech@by` and inline `person`/`organization` references; roll calls,
/// debate sections, votings and outcomes pass their names on as hints.
public struct AkomaNtosoReader: DocumentReader {
    public init() {}

    public func read(_ data: Data, limits: ReaderLimits) throws -> NormalizedDocument {
        let root = try LibXMLParser.parseXML(data, limits: limits)
        return try Self.read(root: root)
    }

    static func isAkomaNtoso(_ root: XElement) -> Bool {
        root.name == "akomaNtoso" || (root.namespace ?? "").contains("akn") || (root.namespace ?? "").contains("akomantoso")
    }

    static func read(root: XElement) throws -> NormalizedDocument {
        guard let main = root.elements.first(where: { $0.name != "components" }) else {
            throw ReadFailure("Akoma Ntoso document has no document element under <akomaNtoso>")
        }
        var meta = DocumentMetadata()
        meta.documentType = main.name.lowercased()
        if let name = main.attribute("name") { meta.properties["akn.name"] = name }
        if let m = main.first("meta") { readMeta(m, into: &meta) }
        var walker = AkomaNtosoWalker(parties: Dictionary(meta.parties.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
        for child in main.elements where child.name != "meta" {
            walker.walk(child, hints: [])
        }
        // The visible title and the event date live inline in the preface.
        if let title = main.descendant("docTitle")?.text, !title.isEmpty {
            meta.title = title
            meta.titleIsVisible = true
        }
        for d in main.descendants("docDate") {
            if let v = d.attribute("date"), let iso = isoDate(v) {
                meta.dates.insert(.init(value: iso, source: "akn.docDate", isEventDate: true), at: 0)
            }
        }
        var doc = NormalizedDocument(format: .akn, blocks: walker.blocks, metadata: meta)
        if walker.blocks.isEmpty { doc.warnings.append("the document has no text") }
        return doc
    }

    private static func readMeta(_ m: XElement, into meta: inout DocumentMetadata) {
        if let refs = m.first("references") {
            for r in refs.elements {
                guard let id = r.attribute("eId") ?? r.attribute("id"), let show = r.attribute("showAs") else { continue }
                let kind: DocumentMetadata.Party.Kind = switch r.name {
                case "TLCPerson": .person
                case "TLCRole": .role
                default: .organization
                }
                meta.parties.append(.init(id: id, name: show, kind: kind))
            }
        }
        guard let ident = m.first("identification") else { return }
        for level in ["FRBRWork", "FRBRExpression", "FRBRManifestation"] {
            guard let l = ident.first(level) else { continue }
            for d in l.all("FRBRdate") {
                guard let v = d.attribute("date"), let iso = isoDate(v) else { continue }
                let name = d.attribute("name") ?? ""
                meta.dates.append(.init(value: iso, source: "akn.\(level).FRBRdate@\(name)", isEventDate: false))
            }
            if level == "FRBRExpression", let lang = l.first("FRBRlanguage")?.attribute("language") {
                meta.language = iso639_1(lang)
            }
            if level == "FRBRWork", let author = l.first("FRBRauthor")?.attribute("href") {
                let id = author.hasPrefix("#") ? String(author.dropFirst()) : author
                meta.author = meta.parties.first { $0.id == id }?.name
            }
        }
    }

    static func isoDate(_ v: String) -> String? {
        let t = v.trimmingSpaces()
        guard t.range(of: #"^\d{4}-\d{2}-\d{2}"#, options: .regularExpression) != nil else { return nil }
        return String(t.prefix(10))
    }

    static func iso639_1(_ code: String) -> String {
        let map = ["spa": "es", "esl": "es", "eng": "en", "fra": "fr", "fre": "fr", "por": "pt", "deu": "de", "ger": "de",
                   "ita": "it", "nld": "nl", "dut": "nl", "swe": "sv", "nor": "no", "swa": "sw", "ara": "ar"]
        let c = code.lowercased()
        if c.count == 2 { return c }
        return map[c] ?? String(c.prefix(2))
    }
}

/// Walks the body of an Akoma Ntoso document into blocks.
struct AkomaNtosoWalker {
    let parties: [String: String]
    private(set) var blocks: [Block] = []

    init(parties: [String: String]) { self.parties = parties }

    private static let paragraphs: Set<String> = ["p", "docTitle", "docNumber", "longTitle", "docProponent", "docDate",
                                                  "formula", "outcome", "narrative", "summary", "scene", "signature"]
    private static let headings: Set<String> = ["heading", "subheading", "docType"]

    private func resolve(_ ref: String?) -> String? {
        guard let ref, !ref.isEmpty else { return nil }
        return parties[ref.hasPrefix("#") ? String(ref.dropFirst()) : ref]
    }

    /// Named inline references of a paragraph (`person`, `organization`, `role`, ...).
    private func fields(of e: XElement) -> [String: String] {
        var f: [String: String] = [:]
        for name in ["person", "organization", "role", "location", "party", "docProponent", "date", "docDate", "quantity"] {
            if let r = e.descendant(name) {
                let t = r.text
                if !t.isEmpty { f[name.lowercased()] = t }
                if let resolved = resolve(r.attribute("refersTo")), f[name.lowercased() + ".ref"] == nil {
                    f[name.lowercased() + ".ref"] = resolved
                }
            }
        }
        if let d = e.descendant("date")?.attribute("date") ?? e.descendant("docDate")?.attribute("date") { f["date.value"] = d }
        return f
    }

    /// AKN elements whose names carry meaning for extraction; the rest (preface, conclusions,
    /// blockList...) are layout and are not passed on as hints.
    private static let semantic: Set<String> = ["rollCall", "quorum", "voting", "outcome", "decision", "speech", "question",
                                                "answer", "summary", "narrative", "signature", "attendance", "adjournment"]

    private static func hints(of e: XElement) -> [String] {
        var h: [String] = []
        if semantic.contains(e.name) { h.append(GenericXMLReader.splitWords(e.name)) }
        for key in ["name", "class", "refersTo"] where key != "refersTo" {
            if let v = e.attribute(key), !v.isEmpty, v.count <= 40 { h.append(GenericXMLReader.splitWords(v)) }
        }
        return h
    }

    mutating func walk(_ e: XElement, hints: [String], inItem: Bool = false, speaker: String? = nil) {
        let here = hints + Self.hints(of: e)
        let name = e.name
        switch name {
        case "meta", "noteRef", "eol", "eop", "img":
            return
        case "speech", "question", "answer":
            let who = resolve(e.attribute("by")) ?? e.first("from")?.text
            var prefix = e.first("from")?.text ?? ""
            for child in e.elements where child.name != "from" {
                if child.name == "p", !prefix.isEmpty {
                    let t = child.text
                    blocks.append(Block(role: .speech, text: "\(prefix) \(t)", speaker: who, hints: here + ["p"], fields: fields(of: child)))
                    prefix = ""
                } else {
                    walk(child, hints: here, speaker: who)
                }
            }
            if !prefix.isEmpty { blocks.append(Block(role: .speech, text: prefix, speaker: who, hints: here)) }
        case "tr":
            let cells = e.elements.map { $0.text }
            if cells.contains(where: { !$0.isEmpty }) {
                blocks.append(Block(role: .tableRow, text: cells.filter { !$0.isEmpty }.joined(separator: " | "), cells: cells,
                                    isHeaderRow: e.elements.allSatisfy { $0.name == "th" }, hints: here))
            }
        case "item", "li", "point", "indent":
            let num = e.first("num")?.text
            for child in e.elements where child.name != "num" {
                walk(child, hints: here, inItem: true, speaker: speaker)
            }
            if let num, let i = blocks.indices.last, blocks[i].role == .listItem, blocks[i].marker == nil { blocks[i].marker = num }
        default:
            if Self.headings.contains(name) {
                let t = e.text
                if !t.isEmpty { blocks.append(Block(role: .heading, text: t, level: 2, hints: here)) }
            } else if Self.paragraphs.contains(name) || e.elements.isEmpty || hasOwnText(e) {
                let t = e.text
                guard !t.isEmpty else { return }
                let role: Block.Role = speaker != nil ? .speech : (inItem ? .listItem : .paragraph)
                // A paragraph holding a <signature> is a signature, wherever it stands.
                let signed = e.descendant("signature") != nil ? ["signature"] : []
                blocks.append(Block(role: role, text: t, speaker: speaker, hints: here + signed, fields: fields(of: e)))
            } else {
                // A container; a <num> before a <heading> joins it.
                var pendingNum: String?
                for child in e.elements {
                    if child.name == "num" { pendingNum = child.text; continue }
                    let before = blocks.count
                    walk(child, hints: here, inItem: inItem, speaker: speaker)
                    if let n = pendingNum, blocks.count > before {
                        if blocks[before].role == .heading { blocks[before].text = "\(n) \(blocks[before].text)" } else { blocks[before].marker = n }
                    }
                    pendingNum = nil
                }
            }
        }
    }

    private func hasOwnText(_ e: XElement) -> Bool {
        e.children.contains { if case .text(let t) = $0 { !t.trimmingSpacesAndNewlines().isEmpty } else { false } }
    }
}
