import Foundation
import RelatoriaCore

/// The people (or delegations) recorded as present.
///
/// Read from attendee sections (lists, tables with or without a header row, comma-separated
/// paragraphs, structured rows), Akoma Ntoso roll calls, signatories of declarations, and
/// sentences such as "Present were ...". The excused, absent, invitees who did not come,
/// "Copia a" lists and reviewers are left out; so are agendas' and reports' names.
struct AttendeeExtractor {
    // Not optimized: Swift 6.3's optimizer turns this function into one that, on some Akoma
    // Ntoso documents (gencorpus --seed 1, e.g. 000154_ActaCS_15jun06.xml), leaves behind a
    // chain of arrays nested ~58,000 deep whose release overflows the stack (SIGSEGV in
    // swift_arrayDestroy). Unoptimized it is correct, and the rest of the module can be
    // optimized (ingest 1.3x faster); records compared identical on 20,000 documents.
    @_optimize(none)
    static func extract(_ ctx: ExtractionContext) -> [Attendee] {
        // (An agenda or a report names no one present; a report that holds a meeting's
        // attendee list, "Informe del proyecto" over "ACTA 2024-01 / Asistentes:", does.)
        guard ctx.kind != .agenda && (ctx.kind != .report || ctx.sections.present.contains("attendees")) else { return [] }
        let parser = PersonParser(lexicon: ctx.lexicon)
        var out: [Attendee] = []
        var columns: [String: Int]?
        var attendance: Int?
        let signatories = ctx.kind == .declaration
        var lastBlock = -2
        let inverted = invertedNames(ctx, parser: parser)
        for (i, b) in ctx.blocks.enumerated() {
            let section = ctx.sections[i]
            let inAttendees = section == "attendees" || (signatories && section == "signatures")
            guard inAttendees else {
                columns = nil
                attendance = nil
                continue
            }
            if let name = inverted[i] {
                out.append(Attendee(name: name, anchor: ctx.layout.anchor(block: i), confidence: 0.85,
                                    via: "section:" + Provenance.name(ctx.sections.openers[i] ?? section) + "+surname-first"))
                continue
            }
            let anchor = ctx.layout.anchor(block: i)
            // A list, table or form field under an attendee heading is sure; a paragraph the
            // names are parsed out of, or a declaration's signatures, a little less.
            let via = "section:" + Provenance.name(ctx.sections.openers[i] ?? section)
            let confidence = b.role == .paragraph || section == "signatures" ? 0.8 : 0.9
            func sourced(_ a: Attendee) -> Attendee {
                var a = a
                a.anchor = anchor
                a.via = via
                a.confidence = confidence
                return a
            }
            var found: [Attendee] = []
            if !b.fields.isEmpty, b.role == .tableRow || b.label != nil, let fromFields = fromFields(b, ctx) {
                found = [fromFields]
            } else if b.role == .tableRow {
                if b.isHeaderRow || (columns == nil && isHeader(b.cells, ctx)) {
                    columns = headerColumns(b.cells, ctx)
                    // (An attendance column, "Asistencia" / "Present": its "Ausente", "No", "✗" leave the row out.)
                    attendance = b.cells.firstIndex { c in
                        let k = Folding.key(c)
                        return !k.isEmpty && ctx.lexicon.cueKey("attendance_labels").contains(where: { k.isPhrase($0.key) })
                    }
                    continue
                }
                if let a = attendance, a < b.cells.count, isNo(b.cells[a]) { continue }
                found = fromRow(b.cells, columns: columns, parser: parser)
            } else if b.role == .heading {
                continue
            } else {
                var text = b.role == .field ? ctx.fieldValue(b) : b.text
                if b.role == .field, let label = b.label, ctx.lexicon.section(of: label) == "absent" { continue }

                // A form's cell with one name a line ("Asistentes:\nAna Gómez\nLuis Pérez").
                if text.contains("\n") {
                    let lines = text.split(separator: "\n").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
                    if lines.count >= 2, lines.allSatisfy({ $0.count <= 120 }) {
                        let people = lines.flatMap { parser.parse($0, delegations: false, single: parser.isPersonName(PersonParser.parenthesis(PersonParser.segments($0).first ?? "").0)) }
                        out += people.map(sourced)
                        if !people.isEmpty { lastBlock = i }
                        continue
                    }
                }
                // A roll call that marks each name ("Ana Gil (present), Luis Pérez (absent)",
                // "Ana Gil - present; Luis Pérez - absent"): those marked present.
                if let present = Self.markedRollCall(text) { text = present }
                // Drop the sentences (and the clauses after a semicolon: "Members present: A, B;
                // Members absent: C") that name the excused and absent.
                let sentences = ExtractionContext.sentences(text).map(\.text).flatMap { s in
                    s.contains(";") && ctx.lexicon.firstCue("absence", in: FoldedText(s)) != nil ? s.split(separator: ";").map { $0.trimmingSpaces() } : [s]
                }.filter { s in
                    !s.isEmpty && ctx.lexicon.firstCue("absence", in: FoldedText(s)) == nil
                }
                text = sentences.joined(separator: " ")
                if text.hasSuffix(":") && text.count < 60 { continue }
                // A list item or a short line names one person with role and organization.
                let single = sentences.count == 1 && (b.role == .listItem || text.count <= 160) && !text.contains(";")
                    && PersonParser.segments(text).filter({ parser.isPersonName(PersonParser.parenthesis($0).0) }).count <= 1
                for sentence in sentences {
                    found += parser.parse(sentence, delegations: b.role == .listItem || b.role == .field || signatories || b.role == .paragraph && sentence.count < 100,
                                          single: single && parser.isPersonName(PersonParser.parenthesis(PersonParser.segments(sentence).first ?? "").0))
                }
                // Inline references (Akoma Ntoso <person>, <organization>) resolve the organization.
                if found.count == 1, let f = fromFields(b, ctx), Folding.key(f.name) == Folding.key(found[0].name) {
                    found[0].organization = f.organization ?? found[0].organization
                    found[0].role = found[0].role ?? f.role
                }
            }
            // "Name" on one line, "Role, Organization" on the next (a chat handle is a name).
            // (So is a name with its handle in brackets, "LJHarb (@ljharb)": a person, not an organization.)
            let handle = b.text.first == "@" || b.text.contains("(@")
            if !found.isEmpty, !handle, found.allSatisfy({ !parser.isPersonName($0.name) }), let last = out.indices.last, lastBlock == i - 1,
               parser.isPersonName(out[last].name), out[last].organization == nil, b.role == .paragraph || b.role == .listItem {
                let filled = parser.entry(name: out[last].name, parts: PersonParser.segments(b.text).map(PersonParser.cleanOrganization))
                out[last].role = out[last].role ?? filled.role
                out[last].organization = filled.organization
                lastBlock = i
                continue
            }
            // A signature laid out as "Name" then "Organization" on the next line.
            if found.count == 1, !handle, !parser.isPersonName(found[0].name), found[0].organization == nil, let last = out.indices.last,
               lastBlock == i - 1, parser.isPersonName(out[last].name), b.role == .paragraph || b.role == .listItem,
               out[last].organization == nil || (out[last].role == nil && parser.isRole(found[0].name)) {
                // "Name" / "Role" / "Organization" on successive lines.
                if parser.isRole(found[0].name) && out[last].role == nil {
                    out[last].role = found[0].name
                } else if out[last].organization == nil {
                    out[last].organization = PersonParser.cleanOrganization(found[0].name)
                }
                lastBlock = i
                continue
            }
            // (A paragraph's sentence is no delegation: "A roll call was taken", "Voting members must
            // have attended ...": three lower-case words or more besides particles.)
            if b.role == .paragraph {
                found.removeAll { a in
                    !parser.isPersonName(a.name) && a.name.wordsAtSpaces().filter { w in
                        w.first?.isLowercase == true && !sentenceParticles.contains(Folding.key(String(w)))
                    }.count >= 3
                }
            }
            // (A section's title caught in the list, "TEMAS" after the participants, is no one.)
            found.removeAll { ctx.lexicon.isExactSection($0.name) && ctx.lexicon.section(of: $0.name) != "attendees" }
            if !found.isEmpty { lastBlock = i }
            out += found.map(sourced)
        }
        out += fromLabelledHeadings(ctx, parser: parser)
        out += standUpMembers(ctx, parser: parser)
        if ctx.kind == .minutes { out += presenters(ctx, parser: parser) }
        out += fromPeopleTables(ctx, parser: parser)
        out += handleLinesAfterAttendees(ctx)
        out += fromAttendeeColumns(ctx, parser: parser)
        if signatories, out.isEmpty { out += closingSignatories(ctx, parser: parser) }
        out += fromNarrative(ctx, parser: parser)
        out += fromRoleFields(ctx, parser: parser)
        out += personRecords(ctx)
        out += speakers(ctx, parser: parser, known: out)
        // (Which blocks hold a motion's or a proxy's cue: each block folded once for both.)
        var motionBlocks = Set<Int>(), proxyBlocks = Set<Int>()
        for (i, b) in ctx.blocks.enumerated() where [.paragraph, .listItem, .field].contains(b.role) && !Self.notPartaking.contains(ctx.sections[i]) {
            let whole = FoldedText(b.text)
            guard ctx.lexicon.firstCue("motion_or_proxy", in: whole) != nil else { continue }
            if ctx.lexicon.firstCue("motion_party_after", in: whole) != nil || ctx.lexicon.firstCue("motion_party_before", in: whole) != nil
                || ctx.lexicon.firstCue("motion_seconded", in: whole) != nil { motionBlocks.insert(i) }
            if b.text.hasAtMost(600), ctx.lexicon.firstCue("proxy", in: whole) != nil { proxyBlocks.insert(i) }
        }
        out += motionParties(ctx, parser: parser, known: out, blocks: motionBlocks)
        out += proxies(ctx, parser: parser, blocks: proxyBlocks)
        if ctx.kind == .minutes { out += closingSignature(ctx, parser: parser, known: out) }
        out += voters(ctx, parser: parser, known: out)
        resolveInitials(&out, ctx)
        dropInitialsOfListed(&out, ctx)
        return dedupe(out)
    }

