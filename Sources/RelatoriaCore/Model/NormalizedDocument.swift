/// A document read from any format: its blocks in reading order, plus declared metadata.
public struct NormalizedDocument: Sendable, Hashable {
    public var format: DocumentFormat
    public var blocks: [Block]
    public var metadata: DocumentMetadata
    /// What the reader noticed but could not resolve (an unreadable footnote part, say).
    public var warnings: [String]

    public init(format: DocumentFormat, blocks: [Block] = [], metadata: DocumentMetadata = .init(), warnings: [String] = []) {
        self.format = format
        self.blocks = blocks
        self.metadata = metadata
        self.warnings = warnings
    }
}
