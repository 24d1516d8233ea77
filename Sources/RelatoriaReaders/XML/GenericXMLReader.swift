public import Foundation
public import RelatoriaCore

/// Reads XML of any vocabulary. Element and attribute names are kept as hints for the
/// extractors (an `<acuerdo>` hints a decision, `<fecha>` a date): leaf elements become
/// labelled fields, elements made only of leaves become table rows with named fields, and
/// mixed-content elements become paragraphs.
public struct GenericXMLReader: DocumentReader {
    public init() {}

    public func read(_ data: Data, limits: ReaderLimits) throws -> NormalizedDocument {
        let root = try LibXMLParser.parseXML(data, limits: limits)
        return Self.read(root: root)
    }

    static func read(root: XElement) -> NormalizedDocument {
        var blocks: [Block] = []
        walk(root, path: [], into: &blocks)
        var doc = NormalizedDocument(format: .xml, blocks: blocks)
        doc.metadata.documentType = root.name.lowercased()
        if let lang = root.attribute("lang"), lang.count >= 2 { doc.metadata.language = String(lang.prefix(2)).lowercased() }
        if blocks.isEmpty { doc.warnings.append("the document has no text") }
        return doc
    }

    /// Hints of an element: its name and the values of naming attributes, lower-cased.
    static func hints(of e: XElement) -> [String] {
        var h = [splitWords(e.name)]
        for key in ["name", "type", "tipo", "class", "role", "kind"] {
            if let v = e.attribute(key), !v.isEmpty, v.count <= 40 { h.append(splitWords(v)) }
        }
        return h
    }

    /// `ordenDelDia` → `orden del dia`, `action_items` → `action items`, lower-cased.
    static func splitWords(_ name: String) -> String {
        var out = ""
        var previousLower = false
        for c in name {
            if c == "_" || c == "-" || c == "." {
                out.append(" ")
                previousLower = false
                continue
            }
            if c.isUppercase && previousLower { out.append(" ") }
            out.append(contentsOf: c.lowercased())
            previousLower = c.isLowercase || c.isNumber
        }
        return out
    }

    private static func attributeFields(_ e: XElement) -> [String: String] {
        var f: [String: String] = [:]
        for a in e.attributes where !a.value.trimmingSpaces().isEmpty { f[splitWords(a.name)] = a.value.collapsingWhitespace() }
        return f
    }

    private static func hasOwnText(_ e: XElement) -> Bool {
        e.children.contains { if case .text(let t) = $0 { !t.trimmingSpacesAndNewlines().isEmpty } else { false } }
    }

    private static func walk(_ e: XElement, path: [String], depth: Int = 0, repeated: Bool = false, into blocks: inout [Block]) {
        let here = path + hints(of: e)
        let elements = e.elements
        let marker = e.attribute("n") ?? e.attribute("num") ?? e.attribute("numero") ?? e.attribute("orden")
        if elements.isEmpty {
            let text = e.text
            var fields = attributeFields(e)
            if text.isEmpty {
                // Data carried only in attributes: <asistente nombre="..." cargo="..."/>.
                guard !fields.isEmpty else { return }
                let values = e.attributes.map { $0.value.collapsingWhitespace() }.filter { !$0.isEmpty }
                blocks.append(Block(role: .tableRow, text: values.joined(separator: " | "), cells: values, label: e.name,
                                    hints: here, fields: fields, marker: marker))
                return
            }
            fields[splitWords(e.name)] = text
            let role: Block.Role = repeated ? .listItem : (text.count > 160 ? .paragraph : .field)
            blocks.append(Block(role: role, text: text, label: e.name, hints: here, fields: fields, marker: marker))
            return
        }
        if hasOwnText(e) {
            // Mixed content: a paragraph with inline markup.
            var fields = attributeFields(e)
            for child in elements where child.isLeaf && fields[splitWords(child.name)] == nil {
                fields[splitWords(child.name)] = child.text
            }
            blocks.append(Block(role: repeated ? .listItem : .paragraph, text: e.text, label: e.name, hints: here, fields: fields, marker: marker))
            return
        }
        let names = Set(elements.map(\.name))
        // A one-off group of leaves near the root (<encabezado>) is a set of fields, not a row.
        let headerGroup = !repeated && depth <= 1
        if elements.count >= 2, names.count >= 2, elements.allSatisfy({ $0.isLeaf }), !headerGroup {
            // A record of different leaves: <asistente><nombre/><entidad/><cargo/></asistente>.
            var fields = attributeFields(e)
            var cells: [String] = []
            for child in elements {
                let t = child.text
                cells.append(t)
                if !t.isEmpty, fields[splitWords(child.name)] == nil { fields[splitWords(child.name)] = t }
            }
            guard cells.contains(where: { !$0.isEmpty }) else { return }
            blocks.append(Block(role: .tableRow, text: cells.filter { !$0.isEmpty }.joined(separator: " | "), cells: cells,
                                label: e.name, hints: here, fields: fields, marker: marker))
            return
        }
        // A container: its attributes are fields of their own (<acta fecha="..." lugar="...">).
        for a in e.attributes where !a.value.trimmingSpaces().isEmpty && !a.name.hasPrefix("xmlns") {
            let v = a.value.collapsingWhitespace()
            blocks.append(Block(role: .field, text: v, label: a.name, hints: here + [splitWords(a.name)], fields: [splitWords(a.name): v]))
        }
        let siblingsRepeat = elements.count >= 2 && names.count == 1
        for child in elements { walk(child, path: here, depth: depth + 1, repeated: siblingsRepeat, into: &blocks) }
    }
}
