import ArgumentParser
import Foundation
import RelatoriaCore
import RelatoriaKit
import RelatoriaExtractors

/// `relatoria extract`: the record of each file, printed, nothing archived.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Print the record of each document without archiving anything.",
        discussion: """
            Exit status: 0 when every file gave a record, 65 when a file is not a readable \
            document, 66 when a path is missing or cannot be opened, 78 for a bad configuration.
            """
    )

    @Flag(name: .long, help: "Print JSON: one object per file (JSON Lines for several files).")
    var json = false

    @Flag(name: .long, help: "Print the normalized blocks the readers produced instead of the record (for lexicon work).")
    var blocks = false

    @OptionGroup var configuration: ConfigOptions

    @Argument(help: "Documents to read (.docx, .odt, .xml, .html, .md, .txt, .rst, .adoc, .org).")
    var files: [String]

    mutating func run() throws {
        let extractor = try configuration.extractor()
        var status: Int32 = 0
        for (n, path) in files.enumerated() {
            do {
                if blocks {
                    let data = try extractor.loader.bytes(at: path)
                    let doc = try extractor.loader.read(data, filename: (path as NSString).lastPathComponent, path: path,
                                                        languageGuesser: extractor.pipeline.lexicon)
                    print(BlockDump.render(doc, path: path))
                    continue
                }
                let record = try extractor.record(at: path)
                if json {
                    print(try RecordJSON.line(record))
                } else {
                    if n > 0 { print("") }
                    print(RecordSummary.render(record, path: path))
                }
            } catch let e as RelatoriaError {
                printError("relatoria: \(e.description)")
                let code: Int32 = e.code == .inaccessiblePath ? 66 : 65
                status = max(status, code)
            }
        }
        if status != 0 { throw ExitCode(status) }
    }
}

func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

/// Writes `s` and `terminator` to standard output at once, without `print`'s dynamic casts of
/// its argument: their first use in a process cost a CLI search 1.6 M instructions (of 29)
/// of the runtime's conformance lookups. Not buffered: a command writes with this or with
/// `print`, not both.
func printOut(_ s: String, terminator: String = "\n") {
    var line = s + terminator
    line.withUTF8 { bytes in
        var done = 0
        while done < bytes.count {
            let n = write(STDOUT_FILENO, bytes.baseAddress! + done, bytes.count - done)
            if n > 0 { done += n } else if n < 0 && errno == EINTR { continue } else { return }
        }
    }
}
