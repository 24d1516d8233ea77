import Foundation
public import RelatoriaCore

/// Builds the commitments register from effective records: every `actions` item is a
/// commitment; a later meeting that repeats it carries it over; a later passage that reports
/// on it (cue phrases of ``FollowUpLexicon``) is its evidence and may close it; statuses set
/// by hand (``ManualStatusLog``) have the last word.
///
/// Records are read in date order, once: at each record, its passages are first matched
/// against the commitments made before it, then its own actions are added (or carried over).
public struct CommitmentRegister: Sendable {
    /// Evidence at or over this confidence sets the status (done, dropped, or pending).
    public static let closingConfidence = 0.5
    /// The share of a commitment's content words (but its verb) a later passage must name to
    /// report on it; under a follow-up section heading, ``sectionCoverage``.
    public static let coverage = 0.6
    public static let sectionCoverage = 0.34

    public let parties: PartyDirectory
    public let lexicon: FollowUpLexicon

    public init(parties: PartyDirectory, lexicon: FollowUpLexicon) {
        self.parties = parties
        self.lexicon = lexicon
    }

    /// The register on a day.
    public struct Result: Sendable {
        /// Every commitment made on or before the day, in the order made.
        public var commitments: [Commitment]
        /// Manual statuses whose commitment can no longer be found (kept in the file).
        public var orphans: [ManualStatusLog.Entry]
    }

    /// A commitment being followed, with what matching needs.
    private struct Tracked {
        var c: Commitment
        var stems: Set<String>
        var bodyKey: String
        /// The stem of its first word, its verb (``FollowUpLexicon/verbStem(_:)``).
        var verb: String
        /// The latest strong report: what the minutes last said of it.
        var lastReport: FollowUpLexicon.Report?
    }

    /// The register as it stood on `asOf` (`YYYY-MM-DD`): records dated after it are left
    /// out, and open commitments past their due date on it are overdue.
    /// - Parameter records: effective records, in any order (see ``EffectiveRecords``).
    public func build(records: [Record], manual: [ManualStatusLog.Entry], asOf: String) -> Result {
        let considered = EffectiveRecords.chronological(records).filter { ($0.date ?? "") <= asOf || $0.date == nil }
        var tracked: [Tracked] = []
        // Every phrase that names an owner of a tracked commitment, filed under the owner.
        var ownerNames = FollowUpText.PhraseTable<String>()
        for record in considered {
            let passages = FollowUpText.passages(record.text)
            let sections = followUpSections(passages)
            if record.date != nil { report(on: &tracked, from: record, passages: passages, sections: sections, ownerNames: ownerNames) }
            add(record, sections: sections, to: &tracked, ownerNames: &ownerNames)
        }
        var orphans: [ManualStatusLog.Entry] = []
        applyManual(manual, to: &tracked, known: Set(considered.map(\.id)), orphans: &orphans)
        for i in tracked.indices { settle(&tracked[i], asOf: asOf) }
        return Result(commitments: tracked.map(\.c), orphans: orphans)
    }

    // MARK: Commitments and carry-overs

    /// `<record id>:<FNV-1a of the folded text, 8 hex digits>`.
    public static func id(record: String, text: String) -> String {
        var h: UInt32 = 2_166_136_261
        for b in FollowUpText.key(text).utf8 {
            h ^= UInt32(b)
            h = h &* 16_777_619
        }
        let hex = String(h, radix: 16)
        return "\(record):\(String(repeating: "0", count: 8 - hex.count))\(hex)"
    }

    private func add(_ record: Record, sections: [Range<Int>], to tracked: inout [Tracked], ownerNames: inout FollowUpText.PhraseTable<String>) {
        var used = Set<String>()
        let bodyKey = FollowUpText.key(record.body ?? "")
        for action in record.actions {
            // An item of a follow-up section, or one that reports on an earlier commitment in
            // so many words ("Acción Social envió el inventario..."), is a report (taken as
            // evidence when the record's passages were read), not a new commitment: the extractor lists such
            // sections' lines among the actions.
            if let a = action.anchor, sections.contains(where: { $0.contains(a.start) }) { continue }
            if record.date != nil, reportsOnEarlier(action.text + " " + (action.owner ?? ""), record: record, in: tracked) { continue }
            var id = Self.id(record: record.id, text: action.text)
            var n = 2
            while used.contains(id) { id = Self.id(record: record.id, text: action.text) + "-\(n)"; n += 1 }
            used.insert(id)
            let owners = action.owner.map(parties.normalize) ?? []
            let stems = FollowUpText.stems(action.text, stopwords: lexicon.stopwords)
            if record.date != nil, let earlier = repeatedCommitment(stems: stems, owners: owners, bodyKey: bodyKey, record: record, in: tracked) {
                tracked[earlier].c.carriedOver.append(Repetition(id: id, record: record.id, date: record.date, text: action.text, due: action.due, anchor: action.anchor))
                tracked[earlier].c.aliases.append(id)
                if let due = action.due { tracked[earlier].c.due = due }
                continue
            }
            for name in owners {
                if let p = parties.party(named: name) {
                    for k in parties.keys(of: p) { ownerNames.add(key: k, name) }
                } else {
                    ownerNames.add(name, name)
                }
            }
            let c = Commitment(
                id: id, text: action.text, owner: owners.isEmpty ? nil : owners.joined(separator: " / "), owners: owners,
                ownerAsWritten: action.owner, due: action.due, status: .open, record: record.id, body: record.body,
                date: record.date, anchor: action.anchor, evidence: [], carriedOver: [], notes: [], manual: nil, aliases: [])
            tracked.append(Tracked(c: c, stems: stems, bodyKey: bodyKey, verb: FollowUpLexicon.verbStem(action.text)))
        }
    }

