/// The formats Relatoría reads, as named in the record contract (`source.format`).
///
/// The contract names only these seven. A document whose text comes out of another kind of
/// file (PDF, Word 97-2003, RTF, a scanned image) is recorded as `txt`, the plain text the
/// reader took from it, and its ``SourceFileType`` says what the file was.
public enum DocumentFormat: String, Sendable, Codable, CaseIterable {
    case docx, odt, akn, xml, html, md, txt
}

/// What a file was when the contract's ``DocumentFormat`` cannot name it: written in the
/// record as the extra key `source.filetype` (the contract allows extra keys).
public enum SourceFileType: String, Sendable, Codable, CaseIterable {
    case pdf, doc, rtf, png, jpeg, tiff

    /// The name a person knows the format by, for messages.
    public var displayName: String {
        switch self {
        case .pdf: "PDF"
        case .doc: "Word 97-2003 .doc"
        case .rtf: "RTF"
        case .png: "PNG image"
        case .jpeg: "JPEG image"
        case .tiff: "TIFF image"
        }
    }
}
