import Foundation
import RelatoriaCore
import RelatoriaExtractors
import RelatoriaFollowUp
import RelatoriaKit
import RelatoriaStore
import RelatoriaTestSupport

/// An archive of the follow-up fixtures (four meetings of the Mesa Regional de Cooperación del
/// Magdalena Medio in Spanish, three of the Working Group on Humanitarian Access in English),
/// ingested by the real extractor, in a temporary folder.
struct FollowUpFixture {
    static let pipeline = try! ExtractionPipeline(configuration: PackagePaths.config)
    static let extractor = RecordExtractor(loader: DocumentLoader(), pipeline: pipeline)
    static var fixtures: URL { PackagePaths.root.appendingPathComponent("Tests/RelatoriaFollowUpTests/Fixtures") }

    let dir: TemporaryDirectory
    let archive: FileArchive

    init() throws {
        dir = try TemporaryDirectory()
        let ingestor = try Ingestor(extractor: Self.extractor, archiveRoot: dir.url.appendingPathComponent("archive"))
        _ = try ingestor.ingest(paths: [Self.fixtures.path])
        archive = ingestor.archive
    }

    /// The follow-up of the archive with the repository's configuration (or `config`).
    func followUp(config: URL = PackagePaths.config) throws -> FollowUp {
        let index = try RecordIndex(path: archive.indexPath, readOnly: true)
        return try FollowUp.load(configuration: config, archive: archive, index: index)
    }

    func remove() { dir.remove() }

    /// The fixture files' texts, by name.
    static func texts() throws -> [(name: String, text: String)] {
        try FileManager.default.contentsOfDirectory(atPath: fixtures.path).sorted().map {
            ($0, try String(contentsOf: fixtures.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// Counted from the fixtures' text alone, without the extractor: each commitment line
    /// ("- ... Responsable: ..." / "- ... Owner: ...") of each file, the same wording repeated
    /// in a later file of the same series counted once. Keyed by the wording.
    static func independentCommitments() throws -> [String: (file: String, repeats: Int)] {
        var out: [String: (file: String, repeats: Int)] = [:]
        for (name, text) in try texts() {
            for line in text.split(separator: "\n") where line.hasPrefix("- ") {
                for label in [". Responsable:", ". Owner:"] {
                    guard let r = line.range(of: label) else { continue }
                    let wording = String(line[line.index(line.startIndex, offsetBy: 2)..<r.lowerBound])
                    if let seen = out[wording] { out[wording] = (seen.file, seen.repeats + 1) } else { out[wording] = (name, 0) }
                }
            }
        }
        return out
    }
}
