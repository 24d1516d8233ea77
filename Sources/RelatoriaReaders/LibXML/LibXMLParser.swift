import CLibXML2
import Foundation
import RelatoriaCore

/// The only place libxml2 pointers live: parse, copy into ``XElement``, free.
///
/// Options are the safe set of `shared/STACK.md`: no network, no entity substitution, no DTD
/// loading, no XInclude, no HUGE. A billion-laughs document is refused by libxml2; an external
/// entity stays an unexpanded reference, whose children are never walked.
enum LibXMLParser {
    private static let initialized: Bool = {
        xmlInitParser()
        relatoria_xml_quiet()
        return true
    }()

    /// Parses XML bytes into the root element. With `keepBlanks`, a space between two inline
    /// elements (`<hi>a</hi> <hi>b</hi>`, TEI's `<w>` tokens) is kept; without, libxml2 drops
    /// whitespace-only text as indentation.
    static func parseXML(_ data: Data, limits: ReaderLimits, keepBlanks: Bool = false) throws -> XElement {
        _ = initialized
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue | (keepBlanks ? 0 : XML_PARSE_NOBLANKS.rawValue) | XML_PARSE_NOXINCNODE.rawValue)
        return try parse(data, limits: limits, what: "XML") { base, count in
            xmlReadMemory(base, count, "document.xml", nil, options)
        }
    }

    /// Parses HTML bytes (repairing broken markup) into the root element.
    static func parseHTML(_ data: Data, limits: ReaderLimits, encoding: String? = nil) throws -> XElement {
        _ = initialized
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        return try parse(data, limits: limits, what: "HTML", fragment: true) { base, count in
            htmlReadMemory(base, count, "document.html", encoding, options)
        }
    }

    /// With `fragment` (HTML without implied `<html>`/`<body>`), a document of several
    /// top-level elements ("<button>...</button><div>...</div>", a page's fragment) is read
    /// whole under one `body`, not only its first element.
    private static func parse(
        _ data: Data, limits: ReaderLimits, what: String, fragment: Bool = false,
        _ call: (UnsafePointer<CChar>, Int32) -> xmlDocPtr?
    ) throws -> XElement {
        guard data.count < Int(Int32.max) else { throw ReadFailure("\(what) too large to parse") }
        xmlResetLastError()
        let doc: xmlDocPtr? = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
            return call(base, Int32(raw.count))
        }
        guard let doc else {
            throw ReadFailure("malformed \(what): \(lastErrorMessage() ?? "libxml2 could not parse it")")
        }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else {
            throw ReadFailure("\(what) document has no root element")
        }
        var namespaces: [UnsafeMutablePointer<xmlNs>: (prefix: String, href: String?)] = [:]
        if fragment, topLevelContent(doc) > 1 {
            var children: [XElement.Child] = []
            var node = doc.pointee.children
            while let n = node {
                switch n.pointee.type {
                case XML_ELEMENT_NODE: children.append(.element(copy(n, depth: 1, maxDepth: limits.maxDepth, namespaces: &namespaces)))
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: children.append(.text(string(n.pointee.content)))
                default: break
                }
                node = n.pointee.next
            }
            return XElement(name: "body", prefix: "", namespace: nil, attributes: [], children: children)
        }
        return copy(root, depth: 0, maxDepth: limits.maxDepth, namespaces: &namespaces)
    }

    /// How many elements and non-blank texts the document holds at its top level (a DTD or
    /// a comment beside the root is not content).
    private static func topLevelContent(_ doc: xmlDocPtr) -> Int {
        var n = 0
        var node = doc.pointee.children
        while let c = node {
            if c.pointee.type == XML_ELEMENT_NODE { n += 1 }
            if c.pointee.type == XML_TEXT_NODE, !string(c.pointee.content).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { n += 1 }
            node = c.pointee.next
        }
        return n
    }

    private static func lastErrorMessage() -> String? {
        guard let err = xmlGetLastError(), let msg = err.pointee.message else { return nil }
        let text = String(cString: msg).trimmingSpacesAndNewlines()
        return err.pointee.line > 0 ? "\(text) (line \(err.pointee.line))" : text
    }

    private static func string(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    /// `namespaces`: the prefix and URI of each namespace declaration met so far, made into
    /// strings once (a Word document's elements all share a URI of 60 bytes).
    private static func copy(_ node: xmlNodePtr, depth: Int, maxDepth: Int,
                             namespaces: inout [UnsafeMutablePointer<xmlNs>: (prefix: String, href: String?)]) -> XElement {
        let name = string(node.pointee.name)
        var prefix = "", href: String?
        if let ns = node.pointee.ns {
            if let known = namespaces[ns] {
                (prefix, href) = known
            } else {
                (prefix, href) = (string(ns.pointee.prefix), ns.pointee.href.map { String(cString: $0) })
                namespaces[ns] = (prefix, href)
            }
        }
        var attrs: [(name: String, value: String)] = []
        var a = node.pointee.properties
        while let attr = a {
            var value = ""
            var child = attr.pointee.children
            while let c = child {
                if c.pointee.type == XML_TEXT_NODE { value += string(c.pointee.content) }
                child = c.pointee.next
            }
            attrs.append((string(attr.pointee.name), value))
            a = attr.pointee.next
        }
        var children: [XElement.Child] = []
        if depth < maxDepth {
            var c = node.pointee.children
            while let child = c {
                switch child.pointee.type {
                case XML_ELEMENT_NODE:
                    children.append(.element(copy(child, depth: depth + 1, maxDepth: maxDepth, namespaces: &namespaces)))
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    children.append(.text(string(child.pointee.content)))
                default:
                    // Entity references are never expanded or walked; comments, processing
                    // instructions and DTD nodes carry no document text.
                    break
                }
                c = child.pointee.next
            }
        }
        return XElement(name: name, prefix: prefix, namespace: href, attributes: attrs, children: children)
    }
}
