import Foundation
import RelatoriaTestSupport
import Testing

/// A subcommand's arguments are parsed by the subcommand alone (a faster start), yet help,
/// usage, errors and the version must read exactly as when parsed from the root command.
struct CommandLineTests {
    let cli = ExtractCommandTests()

    @Test func helpUsageAndErrorsNameTheWholeCommand() throws {
        let help = try cli.run(["search", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: relatoria search "))

        let missing = try cli.run(["show"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("Error: Missing expected argument '<id>'"))
        #expect(missing.stderr.contains("Usage: relatoria show "))
        #expect(missing.stderr.contains("See 'relatoria show --help' for more information."))

        let wrong = try cli.run(["search", "--limit", "many", "reunion"])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("See 'relatoria search --help' for more information."))

        let version = try cli.run(["search", "--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")

        let unknown = try cli.run(["serch", "reunion"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unexpected arguments: 'serch', 'reunion'"))
    }

    @Test func aSubcommandRunsWithItsArguments() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let empty = try cli.run(["search", "--archive", dir.url.path, "reunion"])
        #expect(empty.status == 66)
        #expect(empty.stderr.contains("no archive here"))
    }
}
