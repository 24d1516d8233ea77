public import Foundation
public import RelatoriaCore
public import RelatoriaStore

/// Distribution packets: for each member, the records its subscriptions select, with a cover
/// note and a digest in its language, a manifest, the originals, a zip and a ready-to-send
/// e-mail. Every packet is kept in a folder of its own and logged in `archive/deliveries/`,
/// so a re-run makes only what is new and `send` sends every packet not sent yet.
public struct PacketMaker: Sendable {
    public let archive: FileArchive
    public let index: RecordIndex
    public let members: [Member]
    public let templates: PacketTemplates
    public let settings: Settings.Packets
    /// Where the digests' commitments still open from earlier meetings come from (none
    /// listed when nil).
    public var earlier: (any EarlierCommitments)?

    public init(archive: FileArchive, index: RecordIndex, members: [Member], templates: PacketTemplates, settings: Settings.Packets) {
        self.archive = archive
        self.index = index
        self.members = members
        self.templates = templates
        self.settings = settings
    }

    /// One packet: made by this run, or made earlier and sent by it.
    public struct Made: Sendable, Codable {
        public var member: String
        /// The packet's name among the member's packets; nil for one made before packets
        /// had folders of their own.
        public var packet: String?
        public var created: String
        public var records: [String]
        public var folder: String
        public var zip: String
        /// nil when the member has no e-mail address.
        public var eml: String?
        /// Made by an earlier run (and sent by this one).
        public var earlier: Bool
        /// The records of the selection the member would receive but which have no date
        /// (the cover lists them).
        public var undated: [String] = []
        public var sent: Bool?
        public var error: String?
        /// The packet's file in the delivery log.
        var logFile: String

        init(_ d: Delivery, logFile: String, earlier: Bool = false) {
            member = d.member
            packet = d.packet
            created = d.created
            records = d.records
            folder = d.folder
            zip = d.zip
            eml = d.eml
            self.earlier = earlier
            self.logFile = logFile
        }

        enum CodingKeys: String, CodingKey {
            case member, packet, created, records, folder, zip, eml, earlier, undated, sent, error
            case logFile = "log_file"
        }
    }

    /// Records of the selection a member already has, or that wait for it in packets made
    /// and not sent yet.
    public struct Unchanged: Sendable, Codable {
        public var member: String
        public var records: [String]
        /// The packets holding them, for records waiting to be sent: their names, or the zip's
        /// name for a packet made before packets had their own folders.
        public var packets: [String]?
    }

    /// A record of the selection with no date, which no period can hold.
    public struct Undated: Sendable, Codable {
        public var id: String
        public var title: String
        public var file: String
    }

    public struct Report: Sendable, Codable {
        /// Packets made (and, when sending, those sent), in the order they were sent.
        public var packets: [Made] = []
        /// Records members already received: said only of records actually sent.
        public var alreadyReceived: [Unchanged] = []
        /// Records in packets made and not sent yet.
        public var waiting: [Unchanged] = []
        /// Members with no record in the selection.
        public var nothingFor: [String] = []
        /// The selection's records that have no date, left out of the period.
        public var undated: [Undated] = []

        public init() {}

        enum CodingKeys: String, CodingKey {
            case packets, waiting, undated
            case alreadyReceived = "already_received"
            case nothingFor = "nothing_for"
        }
    }

    // MARK: - Making

    /// The members `memberIDs` name (every member when empty).
    /// - Throws: ``BadInput`` naming the ids no member has.
    public func chosen(_ memberIDs: [String]) throws -> [Member] {
        let unknown = memberIDs.filter { id in !members.contains { $0.id == id } }
        guard unknown.isEmpty else {
            throw BadInput(message: unknown.count == 1 ? "no member with id \(unknown[0]) in members.yaml"
                : "no member with the ids \(unknown.joined(separator: ", ")) in members.yaml")
        }
        return memberIDs.isEmpty ? members : members.filter { memberIDs.contains($0.id) }
    }