    private static func fromFields(_ b: Block, _ ctx: ExtractionContext) -> Attendee? {
        guard !b.fields.isEmpty else { return nil }
        // Each field's name as a key, once (in the dictionary's order, as the search below had it).
        let named = b.fields.filter { !$0.value.isEmpty }.map { field in
            let k = Folding.key(field.key)
            return (key: k, bare: k.replacingOccurrences(of: " ", with: ""), value: field.value)
        }
        func value(_ labels: String) -> String? {
            for l in ctx.lexicon.cueKey(labels) {
                for f in named where f.key == l.key || f.bare == l.bare { return f.value }
            }
            return nil
        }
        let name = b.fields["person"] ?? value("name_labels")
        let org = b.fields["organization.ref"] ?? b.fields["organization"] ?? value("organization_labels")
        let role = b.fields["role"] ?? value("role_labels")
        guard let name else { return nil }
        let parser = PersonParser(lexicon: ctx.lexicon)
        return Attendee(name: parser.stripHonorifics(name), organization: org, role: role)
    }

    /// Element names of a data record that say its people voted or attended.
    private static let partakingHints: Set<String> = ["voto", "votos", "vote", "votes", "asistencia", "asistente", "asistentes",
        "attendance", "attendee", "attendees", "presente", "presentes", "present", "participante", "participantes", "participant", "participants"]
    /// Name parts of a person's record, in the order a full name joins them.
    private static let givenNameKeys = ["nombre", "nombres", "first name", "firstname", "given name", "givenname", "forename"]
    private static let surnameKeys = ["apellido", "apellidos", "apellido paterno", "apellido materno", "primer apellido", "segundo apellido",
        "last name", "lastname", "surname", "family name", "familyname"]

    /// A data record's person written in parts ("<Diputado><Nombre>Eric</Nombre>
    /// <Apellido_Paterno>Aedo</Apellido_Paterno><Apellido_Materno>Jeldres</Apellido_Materno>"
    /// in a `<Voto>`): the name joined, an attendee when the record is a vote or an attendance.
    private static func personRecords(_ ctx: ExtractionContext) -> [Attendee] {
        var out: [Attendee] = []
        for (i, b) in ctx.blocks.enumerated() where b.fields.count >= 2 && !Self.notPartaking.contains(ctx.sections[i]) {
            // (Most records have no surname field: that is told first, from the keys as written.)
            guard b.fields.keys.contains(where: { k in surnameKeys.contains(k.lowercased()) }),
                  b.hints.contains(where: { h in h.split(separator: "/").contains { partakingHints.contains(Folding.key(String($0))) } }) else { continue }
            let keyed = Dictionary(b.fields.map { (Folding.key($0.key), $0.value.trimmingSpaces()) }, uniquingKeysWith: { a, _ in a })
            guard let given = givenNameKeys.lazy.compactMap({ keyed[$0] }).first(where: { !$0.isEmpty }) else { continue }
            let surnames = surnameKeys.compactMap { keyed[$0] }.filter { !$0.isEmpty }
            guard !surnames.isEmpty else { continue }
            let name = ([given] + surnames).joined(separator: " ")
            out.append(Attendee(name: name, anchor: ctx.layout.anchor(block: i), confidence: 0.8, via: "record:" + (b.label ?? "person")))
        }
        return out
    }

    private static func labelKind(_ cell: String, _ ctx: ExtractionContext) -> String? {
        let k = Folding.key(cell)
        guard !k.isEmpty else { return nil }
        // The kind whose label fits the cell longest: "Persona asignada" is an owner column,
        // though "persona" alone names people.
        var best: (kind: String, length: Int)?
        for kind in ["name_labels", "organization_labels", "role_labels", "owner_labels", "due_labels", "task_labels"] {
            for label in ctx.lexicon.cueKey(kind) where k.isPhrase(label.key) && label.key.count > (best?.length ?? 0) {
                best = (kind, label.key.count)
            }
        }
        return best?.kind
    }

    static func isHeader(_ cells: [String], _ ctx: ExtractionContext) -> Bool {
        let nonEmpty = cells.filter { !$0.isEmpty }
        return nonEmpty.count >= 2 && nonEmpty.allSatisfy { labelKind($0, ctx) != nil }
    }

    static func headerColumns(_ cells: [String], _ ctx: ExtractionContext) -> [String: Int] {
        var map: [String: Int] = [:]
        for (i, c) in cells.enumerated() { if let k = labelKind(c, ctx), map[k] == nil { map[k] = i } }
        return map
    }

