import Foundation
import RelatoriaCore

/// The state machine behind ``RTFReader``.
struct RTFParser {
    private enum Destination { case text, skip, listText, info(String), style, header, footer }

    private struct State {
        var destination = Destination.text
        var bold = false
        var unicodeSkip = 1
        var year = 0, month = 0, day = 0
    }

    private let bytes: [UInt8]
    private let maxDepth: Int
    private var stack: [State] = []
    private var state = State()

    private(set) var blocks: [Block] = []
    private(set) var headers: [String] = []
    private(set) var footers: [String] = []
    private(set) var info: [String: String] = [:]
    private(set) var created: String?

    // The paragraph being read.
    private var text = ""
    private var boldChars = 0, plainChars = 0
    private var inTable = false
    private var outline: Int?
    private var style: Int?
    private var listMarker: String?
    private var listLevel = 0
    private var isList = false
    private var cells: [String] = []
    private var cellText: [String] = []
    private var furniture = ""
    private var styles: [Int: String] = [:]
    private var styleNumber: Int?
    private var styleName = ""
    private var pendingBytes: [UInt8] = []

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func run() throws {
        var i = 0
        let n = bytes.count
        var skipChars = 0  // characters still to skip after a \u
        while i < n {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "{"):
                flushBytes()
                if stack.count >= maxDepth {
                    throw ReadFailure("the RTF nests groups more than \(maxDepth) deep: the file is damaged or hostile")
                }
                stack.append(state)
                i += 1
                if i + 1 < n, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "*") {
                    state.destination = .skip
                }
            case UInt8(ascii: "}"):
                flushBytes()
                endGroup()
                i += 1
            case UInt8(ascii: "\\"):
                i += 1
                guard i < n else { break }
                let c = bytes[i]
                if isLetter(c) {
                    let start = i
                    while i < n, isLetter(bytes[i]), i - start < 32 { i += 1 }
                    let word = String(decoding: bytes[start..<i], as: UTF8.self)
                    var param: Int?
                    let numStart = i
                    if i < n, bytes[i] == UInt8(ascii: "-") || isDigit(bytes[i]) {
                        i += 1
                        while i < n, isDigit(bytes[i]), i - numStart < 11 { i += 1 }
                        param = Int(String(decoding: bytes[numStart..<i], as: UTF8.self))
                    }
                    if i < n, bytes[i] == UInt8(ascii: " ") { i += 1 }
                    if skipChars > 0 { skipChars -= 1; continue }
                    if word != "u" { flushBytes() }
                    if word == "u", let p = param {
                        flushBytes()
                        let v = p < 0 ? p + 65536 : p
                        if let s = Unicode.Scalar(UInt32(v)) { emit(String(Character(s))) }
                        skipChars = state.unicodeSkip
                    } else {
                        controlWord(word, param)
                    }
                } else if c == UInt8(ascii: "'") {
                    if i + 2 < n, let v = UInt8(String(decoding: bytes[i + 1...i + 2], as: UTF8.self), radix: 16) {
                        if skipChars > 0 { skipChars -= 1 } else { pendingBytes.append(v) }
                    }
                    i += 3
                } else {
                    i += 1
                    if skipChars > 0 { skipChars -= 1; continue }
                    flushBytes()
                    switch c {
                    case UInt8(ascii: "~"): emit("\u{00A0}")
                    case UInt8(ascii: "_"): emit("-")
                    case UInt8(ascii: "-"): break
                    case 0x0A, 0x0D: controlWord("par", nil)
                    case UInt8(ascii: "*"): break
                    default: emit(String(UnicodeScalar(c)))
                    }
                }
            case 0x0A, 0x0D:
                i += 1
            default:
                if skipChars > 0 { skipChars -= 1; i += 1; continue }
                var j = i
                while j < n, bytes[j] != UInt8(ascii: "{"), bytes[j] != UInt8(ascii: "}"), bytes[j] != UInt8(ascii: "\\"),
                      bytes[j] != 0x0A, bytes[j] != 0x0D { j += 1 }
                pendingBytes.append(contentsOf: bytes[i..<j])
                i = j
            }
        }
        flushBytes()
        endParagraph()
    }

    private func isLetter(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) }
    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// Bytes of text are Windows-1252 (the `\ansicpg1252` of nearly every RTF).
    private mutating func flushBytes() {
        guard !pendingBytes.isEmpty else { return }
        let s = String(data: Data(pendingBytes), encoding: .windowsCP1252) ?? String(decoding: pendingBytes, as: UTF8.self)
        pendingBytes.removeAll()
        emit(s)
    }

    private mutating func emit(_ s: String) {
        switch state.destination {
        case .text:
            text += s
            let letters = s.unicodeScalars.filter { $0.properties.isAlphabetic }.count
            if state.bold { boldChars += letters } else { plainChars += letters }
        case .listText: listMarker = (listMarker ?? "") + s
        case .info(let key): info[key, default: ""] += s
        case .style: styleName += s
        case .header, .footer: furniture += s
        case .skip: break
        }
    }

    private mutating func endGroup() {
        switch state.destination {
        case .style:
            if let n = styleNumber {
                styles[n] = styleName.trimmingCharacters(in: CharacterSet(charactersIn: "; ")).lowercased()
            }
            styleName = ""
            styleNumber = nil
        case .header, .footer:
            if case .header = stack.last?.destination ?? .text { break }
            if case .footer = stack.last?.destination ?? .text { break }
            let t = furniture.collapsingWhitespace()
            if !t.isEmpty, !LinePatterns.isPageFooter(t) {
                if case .header = state.destination { if !headers.contains(t) { headers.append(t) } } else if !footers.contains(t) { footers.append(t) }
            }
            furniture = ""
        case .info(let key) where ["yr", "mo", "dy"].contains(key): break
        default: break
        }
        if stylesheet, stack.count == stylesheetDepth { stylesheet = false }
        if case .info("creatim") = state.destination, state.year > 0 {
            created = String(format: "%04d-%02d-%02d", state.year, max(1, state.month), max(1, state.day))
        }
        state = stack.popLast() ?? State()
    }

    private mutating func controlWord(_ word: String, _ param: Int?) {
        switch word {
        // Destinations.
        case "fonttbl", "colortbl", "pict", "object", "fldinst", "datastore", "themedata", "colorschememapping",
             "latentstyles", "listtable", "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "footnote",
             "annotation", "bkmkstart", "bkmkend", "shpinst", "nonshppict", "pgdsctbl", "revtbl", "filetbl", "mmathPr":
            state.destination = .skip
        case "stylesheet":
            state.destination = .skip
            stylesheet = true
            stylesheetDepth = stack.count
        case "info": state.destination = .skip
        case "title", "subject", "author", "keywords", "company", "operator": state.destination = .info(word)
        case "creatim": state.destination = .info("creatim")
        case "yr": if case .info("creatim") = state.destination { state.year = param ?? 0 }
        case "mo": if case .info("creatim") = state.destination { state.month = param ?? 0 }
        case "dy": if case .info("creatim") = state.destination { state.day = param ?? 0 }
        case "header", "headerl", "headerr", "headerf": state.destination = .header; furniture = ""
        case "footer", "footerl", "footerr", "footerf": state.destination = .footer; furniture = ""
        case "listtext", "pntext": state.destination = .listText; listMarker = ""
        case "uc": state.unicodeSkip = max(0, param ?? 1)
        case "s":
            if stylesheet, case .skip = state.destination, stack.count >= 2 {
                state.destination = .style
                styleNumber = param ?? 0
            } else if case .text = state.destination { style = param }
        // Character formatting.
        case "b": state.bold = (param ?? 1) != 0
        case "plain": state.bold = false
        // Paragraphs.
        case "pard":
            inTable = false; outline = nil; style = nil; isList = false; listLevel = 0
        case "intbl": inTable = true
        case "outlinelevel": outline = param
        case "ls": isList = true
        case "ilvl": listLevel = param ?? 0
        case "par", "sect", "page":
            if case .text = state.destination { endParagraph() } else if case .header = state.destination { furniture += " " } else if case .footer = state.destination { furniture += " " }
        case "line": emit("\n")
        case "tab": emit("\t")
        case "cell", "nestcell":
            endParagraph()
            cells.append(cellText.joined(separator: "\n"))
            cellText.removeAll()
        case "row", "nestrow":
            endParagraph()
            if !cellText.isEmpty { cells.append(cellText.joined(separator: "\n")); cellText.removeAll() }
            if let b = ParagraphBlocks.row(cells, header: blocks.last?.role != .tableRow && headerRowBold) { blocks.append(b) }
            headerRowBold = true
            cells.removeAll()
        // Characters.
        case "emdash": emit("—")
        case "endash": emit("–")
        case "bullet": emit("•")
        case "lquote": emit("‘")
        case "rquote": emit("’")
        case "ldblquote": emit("“")
        case "rdblquote": emit("”")
        case "emspace", "enspace", "qmspace": emit(" ")
        default: break
        }
    }

    private var stylesheet = false
    private var stylesheetDepth = 0
    private var headerRowBold = true

    private mutating func endParagraph() {
        defer {
            text = ""
            boldChars = 0
            plainChars = 0
            listMarker = nil
        }
        let t = text.collapsingWhitespaceKeepingLines()
        if inTable {
            if !t.isEmpty { cellText.append(t) }
            if plainChars > 0 { headerRowBold = false }
            return
        }
        guard !t.isEmpty else { return }
        var level = outline.map { $0 + 1 }
        if level == nil, let s = style, let name = styles[s] {
            for prefix in ["heading ", "título ", "titulo ", "encabezado "] where name.hasPrefix(prefix) {
                level = Int(name.dropFirst(prefix.count).prefix(1))
            }
            if name == "title" || name == "título" { level = 1 }
        }
        var marker = listMarker?.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\t"))
        if let m = marker, m == "·" || m == "\u{F0B7}" || m == "o" || m == "§" || m.isEmpty { marker = "•" }
        if marker == nil, isList { marker = "•" }
        var p = ParagraphBlocks.Paragraph(t, headingLevel: level.map { min(max($0, 1), 9) }, allBold: boldChars > 0 && plainChars == 0, marker: marker)
        p.listLevel = listLevel
        blocks += ParagraphBlocks.blocks(p)
    }
}