    /// Makes the packets of `selection` for `memberIDs` (all members when empty) under `out`.
    /// Records a member already received, or which wait in a packet made for it and not sent,
    /// are left out unless `resend`; a packet made before is never replaced.
    /// `progress` is called after each member with (members done, members in all).
    /// - Throws: ``BadInput``, ``RelatoriaError``.
    public func make(_ selection: Selection, memberIDs: [String] = [], out: URL, resend: Bool = false, now: Date = Date(),
                     progress: ((Int, Int) -> Void)? = nil) throws -> Report {
        let chosen = try chosen(memberIDs)
        let records = try select(selection)
        let undated = try self.undated(selection)
        let log = DeliveryLog(folder: archive.root.appendingPathComponent("deliveries"))
        let logged = try log.entries()
        var report = Report()
        report.undated = undated.map { Undated(id: $0.id, title: $0.title, file: $0.source.filename) }
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for (done, member) in chosen.enumerated() {
            defer { progress?(done + 1, chosen.count) }
            let share = records.filter(member.receives)
            let mine = logged.filter { $0.delivery.member == member.id }
            let received = Set(mine.filter { $0.state == .sent }.flatMap(\.delivery.records))
            var waitingIn: [String: [String]] = [:]  // record → packets holding it
            for e in mine where e.state == .waiting {
                for r in e.delivery.records { waitingIn[r, default: []].append(e.delivery.packet ?? URL(fileURLWithPath: e.delivery.zip).lastPathComponent) }
            }
            let memberUndated = undated.filter { member.receives($0) && !received.contains($0.id) }
            guard !share.isEmpty else {
                report.nothingFor.append(member.id)
                continue
            }
            let new = resend ? share : share.filter { !received.contains($0.id) && waitingIn[$0.id] == nil }
            if !resend {
                let had = share.filter { received.contains($0.id) }.map(\.id)
                if !had.isEmpty { report.alreadyReceived.append(Unchanged(member: member.id, records: had)) }
                let waits = share.filter { !received.contains($0.id) && waitingIn[$0.id] != nil }
                if !waits.isEmpty {
                    var packets: [String] = []
                    for r in waits { for p in waitingIn[r.id] ?? [] where !packets.contains(p) { packets.append(p) } }
                    report.waiting.append(Unchanged(member: member.id, records: waits.map(\.id), packets: packets))
                }
            }
            guard !new.isEmpty else { continue }
            report.packets.append(try makePacket(for: member, records: new, undated: memberUndated, selection: selection, out: out, now: now, log: log))
        }
        return report
    }

    // MARK: - Sending

    /// Sends, oldest first, every packet made for `memberIDs` (all members when empty) and
    /// not sent yet: those this run made (in `report`) and those earlier runs made. A packet
    /// whose member has no e-mail address, made by this run, is reported as not sent; a
    /// failure is reported for that packet and logged, and the others go on. `report.packets`
    /// ends in the order of sending; `report.waiting` loses the records now sent. `progress`
    /// is called after each packet with (packets done, packets to send).
    public func send(_ report: inout Report, memberIDs: [String] = [], now: Date = Date(),
                     progress: ((Int, Int) -> Void)? = nil) throws {
        let chosen = Set(try chosen(memberIDs).map(\.id))
        let log = DeliveryLog(folder: archive.root.appendingPathComponent("deliveries"))
        let madeNow = report.packets
        var order: [Made] = []
        for e in try log.entries() where chosen.contains(e.delivery.member) && e.state == .waiting {
            if let m = madeNow.first(where: { $0.logFile == e.file }) {
                order.append(m)
            } else if e.delivery.eml != nil {
                order.append(Made(e.delivery, logFile: e.file, earlier: true))
            }
        }
        // Packets made now but no longer waiting (their files removed meanwhile) stay listed.
        order += madeNow.filter { m in !order.contains { $0.logFile == m.logFile } }
        let time = RecordIndex.timestamp(now)
        for i in order.indices {
            defer { progress?(i + 1, order.count) }
            guard let eml = order[i].eml else {
                order[i].sent = false
                order[i].error = "the member has no email in members.yaml"
                continue
            }
            let result = Sendmail(command: settings.sendmail).send(URL(fileURLWithPath: eml))
            order[i].sent = result == nil
            order[i].error = result
            do { try log.markSent(file: order[i].logFile, error: result, at: time) } catch {
                order[i].error = (result.map { $0 + "; " } ?? "") + "the delivery log could not be written: \(error.localizedDescription)"
            }
        }
        report.packets = order
        let sent = Set(order.filter { $0.sent == true }.flatMap { p in p.records.map { "\(p.member)/\($0)" } })
        report.waiting = report.waiting.compactMap { w in
            var w = w
            w.records.removeAll { sent.contains("\(w.member)/\($0)") }
            return w.records.isEmpty ? nil : w
        }
    }
}
