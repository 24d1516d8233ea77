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

    /// The configuration folder; exit status 78 when there is none.
    func folder() throws -> URL {
        guard let folder = ConfigurationLocator.folder(explicit: config) else {
            printError("relatoria: no configuration folder found (pass --config DIR or set RELATORIA_CONFIG)")
            throw ExitCode(78)
        }
        return folder
    }

    /// `relatoria.yaml` in the configuration folder (the defaults when there is none);
    /// exit status 78 when it is malformed.
    func settings() throws -> Settings {
        do { return try Settings.load(folder: ConfigurationLocator.folder(explicit: config)) } catch {
            printError("relatoria: \(error)")
            throw ExitCode(78)
        }
    }

    /// The extractor built from the configuration (the lexicons, and `relatoria.yaml`'s
    /// `ocr.languages`); exit status 78 when it is missing or malformed.
    func extractor() throws -> RecordExtractor {
        let folder = try folder()
        var loader = DocumentLoader()
        loader.limits.ocrLanguages = try settings().ocr.languages
        do {
            return RecordExtractor(loader: loader, pipeline: try ExtractionPipeline(configuration: folder))
        } catch {
            printError("relatoria: \(error)")
            throw ExitCode(78)
        }
    }
}

/// Options shared by the commands that work on the archive.
struct ArchiveOptions: ParsableArguments {
    @Option(name: .customLong("archive"), help: "Archive folder (default: `archive` in relatoria.yaml, else ./archive).")
    var archiveOption: String?

    @OptionGroup var configuration: ConfigOptions

    /// The archive folder: the flag, else the configuration's `archive` (settled once, in
    /// ``validate()``).
    var archive: String { archiveOption ?? "archive" }

    /// Reads `relatoria.yaml` once, when no `--archive` was given.
    mutating func validate() throws {
        if archiveOption == nil {
            archiveOption = (try? Settings.load(folder: ConfigurationLocator.folder(explicit: configuration.config)))?.archive
        }
    }

    /// The archive, created when there is none: for the commands that make one (`ingest`),
    /// which say so first (``announceNewArchive(at:)``).
    func openArchive() throws -> FileArchive {
        do { return try FileArchive(root: URL(fileURLWithPath: archive)) } catch { throw fail(error, 66) }
    }

    /// The archive, which must exist: a folder holding an index or records (`reindex` rebuilds
    /// a lost index from the records). Nothing is created where there is no archive.
    func openExistingArchive() throws -> FileArchive {
        try requireFolder()
        let fm = FileManager.default
        guard fm.fileExists(atPath: archive + "/index.sqlite") || fm.fileExists(atPath: archive + "/records") else {
            printError("relatoria: \(archive): no archive here (run relatoria ingest first, or pass --archive DIR)")
            throw ExitCode(66)
        }
        return try openArchive()
    }

    /// Exit status 66 when the archive folder does not exist.
    private func requireFolder() throws {
        var info = stat()
        guard stat(archive, &info) == 0 else {
            if errno == EACCES {
                printError("relatoria: \(archive): permission denied (this user may not read the archive)")
                throw ExitCode(77)
            }
            printError("relatoria: \(archive): no such archive folder (pass the folder of an archive with --archive, or make one with relatoria ingest)")
            throw ExitCode(66)
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            printError("relatoria: \(archive): not a folder (pass the folder of an archive with --archive)")
            throw ExitCode(66)
        }
    }

    /// The archive's index; an archive that does not exist yet is an error, not created.
    /// `readOnly` for commands that only read (see ``RecordIndex/init(path:readOnly:)``).
    func openIndex(readOnly: Bool = false) throws -> (FileArchive, RecordIndex) {
        try requireFolder()
        guard FileManager.default.fileExists(atPath: archive + "/index.sqlite") else {
            if access(archive + "/index.sqlite", F_OK) != 0 && errno == EACCES {
                printError("relatoria: \(archive): permission denied (this user may not read the archive)")
                throw ExitCode(77)
            }
            printError("relatoria: \(archive): no archive here (run relatoria ingest first, or pass --archive DIR)")
            throw ExitCode(66)
        }
        let a = try openArchive()
        do { return (a, try RecordIndex(path: a.indexPath, readOnly: readOnly)) } catch { throw fail(error, 66) }
    }

    func extractor() throws -> RecordExtractor { try configuration.extractor() }

    private func fail(_ error: any Error, _ code: Int32) -> ExitCode {
        printError("relatoria: \(error)")
        return ExitCode(code)
    }
}

/// Says on standard error, before anything else, that a command is about to make a new
/// archive at `path` (no index there yet), so that a mistyped `--archive` is seen at once.
func announceNewArchive(at path: String) {
    guard !FileManager.default.fileExists(atPath: path + "/index.sqlite") else { return }
    printError("relatoria: creating a new archive at \(URL(fileURLWithPath: path).standardizedFileURL.path)")
}

let stderrIsTerminal = isatty(2) == 1
let stdoutIsTerminal = isatty(1) == 1
