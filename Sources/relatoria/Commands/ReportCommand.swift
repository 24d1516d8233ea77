import ArgumentParser
import Foundation
import RelatoriaCore
import RelatoriaFollowUp

/// `relatoria report`: the period report for funders.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Write the period report (report.html, report.md, report.json): meetings against the workplan, attendance, decisions, positions, commitments."
    )

    @OptionGroup var options: FollowUpOptions
    @Option(help: "First day of the period (YYYY-MM-DD).") var from: String
    @Option(help: "Last day of the period (YYYY-MM-DD).") var to: String
    @Option(help: "Only this body (part of its name is enough).") var body: String?
    @Option(help: "es or en.") var lang = "es"
    @Option(help: "Folder to write the three files to (default: ./report).") var out = "report"
    @Option(name: .customLong("as-of"), help: "The day commitments' statuses are given for (YYYY-MM-DD; default: today).") var asOf: String?

    mutating func run() throws {
        guard let from = try FollowUpOptions.day(from, option: "--from"), let to = try FollowUpOptions.day(to, option: "--to") else { return }
        guard from <= to else {
            printError("relatoria: the period ends (\(to)) before it starts (\(from))")
            throw ExitCode(64)
        }
        guard lang == "es" || lang == "en" else {
            printError("relatoria: --lang \(lang) is not es or en")
            throw ExitCode(64)
        }
        let day = try FollowUpOptions.day(asOf, option: "--as-of") ?? DateCheck.today()
        let followUp = try options.load()
        FollowUpOptions.warn(followUp.problems)
        let report = try PeriodReport(followUp: followUp, from: from, to: to, body: body, language: lang, asOf: day)
        let written: [URL]
        do { written = try ReportWriter(report: report).write(to: URL(fileURLWithPath: out)) } catch {
            printError("relatoria: \(error)")
            throw ExitCode(77)
        }
        let meetings = report.bodies.reduce(0) { $0 + $1.meetings }
        print("\(Counting.of(meetings, "meeting")) of \(Counting.of(report.bodies.filter { $0.meetings > 0 }.count, "body", "bodies")), \(Counting.of(report.commitments.total, "commitment")) (\(report.commitments.byStatus["overdue"] ?? 0) overdue)")
        for u in written { print("wrote \(u.path)") }
    }
}
