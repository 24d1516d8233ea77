public import Foundation
public import RelatoriaCore

/// Reads Word 97-2003 `.doc` with wvWare (Debian's `wv`), run as a bounded child process: its
/// HTML keeps paragraph styles, lists, tables, bold and line breaks, which ``WvHTMLWalker``
/// turns into the blocks ``DOCXReader`` would give.
///
/// wvWare's stock HTML configuration writes typographic characters as ASCII (an en dash as
/// `-`); it is run with a copy of that configuration whose character entities are XML's, so
/// the text keeps every character.
public struct Word97Reader: DocumentReader {
    static let wvWare = ExternalTool(name: "wvWare", package: "wv")

    public init() {}

    public func read(_ data: Data, limits: ReaderLimits) throws -> NormalizedDocument {
        guard ByteSniffer.kind(data) == .ole else { throw ReadFailure("not a Word 97-2003 document") }
        guard ByteSniffer.isWordOLE(data) else {
            throw ReadFailure("an Office 97-2003 file without a Word document in it: an Excel sheet or PowerPoint deck, not minutes")
        }
        return try ExternalTool.withScratchFolder { folder in
            let input = folder.appendingPathComponent("in.doc")
            try data.write(to: input)
            let images = folder.appendingPathComponent("images")
            try FileManager.default.createDirectory(at: images, withIntermediateDirectories: false)
            var args = ["--charset=utf-8", "--nographics", "-d", images.path]
            if let config = Self.configuration(in: folder) { args += ["-x", config.path] }
            let r = try Self.wvWare.run(args + [input.path], in: folder, for: "a Word 97-2003 .doc", limits: limits)
            guard r.status == 0, !r.stdout.isEmpty else {
                let why = r.stderr.lowercased()
                if why.contains("password") || why.contains("encrypt") {
                    throw ReadFailure("the Word 97-2003 document is protected with a password: save it without one")
                }
                throw ReadFailure("the Word 97-2003 document is damaged and could not be read\(ExternalTool.firstComplaint(r.stderr).map { ": \($0)" } ?? "")")
            }
            let root = try LibXMLParser.parseHTML(r.stdout, limits: limits, encoding: "UTF-8")
            var walker = WvHTMLWalker(maxDepth: limits.maxDepth)
            walker.walk(root)
            let blocks = walker.headers.map { Block(role: .header, text: $0) } + walker.blocks + walker.footers.map { Block(role: .footer, text: $0) }
            if blocks.isEmpty { throw ReadFailure("the Word 97-2003 document has no text") }
            return NormalizedDocument(format: .txt, blocks: blocks, fileType: .doc)
        }
    }

    /// wvWare's HTML configuration with XML character entities, written into `folder`; nil
    /// when the stock file is not where Debian puts it (wvWare then uses its own).
    static func configuration(in folder: URL) -> URL? {
        guard let exe = wvWare.path else { return nil }
        let share = URL(fileURLWithPath: exe).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/wv/wvHtml.xml")
        guard let stock = try? String(contentsOf: share, encoding: .utf8), stock.contains("<begin>HTML</begin>") else { return nil }
        let url = folder.appendingPathComponent("wvHtml.xml")
        guard (try? stock.replacingOccurrences(of: "<begin>HTML</begin>", with: "<begin>XML</begin>").write(to: url, atomically: false, encoding: .utf8)) != nil
        else { return nil }
        return url
    }
}
