public import Foundation
import ZIPFoundation

/// Builds ZIP containers in memory for tests: well-formed Word and OpenDocument files, and the
/// hostile ones (bombs, lying sizes, traversal names, huge entry counts, truncation).
public enum ZipBuilder {
    /// A ZIP with stored (uncompressed) entries, written byte by byte so tests control every
    /// field: names are taken as given, sizes may be made to lie.
    public static func stored(_ entries: [(name: String, data: Data)], declaredSize: ((String) -> UInt32?)? = nil) -> Data {
        var out = Data()
        var central = Data()
        for e in entries {
            let offset = UInt32(out.count)
            let crc = crc32(e.data)
            let size = UInt32(e.data.count)
            let declared = declaredSize?(e.name) ?? size
            let name = Data(e.name.utf8)
            var local = Data()
            local.append(le32(0x04034b50)); local.append(le16(20)); local.append(le16(0)); local.append(le16(0))
            local.append(le16(0)); local.append(le16(0)); local.append(le32(crc)); local.append(le32(size)); local.append(le32(declared))
            local.append(le16(UInt16(name.count))); local.append(le16(0)); local.append(name)
            out.append(local); out.append(e.data)
            var c = Data()
            c.append(le32(0x02014b50)); c.append(le16(20)); c.append(le16(20)); c.append(le16(0)); c.append(le16(0))
            c.append(le16(0)); c.append(le16(0)); c.append(le32(crc)); c.append(le32(size)); c.append(le32(declared))
            c.append(le16(UInt16(name.count))); c.append(le16(0)); c.append(le16(0)); c.append(le16(0)); c.append(le16(0))
            c.append(le32(0)); c.append(le32(offset)); c.append(name)
            central.append(c)
        }
        let cdOffset = UInt32(out.count)
        out.append(central)
        var end = Data()
        end.append(le32(0x06054b50)); end.append(le16(0)); end.append(le16(0))
        let n = UInt16(min(entries.count, 0xFFFF))
        end.append(le16(n)); end.append(le16(n)); end.append(le32(UInt32(central.count))); end.append(le32(cdOffset)); end.append(le16(0))
        out.append(end)
        return out
    }

    /// A deflated entry of `size` zero bytes (a zip bomb when large); with `declared`, the
    /// headers claim that size instead of the real one.
    public static func bomb(entry: String, size: Int, declared: UInt32? = nil, extra: [(String, Data)] = []) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (n, d) in extra {
            try archive.addEntry(with: n, type: .file, uncompressedSize: Int64(d.count), compressionMethod: .deflate) { pos, len in
                d.subdata(in: Int(pos)..<Int(pos) + len)
            }
        }
        let chunk = Data(count: 1 << 16)
        try archive.addEntry(with: entry, type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate) { pos, len in
            len == chunk.count ? chunk : Data(count: len)
        }
        var data = archive.data!
        if let declared {
            // Patch the uncompressed size of the bomb entry in its local and central headers.
            let name = Data(entry.utf8)
            var i = 0
            let bytes = [UInt8](data)
            while i + 46 < bytes.count {
                let sig = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
                if sig == 0x04034b50, data.subdata(in: (i + 30)..<min(i + 30 + name.count, data.count)) == name {
                    data.replaceSubrange((i + 22)..<(i + 26), with: le32(declared))
                } else if sig == 0x02014b50, data.subdata(in: (i + 46)..<min(i + 46 + name.count, data.count)) == name {
                    data.replaceSubrange((i + 24)..<(i + 28), with: le32(declared))
                }
                i += 1
            }
        }
        return data
    }

    /// A minimal Word document: `body` is the inside of `<w:body>`; other parts optional.
    public static func docx(body: String, styles: String? = nil, numbering: String? = nil, footnotes: String? = nil,
                            header: String? = nil, footer: String? = nil, core: String? = nil) -> Data {
        let w = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml""#
        var entries: [(String, Data)] = [
            ("[Content_Types].xml", Data(#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.utf8)),
            ("word/document.xml", Data(#"<?xml version="1.0" encoding="UTF-8"?><w:document \#(w)><w:body>\#(body)</w:body></w:document>"#.utf8)),
        ]
        if let styles { entries.append(("word/styles.xml", Data(#"<?xml version="1.0"?><w:styles \#(w)>\#(styles)</w:styles>"#.utf8))) }
        if let numbering { entries.append(("word/numbering.xml", Data(#"<?xml version="1.0"?><w:numbering \#(w)>\#(numbering)</w:numbering>"#.utf8))) }
        if let footnotes { entries.append(("word/footnotes.xml", Data(#"<?xml version="1.0"?><w:footnotes \#(w)>\#(footnotes)</w:footnotes>"#.utf8))) }
        if let header { entries.append(("word/header1.xml", Data(#"<?xml version="1.0"?><w:hdr \#(w)>\#(header)</w:hdr>"#.utf8))) }
        if let footer { entries.append(("word/footer1.xml", Data(#"<?xml version="1.0"?><w:ftr \#(w)>\#(footer)</w:ftr>"#.utf8))) }
        if let core {
            entries.append(("docProps/core.xml", Data(#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">\#(core)</cp:coreProperties>"#.utf8)))
        }
        return stored(entries)
    }

    /// A paragraph of runs for ``docx(body:)``; `bold` runs get `<w:b/>`.
    public static func p(_ runs: [(String, Bool)], style: String? = nil, num: (id: Int, level: Int)? = nil) -> String {
        var ppr = ""
        if let style { ppr += #"<w:pStyle w:val="\#(style)"/>"# }
        if let num { ppr += #"<w:numPr><w:ilvl w:val="\#(num.level)"/><w:numId w:val="\#(num.id)"/></w:numPr>"# }
        let r = runs.map { t, b in #"<w:r>\#(b ? "<w:rPr><w:b/></w:rPr>" : "")<w:t xml:space="preserve">\#(t)</w:t></w:r>"# }.joined()
        return "<w:p>\(ppr.isEmpty ? "" : "<w:pPr>\(ppr)</w:pPr>")\(r)</w:p>"
    }

    public static func p(_ text: String, style: String? = nil) -> String { p([(text, false)], style: style) }

    static func le16(_ v: UInt16) -> Data { Data([UInt8(v & 0xFF), UInt8(v >> 8)]) }
    static func le32(_ v: UInt32) -> Data { Data([UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]) }

    static func crc32(_ data: Data) -> UInt32 {
        var table = [UInt32](repeating: 0, count: 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1 }
            table[i] = c
        }
        var crc: UInt32 = 0xFFFFFFFF
        for b in data { crc = table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFFFFFF
    }
}
