import ArgumentParser
import Foundation
import RelatoriaCore
import RelatoriaKit
import RelatoriaStore

/// `relatoria packet`: distribution packets for members.
struct PacketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "packet",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Make (and send) each member's packet: cover note, digest, manifest, originals, zip and e-mail.",
        discussion: """
            Records are chosen by --record (repeatable) or by a period (--from/--to) with an \
            optional --body and --topic. A member receives a record when the record's body is one \
            of its bodies, one of the record's topics is one of its topics, or it has all: true \
            (config/members.yaml). Each packet is logged in ARCHIVE/deliveries/; running the same \
            selection again makes only what each member has not received yet, unless --resend. \
            --send pipes each .eml to the sendmail command of relatoria.yaml (packets.sendmail). \
            Exit status: 0, 75 when some message could not be sent, 66 for an unknown record, 78 \
            for a configuration problem.
            """
    )

    @OptionGroup var options: ArchiveOptions

    @Option(name: .long, help: "Members file (default: members.yaml in the configuration folder).")
    var members: String?

    @Option(name: .long, help: "Output folder (default: packets.out in relatoria.yaml, else ./packets).")
    var out: String?

    @Option(name: .customLong("record"), help: "A record id or unambiguous prefix (repeatable).")
    var records: [String] = []

    @Option(name: .long, help: "First date of the period (YYYY, YYYY-MM or YYYY-MM-DD).")
    var from: String?

    @Option(name: .long, help: "Last date of the period (inclusive).")
    var to: String?

    @Option(name: .long, help: "Only records of this body.")
    var body: String?

    @Option(name: .long, help: "Only records with this topic (its words or their beginnings, in order, as search --topic).")
    var topic: String?

    @Option(name: .customLong("member"), help: "Only this member (repeatable; default: every member).")
    var memberIDs: [String] = []

    @Flag(name: .long, help: "Print JSON: {packets: [{member, records, folder, zip, eml}], ...}.")
    var json = false

    @Flag(name: .long, help: "Send each packet's e-mail through the sendmail command.")
    var send = false

    @Flag(name: .long, help: "Include records a member already received.")
    var resend = false

    @Flag(name: .customLong("log"), help: "List the delivery log (with --member, one member's) instead of making packets.")
    var showLog = false

    func run() throws {
        let (archive, index) = try options.openIndex()
        let log = DeliveryLog(folder: archive.root.appendingPathComponent("deliveries"))
        if showLog {
            try printLog(log)
            return
        }
        guard !records.isEmpty || from != nil || to != nil || body != nil || topic != nil else {
            throw ValidationError("choose the records: --record ID, or a period --from/--to (with --body, --topic)")
        }
        let settings = try options.configuration.settings()
        let folder = try options.configuration.folder()
        let membersURL = members.map { URL(fileURLWithPath: $0) } ?? folder.appendingPathComponent("members.yaml")
        let maker: PacketMaker
        do {
            maker = PacketMaker(archive: archive, index: index, members: try Member.load(membersURL),
                                templates: try PacketTemplates(folder: folder.appendingPathComponent("templates")), settings: settings.packets)
        } catch {
            printError("relatoria: \(error)")
            throw ExitCode(78)
        }
        let outURL = URL(fileURLWithPath: out ?? settings.packets.out)
        var report: PacketMaker.Report
        do {
            report = try maker.make(.init(ids: records, from: from, to: to, body: body, topic: topic), memberIDs: memberIDs, out: outURL, resend: resend)
        } catch let e as RelatoriaError {
            printError("relatoria: \(e)")
            throw ExitCode(e.code == .invalidConfiguration ? 78 : 66)
        }
        if send {
            let waiting = try maker.unsent(for: report.alreadyReceived.map(\.member))
            report.packets += waiting
            report.alreadyReceived.removeAll { u in waiting.contains { $0.member == u.member } }
            maker.send(&report)
        }
        if json {
            print(try jsonLine(report, pretty: true))
        } else {
            for p in report.packets {
                let sent = p.sent.map { $0 ? ", sent" : ", NOT SENT: \(p.error ?? "")" } ?? ""
                print("\(p.member): \(p.records.count) record\(p.records.count == 1 ? "" : "s") → \(p.zip)\(p.eml.map { ", \($0)" } ?? " (no email)")\(sent)")
            }
            for u in report.alreadyReceived {
                print("\(u.member): already received all \(u.records.count) record\(u.records.count == 1 ? "" : "s") of this selection (--resend to send them again)")
            }
            for m in report.nothingFor { print("\(m): nothing in this selection") }
            if report.packets.isEmpty { print("no new packet") }
        }
        if report.packets.contains(where: { $0.sent == false }) { throw ExitCode(75) }
    }

    private func printLog(_ log: DeliveryLog) throws {
        let all = try log.all().filter { memberIDs.isEmpty || memberIDs.contains($0.member) }
        if json {
            print(try jsonLine(all, pretty: true))
            return
        }
        if all.isEmpty { print("no packet made yet") }
        for d in all {
            let state = d.sent ? "sent \(d.sentAt ?? "")" : d.error.map { "not sent: \($0)" } ?? "not sent"
            print("\(d.created)  \(d.member)  \(d.records.count) records  manifest \(d.manifestSha256.prefix(12))  \(state)")
        }
    }
}
