import ArgumentParser
import Foundation
import RelatoriaCore
import RelatoriaFollowUp
import RelatoriaKit
import RelatoriaStore

/// What the follow-up commands share: the archive, the configuration, dates checked.
struct FollowUpOptions: ParsableArguments {
    @OptionGroup var archive: ArchiveOptions

    /// The archive's follow-up: its effective records and the configuration's parties, cue
    /// phrases and workplan. Exit 66 without an archive, 78 for a malformed configuration file.
    func load() throws -> FollowUp {
        let (a, index) = try archive.openIndex(readOnly: true)
        do {
            return try FollowUp.load(configuration: ConfigurationLocator.folder(explicit: archive.configuration.config), archive: a, index: index)
        } catch let e as RelatoriaError where e.code == .invalidConfiguration {
            printError("relatoria: \(e)")
            throw ExitCode(78)
        } catch {
            printError("relatoria: \(error)")
            throw ExitCode(66)
        }
    }

    /// `value` when it is a day written `YYYY-MM-DD`; exit 64 naming the option otherwise.
    static func day(_ value: String?, option: String) throws -> String? {
        guard let value else { return nil }
        guard DateCheck.isDay(value) else {
            printError("relatoria: \(option) \(value) is not a date written YYYY-MM-DD")
            throw ExitCode(64)
        }
        return value
    }

    /// Prints the warnings of a follow-up on standard error.
    static func warn(_ warnings: [String]) {
        for w in warnings { printError("relatoria: warning: \(w)") }
    }

    /// JSON of an encodable value, keys sorted, on standard output.
    static func printJSON(_ value: some Encodable) throws {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try e.encode(value))
        print("")
    }
}
