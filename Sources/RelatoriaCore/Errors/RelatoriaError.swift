/// An error Relatoría reports to a person: a stable code, the file concerned and a reason.
///
/// The CLI prints `description` as one line and maps ``Code`` to an exit status
/// (``Code/unreadableDocument`` → 65, ``Code/inaccessiblePath`` → 66).
public struct RelatoriaError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; stable across versions.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        private init(_ name: String) { self.name = name }

        /// The path does not exist, is a folder, or cannot be opened.
        public static let inaccessiblePath = Code("inaccessiblePath")
        /// The bytes are not a document Relatoría can read (format, damage, limits, safety).
        public static let unreadableDocument = Code("unreadableDocument")
        /// A configuration file is missing or malformed.
        public static let invalidConfiguration = Code("invalidConfiguration")

        public var description: String { name }
    }

    public var code: Code
    /// The file concerned, as the user named it.
    public var path: String?
    public var reason: String
    public var file: String
    public var line: Int

    public init(_ code: Code, path: String?, reason: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.path = path
        self.reason = reason
        self.file = file
        self.line = line
    }

    public var description: String {
        if let path { return "\(path): \(reason)" }
        return reason
    }
}

/// A failure inside a reader, before it knows the file's path; the caller adds the path.
public struct ReadFailure: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