    private static func fromRow(_ cells: [String], columns: [String: Int]?, parser: PersonParser) -> [Attendee] {
        func cell(_ k: String) -> String? {
            guard let i = columns?[k], i < cells.count, !cells[i].isEmpty else { return nil }
            return cells[i]
        }
        let nonEmpty = cells.filter { !$0.isEmpty }
        guard let first = nonEmpty.first else { return [] }
        if columns != nil, let name = cell("name_labels") {
            return [Attendee(name: parser.stripHonorifics(name), organization: cell("organization_labels"), role: cell("role_labels"))]
        }
        if nonEmpty.count == 1 { return parser.parse(first, delegations: true) }
        return [parser.entry(name: first, parts: Array(nonEmpty.dropFirst()))]
    }

    /// A table of people outside any attendee section: its header row names a person column
    /// ("Nombre", "Nombre y apellidos", "Attendee", "Integrante") and no task or owner column;
    /// its rows' names are attendees, but for those an attendance column marks absent
    /// ("Asistió | No", "Present | ✗"). Its organization and role columns are read too.
    /// A table of members with a vote column ("Member | Vote | Rationale") is a roll-call vote:
    /// those who voted took part, under whatever heading ("Vote Outcome", "Resultado").
    private static func fromPeopleTables(_ ctx: ExtractionContext, parser: PersonParser) -> [Attendee] {
        var out: [Attendee] = []
        var i = 0
        let blocks = ctx.blocks
        while i < blocks.count {
            let b = blocks[i]
            guard b.role == .tableRow, !listsOthers.contains(ctx.sections[i]), i == 0 || blocks[i - 1].role != .tableRow || b.isHeaderRow,
                  let columns = peopleColumns(b.cells, ctx),
                  ctx.sections[i] == SectionMap.narrative || columns.vote else { i += 1; continue }
            let name = columns.name
            var j = i + 1
            while j < blocks.count, blocks[j].role == .tableRow, !blocks[j].isHeaderRow {
                let cells = blocks[j].cells
                defer { j += 1 }
                guard name < cells.count else { continue }
                let person = parser.stripHonorifics(cells[name].trimmingSpaces())
                // (A roll-call vote lists members as the body knows them: "cafkafk", "K900".)
                let handle = columns.vote && !person.contains(" ") && person.count <= 30 && person.first?.isLetter == true
                guard parser.isPersonName(person) || handle else { continue }
                if let a = columns.attended, a < cells.count, isNo(cells[a]) { continue }
                func cell(_ k: Int?) -> String? {
                    guard let k, k < cells.count else { return nil }
                    let v = cells[k].trimmingSpaces()
                    return v.isEmpty ? nil : v
                }
                out.append(Attendee(name: person, organization: cell(columns.organization), role: cell(columns.role),
                                    anchor: ctx.layout.anchor(block: j), confidence: 0.8, via: "table:" + Provenance.name(b.cells[name])))
            }
            i = j
        }
        return out
    }

    /// "### Participants: Ana Ruiz, Luis Gil": a heading that is an attendee label with its
    /// names after the colon lists them itself (the section it opens may hold other things).
    private static func fromLabelledHeadings(_ ctx: ExtractionContext, parser: PersonParser) -> [Attendee] {
        var out: [Attendee] = []
        for (i, b) in ctx.blocks.enumerated() where b.role == .heading {
            guard SectionMap.labelSection(b.text, ctx.lexicon) == "attendees", let colon = b.text.firstIndex(of: ":") else { continue }
            let label = b.text[..<colon].trimmingSpaces()
            let value = b.text[b.text.index(after: colon)...].trimmingSpaces()
            guard value.hasAtMost(600), ctx.lexicon.firstCue("absence", in: FoldedText(value)) == nil else { continue }
            let people = parser.parse(value, delegations: true)
            guard !people.isEmpty else { continue }
            let anchor = ctx.layout.anchor(block: i)
            out += people.map { p in
                var a = p
                a.anchor = anchor
                a.via = "heading:" + Provenance.name(label)
                a.confidence = 0.85
                return a
            }
        }
        return out
    }

    /// Minutes whose item headings end with their presenters in brackets ("## Multipath QUIC
    /// (Yanmei Lui, Mirja Kühlewind)", "### 5 min - FEC results (François Michel)"): those named,
    /// people's names only, presented at the meeting.
    private static func presenters(_ ctx: ExtractionContext, parser: PersonParser) -> [Attendee] {
        var out: [Attendee] = []
        for (i, b) in ctx.blocks.enumerated() where b.role == .heading && i > 0 {
            let text = b.text.trimmingSpaces()
            guard text.hasSuffix(")"), text.hasAtMost(160), let inner = PersonParser.parenthesis(text).1, !inner.isEmpty else { continue }
            let names = PersonParser.segments(inner)
            // (No word in capitals: "(EDIFACT Syntax)" names a subject.)
            guard !names.isEmpty, names.count <= 6, names.allSatisfy({ n in
                parser.isPersonName(n) && !parser.isRole(n) && !n.wordsAtSpaces().contains { w in w.count >= 2 && w.allSatisfy { !$0.isLowercase } }
            }) else { continue }
            let anchor = ctx.layout.anchor(block: i)
            out += names.map { Attendee(name: parser.stripHonorifics($0), anchor: anchor, confidence: 0.6, via: "presenter") }
        }
        return out
    }

    /// A stand-up's record: a heading that is a member's name ("Lee I:", "Aaron:") over that
    /// member's report, whose first line is a stand-up label ("Done: ...", "Will do: ...",
    /// "Blockers: ...", "Ayer: ..."; the lexicon's `standup_labels`), names a member who reported.
    private static func standUpMembers(_ ctx: ExtractionContext, parser: PersonParser) -> [Attendee] {
        var out: [Attendee] = []
        for (i, b) in ctx.blocks.enumerated() where b.role == .heading && i + 1 < ctx.blocks.count {
            let next = ctx.blocks[i + 1]
            guard let label = next.label ?? SpeakerLabels.label(of: next), SpeakerLabels.isStandUpLabel(label, ctx.lexicon) else { continue }
            let name = b.text.trimmingSpaces().trimming(ascii: ":").trimmingSpaces()
            let words = name.wordsAtSpaces()
            guard (1...4).contains(words.count), name.hasAtMost(40), !name.contains(where: \.isNumber), ctx.lexicon.section(of: name) == nil,
                  words.allSatisfy({ $0.first?.isUppercase == true }), !SpeakerLabels.isStandUpLabel(name, ctx.lexicon),
                  parser.isPersonName(name) || words.count == 1 && name.allSatisfy({ $0.isLetter || $0 == "-" }) && !parser.isRole(name) else { continue }
            out.append(Attendee(name: name, anchor: ctx.layout.anchor(block: i), confidence: 0.7, via: "stand-up"))
        }
        return out
    }

