import ArgumentParser
import Foundation
import RelatoriaCore
import RelatoriaExtractors
import RelatoriaKit
import RelatoriaStore

/// The configuration folder option, and the extractor it configures.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration folder (default: $RELATORIA_CONFIG, ./config, or the checkout's config/).")
    var config: String?

    /// The extractor built from the configuration; exit status 78 when it is missing or malformed.
    func extractor() throws -> RecordExtractor {
        guard let folder = ConfigurationLocator.folder(explicit: config) else {
            printError("relatoria: no configuration folder found (pass --config DIR or set RELATORIA_CONFIG)")
            throw ExitCode(78)
        }
        do {
            return RecordExtractor(loader: DocumentLoader(), pipeline: try ExtractionPipeline(configuration: folder))
        } catch {
            printError("relatoria: \(error)")
            throw ExitCode(78)
        }
    }
}

/// Options shared by the commands that work on the archive.
struct ArchiveOptions: ParsableArguments {
    @Option(name: .long, help: "Archive folder (default: ./archive).")
    var archive: String = "archive"

    @OptionGroup var configuration: ConfigOptions

    func openArchive() throws -> FileArchive {
        do { return try FileArchive(root: URL(fileURLWithPath: archive)) } catch { throw fail(error, 66) }
    }

    /// The archive's index; an archive that does not exist yet is an error, not created.
    func openIndex() throws -> (FileArchive, RecordIndex) {
        guard FileManager.default.fileExists(atPath: archive + "/index.sqlite") else {
            printError("relatoria: \(archive): no archive here (run relatoria ingest first, or pass --archive DIR)")
            throw ExitCode(66)
        }
        let a = try openArchive()
        do { return (a, try RecordIndex(path: a.indexPath)) } catch { throw fail(error, 66) }
    }

    func extractor() throws -> RecordExtractor { try configuration.extractor() }

    private func fail(_ error: any Error, _ code: Int32) -> ExitCode {
        printError("relatoria: \(error)")
        return ExitCode(code)
    }
}

/// JSON with keys in declaration order and no escaped slashes.
func jsonLine(_ value: some Encodable, pretty: Bool = false) throws -> String {
    let enc = JSONEncoder()
    enc.outputFormatting = pretty ? [.withoutEscapingSlashes, .prettyPrinted, .sortedKeys] : [.withoutEscapingSlashes, .sortedKeys]
    return String(decoding: try enc.encode(value), as: UTF8.self)
}

let stderrIsTerminal = isatty(2) == 1
let stdoutIsTerminal = isatty(1) == 1
