/// One unit of a ``NormalizedDocument``: a paragraph with the role it plays in the document.
///
/// Readers turn every format into a sequence of blocks; extractors work on blocks only, so
/// they never see the format. `text` is what goes into the record's full text.
public struct Block: Sendable, Hashable {
    /// What a block is in the document's structure.
    public enum Role: String, Sendable, Hashable {
        case heading, paragraph, listItem, tableRow, speech, footnote, header, footer
        /// A labelled value from structured input (an XML leaf such as `<fecha>`, a
        /// `Fecha: ...` line); `label` holds the label.
        case field
    }

    public var role: Role
    /// The block's text as it appears in the record's `text`.
    public var text: String
    /// Heading level (1 is the highest) or list nesting (0 is the top).
    public var level: Int
    /// The cells of a table row, in order.
    public var cells: [String]
    /// True for a table row that names the columns (`th` cells, a Word header row).
    public var isHeaderRow: Bool
    /// For a speech: who spoke, resolved to a display name when the format allows.
    public var speaker: String?
    /// For a field: its label (element name, `Fecha` of `Fecha: ...`).
    public var label: String?
    /// Names the source attached to this block: enclosing element names, `name`/`class`
    /// attributes, section headings of structured formats. Lower-cased. Extractors read them
    /// through the cue lexicons (an XML `<acuerdo>` hints a decision).
    public var hints: [String]
    /// Named sub-values of a structured row (`nombre`, `entidad`, `cargo` of `<asistente>`).
    public var fields: [String: String]
    /// A list item's marker as written (`1.`, `a)`, `-`), when the format gives one.
    public var marker: String?

    public init(
        role: Role, text: String, level: Int = 0, cells: [String] = [], isHeaderRow: Bool = false,
        speaker: String? = nil, label: String? = nil, hints: [String] = [],
        fields: [String: String] = [:], marker: String? = nil
    ) {
        self.role = role
        self.text = text
        self.level = level
        self.cells = cells
        self.isHeaderRow = isHeaderRow
        self.speaker = speaker
        self.label = label
        self.hints = hints
        self.fields = fields
        self.marker = marker
    }
}

extension Block {
    /// The hint of a field a page's front matter gave (Markdown's `date:`): the site's, which
    /// gives way to what the document itself states.
    public static let frontMatterHint = "front matter"
}
