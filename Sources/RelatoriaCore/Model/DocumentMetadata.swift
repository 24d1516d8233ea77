/// What a format itself declares about a document, apart from its text.
///
/// Kept separate from the text because it is not equally trustworthy: an Akoma Ntoso
/// `docDate` is the meeting's date, a DOCX `dcterms:created` is only when someone opened Word.
public struct DocumentMetadata: Sendable, Hashable {
    /// A date the format declares, with what it is said to be.
    public struct DeclaredDate: Sendable, Hashable {
        /// `YYYY-MM-DD`.
        public var value: String
        /// Where it came from, e.g. `akn.docDate`, `akn.FRBRWork.FRBRdate@sesion`, `docx.core.created`.
        public var source: String
        /// True when the format says this is the date of the event the document records.
        public var isEventDate: Bool

        public init(value: String, source: String, isEventDate: Bool) {
            self.value = value
            self.source = source
            self.isEventDate = isEventDate
        }
    }

    /// A person or organization the format declares (Akoma Ntoso `TLCPerson`/`TLCOrganization`).
    public struct Party: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable { case person, organization, role }
        public var id: String
        public var name: String
        public var kind: Kind

        public init(id: String, name: String, kind: Kind) {
            self.id = id
            self.name = name
            self.kind = kind
        }
    }

    /// The title the format declares (AKN `docTitle`, HTML `<title>`, DOCX `dc:title`).
    public var title: String?
    /// True when `title` is the document's visible title (AKN `docTitle`), false when it is
    /// only a file property (HTML `<title>`, DOCX core properties).
    public var titleIsVisible: Bool = false
    public var dates: [DeclaredDate] = []
    /// ISO 639-1 code the format declares (`<html lang>`, AKN `FRBRlanguage`).
    public var language: String?
    /// The document type the format declares (AKN `debate`, `statement`, ...), lower-cased.
    public var documentType: String?
    /// The organ the format declares as author (AKN `FRBRauthor` resolved), if any.
    public var author: String?
    public var parties: [Party] = []
    /// The place the format declares the meeting took place (TEI `settingDesc/setting/placeName`).
    public var place: String?
    /// Names the format's metadata gives that may name the organ that met (TEI `meeting`,
    /// `orgName`, `authority`): the extractor takes one as the body when it names an organ.
    public var bodyHints: [String] = []
    /// Other properties: DOCX core properties, HTML `<meta>`, lower-cased keys.
    public var properties: [String: String] = [:]

    public init() {}
}
