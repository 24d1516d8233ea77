import ArgumentParser
import Foundation
import RelatoriaCore
import RelatoriaFollowUp
import RelatoriaKit
import RelatoriaStore

/// `relatoria packet`: distribution packets for members.
struct PacketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "packet",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Make (and send) each member's packet: cover note, digest, manifest, originals, zip and e-mail.",
        discussion: """
            Records are chosen by --record (repeatable) or by a period (--from/--to, read as \
            search reads them) with an optional --body and --topic; records with no date are in \
            no period, and the output and each cover list those the selection would hold. A member receives a record when the record's body is one \
            of its bodies, one of the record's topics is one of its topics, or it has all: true \
            (config/members.yaml). Each packet is kept in a folder of its own, \
            OUT/MEMBER/PACKET/, and logged in ARCHIVE/deliveries/: nothing made is replaced. \
            Running a selection again makes only what each member has neither received nor has \
            waiting in a packet not sent yet, unless --resend. --send pipes the .eml of every \
            packet made and not sent yet, oldest first, to the sendmail command of relatoria.yaml \
            (packets.sendmail); --send alone sends those waiting. Exit status: 0, 64 for bad \
            input such as a malformed date or an unknown member, 75 when some message could not \
            be sent, 66 for an unknown record, 78 for a configuration problem.
            """
    )

    @OptionGroup var options: ArchiveOptions

    @Option(name: .long, help: "Members file (default: members.yaml in the configuration folder).")
    var members: String?

    @Option(name: .long, help: "Output folder (default: packets.out in relatoria.yaml, else ./packets).")
    var out: String?

    @Option(name: .customLong("record"), help: "A record id or unambiguous prefix (repeatable).")
    var records: [String] = []

    @Option(name: .long, help: "First date of the period (YYYY, YYYY-MM or YYYY-MM-DD, as search --from).")
    var from: String?

    @Option(name: .long, help: "Last date of the period (inclusive).")
    var to: String?

    @Option(name: .long, help: "Only records of this body.")
    var body: String?

    @Option(name: .long, help: "Only records with this topic (its words or their beginnings, in order, as search --topic).")
    var topic: String?

    @Option(name: .customLong("member"), help: "Only this member (repeatable; default: every member).")
    var memberIDs: [String] = []

    @Flag(name: .long, help: "Print JSON: {packets: [{member, packet, records, folder, zip, eml, sent}], already_received, waiting, nothing_for, undated}.")
    var json = false

    @Flag(name: .long, help: "Send every packet made and not sent yet, oldest first, through the sendmail command.")
    var send = false

    @Flag(name: .long, help: "Include records a member already received or has waiting (a new packet; none made before is replaced).")
    var resend = false

    @Flag(name: .customLong("log"), help: "List the delivery log (with --member, one member's) instead of making packets.")
    var showLog = false

    /// The records asked for.
    var selection: PacketMaker.Selection { .init(ids: records, from: from, to: to, body: body, topic: topic) }

    func validate() throws {
        guard showLog || send || !selection.isEmpty else {
            throw ValidationError("choose the records: --record ID, or a period --from/--to with --body or --topic; or --send alone to send the packets made and not sent yet")
        }
    }

    func run() throws {
        let (archive, index) = try options.openIndex()
        let log = DeliveryLog(folder: archive.root.appendingPathComponent("deliveries"))
        if showLog {
            try printLog(log)
            return
        }
        do { _ = try selection.days() } catch let e as PacketMaker.BadInput {
            printError("relatoria: \(e.message)")
            throw ExitCode(64)
        }
        let settings = try options.configuration.settings()
        let folder = try options.configuration.folder()
        let membersURL = members.map { URL(fileURLWithPath: $0) } ?? folder.appendingPathComponent("members.yaml")
        var maker: PacketMaker
        do {
            maker = PacketMaker(archive: archive, index: index, members: try Member.load(membersURL),
                                templates: try PacketTemplates(folder: folder.appendingPathComponent("templates")), settings: settings.packets)
        } catch {
            printError("relatoria: \(error)")
            throw ExitCode(78)
        }
        // Digests list the commitments still open from earlier meetings of their bodies.
        maker.earlier = RegisterEarlierCommitments { try FollowUp.load(configuration: folder, archive: archive, index: index) }
        let outURL = URL(fileURLWithPath: out ?? settings.packets.out)
        var report = PacketMaker.Report()
        do {
            // One run at a time makes and sends (a second waits): nothing is made or sent twice.
            try log.exclusively {
                if selection.isEmpty {
                    _ = try maker.chosen(memberIDs)
                } else {
                    let making = TerminalProgress(counting: "member", enabled: !json)
                    defer { making.finish() }
                    report = try maker.make(selection, memberIDs: memberIDs, out: outURL, resend: resend) {
                        making.update(done: $0, total: $1)
                    }
                }
                if send {
                    let sending = TerminalProgress(counting: "packet", enabled: !json)
                    defer { sending.finish() }
                    try maker.send(&report, memberIDs: memberIDs) { sending.update(done: $0, total: $1) }
                }
            }
        } catch let e as PacketMaker.BadInput {
            printError("relatoria: \(e.message)")
            throw ExitCode(64)
        } catch let e as RelatoriaError {
            printError("relatoria: \(e)")
            throw ExitCode(e.code == .invalidConfiguration ? 78 : 66)
        } catch let e as CocoaError where [.fileWriteNoPermission, .fileReadNoPermission].contains(e.code) {
            printError("relatoria: permission denied: \(e.localizedDescription)")
            throw ExitCode(77)
        } catch let e as CocoaError {
            printError("relatoria: the packets could not be written: \(e.localizedDescription)")
            throw ExitCode(70)
        }
        if json {
            print(try jsonLine(report, pretty: true))
        } else {
            for line in report.lines(sending: send) { print(line) }
        }
        if report.packets.contains(where: { $0.sent == false }) { throw ExitCode(75) }
    }

    private func printLog(_ log: DeliveryLog) throws {
        let all = try log.entries().filter { memberIDs.isEmpty || memberIDs.contains($0.delivery.member) }
        if json {
            print(try jsonLine(all, pretty: true))
            return
        }
        if all.isEmpty { print("no packet made yet") }
        for e in all { print(e.line) }
    }
}
