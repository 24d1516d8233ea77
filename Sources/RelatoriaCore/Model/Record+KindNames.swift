extension Record.Kind {
    /// The names a person may give a kind by, English and Spanish, singular and plural, as
    /// keys of ``Folding/key(_:)`` (accents, case and punctuation do not matter).
    static let names: [String: Record.Kind] = {
        var names: [String: Record.Kind] = [:]
        // Besides the contract's names: the Spanish ones, and the plurals of both.
        let others: [Record.Kind: [String]] = [
            .minutes: ["acta", "actas"],
            .declaration: ["declaración", "declaraciones", "declarations"],
            .agenda: ["orden del día", "órdenes del día", "agendas"],
            .report: ["informe", "informes", "reports"],
            .other: ["otro", "otros", "otra", "otras"],
        ]
        for kind in allCases {
            names[kind.rawValue] = kind
            for name in others[kind] ?? [] { names[Folding.key(name)] = kind }
        }
        return names
    }()

    /// The kind a person named: its contract name (`minutes`, `declaration`, `agenda`,
    /// `report`, `other`) or its Spanish name (`acta`, `declaración`, `agenda` or
    /// `orden del día`, `informe`, `otro`), singular or plural, accents and case ignored.
    ///
    /// ```swift
    /// Record.Kind(named: "Declaracion")    // .declaration
    /// Record.Kind(named: "orden del día")  // .agenda
    /// ```
    /// - Returns: nil for a name of no kind.
    public init?(named name: String) {
        guard let kind = Self.names[Folding.key(name)] else { return nil }
        self = kind
    }

    /// The names ``init(named:)`` knows, for messages: "minutes or acta, declaration or
    /// declaración, agenda or orden del día, report or informe, other or otro".
    public static var namesForMessages: String {
        let spanish: [Record.Kind: String] = [.minutes: "acta", .declaration: "declaración", .agenda: "orden del día", .report: "informe", .other: "otro"]
        return allCases.map { "\($0.rawValue) or \(spanish[$0]!)" }.joined(separator: ", ")
    }
}
