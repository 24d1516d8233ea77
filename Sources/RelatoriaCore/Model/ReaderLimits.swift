/// Bounds that keep a hostile or broken file from hurting the process.
///
/// Every limit has a default that serves real minutes with a wide margin; each is
/// fixed (not a setting): a document past one is refused with a message that gives the bound.
public struct ReaderLimits: Sendable, Hashable {
    /// Largest input file read, in bytes (default 50 MiB).
    public var maxInputBytes: Int = 50 << 20
    /// Largest inflated size of one ZIP entry (default 64 MiB).
    public var maxEntryBytes: Int = 64 << 20
    /// Largest inflated size of all ZIP entries read from one file (default 128 MiB).
    public var maxInflatedBytes: Int = 128 << 20
    /// Most entries a ZIP container may list (default 5,000; a .docx has about 20).
    public var maxZipEntries: Int = 5_000
    /// Deepest element nesting walked in XML and HTML (default 256).
    public var maxDepth: Int = 256
    /// Largest compression ratio of one ZIP entry before it is taken for a bomb (default 200).
    public var maxCompressionRatio: Int = 200

    public init() {}
}