    /// Minutes signed at their end by who drew them up or chaired: among the last lines, a name
    /// ("Z A DINGANI", "Ana Gómez Ruiz") on its own line over a role ("Secretary to Parliament",
    /// "Secretaria"; the lexicon's `role_words`). A name in capitals is written as a name.
    private static func closingSignature(_ ctx: ExtractionContext, parser: PersonParser, known: [Attendee]) -> [Attendee] {
        // (After the title lines, in no list of the absent or of anyone else.)
        let lines = ctx.blocks.indices.filter { i in
            let b = ctx.blocks[i]
            // (A line in capitals reads as a heading in plain text.)
            return (b.role == .paragraph || b.role == .field || b.role == .listItem || b.role == .heading) && !b.text.trimmingSpaces().isEmpty
        }.suffix(8).filter { i in i > 2 && [SectionMap.narrative, "signatures", "heading"].contains(ctx.sections[i]) }
        let keys = known.map { Folding.key(parser.stripHonorifics($0.name)) }
        var out: [Attendee] = []
        for (a, b) in zip(lines, lines.dropFirst()) {
            let nameLine = ctx.blocks[a].text.trimmingSpaces(), roleLine = ctx.blocks[b].text.trimmingSpaces()
            guard nameLine.hasAtMost(50), roleLine.hasAtMost(60), ctx.blocks[b].role != .heading, parser.isRole(roleLine), !parser.isRole(nameLine),
                  !roleLine.contains(where: \.isNumber) else { continue }
            var name = parser.stripHonorifics(nameLine)
            // (A heading is a signature only when written in capitals, as plain text reads one.)
            if ctx.blocks[a].role == .heading || !parser.isPersonName(name) {
                // "Z A DINGANI": initials and a surname in capitals.
                let words = name.wordsAtSpaces()
                guard (2...5).contains(words.count), words.allSatisfy({ w in w.allSatisfy { $0.isUppercase || $0 == "." || $0 == "-" || $0 == "'" } }),
                      words.contains(where: { w in w.count >= 3 && Folding.key(String(w)).contains(where: { "aeiouy".contains($0) }) }),
                      !words.contains(where: { ctx.lexicon.organizationWordSet.contains(Folding.key(String($0))) }) else { continue }
                name = name.capitalized
                guard parser.isPersonName(name) else { continue }
            }
            let k = Folding.key(name)
            if keys.contains(where: { $0 == k || $0.hasSuffix(" " + k) || k.hasSuffix(" " + $0) }) { continue }
            out.append(Attendee(name: name, role: roleLine.trimming(ascii: ".,"), anchor: ctx.layout.anchor(block: a), confidence: 0.6, via: "closing-signature"))
        }
        return out
    }

    /// A declaration that closes on a run of short lines, one signatory a line, with no
    /// heading over them ("Asamblea El Algarrobo" / "Pueblo de Choya" / "Ana Ruiz, Red X"): each
    /// line is a signatory (a person with role and organization, or an organization). Only when
    /// nothing else names the signatories; three lines at least, none a sentence (a full stop
    /// or semicolon of the list may close a line; an exclamation, question or colon may not).
    private static func closingSignatories(_ ctx: ExtractionContext, parser: PersonParser) -> [Attendee] {
        func signatoryLine(_ b: Block, _ i: Int, long: Bool = false) -> Bool {
            guard b.role == .paragraph || b.role == .listItem, ctx.sections[i] == SectionMap.narrative else { return false }
            let t = b.text.trimmingSpaces().trimming(ascii: "(")
            guard t.hasAtMost(long ? 160 : 100), t.wordsAtSpaces().count <= (long ? 20 : 14), t.first?.isUppercase == true, !t.contains("#"), !t.contains("://"),
                  let last = t.last, !"!?¡¿".contains(last) else { return false }
            return true
        }
        func short(_ i: Int) -> Bool { i >= 0 && i < ctx.blocks.count && signatoryLine(ctx.blocks[i], i) && ctx.blocks[i].text.wordsAtSpaces().count <= 12 }
        var start = ctx.blocks.count
        var long = Set<Int>()
        while start > 0, case let b = ctx.blocks[start - 1],
              b.role == .footer || b.role == .header || b.text.trimmingSpaces().isEmpty || signatoryLine(b, start - 1) {
            start -= 1
        }
        // (Two entries run together on a line, up to 20 words, between short lines of the run: still the list.)
        while start > 1, signatoryLine(ctx.blocks[start - 1], start - 1, long: true), short(start), short(start - 2) {
            long.insert(start - 1)
            start -= 1
            while start > 0, case let b = ctx.blocks[start - 1], b.text.trimmingSpaces().isEmpty || signatoryLine(b, start - 1) { start -= 1 }
        }
        var lines = (start..<ctx.blocks.count).filter { signatoryLine(ctx.blocks[$0], $0) || long.contains($0) }
        // (A lead-in over the run, "Firman las organizaciones:", is not one of them.)
        if let top = lines.first, ctx.blocks[top].text.trimmingSpaces().hasSuffix(":") { lines.removeFirst() }
        guard lines.count >= 3 else { return [] }
        return lines.map { i in
            // (A list's punctuation ends some lines: "OLP Resistir y Luchar.", "MULCS ...;".)
            var t = ctx.blocks[i].text.trimmingSpaces().trimming(ascii: ".;:-)( ").trimmingSpaces()
            if t.contains("("), !t.contains(")") { t += ")" }
            let first = PersonParser.parenthesis(PersonParser.segments(t).first ?? "").0
            var a = parser.isPersonName(first) ? parser.parse(t, delegations: false, single: true).first ?? Attendee(name: t) : Attendee(name: t)
            a.anchor = ctx.layout.anchor(block: i)
            a.via = "closing-signatories"
            a.confidence = 0.7
            return a
        }
    }

    /// "- SC Attendees: @ana @luis" / "- Board: @ron @lass": a labelled list item of handles only
    /// right after an attendee item (or another such item) lists more people who took part,
    /// whatever group its label names. Not after a list of the absent.
    private static func handleLinesAfterAttendees(_ ctx: ExtractionContext) -> [Attendee] {
        var out: [Attendee] = []
        var follows = false
        for (i, b) in ctx.blocks.enumerated() {
            let section = ctx.sections[i]
            if section == "attendees" && b.role == .listItem { follows = true; continue }
            guard follows, b.role == .listItem, section == SectionMap.narrative, let colon = b.text.firstIndex(of: ":"),
                  b.text.distance(from: b.text.startIndex, to: colon) <= 40 else { follows = false; continue }
            let words = b.text[b.text.index(after: colon)...].split(separator: " ")
            let handles = words.filter { $0.first == "@" && Patterns.handle.matches(String($0)) }
            guard !handles.isEmpty, words.allSatisfy({ $0.first == "@" && Patterns.handle.matches(String($0)) || $0.first == "(" || $0.last == ")" }) else {
                follows = false
                continue
            }
            let anchor = ctx.layout.anchor(block: i)
            out += handles.map { Attendee(name: String($0.dropFirst()), anchor: anchor, confidence: 0.7, via: "handles:" + Provenance.name(String(b.text[..<colon]))) }
        }
        return out
    }

