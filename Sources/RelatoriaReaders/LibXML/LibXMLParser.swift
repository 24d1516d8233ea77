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

    /// Parses XML bytes into the root element. Whitespace-only text is kept where it can stand
    /// between two words and dropped where it is only indentation (see ``copy``).
    static func parseXML(_ data: Data, limits: ReaderLimits) throws -> XElement {
        _ = initialized
        // No XML_PARSE_NOBLANKS: libxml2's guess drops the space of `<hi>Bold</hi> <hi>words</hi>`
        // (it takes a blank for indentation unless text came first); ``copy`` decides instead.
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOXINCNODE.rawValue)
        return try parse(data, limits: limits, what: "XML", blanks: .decide) { base, count in
            xmlReadMemory(base, count, "document.xml", nil, options)
        }
    }

    /// Parses HTML bytes (repairing broken markup) into the root element.
    static func parseHTML(_ data: Data, limits: ReaderLimits, encoding: String? = nil) throws -> XElement {
        _ = initialized
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        return try parse(data, limits: limits, what: "HTML", fragment: true, blanks: .keep) { base, count in
            htmlReadMemory(base, count, "document.html", encoding, options)
        }
    }

    /// With `fragment` (HTML without implied `<html>`/`<body>`), a document of several
    /// top-level elements ("<button>...</button><div>...</div>", a page's fragment) is read
    /// whole under one `body`, not only its first element.
    private static func parse(
        _ data: Data, limits: ReaderLimits, what: String, fragment: Bool = false, blanks: Blanks,
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
        var context = Context(maxDepth: limits.maxDepth, blanks: blanks)
        if fragment, topLevelContent(doc) > 1 {
            var children: [XElement.Child] = []
            var node = doc.pointee.children
            while let n = node {
                switch n.pointee.type {
                case XML_ELEMENT_NODE: children.append(.element(copy(n, depth: 1, preserve: false, inMixed: false, context: &context)))
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: children.append(.text(string(n.pointee.content)))
                default: break
                }
                node = n.pointee.next
            }
            let elements = children.compactMap { if case .element(let e) = $0 { e } else { nil } }
            return XElement(name: "body", prefix: "", namespace: nil, attributes: [], children: children, elements: elements)
        }
        return copy(root, depth: 0, preserve: false, inMixed: false, context: &context)
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

    /// What becomes of whitespace-only text: HTML's parser has already decided (`keep`); of XML,
    /// ``copy`` decides.
    enum Blanks { case keep, decide }

    /// `namespaces`: the prefix and URI of each namespace declaration met so far, made into
    /// strings once (a Word document's elements all share a URI of 60 bytes).
    private struct Context {
        let maxDepth: Int
        let blanks: Blanks
        var namespaces: [UnsafeMutablePointer<xmlNs>: (prefix: String, href: String?)] = [:]
    }

    /// Copies an element and what lies below it. Whitespace-only text (spaces, tabs, line
    /// breaks: a blank) is kept as it is under `xml:space="preserve"` and as an element's only
    /// content (`<w:t> </w:t>`). In mixed content (an element with text that is not blank: `I
    /// will send <person>Tom</person> <date>…</date>`) a blank is kept as one space, or one line
    /// break if it holds one. In element-only content a blank between two elements is kept as
    /// one space (`<hi>Bold</hi> <hi>words</hi>`, TEI's words on lines of their own): a reader
    /// joining the elements' text needs it, a reader walking blocks never sees it; before the
    /// first element and after the last it is indentation and is dropped, unless the element
    /// itself stands in mixed content (`a<span> <b>b</b></span>`).
    private static func copy(_ node: xmlNodePtr, depth: Int, preserve: Bool, inMixed: Bool, context: inout Context) -> XElement {
        let name = string(node.pointee.name)
        var prefix = "", href: String?
        if let ns = node.pointee.ns {
            if let known = context.namespaces[ns] {
                (prefix, href) = known
            } else {
                (prefix, href) = (string(ns.pointee.prefix), ns.pointee.href.map { String(cString: $0) })
                context.namespaces[ns] = (prefix, href)
            }
        }
        var attrs: [(name: String, value: String)] = []
        var preserve = preserve
        var a = node.pointee.properties
        while let attr = a {
            var value = ""
            var child = attr.pointee.children
            while let c = child {
                if c.pointee.type == XML_TEXT_NODE { value += string(c.pointee.content) }
                child = c.pointee.next
            }
            let attrName = string(attr.pointee.name)
            if attrName == "space", let ns = attr.pointee.ns, string(ns.pointee.prefix) == "xml" {
                preserve = value == "preserve" ? true : value == "default" ? false : preserve
            }
            attrs.append((attrName, value))
            a = attr.pointee.next
        }
        var children: [XElement.Child] = []
        var elements: [XElement] = []
        if depth < context.maxDepth {
            let keepAll = context.blanks == .keep || preserve
            // One look over the children first: text that is not blank makes the content mixed;
            // with no element at all, a blank is the element's content (`<w:t> </w:t>`).
            var mixed = false, hasElement = false
            var c = node.pointee.children
            while !keepAll, !mixed, let child = c {
                let type = child.pointee.type.rawValue
                if type == elementNode {
                    hasElement = true
                } else if type == textNode || type == cdataNode {
                    mixed = !isBlank(child.pointee.content)
                }
                c = child.pointee.next
            }
            let keepBlanks = mixed || inMixed || !hasElement
            var sawElement = false
            var pendingBlank = false  // a blank after an element, kept if another element follows
            c = node.pointee.children
            while let child = c {
                let type = child.pointee.type.rawValue
                if type == elementNode {
                    if pendingBlank { children.append(.text(" ")) }
                    pendingBlank = false
                    sawElement = true
                    let e = copy(child, depth: depth + 1, preserve: preserve, inMixed: mixed, context: &context)
                    children.append(.element(e))
                    elements.append(e)
                } else if type == textNode || type == cdataNode {
                    let content = child.pointee.content
                    if keepAll || !isBlank(content) {
                        children.append(.text(string(content)))
                    } else if keepBlanks {
                        // A blank stands for one space, or a line break if it holds one (every
                        // reader collapses whitespace; some keep line breaks).
                        children.append(.text(hasLineFeed(content) ? "\n" : " "))
                    } else if sawElement {
                        pendingBlank = true
                    }
                }
                // Other nodes: entity references are never expanded or walked; comments,
                // processing instructions and DTD nodes carry no document text.
                c = child.pointee.next
            }
        }
        return XElement(name: name, prefix: prefix, namespace: href, attributes: attrs, children: children, elements: elements)
    }

    private static let elementNode = XML_ELEMENT_NODE.rawValue
    private static let textNode = XML_TEXT_NODE.rawValue
    private static let cdataNode = XML_CDATA_SECTION_NODE.rawValue

    private static func hasLineFeed(_ p: UnsafePointer<xmlChar>?) -> Bool {
        guard let p else { return false }
        return strchr(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self), 0x0A) != nil
    }

    /// True when the text is empty or only XML whitespace (space, tab, line feed, carriage return).
    private static func isBlank(_ p: UnsafePointer<xmlChar>?) -> Bool {
        guard var p else { return true }
        while true {
            switch p.pointee {
            case 0: return true
            case 0x20, 0x09, 0x0A, 0x0D: p += 1
            default: return false
            }
        }
    }
}
