public import Foundation
public import RelatoriaCore

/// Turns a ``NormalizedDocument`` into a ``Record``: every field of the contract, each item
/// anchored in the record's text.
///
/// ```swift
/// let pipeline = try ExtractionPipeline(configuration: URL(fileURLWithPath: "config"))
/// let record = pipeline.record(for: document, source: source)
/// ```
public struct ExtractionPipeline: Sendable {
    public let lexicon: Lexicon
    public let taxonomy: TopicTaxonomy
    private let dates: DateParser

    public init(lexicon: Lexicon, taxonomy: TopicTaxonomy) {
        self.lexicon = lexicon
        self.taxonomy = taxonomy
        self.dates = DateParser(lexicon: lexicon)
    }

    /// Loads `lexicon/*.yaml` and `topics.yaml` from a configuration folder.
    /// - Throws: ``RelatoriaError`` (`invalidConfiguration`) when either is missing or malformed.
    public init(configuration folder: URL) throws {
        let lexicon = try Lexicon.load(from: folder.appendingPathComponent("lexicon"))
        let topicsFile = folder.appendingPathComponent("topics.yaml")
        let taxonomy = FileManager.default.fileExists(atPath: topicsFile.path) ? try TopicTaxonomy.load(from: topicsFile) : TopicTaxonomy(topics: [])
        self.init(lexicon: lexicon, taxonomy: taxonomy)
    }

    /// The record of `document`, read from a file described by `source`.
    public func record(for document: NormalizedDocument, source: Record.Source) -> Record {
        var ctx = ExtractionContext(document: document, lexicon: lexicon, dates: dates)
        ctx.language = MetadataExtractor.language(ctx)
        ctx.filename = source.filename
        ctx.dayFirst = MetadataExtractor.dayFirst(ctx)
        let foundTitle = MetadataExtractor.title(ctx)
        let title = foundTitle.value
        ctx.kind = MetadataExtractor.kind(ctx, title: title)
        let date = MetadataExtractor.date(&ctx, title: title)
        ctx.meetingDate = date?.value
        ctx.nextMeetingDate = DueDate.nextMeeting(ctx)
        var record = Record(id: String(source.sha256.prefix(16)), source: source)
        record.title = title
        record.kind = ctx.kind
        record.date = ctx.meetingDate
        record.language = ctx.language
        let body = MetadataExtractor.body(ctx, title: title, kind: ctx.kind)
        record.body = body?.value
        record.confidence = ScalarFields(title: title.isEmpty ? nil : foundTitle.confidence, date: date?.confidence, body: body?.confidence)
        record.via = ScalarFields(title: title.isEmpty ? nil : foundTitle.via, date: date?.via, body: body?.via)
        record.place = MetadataExtractor.place(ctx)
        record.attendees = AttendeeExtractor.extract(ctx)
        var outcomes = OutcomeExtractor(ctx)
        outcomes.attendees = record.attendees
        outcomes.run()
        record.decisions = outcomes.decisions
        record.consensus = outcomes.consensus
        record.dissent = outcomes.dissent
        record.actions = outcomes.actions
        record.text = ctx.layout.text
        record.topics = taxonomy.topics(for: record.text)
        record.warnings = document.warnings + ctx.warnings
        return record
    }
}