    /// A log of meetings, one a row, with a column of who attended ("Fecha | Temas | Asistentes",
    /// "Date | Topics | Attendees"): each of its cells lists attendees (people, roles or teams as
    /// written), but for a phrase for the whole group ("Todo el equipo", "All": the lexicon's
    /// `whole_group`).
    private static func fromAttendeeColumns(_ ctx: ExtractionContext, parser: PersonParser) -> [Attendee] {
        var out: [Attendee] = []
        let whole = Set(ctx.lexicon.cueKey("whole_group").map(\.key))
        var i = 0
        let blocks = ctx.blocks
        while i < blocks.count {
            let b = blocks[i]
            guard b.role == .tableRow, ctx.sections[i] == SectionMap.narrative, i == 0 || blocks[i - 1].role != .tableRow || b.isHeaderRow,
                  b.cells.filter({ !$0.isEmpty }).count >= 2, peopleColumns(b.cells, ctx) == nil,
                  let column = b.cells.firstIndex(where: { c in
                      // (Not a column of marks beside names: "Nombre | Asistencia" is a people table's.)
                      c.hasAtMost(30) && ctx.lexicon.isExactSection(c) && ctx.lexicon.section(of: c) == "attendees"
                          && !ctx.lexicon.cueKey("attendance_labels").contains(where: { $0.key == Folding.key(c) })
                  })
            else { i += 1; continue }
            var j = i + 1
            while j < blocks.count, blocks[j].role == .tableRow, !blocks[j].isHeaderRow {
                defer { j += 1 }
                let cells = blocks[j].cells
                guard column < cells.count, cells[column].hasAtMost(300) else { continue }
                // (Each of a cell's entries is one attendee: "Tester, Líder Técnico" is two.)
                let entries = PersonParser.segments(cells[column].replacingOccurrences(of: "\n", with: ", ")).map { seg in
                    let (outer, inner) = PersonParser.parenthesis(seg)
                    return parser.entry(name: outer, parts: inner.map { [$0] } ?? [])
                }
                for a in entries where !whole.contains(Folding.key(a.name)) && a.name.wordsAtSpaces().count <= 6 && a.name.first?.isLetter == true {
                    out.append(Attendee(name: a.name, organization: a.organization, role: a.role, anchor: ctx.layout.anchor(block: j),
                                        confidence: 0.75, via: "column:" + Provenance.name(b.cells[column])))
                }
            }
            i = j
        }
        return out
    }

    /// The columns of a people table's header row, when it is one.
    private static func peopleColumns(_ cells: [String], _ ctx: ExtractionContext) -> (name: Int, organization: Int?, role: Int?, attended: Int?, vote: Bool)? {
        guard cells.filter({ !$0.isEmpty }).count >= 2, cells.allSatisfy({ $0.hasAtMost(40) }) else { return nil }
        var name: Int?, organization: Int?, role: Int?, attended: Int?, vote = false
        for (n, c) in cells.enumerated() {
            let k = Folding.key(c)
            guard !k.isEmpty else { continue }
            if ctx.lexicon.cueKey("vote_labels").contains(where: { k == $0.key }) { vote = true; continue }
            // "Committee Member", "Board Member": a member column named after the body.
            if c.hasAtMost(30), ctx.lexicon.cueKey("member_labels").contains(where: { k.hasSuffix(" " + $0.key) }) { name = name ?? n; continue }
            if ctx.lexicon.cueKey("attendance_labels").contains(where: { k.isPhrase($0.key) }) { attended = attended ?? n; continue }
            switch labelKind(c, ctx) {
            case "name_labels": name = name ?? n
            case "organization_labels": organization = organization ?? n
            case "role_labels": role = role ?? n
            case "owner_labels", "task_labels", "due_labels": return nil
            default: break
            }
        }
        guard let name else { return nil }
        return (name, organization, role, attended, vote)
    }

