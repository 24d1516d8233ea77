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
    /// The headings of follow-up sections.
    public let sections: FollowUpText.PhraseTable<Bool>
    public let stopwords: Set<String>

    public init(done: [String] = [], pending: [String] = [], dropped: [String] = [], sections: [String] = [], stopwords: Set<String> = []) {
        var cues = FollowUpText.PhraseTable<Report>()
        for p in done { cues.add(p, .done) }
        for p in pending { cues.add(p, .pending) }
        for p in dropped { cues.add(p, .dropped) }
        self.cues = cues
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

    /// Whether `line` is the heading of a follow-up section.
    public func isSectionHeading(_ line: String) -> Bool {
        let w = FollowUpText.words(FollowUpText.key(line))
        return w.count <= 10 && !sections.values(in: w).isEmpty
    }

    private struct File: Decodable {
        var language: String
        var done: [String]?
        var pending: [String]?
        var dropped: [String]?
        var sections: [String]?
        var stopwords: [String]?
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
            all.pending = (all.pending ?? []) + (f.pending ?? [])
            all.dropped = (all.dropped ?? []) + (f.dropped ?? [])
            all.sections = (all.sections ?? []) + (f.sections ?? [])
            all.stopwords = (all.stopwords ?? []) + (f.stopwords ?? [])
        }
        return FollowUpLexicon(done: all.done ?? [], pending: all.pending ?? [], dropped: all.dropped ?? [],
                               sections: all.sections ?? [], stopwords: Set(all.stopwords ?? []))
    }
}
