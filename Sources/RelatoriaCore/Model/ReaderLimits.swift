/// Bounds that keep a hostile or broken file from hurting the process.
///
/// Every limit has a default that serves real minutes with a wide margin; each is
/// fixed (not a setting): a document past one is refused with a message that gives the bound.
/// ``ocrLanguages`` is the one setting here (`ocr.languages` in `relatoria.yaml`).
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
    /// Seconds one run of an outside tool (pdftohtml, catdoc, tesseract...) may take before
    /// it is stopped (default 60).
    public var toolSeconds: Double = 60
    /// Memory (address space) one run of an outside tool may take (default 1.5 GiB).
    public var toolMemoryBytes: Int = 1536 << 20
    /// Largest output one run of an outside tool may write (default 256 MiB).
    public var toolOutputBytes: Int = 256 << 20
    /// Most pages of a PDF read (default 2,000).
    public var maxPDFPages: Int = 2_000
    /// Most pages read by OCR in one document (default 60). OCR takes about 3.3 s a page at
    /// 300 dpi on one core (scripts/bench-formats.sh), so the watcher's default
    /// `watch.file_time_limit` of 120 s lets a scan of about 35 pages through; longer scans need
    /// that limit raised.
    public var maxOCRPages: Int = 60
    /// Largest image read by OCR, in pixels (default 100 megapixels: an A3 page scanned at
    /// 600 dpi is 70 M, an A4 page at 300 dpi 8.7 M).
    public var maxImagePixels: Int = 100_000_000
    /// The languages OCR reads in (default ``OCRLanguages/spanishAndEnglish``, together).
    public var ocrLanguages: OCRLanguages = .spanishAndEnglish

    public init() {}
}