    /// The earlier, still outstanding commitment of the same body or owner that `stems`
    /// repeats, if any: most of the shorter text's content words shared, at least two.
    private func repeatedCommitment(stems: Set<String>, owners: [String], bodyKey: String, record: Record, in tracked: [Tracked]) -> Int? {
        var best: (index: Int, score: Double)?
        for (i, t) in tracked.enumerated() where t.c.record != record.id && (t.c.date ?? "9999") < (record.date ?? "") {
            guard t.lastReport != .done, t.lastReport != .dropped else { continue }
            guard (!bodyKey.isEmpty && t.bodyKey == bodyKey) || !Set(owners).isDisjoint(with: t.c.owners) else { continue }
            let shared = t.stems.intersection(stems).count
            let smaller = min(t.stems.count, stems.count)
            guard shared >= 2, smaller > 0 else { continue }
            let score = Double(shared) / Double(smaller)
            if score >= 0.6, score > (best?.score ?? 0) { best = (i, score) }
        }
        return best?.index
    }

    /// Whether `text` reports on an earlier commitment: it names most of what the commitment
    /// is about, with a cue that applies to it (a general one, or the commitment's verb said done).
    private func reportsOnEarlier(_ text: String, record: Record, in tracked: [Tracked]) -> Bool {
        let words = FollowUpText.words(FollowUpText.key(text))
        let stems = FollowUpText.stems(text, stopwords: lexicon.stopwords)
        return tracked.contains { t in
            guard (t.c.date ?? "9999") < (record.date ?? "") else { return false }
            let objects = t.stems.subtracting([t.verb])
            guard !objects.isEmpty else { return false }
            let shared = objects.intersection(stems).count
            guard shared >= min(2, objects.count), Double(shared) / Double(objects.count) >= Self.coverage else { return false }
            return lexicon.report(inWords: words, verb: t.verb) != nil
        }
    }

    /// The spans (in Unicode scalars) of the record's follow-up sections: from a heading of
    /// ``FollowUpLexicon/sections`` to the next heading.
    func followUpSections(_ passages: [FollowUpText.Passage]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var start: Int?
        for p in passages {
            if lexicon.isSectionHeading(p.text) {
                if let s = start { spans.append(s..<p.anchor.start) }
                start = p.anchor.start
            } else if let s = start, looksLikeHeading(p.text) {
                spans.append(s..<p.anchor.start)
                start = nil
            }
        }
        if let s = start { spans.append(s..<Int.max) }
        return spans
    }

    // MARK: Evidence from later minutes

