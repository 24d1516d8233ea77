/// A document read from any format: its blocks in reading order, plus declared metadata.
public struct NormalizedDocument: Sendable, Hashable {
    public var format: DocumentFormat
    public var blocks: [Block]
    public var metadata: DocumentMetadata
    /// What the reader noticed but could not resolve (an unreadable footnote part, say).
    public var warnings: [String]
    /// What the file was when `format` cannot say it (a PDF, a `.doc`, an image read as `txt`).
    public var fileType: SourceFileType?
    /// True when the text was read from pictures of pages by optical character recognition.
    public var ocr: Bool

    public init(format: DocumentFormat, blocks: [Block] = [], metadata: DocumentMetadata = .init(), warnings: [String] = [],
                fileType: SourceFileType? = nil, ocr: Bool = false) {
        self.format = format
        self.blocks = blocks
        self.metadata = metadata
        self.warnings = warnings
        self.fileType = fileType
        self.ocr = ocr
    }
}
