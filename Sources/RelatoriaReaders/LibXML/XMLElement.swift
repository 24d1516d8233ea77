import Foundation

/// An XML or HTML element copied out of libxml2 into plain Swift values.
///
/// Readers walk these instead of libxml2 pointers, which never leave ``LibXMLParser``.
final class XElement: Sendable {
    enum Child: Sendable {
        case element(XElement)
        case text(String)
    }

    /// Local name, without prefix. HTML names are lower-cased by libxml2.
    let name: String
    /// Namespace prefix as written (`w` of `w:p`), or empty.
    let prefix: String
    let namespace: String?
    let attributes: [(name: String, value: String)]
    let children: [Child]
    /// The children that are elements, in order (made once: readers ask for them at every
    /// step of a walk, and a run of a Word document is asked for its properties six times).
    let elements: [XElement]

    /// `elements`: the children that are elements, in order (the parser has them at hand).
    init(name: String, prefix: String, namespace: String?, attributes: [(name: String, value: String)], children: [Child],
         elements: [XElement]) {
        self.name = name
        self.prefix = prefix
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.elements = elements
    }

    /// The value of the attribute with this local name.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    func first(_ name: String) -> XElement? {
        elements.first { $0.name == name }
    }

    func all(_ name: String) -> [XElement] {
        elements.filter { $0.name == name }
    }

    /// The first descendant (depth first) with this name.
    func descendant(_ name: String) -> XElement? {
        for e in elements {
            if e.name == name { return e }
            if let d = e.descendant(name) { return d }
        }
        return nil
    }

    /// Every descendant with this name, in document order.
    func descendants(_ name: String) -> [XElement] {
        var out: [XElement] = []
        for e in elements {
            if e.name == name { out.append(e) }
            out += e.descendants(name)
        }
        return out
    }

    /// All text below this element, in order, with whitespace runs collapsed.
    var text: String {
        var s = ""
        appendText(to: &s)
        return s.collapsingWhitespace()
    }

    private func appendText(to s: inout String) {
        for c in children {
            switch c {
            case .text(let t): s += t
            case .element(let e): e.appendText(to: &s)
            }
        }
    }

    /// True when no child is an element.
    var isLeaf: Bool { elements.isEmpty }
}
