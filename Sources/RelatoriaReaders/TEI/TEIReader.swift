public import Foundation
public import RelatoriaCore

/// Reads TEI P5 XML (the Text Encoding Initiative's encoding, used by parliamentary corpora
/// such as ParlaMint and by editions of transcripts and plays): a `TEI` document, or the `TEI`
/// documents of a `teiCorpus` in order, in the TEI namespace or in none.
///
/// The header gives the title (a front's `docTitle`, else the title statement's), the meeting's
/// date, place and organ, and the language (see ``TEIHeader``); the person list resolves who
/// speaks (see ``TEIPeople``); the text becomes headings, paragraphs, list items, table rows,
/// speeches and stage directions (see ``TEIWalker``). Only the people who speak become speakers:
/// a corpus-wide list of members is not a list of who attended.
public struct TEIReader: DocumentReader {
    public init() {}

    public static let namespace = "http://www.tei-c.org/ns/1.0"

    public func read(_ data: Data, limits: ReaderLimits) throws -> NormalizedDocument {
        let root = try LibXMLParser.parseXML(data, limits: limits)
        guard Self.isTEI(root) else { throw ReadFailure("not a TEI document: its root element is <\(root.name)>, not <TEI> or <teiCorpus>") }
        return Self.read(root: root)
    }

    /// A root `TEI` or `teiCorpus` (or P4's `TEI.2`) in the TEI namespace or in none.
    static func isTEI(_ root: XElement) -> Bool {
        let ns = root.namespace ?? ""
        guard ns.isEmpty || ns == namespace else { return false }
        return root.name == "TEI" || root.name == "teiCorpus" || root.name == "TEI.2"
    }

    static func read(root: XElement) -> NormalizedDocument {
        var documents: [XElement] = []
        var corpusHeaders: [XElement] = []
        collect(root, documents: &documents, corpusHeaders: &corpusHeaders)
        let first = documents.first
        let headers = [first?.first("teiHeader")].compactMap { $0 } + corpusHeaders.reversed()
        let language = Self.language(root: root, document: first, headers: headers)
        var header = TEIHeader(headers: headers, language: language)
        let people = TEIPeople(roots: [root], date: header.meetingDate, language: language)
        // The organ a ParlaMint sitting points at (<meeting corresp="#NR">), when the file declares it.
        for h in headers {
            for m in h.first("fileDesc")?.first("titleStmt")?.all("meeting") ?? [] {
                if let org = people.resolve(m.attribute("corresp")), !header.bodyHints.contains(org) { header.bodyHints.insert(org, at: 0) }
            }
        }

        var walker = TEIWalker(people: people, language: language)
        for d in documents {
            if let text = d.first("text") { walker.walk(text) }
        }
        var blocks = walker.blocks
        // A setting date written only in words is read by the extractor's date parser.
        if let written = header.writtenDate, !header.dates.contains(where: { $0.isEventDate }) {
            blocks.insert(Block(role: .field, text: written, label: "date", hints: ["setting"], fields: ["date": written]), at: 0)
        }

        var meta = DocumentMetadata()
        meta.documentType = "tei"
        meta.language = language
        if let t = walker.docTitle ?? header.title, !t.isEmpty {
            meta.title = t
            meta.titleIsVisible = true
        }
        meta.dates = header.dates
        meta.place = header.place
        meta.bodyHints = header.bodyHints
        var doc = NormalizedDocument(format: .xml, blocks: blocks, metadata: meta)
        if walker.unnamedSpeeches > 0 {
            let n = walker.unnamedSpeeches
            let ids = walker.unresolvedIDs.map { "#" + $0 }.joined(separator: ", ")
            doc.warnings.append("\(Counting.of(n, "speech", "speeches")) name\(n == 1 ? "s" : "") no speaker the file lists (\(ids)): read without a speaker")
        }
        if blocks.isEmpty { doc.warnings.append("the document has no text") }
        return doc
    }

    /// The `TEI` documents of a corpus in order, and the headers of the corpora holding them
    /// (outermost first).
    private static func collect(_ e: XElement, documents: inout [XElement], corpusHeaders: inout [XElement]) {
        if e.name == "teiCorpus" {
            if let h = e.first("teiHeader") { corpusHeaders.append(h) }
            for child in e.elements where child.name == "TEI" || child.name == "teiCorpus" || child.name == "TEI.2" {
                collect(child, documents: &documents, corpusHeaders: &corpusHeaders)
            }
        } else {
            documents.append(e)
        }
    }

    /// The text's language: `xml:lang` of the document, of its `text`, of the corpus; else the
    /// header's `langUsage` (the language of the largest `usage`, else the first).
    static func language(root: XElement, document: XElement?, headers: [XElement]) -> String? {
        for e in [document, document?.first("text"), root].compactMap({ $0 }) {
            if let l = TEIHeader.lang(e) { return l }
        }
        for h in headers {
            guard let langUsage = h.first("profileDesc")?.first("langUsage") else { continue }
            let languages = langUsage.all("language")
            func usage(_ l: XElement) -> Int { Int(l.attribute("usage") ?? "") ?? 0 }
            var best = languages.first
            for l in languages where usage(l) > (best.map { usage($0) } ?? 0) { best = l }
            if let ident = best?.attribute("ident"), !ident.isEmpty {
                return AkomaNtosoReader.iso639_1(String(ident.split(separator: "-")[0]))
            }
        }
        return nil
    }
}
