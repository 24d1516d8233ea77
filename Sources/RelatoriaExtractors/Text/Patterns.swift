import RelatoriaCore

/// The extractors' regular expressions, each compiled once (see ``Pattern``).
enum Patterns {
    /// a year of the 20th or 21st century
    /// A count of people not named after a list's last name: "and 16 members of the public".
    static let unnamedCount = Pattern(#"(?i)\s+(and|y|plus|más|mas)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|several|some|many|varios|varias|otros|otras)\s+(?:other\s+|more\s+|otros\s+|otras\s+|más\s+)?(members?|persons?|people|others|observers|visitors|residents|guests|miembros|personas|vecinos|vecinas|asistentes|invitados|otros|otras)\b.*$"#)
    static let yearMention = Pattern(#"\b(19|20)\d{2}\b"#)
    /// "D.C." after a city name
    static let districtSuffix = Pattern(#"\s*D\.\s?C\.?$"#)
    /// a point's number at the head of a line ("1: ", "2. ", "3) ", "4 - ")
    static let pointNumber = Pattern(#"^\d{1,3}\s*[:.)\-–]\s+"#)
    /// a heading numbered "1.", "2.1", "IV)"
    /// A line of a table of contents: leader dots before a page number ("2- Desarrollo …… 3").
    static let tocLine = Pattern(#"(\.{4}|…{2}|_{4}|·{4})[.…_· ]*\d{1,4}\s*$"#)
    static let numberedHeading = Pattern(#"^\s*(\d{1,2}(\.\d{1,2})*|[IVXivx]{1,4})[.)]\s"#)
    /// the words just before a deadline ("antes del", "by the")
    static let deadlineLeadIn = Pattern(#"(^|\s)(by|before|antes del?|a mas tardar(\s+el)?|hasta el|para el|el|no later than|until|on)(\s+(el|the|viernes|lunes|martes|miercoles|jueves|sabado|domingo|monday|tuesday|wednesday|thursday|friday))?,?\s*$"#)
    /// a deadline phrase ending a task ("..., antes del 15 de marzo")
    static let trailingDeadline = Pattern(#"(?i),?\s+(antes del?|a más tardar(\s+el)?|hasta el|para el|by|before|no later than|until)\s+[^,;]*\d[^,;]*$"#)
    /// "– por el Gobierno" after an organization
    static let trailingOnBehalf = Pattern(#"\s+[–—-]\s+(?i)(por|for|on behalf of)\s.*$"#)
    /// a deadline set off by commas inside a sentence
    static let deadlineClause = Pattern(#"(?i),\s*(antes del?|a más tardar(\s+el)?|hasta el|by|before|no later than)\s[^,]{3,60},"#)
    /// "y"/"and" before what reads as a person's name
    /// (An initial is a name's first word too: "... and R Black", "y J. Pérez".)
    /// (So is a form of address, perhaps after an article: "y el Dr. Luis Ruiz", "and Mrs. Lee".)
    static let nextPersonConjunction = Pattern(#"\s(y|and|e)\s+(?=\p{Lu}\p{Ll}+\s+\p{Lu}|\p{Lu}\.?\s+\p{Lu}\p{Ll}|(?:(?:el|la|the)\s+)?\p{Lu}\p{Ll}{0,3}\.\s+\p{Lu}(?:\p{Ll}|\p{Lu}{2}))"#)
    /// "por el", "de la" between a name and its side or organization
    static let sideOrAffiliation = Pattern(#"\s+(?i)(por|for|de|of)\s+(el|la|los|las|the)\s+"#)
    /// "(Org) por el Gobierno": the side after an entry
    static let trailingSide = Pattern(#"(\))\s+(?i)(por|for|on behalf of)\s+(el|la|los|las|the)?\s*[^()]*$"#)
    /// "de la", "of the" before an organization
    static let leadingOf = Pattern(#"^(?i)(de la|de los|de las|del|de|of the|of|from the|from)\s+"#)
    /// "Por el", "on behalf of" before an organization
    static let leadingOnBehalf = Pattern(#"^(?i)(por|for|on behalf of)\s+(el|la|los|las|the)?\s*"#)
    /// "@name:" at the start of a line
    static let atNameLine = Pattern(#"^@[\p{L}][\p{L}.-]*:"#)
    /// a handle at the head of a task ("@bob-dev: fix ...", "TODO @carla review ...", "@ana - send ..."):
    /// group 1 the handle without its @, group 2 the task
    static let handleTask = Pattern(#"^(?:(?:TODO|To ?do|AI|ACTION)\s*:?\s*)?@([\p{L}\p{N}][\p{L}\p{N}_.-]{0,38})(?:\s*:\s*|\s+[\-–—]\s+|\s+)(\S.*)$"#)
    /// a short part in brackets or parentheses ("(Anna)", "[Tom]")
    /// a sum of money: "£4,400.64", "$ 150", "1.200,50 €", "300 EUR", "45.000 pesos"
    static let moneyAmount = Pattern(#"[£$€¥]\s?\d|\d[\d.,]*\s?(?:€|(?i:eur|euros?|usd|gbp|pesos|dollars|pounds))(?![\p{L}])"#)
    /// "moved: That", "moved that", "propuso que", "mocionó que": a motion's words follow
    /// "... moved to accept the minutes", "X proposed that ...", "propuso aprobar": a motion.
    static let motionSentence = Pattern(#"(?i)\b(?:moved|proposed|propuso|propone|mocion[oó]|mociona)\b"#)
    /// An outcome that closes its own sentence: "... (passed)", "...: passed.", "... – carried".
    /// A motion that says what it proposes: "moved to accept ...", "proposed that ...".
    static let motionClause = Pattern(#"(?i)\b(?:moved|proposed|propuso|propone|mocion[oó]|mociona|made\s+a\s+motion|presentó\s+una\s+moción)\s*(?:to|that|que|para|:)\s"#)
    static let closingOutcome = Pattern(#"(?i)(?:\(\s*|[:–—]\s*|\s-\s*)(?:passed|carried|agreed|approved|adopted|aprobad[oa]|aprobad[oa] por unanimidad)(?:\s+unanimously)?\s*\)?\s*\.?$"#)
    static let movedThat = Pattern(#"(?i)\b(?:moved|proposed|propuso|propone|mocion[oó])\s*:?\s*(?=that\b|que\b)"#)
    /// "(Room 300)", "(Sala de Juntas)", "(Aula B-12)": a room in brackets
    static let bracketedRoom = Pattern(#"\((?:Room|Sala|Aula|Sal[oó]n|Hall|Auditorio|Auditorium|Conference Room)\s+[\p{L}\d.\-]+(?:\s+[\p{L}\d.\-]+){0,2}\)"#)
    /// "[Nombre]", "[DD/MM/YYYY]"
    static let squareBracketed = Pattern(#"\[[^\[\]]*\]"#)
    static let bracketed = Pattern(#"[(\[][^()\[\]]{2,60}[)\]]"#)
    /// a chat handle standing alone ("@alice", "@bob-dev")
    static let handle = Pattern(#"^@[\p{L}\p{N}][\p{L}\p{N}_.-]{0,38}$"#)
    /// "Name to do something"
    static let ownerToTask = Pattern(#"^([\p{Lu}][\p{L}.'-]*(?:\s+[\p{Lu}][\p{L}.'-]*){0,3}|[\p{L}]+)\s+to\s+(?=\p{Ll})"#)
    /// "will be", "será" just before a decision cue
    static let stillToBeTaken = Pattern(#"(will be|to be|would be|should be|shall be|must be|can be|could be|may be|might be|sera|seran|debe ser|deberá ser|podra ser|puede ser|pueda ser|sea)\s*$"#)
    /// a trailing " to "
    static let trailingTo = Pattern(#"\s+to\s+$"#)
    /// "Aaron", "Lee I", "Jon P.": a first name, alone or with an initial, as stand-up notes head each person's part
    /// one to three capitalised words, no digits: "Manu", "Juan Pedro", "M. Ruiz"
    static let shortName = Pattern(#"^\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,2}$"#)
    static let firstNameWithInitial = Pattern(#"^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.?)?$"#)
    /// a trailing "was", "fue"
    static let trailingAuxiliary = Pattern(#"\s+(was|were|fue|fueron|is|are|ha sido)\s*$"#)
    /// a leading article
    static let leadingArticle = Pattern(#"^(?i)(the|la|el|los|las)\s+"#)
    /// "Embassy of (the)"
    static let embassyOf = Pattern(#"^(?i)embassy of (the )?"#)
    /// a list marker at the start of an item
    static let listMarker = Pattern(#"^(\d{1,3}(\.\d{1,3})*[.)]|[a-zA-Z][.)]|[ivxIVX]{1,4}[.)]|[-–•*])\s+"#)
    /// a past participle ending
    static let participleEnding = Pattern(#"(ed|ado|ada|ados|adas|ido|ida)$"#)
    /// a Spanish future-tense ending
    static let futureEnding = Pattern(#"(ará|erá|irá|arán|erán|irán)$"#)
    /// a verb in the future tense ("enviará", "will send")
    static let futureVerb = Pattern(#"(?<![\p{L}])(\p{L}{3,}(ará|erá|irá|arán|erán|irán)|will\s+\p{L}+|(?:would|shall)\s+(?!(?:be|have|like|not|need|prefer|favou?r|rather|suggest|agree|think)(?![\p{L}]))\p{L}+)(?![\p{L}])"#)
    /// ", y" before a second infinitive
    static let coordinatedInfinitive = Pattern(#",? y (?=\p{Ll}+(ar|er|ir)\s)"#)
    /// a Spanish infinitive
    static let infinitive = Pattern(#"^\p{L}+(ar|er|ir)$"#)
    /// a leading article or conjunction
    static let leadingArticleOrConjunction = Pattern(#"^(?i)(la|el|los|las|the|y|and)\s+"#)
}

extension String {
    /// The string without a leading article ("la Embajada" → "Embajada").
    func replacingLeadingArticle() -> String { Patterns.leadingArticle.replacing(in: self, with: "") }
}