    private func report(on tracked: inout [Tracked], from record: Record, passages: [FollowUpText.Passage], sections: [Range<Int>], ownerNames: FollowUpText.PhraseTable<String>) {
        // An agenda announces what a meeting will go over; it reports nothing.
        guard let date = record.date, !tracked.isEmpty, record.kind != .agenda else { return }
        let bodyKey = FollowUpText.key(record.body ?? "")
        let named = ownerNames.values(in: FollowUpText.words(FollowUpText.key(record.text)))
        // The commitments this record may report on: earlier ones of its body, or whose owner it names.
        let candidates = tracked.indices.filter { i in
            let t = tracked[i]
            // Once reported done or dropped, a commitment is no longer followed.
            guard let made = t.c.date, made < date, t.lastReport != .done, t.lastReport != .dropped else { return false }
            return (!bodyKey.isEmpty && t.bodyKey == bodyKey) || t.c.owners.contains(where: named.contains)
        }
        guard !candidates.isEmpty else { return }
        var best: [Int: Evidence] = [:]
        for passage in passages {
            let inSection = sections.contains { $0.contains(passage.anchor.start) }
            let words = FollowUpText.words(FollowUpText.key(passage.text))
            guard lexicon.hasCue(inWords: words) else { continue }
            let namedHere = ownerNames.values(in: words)
            let stems = FollowUpText.stems(passage.text, stopwords: lexicon.stopwords)
            var matches: [(index: Int, coverage: Double, evidence: Evidence)] = []
            for i in candidates {
                let t = tracked[i]
                // What the task is about: its content words but its verb (a report may say the
                // verb in any form, or not at all: "se cumplió").
                let objects = t.stems.subtracting([t.verb])
                guard !objects.isEmpty else { continue }
                let shared = objects.intersection(stems).count
                let coverage = Double(shared) / Double(objects.count)
                let sameBody = !bodyKey.isEmpty && t.bodyKey == bodyKey
                let ownerNamed = t.c.owners.contains(where: namedHere.contains)
                guard shared >= min(2, objects.count), coverage >= (inSection ? Self.sectionCoverage : Self.coverage) else { continue }
                guard sameBody || ownerNamed else { continue }
                guard let what = lexicon.report(inWords: words, verb: t.verb) else { continue }
                var confidence = 0.5 * coverage + (sameBody ? 0.2 : 0) + (ownerNamed ? 0.15 : 0) + (inSection ? 0.15 : 0)
                confidence = (min(1, confidence) * 100).rounded() / 100
                let e = Evidence(record: record.id, date: date, body: record.body, anchor: passage.anchor, text: passage.text, reports: what, confidence: confidence)
                matches.append((i, coverage, e))
            }
            // A passage reports on the commitment(s) it names best.
            guard let top = matches.map(\.coverage).max() else { continue }
            for m in matches where m.coverage == top {
                if let b = best[m.index], b.confidence >= m.evidence.confidence { continue }
                best[m.index] = m.evidence
            }
        }
        for (i, e) in best.sorted(by: { $0.key < $1.key }) {
            tracked[i].c.evidence.append(e)
            if e.confidence >= Self.closingConfidence {
                tracked[i].lastReport = e.reports
                if e.reports == .pending { tracked[i].c.notes.append("reported pending on \(date)") }
            }
        }
    }

    /// Whether a line reads as a heading: short (six words at most), no final stop or comma,
    /// starting with a capital (or `#`), and reporting nothing (an item of a follow-up list,
    /// "Circular el documento: cumplido", is not a heading).
    func looksLikeHeading(_ s: String) -> Bool {
        let t = s.trimmingCharacters(in: .whitespaces)
        guard let first = t.unicodeScalars.first, !t.isEmpty, t.split(separator: " ").count <= 6 else { return false }
        guard let last = t.last, !".;,".contains(last) else { return false }
        guard first.properties.isUppercase || first == "#" else { return false }
        return !lexicon.hasCue(inWords: FollowUpText.words(FollowUpText.key(t)))
    }

    // MARK: Manual statuses and the day's status

    private func applyManual(_ entries: [ManualStatusLog.Entry], to tracked: inout [Tracked], known: Set<String>, orphans: inout [ManualStatusLog.Entry]) {
        var byId: [String: Int] = [:]
        for (i, t) in tracked.enumerated() {
            byId[t.c.id] = i
            for a in t.c.aliases { byId[a] = i }
        }
        var latest: [Int: ManualStatusLog.Entry] = [:]
        var lost: [String: ManualStatusLog.Entry] = [:]
        for e in entries {
            if let i = byId[e.commitment] ?? reattach(e, in: tracked) {
                latest[i] = e
                lost[e.commitment] = nil
            } else if known.contains(e.record) {
                lost[e.commitment] = e
            }
        }
        orphans = lost.values.sorted { $0.when < $1.when }
        for (i, e) in latest { tracked[i].c.manual = e }
    }

    /// The commitment of the entry's record whose text is closest to the entry's (a
    /// re-extraction changed its wording, hence its id); nil when none is close.
    private func reattach(_ e: ManualStatusLog.Entry, in tracked: [Tracked]) -> Int? {
        let stems = FollowUpText.stems(e.text, stopwords: lexicon.stopwords)
        var best: (Int, Double)?
        for (i, t) in tracked.enumerated() where t.c.record == e.record || t.c.carriedOver.contains(where: { $0.record == e.record }) {
            let smaller = max(1, min(stems.count, t.stems.count))
            let score = Double(stems.intersection(t.stems).count) / Double(smaller)
            if score >= 0.5, score > (best?.1 ?? 0) { best = (i, score) }
        }
        return best?.0
    }

    private func settle(_ t: inout Tracked, asOf: String) {
        var status: Commitment.Status
        if let m = t.c.manual {
            status = Commitment.Status(rawValue: m.status) ?? .open
            let day = String(m.when.prefix(10))
            let what = m.status == "open" ? "reopened" : "closed as \(m.status)"
            t.c.notes.append("\(what) by \(m.who) on \(day)" + (m.note.map { ": \($0)" } ?? ""))
        } else {
            switch t.lastReport {
            case .done: status = .done
            case .dropped: status = .dropped
            case .pending, nil: status = .open
            }
        }
        if status == .open, let due = t.c.due, due < asOf { status = .overdue }
        t.c.status = status
    }
}
