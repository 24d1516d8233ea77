public import Foundation
public import RelatoriaCore
import RelatoriaStore

extension PacketMaker {
    /// What a member would receive if the packets of a selection were made now: the records
    /// new to it (those it neither received nor has waiting in a packet not sent yet, as
    /// ``make(_:memberIDs:out:resend:now:progress:)`` chooses them), and its cover and digest
    /// rendered from the same templates. Nothing is written.
    public struct Preview: Sendable {
        public var member: Member
        /// The records a packet made now would hold, oldest first (none: no packet).
        public var records: [Record]
        /// Records of the selection the member already received.
        public var received: [String]
        /// Records of the selection waiting for it in packets made and not sent yet.
        public var waiting: [String]
        /// The message's subject, and the cover and digest as HTML (nil when no packet).
        public var subject: String?
        public var coverHTML: String?
        public var digestHTML: String?
    }

    /// The previews of `selection` for `memberIDs` (every member when empty), in members' order.
    /// - Throws: ``BadInput`` for a malformed period or an unknown member; ``RelatoriaError``.
    public func preview(_ selection: Selection, memberIDs: [String] = [], now: Date = Date()) throws -> [Preview] {
        let chosen = try chosen(memberIDs)
        let records = try select(selection)
        let undated = try self.undated(selection)
        let logged = try DeliveryLog(folder: archive.root.appendingPathComponent("deliveries")).entries()
        return try chosen.map { member in
            let share = records.filter(member.receives)
            let mine = logged.filter { $0.delivery.member == member.id }
            let received = Set(mine.filter { $0.state == .sent }.flatMap(\.delivery.records))
            let waiting = Set(mine.filter { $0.state == .waiting }.flatMap(\.delivery.records))
            let new = share.filter { !received.contains($0.id) && !waiting.contains($0.id) }
            var p = Preview(member: member, records: new, received: share.map(\.id).filter(received.contains),
                            waiting: share.map(\.id).filter { !received.contains($0) && waiting.contains($0) })
            guard !new.isEmpty else { return p }
            let names = Self.fileNames(new, zipName: "\(member.id).zip", emlName: "\(member.id).eml")
            let memberUndated = undated.filter { member.receives($0) && !received.contains($0.id) }
            let r = try render(for: member, records: new, undated: memberUndated, selection: selection, now: now, fileNames: names)
            (p.subject, p.coverHTML, p.digestHTML) = (r.subject, r.coverHTML, r.digestHTML)
            return p
        }
    }

    /// Why packets cannot be sent with these settings, in one line; nil when they can: the
    /// sendmail command of `relatoria.yaml` (`packets.sendmail`) must name a program that is
    /// installed, and `packets.from` a sender.
    public static func sendingProblem(_ settings: Settings.Packets) -> String? {
        let program = settings.sendmail.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
        if program.isEmpty { return "no mail command is set: packets.sendmail in relatoria.yaml is empty" }
        if settings.from.trimmingCharacters(in: .whitespaces).isEmpty { return "no sender is set: packets.from in relatoria.yaml is empty" }
        let fm = FileManager.default
        let candidates = program.contains("/") ? [program]
            : (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map { "\($0)/\(program)" }
        if candidates.contains(where: { fm.isExecutableFile(atPath: $0) }) { return nil }
        return "the mail command \(program) (packets.sendmail in relatoria.yaml) is not installed: packets can be made, not sent"
    }
}