    /// Small words an organization's name holds in lower case ("Ministerio de Salud y la Familia").
    private static let sentenceParticles: Set<String> = ["de", "del", "la", "las", "los", "el", "y", "e", "o", "en", "para", "por", "con",
                                                         "of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "&"]

    /// Sections whose people did not take part, or that list what is to come: no motion, vote or proxy read there.
    static let notPartaking: Set<String> = ["absent", "invited", "copies", "reviewers", "attachments", "agenda", "furniture"]

    /// Sections whose people did not take part (or are not the meeting's): no people table there.
    private static let listsOthers: Set<String> = ["attendees", "signatures", "absent", "invited", "copies", "reviewers", "actions", "agenda", "attachments", "furniture", "heading"]

    /// An attendance cell that says no: "No", "Ausente", "✗", "Absent".
    private static func isNo(_ cell: String) -> Bool {
        var k = Folding.key(cell)
        // ("✅ Presente", "❌ Ausente": a mark before the word.)
        if let f = k.first, !f.isLetter, !f.isNumber { k = String(k.drop { !$0.isLetter && !$0.isNumber }) }
        return ["no", "ausente", "absent", "n", "x", "excusado", "excusada", "excused", "falta"].contains(k) || cell.contains("✗") || cell.contains("❌")
    }

    /// "Present were A (X), B (Y) and C (Z)." in running text, when no list names the attendees.
    private static func fromNarrative(_ ctx: ExtractionContext, parser: PersonParser) -> [Attendee] {
        var out: [Attendee] = []
        for (i, b) in ctx.blocks.enumerated().prefix(ctx.headerEnd + 6) where b.role == .paragraph && ctx.sections[i] == SectionMap.narrative {
            for sentence in ExtractionContext.sentences(b.text) {
                // A list that a cue opens goes on through the clauses after it ("...; Ana (X) y Clara (Y) por la sociedad civil; ...").
                var listing = false
                // (Without a semicolon, nor U+037E which Foundation takes for one, there is one clause.)
                let clauses = sentence.text.containsByte(0x3B) || sentence.text.containsByte(0xCD) ? sentence.text.components(separatedBy: "; ") : [sentence.text]
                for clause in clauses {
                    let f = FoldedText(clause)
                    // Found only for a clause that names someone (most name no one).
                    lazy var anchor = ctx.layout.anchor(block: i, part: Substring(clause), in: b.text)
                    if ctx.lexicon.firstCue("absence", in: f) != nil { listing = false; continue }
                    if let r = ctx.lexicon.firstCue("represented", in: f) {
                        // "la Embajada de Suiza estuvo representada por ...": the delegation attended.
                        let org = PersonParser.cleanOrganization(f.text(0..<r.lowerBound).trimmingSpaces())
                            .replacingLeadingArticle()
                        if !org.isEmpty, org.first?.isUppercase == true, org.wordsAtSpaces().count <= 8 {
                            out.append(Attendee(name: org, anchor: anchor, confidence: 0.6, via: Provenance.cue(f.text(r).lowercased())))
                        }
                        continue
                    }
                    // The names follow the cue ("Present were ...") or precede it ("X attended ...").
                    var people: [Attendee] = []
                    var via = "cue:attendance"
                    // ("Present: Members Jerdonek, Kattouw": surnames after a plural form of address.)
                    var surnames = false
                    if let cue = ctx.lexicon.firstCue("attendance", in: f) {
                        listing = true
                        via = Provenance.cue(f.text(cue).lowercased())
                        let after = f.text(cue.upperBound..<f.count)
                        surnames = PersonParser.pluralAddress.contains(Folding.fold(String(after.wordsAtSpaces().first ?? "")))
                        people = parser.parse(after, delegations: false)
                        // (Not where or when: "En Quito, a 3 de marzo, se reúnen ...".)
                        people += parser.parse(f.text(0..<cue.lowerBound), delegations: false).filter { p in
                            !["en", "in", "at", "a", "de", "desde", "siendo", "on"].contains(Folding.key(String(p.name.wordsAtSpaces().first ?? "")))
                        }
                    } else if listing {
                        people = parser.parse(clause, delegations: false)
                    }
                    let named = people.filter { parser.isPersonName($0.name) || surnames && $0.name.first?.isUppercase == true && !$0.name.contains(" ") }
                    if !named.isEmpty { out += named.map { var a = $0; a.anchor = anchor; a.via = via; a.confidence = 0.7; return a } }
                }
            }
        }
        return out
    }

    /// "Presidenta: Laura Gómez", "Chair: Ana Ruiz", "Vocales: Marta Sanz, Jorge Gil": a field
    /// labelled with a role (the lexicon's `role_words`) whose value is only people's names
    /// names who held that role at the meeting, outside any list of the excused.
    private static func fromRoleFields(_ ctx: ExtractionContext, parser: PersonParser) -> [Attendee] {
        var out: [Attendee] = []
        for (i, b) in ctx.blocks.enumerated() where b.role == .field && ctx.sections[i] == SectionMap.narrative {
            guard let label = b.label?.trimmingSpaces(), label.wordsAtSpaces().count <= 3, parser.isRole(label) else { continue }
            let k = Folding.key(label)
            guard ctx.lexicon.section(of: label) == nil, !ctx.lexicon.dateLabels.contains(k), !ctx.lexicon.placeLabels.contains(k),
                  !ctx.lexicon.bodyLabels.contains(k), !ctx.lexicon.titleLabels.contains(k) else { continue }
            let value = ctx.fieldValue(b)
            guard value.hasAtMost(200), ctx.lexicon.firstCue("absence", in: FoldedText(value)) == nil else { continue }
            let people = parser.parse(value, delegations: false)
            guard !people.isEmpty, people.allSatisfy({ parser.isPersonName($0.name) }) else { continue }
            let anchor = ctx.layout.anchor(block: i)
            out += people.map { p in
                var a = p
                a.role = a.role ?? label
                a.anchor = anchor
                a.via = "field:" + Provenance.name(label)
                a.confidence = 0.8
                return a
            }
        }
        return out
    }

    /// People who spoke were there: speakers the format names (Akoma Ntoso `speech@by`,
    /// `<from>`, an IRC log's `<cite>`) who are not already listed.
    private static func speakers(_ ctx: ExtractionContext, parser: PersonParser, known: [Attendee]) -> [Attendee] {
        var keys = known.map { Folding.key($0.name) }
        // IRC-style minutes list people by nickname ("wendyreid"): a speaker's nickname counts too.
        let nicknames = known.filter { !$0.name.contains(" ") }.count >= 3
        var out: [Attendee] = []
        for (i, b) in ctx.blocks.enumerated() where b.role == .speech {
            guard var name = b.speaker?.trimming(ascii: ": ") else { continue }
            // "Minister for the Interior (Mr Iota)": the person in brackets.
            if let inner = PersonParser.parenthesis(name).1, parser.isPersonName(inner) { name = inner }
            // "La señora GARCÍA LÓPEZ": a parliament's record names its speakers by honorific and
            // surnames in capitals; the person is "García López".
            if let surnames = PersonParser.surnamesInCapitals(name, parser) { name = surnames }
            let nickname = (nicknames || b.hints.contains(SpeakerLabels.hint)) && !name.contains(" ") && name.count <= 30 && name.first?.isLetter == true
            guard parser.isPersonName(name) || nickname else { continue }
            let k = Folding.key(parser.stripHonorifics(name))
            // Already listed, in full, by surname, or as the start of a nickname ("Wendy", "wendyreid").
            let bare = k.replacingOccurrences(of: " ", with: "")
            if keys.contains(where: { $0 == k || $0.hasSuffix(" " + k) || k.hasSuffix(" " + $0) || (!$0.contains(" ") && bare.count >= 4 && $0.hasPrefix(bare)) }) { continue }
            keys.append(k)
            // (The organization and role a format's person list gives the speaker: TEI's affiliation.)
            out.append(Attendee(name: name, organization: b.fields["speaker.organization"], role: b.fields["speaker.role"],
                                anchor: ctx.layout.anchor(block: i), confidence: nickname ? 0.6 : 0.7, via: "speaker"))
        }
        return out
    }

    /// Who moved or seconded a motion, or took the chair, was at the meeting: "Cllr Ryves
    /// proposed acceptance seconded by Cllr Mrs Mann", "Moved by Ana Ruiz", "The Deputy Speaker
    /// took the Chair", "The Chief Whip of the Majority Party moved: ...". The name is the run of
    /// capitalised words (forms of address, initials and "of the" within) next to the cue of the
    /// lexicon's `motion_party_after` (the name before it) or `motion_party_before` (after it);
    /// "proposed" counts only beside a seconder (`motion_proposal`). A person's name, or a title
    /// opened by "The" ("The Deputy Speaker") whose head names no organization or organ. Those already listed (in
    /// full or by surname) are not added again.
    private static func motionParties(_ ctx: ExtractionContext, parser: PersonParser, known: [Attendee], blocks: Set<Int>) -> [Attendee] {
        let after = ctx.lexicon.cue("motion_party_after"), before = ctx.lexicon.cue("motion_party_before")
        let proposal = ctx.lexicon.cue("motion_proposal"), proposalBy = ctx.lexicon.cue("motion_proposal_by"), seconded = ctx.lexicon.cue("motion_seconded")
        guard !after.isEmpty || !before.isEmpty else { return [] }
        var keys = known.map { Folding.key($0.name) }
        let joiners: Set<String> = ["of", "the", "de", "del", "la", "el", "los", "las", "y", "and"]
        func capitalised(_ w: Substring) -> Bool { w.first?.isUppercase == true }
        /// The name a run of words gives, or nil.
        func person(_ words: [Substring]) -> String? {
            var run = words
            while let f = run.first, joiners.contains(Folding.key(String(f))) && !(f == "The" && run.count >= 2) { run.removeFirst() }
            while let l = run.last, joiners.contains(Folding.key(String(l))) { run.removeLast() }
            guard !run.isEmpty, run.count <= 8 else { return nil }
            let text = run.joined(separator: " ").trimming(ascii: ",;:")
            if run.first == "The" {
                // "The Deputy Speaker", "The Chief Whip of the Majority Party": a title, not a body
                // (its head, before "of", names no organization: "The Parish Committee" is none).
                let head = run.dropFirst().prefix { !["of", "de"].contains(Folding.key(String($0))) }
                guard run.count >= 2, run.count <= 8, !head.isEmpty, !head.contains(where: { ctx.lexicon.organizationWordSet.contains(Folding.key(String($0))) }),
                      case let title = Folding.key(String(head.joined(separator: " "))),
                      !ctx.lexicon.organs.contains(where: { Folding.key($0) == title }) else { return nil }
                return text
            }
            return parser.isPersonName(text) ? text : nil
        }
        var out: [Attendee] = []
        for i in blocks.sorted() {
            let b = ctx.blocks[i]
            for sentence in ExtractionContext.sentences(b.text) {
                let f = FoldedText(sentence.text)
                var found: [String] = []
                let hasSeconder = seconded.contains { !f.find($0).isEmpty }
                for cue in after + (hasSeconder ? proposal : []) {
                    for r in f.find(cue) {
                        // The capitalised words just before the cue.
                        let words = f.text(0..<r.lowerBound).wordsAtSpaces()
                        var run: [Substring] = []
                        for var w in words.reversed() {
                            // ("[MR. SPEAKER IN THE CHAIR]": an opening bracket starts the run.)
                            let opened = w.first == "[" || w.first == "("
                            if opened { w = w.dropFirst() }
                            let k = Folding.key(String(w))
                            if capitalised(w) || joiners.contains(k) && !run.isEmpty {
                                if w.last == "," || w.last == ";" || w.last == ":" { break }
                                run.insert(w, at: 0)
                            } else { break }
                            if opened { break }
                        }
                        if let n = person(run) { found.append(n) }
                    }
                }
                for cue in before + (hasSeconder ? proposalBy : []) {
                    for r in f.find(cue) {
                        let words = f.text(r.upperBound..<f.count).wordsAtSpaces()
                        var run: [Substring] = []
                        for w in words {
                            let k = Folding.key(String(w))
                            // ("actuando como secretaria la Lcda. Ana Torres": an article and a
                            // form of address may come first.)
                            guard capitalised(w) || joiners.contains(k) && (!run.isEmpty || ["la", "el", "the"].contains(k)) else { break }
                            run.append(w)
                            let honorific = ctx.lexicon.honorifics.contains(Folding.fold(String(w)))
                            if w.last == "," || w.last == ";" || w.last == ":" || (w.last == "." && w.count > 3 && !honorific) { break }
                        }
                        let trimmed = run.map { w -> Substring in w.count > 3 && w.last == "." ? w.dropLast() : w }
                        if let n = person(trimmed) { found.append(n) }
                    }
                }
                for name in found {
                    let k = Folding.key(parser.stripHonorifics(name))
                    let bare = k.replacingOccurrences(of: " ", with: "")
                    if keys.contains(where: { $0 == k || $0.hasSuffix(" " + k) || k.hasSuffix(" " + $0) || (!$0.contains(" ") && bare.count >= 4 && $0.hasPrefix(bare)) }) { continue }
                    // ("O. Williams" is "Owen Williams": an initial and the same surname.)
                    let parts = k.split(separator: " ").map { $0.count == 2 && $0.last == "." ? Substring($0.dropLast()) : $0 }
                    if parts.count >= 2, keys.contains(where: { key in
                        let other = key.split(separator: " ")
                        // ("County Councillor Joseph Davies": the given name may follow a title.)
                        return other.count >= 2 && other.last == parts.last && (parts.first!.count == 1 && other.dropLast().contains { $0.first == parts.first?.first }
                            || other.first!.count == 1 && other.first?.first == parts.first?.first)
                    }) { continue }
                    keys.append(k)
                    // (A surname or title alone keeps its last form of address, "Cllr Mrs Mann" → "Mrs Mann";
                    // a name in capitals is written as a name: "MR. SPEAKER" → "Mr. Speaker".)
                    let stripped = parser.stripHonorifics(name)
                    let words = name.wordsAtSpaces()
                    var display = name.hasPrefix("The ") ? name : stripped.contains(" ") || words.count < 2 ? stripped : words.suffix(2).joined(separator: " ")
                    if !display.contains(where: \.isLowercase) { display = display.capitalized }
                    out.append(Attendee(name: display, anchor: ctx.layout.anchor(block: i), confidence: 0.6, via: "motion"))
                }
            }
        }
        return out
    }

    /// Members represented by proxy take part: "Ana Ruiz holds the proxy of Luis Gil, Marta
    /// Sanz", "Stol Ivan tenía el poder de Gallo Robert" (the lexicon's `proxy`): the holder
    /// and the people named after the cue, people's names only.
    private static func proxies(_ ctx: ExtractionContext, parser: PersonParser, blocks: Set<Int>) -> [Attendee] {
        var out: [Attendee] = []
        for i in blocks.sorted() {
            let b = ctx.blocks[i]
            for sentence in ExtractionContext.sentences(b.text) {
                let f = FoldedText(sentence.text)
                guard let r = ctx.lexicon.firstCue("proxy", in: f) else { continue }
                let before = PersonParser.segments(f.text(0..<r.lowerBound)).last.map { parser.stripHonorifics($0) }
                let after = PersonParser.segments(f.text(r.upperBound..<f.count)).map { parser.stripHonorifics($0) }
                let anchor = ctx.layout.anchor(block: i)
                for name in (before.map { [$0] } ?? []) + after where parser.isPersonName(name) {
                    out.append(Attendee(name: name, anchor: anchor, confidence: 0.7, via: "proxy"))
                }
            }
        }
        return out
    }

    /// "Nick A." in an attendee list is the "Nick Avramoussis" the document names elsewhere: a
    /// first name and a surname's initial resolve to the one full name the text gives that first
    /// name, when its surname starts with the initial.
    private static func resolveInitials(_ out: inout [Attendee], _ ctx: ExtractionContext) {
        func parts(_ name: String) -> (String, Character)? {
            let w = name.wordsAtSpaces()
            guard w.count == 2, let i = w[1].first, i.isUppercase, w[1].count == 1 || w[1].count == 2 && w[1].last == "." else { return nil }
            return (String(w[0]), i)
        }
        guard out.contains(where: { parts($0.name) != nil }) else { return }
        let names = SpeakerLabels.FirstNames(speakers: [], text: ctx.blocks.lazy.map(\.text).joined(separator: "\n"))
        for k in out.indices {
            guard let (first, initial) = parts(out[k].name), let full = names.fullName(of: first),
                  full.wordsAtSpaces().last?.first == initial else { continue }
            out[k].name = full
        }
    }

    private static let presentMarks: Set<String> = ["present", "presente", "attending", "attended", "here", "yes", "si", "in person", "remote",
                                                     "online", "virtual", "by phone", "by video", "en linea", "presencial", "p"]
    private static let absentMarks: Set<String> = ["absent", "ausente", "excused", "excusado", "excusada", "apologies", "regrets", "not present",
                                                    "no", "a", "e", "justificado", "justificada"]

    /// "Ana Gil (present), Luis Pérez (absent), Marta Ruiz (present)" or "Ana Gil - present;
    /// Luis Pérez - absent": a roll call whose every part is a name and its mark; the names
    /// marked present, joined by commas (nil when the text is no such list).
    static func markedRollCall(_ text: String) -> String? {
        guard text.containsByte(UInt8(ascii: "(")) || text.containsBytes(" - ") || text.containsByte(0xE2) else { return nil }
        let parts = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" }).map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        guard parts.count >= 2 else { return nil }
        var present: [String] = []
        for part in parts {
            let name: String, mark: String
            if case let (outer, inner?) = PersonParser.parenthesis(part) {
                name = outer; mark = Folding.key(inner)
            } else if let dash = PersonParser.dash(in: part) {
                name = part[..<dash.lowerBound].trimmingSpaces(); mark = Folding.key(String(part[dash.upperBound...]))
            } else { return nil }
            guard !name.isEmpty else { return nil }
            if presentMarks.contains(mark) { present.append(name) } else if !absentMarks.contains(mark) { return nil }
        }
        return present.joined(separator: ", ")
    }

    /// Scribed minutes name speakers by initials ("EAO: Plan to talk to ...") that the list of
    /// attendees defines ("Eemeli Aro - Mozilla (EAO)") or that are a listed name's initials
    /// ("SK" for Sam Kim): those are the listed person, not one more.
    private static func dropInitialsOfListed(_ out: inout [Attendee], _ ctx: ExtractionContext) {
        func isInitials(_ n: String) -> Bool { (2...4).contains(n.count) && n.allSatisfy { $0.isUppercase && $0.isLetter } }
        guard out.contains(where: { isInitials($0.name) }) else { return }
        let full = out.filter { $0.name.contains(" ") }
        guard !full.isEmpty else { return }
        let lines = ctx.blocks.lazy.map(\.text).joined(separator: "\n").split(separator: "\n")
        var initialsOfFull = [String: Int]()
        for a in full {
            let i = String(a.name.wordsAtSpaces().compactMap { $0.first }.filter(\.isUppercase))
            initialsOfFull[i, default: 0] += 1
        }
        out.removeAll { a in
            guard isInitials(a.name) else { return false }
            if initialsOfFull[a.name] == 1 { return true }
            let alias = "(" + a.name + ")"
            return lines.contains { line in line.contains(alias) && full.contains { line.contains($0.name) } }
        }
    }

    /// After a vote position: an optional bracket ("(-1)"), a colon, "by" or a dash, an optional
    /// count, then the voters, in brackets or not. Compiled once.
    private static let votersAfterPosition = Pattern(#"^\s*(\([^)]{0,12}\))?\s*(:|by\s|por\s|[-–—]\s)\s*(\d+\s*)?(\S.*)$"#)

    /// A vote record that names its voters was a record of who took part: "Votes: Yes by A, B
    /// and C", "Opposed (-1): 2 (Ana Ruiz, Bo Lee)", "Ayes: ...", "A favor: ...". A line or
    /// sentence that opens with a vote position of the lexicon's `vote_positions`, then a colon,
    /// "by" or a dash (a bracketed tally and a count may come between), names its voters;
    /// people's names only, not already listed.
    private static func voters(_ ctx: ExtractionContext, parser: PersonParser, known: [Attendee]) -> [Attendee] {
        let positions = ctx.lexicon.cue("vote_positions")
        guard !positions.isEmpty else { return [] }
        let firstWords = Set(positions.compactMap { $0.split(separator: " ").first.map { Folding.key(String($0)) } })
        var keys = known.map { Folding.key($0.name) }
        let skipped: Set<String> = ["absent", "invited", "copies", "reviewers", "attachments", "agenda", "furniture"]
        var out: [Attendee] = []
        for (i, b) in ctx.blocks.enumerated() where [.paragraph, .listItem, .field].contains(b.role) && !skipped.contains(ctx.sections[i]) {
            let text = b.role == .field ? ctx.fieldValue(b) : b.text
            guard text.hasAtMost(600) else { continue }
            // (A one-sentence text that does not open with a position holds no voters: its first
            // word tells, before anything is folded or split.)
            let opening = text.prefix(24).split(separator: " ").first.map { Folding.key(String($0)).trimming(ascii: ":(") } ?? ""
            guard firstWords.contains(opening) || text.containsBytes(". ") || text.containsByte(0x0A) else { continue }
            // (No colon, "by", "por" nor dash: no voters, and no sentence to split.)
            guard text.containsByte(UInt8(ascii: ":")) || text.containsByte(UInt8(ascii: "-")) || text.containsByte(0xE2)
                    || text.containsBytes(" by ") || text.containsBytes(" por ") else { continue }
            // (No vote position anywhere in the text: no sentence of it opens with one.)
            guard ctx.lexicon.firstCue("vote_positions_any", in: FoldedText(text)) != nil else { continue }
            for sentence in ExtractionContext.sentences(text) {
                // (A sentence opens with a position or is none: its first word tells, before any folding.)
                guard let word = sentence.text.prefix(24).split(separator: " ").first, firstWords.contains(Folding.key(String(word)).trimming(ascii: ":(")) else { continue }
                let f = FoldedText(sentence.text)
                guard let cue = positions.lazy.compactMap({ p in f.find(p).first.flatMap { $0.lowerBound == 0 ? $0 : nil } }).max(by: { $0.count < $1.count }) else { continue }
                let rest = f.text(cue.upperBound..<f.count)
                guard votersAfterPosition.matches(rest) else { continue }
                var names = votersAfterPosition.replacing(in: rest, with: "$4").trimmingSpaces().trimming(ascii: ".")
                if names.first == "(", names.last == ")" { names = String(names.dropFirst().dropLast()) }
                for p in parser.parse(names, delegations: false) where parser.isPersonName(p.name) {
                    let k = Folding.key(p.name)
                    if keys.contains(where: { $0 == k || $0.hasSuffix(" " + k) || k.hasSuffix(" " + $0) }) { continue }
                    keys.append(k)
                    out.append(Attendee(name: p.name, anchor: ctx.layout.anchor(block: i), confidence: 0.7, via: "vote:" + Provenance.name(f.text(cue))))
                }
            }
        }
        return out
    }

    /// A list of people written surname first, "Castrillón Mora, Pablo" / "Hu, Jianwu" (as
    /// universities list their students): every item of a list of two or more in an attendee
    /// section is "Surnames, Given names", with one to three capitalised words before the one
    /// comma and one or two after it, neither a role, an organization nor a country. Each item's
    /// person, given names first ("Pablo Castrillón Mora"), by block.
    static func invertedNames(_ ctx: ExtractionContext, parser: PersonParser) -> [Int: String] {
        func name(_ text: String) -> String? {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
            guard parts.count == 2, text.hasAtMost(80), !text.contains(where: { $0.isNumber || "()[]:;".contains($0) }) else { return nil }
            let surnames = parts[0].wordsAtSpaces(), given = parts[1].wordsAtSpaces()
            let particles: Set<String> = ["de", "del", "la", "las", "los", "y", "van", "von", "da", "di"]
            // (A surname may open on its particle, "del Junco Obregón, Juan"; a given name may hold
            // one, "María del Mar".)
            func capitalised(_ words: [Substring]) -> Bool {
                words.allSatisfy { w in w.first?.isUppercase == true || particles.contains(Folding.key(String(w))) }
                    && words.contains { $0.first?.isUppercase == true } && words.last?.first?.isUppercase == true
            }
            func names(_ words: [Substring]) -> Int { words.filter({ !particles.contains(Folding.key(String($0))) }).count }
            // (Particles do not count: "Sotomayor de la Vega" is two surnames.)
            guard (1...3).contains(names(surnames)), surnames.count <= 5,
                  (1...2).contains(names(given)), given.count <= 4, capitalised(surnames), capitalised(given) else { return nil }
            for part in [parts[0], parts[1]] {
                let k = Folding.key(part)
                if parser.isRole(part) || ctx.lexicon.countries.contains(k) || part.wordsAtSpaces().contains(where: { ctx.lexicon.organizationWordSet.contains(Folding.key(String($0))) }) { return nil }
            }
            return parts[1] + " " + parts[0]
        }
        var out: [Int: String] = [:]
        var run: [(Int, String)] = []
        var broken = false
        func close() {
            if run.count >= 2, !broken { for (i, n) in run { out[i] = n } }
            run = []
            broken = false
        }
        for (i, b) in ctx.blocks.enumerated() {
            guard b.role == .listItem, ctx.sections[i] == "attendees" else { close(); continue }
            // (The item that labels the list, "- **Asistentes**:", opens the run.)
            if b.text.hasSuffix(":"), run.isEmpty { continue }
            if let n = name(b.text) { run.append((i, n)) } else { broken = true }
        }
        close()
        return out
    }

    /// Each person once: the same name, or a first name or surname alone ("Adrián", in a later
    /// list of the same notes) when a name listed in full holds it ("Adrián Ramírez Gil").
    private static func dedupe(_ list: [Attendee]) -> [Attendee] {
        var seen = Set<String>()
        // (The same words in another order are the same person: "Ávila Maqueda, María del Mar"
        // in a table, "María del Mar Ávila Maqueda" in a list.)
        let unique = list.filter { a in
            seen.insert(Folding.key(a.name).split(whereSeparator: { $0 == " " || $0 == "," }).sorted().joined(separator: " ")).inserted
        }
        var partOfFull = Set<String>()
        for a in unique {
            let words = Folding.key(a.name).split(separator: " ")
            guard words.count >= 2, let f = words.first, let l = words.last else { continue }
            partOfFull.insert(String(f))
            partOfFull.insert(String(l))
        }
        guard !partOfFull.isEmpty else { return unique }
        return unique.filter { a in
            let k = Folding.key(a.name)
            return k.contains(" ") || !partOfFull.contains(k)
        }
    }
}
