public import Foundation
public import RelatoriaCore
import Yams

/// The cue phrases of the follow-up, read from `config/lexicon/followup/*.yaml` (every
/// language merged, as documents mix them): how a later passage reports a commitment done,
/// pending or dropped, the headings of a follow-up section, and words left out of comparisons.
public struct FollowUpLexicon: Sendable {
    /// What a passage reports about a commitment.
    public enum Report: String, Sendable, Hashable, Codable {
        case done, pending, dropped
    }

    /// The cue phrases, each filed under what it reports.
    public let cues: FollowUpText.PhraseTable<Report>
    /// Done said with a task's own verb ("circuló"), filed under the verb's stem (see
    /// ``verbStem(_:)``): they report done only a commitment that starts with that verb.
    public let verbCues: FollowUpText.PhraseTable<String>
    /// The headings of follow-up sections.
    public let sections: FollowUpText.PhraseTable<Bool>
    public let stopwords: Set<String>

    public init(done: [String] = [], doneVerbs: [String: [String]] = [:], pending: [String] = [], dropped: [String] = [], sections: [String] = [], stopwords: Set<String> = []) {
        var cues = FollowUpText.PhraseTable<Report>()
        for p in done { cues.add(p, .done) }
        for p in pending { cues.add(p, .pending) }
        for p in dropped { cues.add(p, .dropped) }
        self.cues = cues
        var verbs = FollowUpText.PhraseTable<String>()
        for (verb, phrases) in doneVerbs { for p in phrases { verbs.add(p, Self.verbStem(verb)) } }
        verbCues = verbs
        var headings = FollowUpText.PhraseTable<Bool>()
        for p in sections { headings.add(p, true) }
        self.sections = headings
        self.stopwords = Set(stopwords.map(FollowUpText.key))
    }

    /// What `passage` reports, by its cues: pending wins over done ("se cumplió parcialmente,
    /// queda pendiente..."), dropped over both; nil when it has no cue.
    public func report(in passage: String) -> Report? { report(inWords: FollowUpText.words(FollowUpText.key(passage))) }

    /// What a passage's folded words report.
    public func report(inWords words: [Substring]) -> Report? {
        let found = cues.values(in: words)
        if found.contains(.dropped) { return .dropped }
        if found.contains(.pending) { return .pending }
        if found.contains(.done) { return .done }
        return nil
    }

    /// The stem a task's verb is compared by: its first five letters, folded ("circular",
    /// "Circulate" → "circu"; "send" → "send").
    public static func verbStem(_ word: String) -> String {
        String(FollowUpText.words(FollowUpText.key(word)).first?.prefix(5) ?? "")
    }

    /// What a passage reports about a commitment whose text starts with a verb of stem
    /// `verb`: its general cues, else done when it says that verb done.
    public func report(inWords words: [Substring], verb: String) -> Report? {
        if let general = report(inWords: words) { return general }
        return verbCues.values(in: words).contains(verb) ? .done : nil
    }

    /// Whether a passage holds any cue (a general one or a verb said done).
    public func hasCue(inWords words: [Substring]) -> Bool {
        report(inWords: words) != nil || !verbCues.values(in: words).isEmpty
    }

    /// Whether `line` is the heading of a follow-up section.
    public func isSectionHeading(_ line: String) -> Bool {
        let w = FollowUpText.words(FollowUpText.key(line))
        return w.count <= 10 && !sections.values(in: w).isEmpty
    }

    private struct File: Decodable {
        var language: String
        var done: [String]?
        var doneVerbs: [String: [String]]?
        var pending: [String]?
        var dropped: [String]?
        var sections: [String]?
        var stopwords: [String]?

        enum CodingKeys: String, CodingKey {
            case language, done, pending, dropped, sections, stopwords
            case doneVerbs = "done_verbs"
        }
    }

    /// Reads every `*.yaml` of `config/lexicon/followup/`; an empty lexicon when the folder is
    /// missing (nothing is then closed from later minutes).
    /// - Throws: ``RelatoriaError`` `invalidConfiguration` naming the file for a malformed one.
    public static func load(folder: URL?) throws -> FollowUpLexicon {
        guard let folder else { return FollowUpLexicon() }
        let dir = folder.appendingPathComponent("lexicon/followup")
        let files = ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        var all = File(language: "")
        for url in files {
            let text: String
            do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                throw RelatoriaError(.invalidConfiguration, path: url.path, reason: "cannot be read as UTF-8")
            }
            let f: File
            do { f = try YAMLDecoder().decode(File.self, from: text) } catch {
                throw RelatoriaError(.invalidConfiguration, path: url.path, reason: ConfigurationText.reason(error))
            }
            all.done = (all.done ?? []) + (f.done ?? [])
            all.doneVerbs = (all.doneVerbs ?? [:]).merging(f.doneVerbs ?? [:]) { $0 + $1 }
            all.pending = (all.pending ?? []) + (f.pending ?? [])
            all.dropped = (all.dropped ?? []) + (f.dropped ?? [])
            all.sections = (all.sections ?? []) + (f.sections ?? [])
            all.stopwords = (all.stopwords ?? []) + (f.stopwords ?? [])
        }
        return FollowUpLexicon(done: all.done ?? [], doneVerbs: all.doneVerbs ?? [:], pending: all.pending ?? [], dropped: all.dropped ?? [],
                               sections: all.sections ?? [], stopwords: Set(all.stopwords ?? []))
    }
}
