import Foundation

extension PacketMaker.Report {
    /// The report as `relatoria packet` prints it: a line per packet made or sent, what each
    /// member already received or has waiting, and the records left out for want of a date.
    /// `sending` when the run sent (or tried to send) the packets waiting.
    public func lines(sending: Bool) -> [String] {
        var out: [String] = []
        for p in packets {
            var line = "\(p.member): \(Self.count(p.records.count, "record"))"
            if p.earlier { line += ", packet made earlier on \(p.created.prefix(10)) at \(p.created.dropFirst(11).prefix(5)) UTC" }
            line += " → \(p.zip)" + (p.eml.map { ", \($0)" } ?? ", no email address for this member")
            if let sent = p.sent { line += sent ? ", sent" : ", NOT SENT: \(p.error ?? "")" }
            out.append(line)
        }
        for u in alreadyReceived {
            out.append("\(u.member): \(Self.count(u.records.count, "record")) of this selection already received (--resend to send \(u.records.count == 1 ? "it" : "them") again)")
        }
        for w in waiting {
            let packets = w.packets ?? []
            let which = packets.count == 1 ? "a packet not sent yet, \(packets[0])" : "\(packets.count) packets not sent yet: \(packets.joined(separator: ", "))"
            out.append("\(w.member): \(Self.count(w.records.count, "record")) of this selection \(w.records.count == 1 ? "waits" : "wait") in \(which) (--send to send \(packets.count == 1 ? "it" : "them"))")
        }
        for m in nothingFor { out.append("\(m): nothing in this selection") }
        if !undated.isEmpty {
            out.append("\(Self.count(undated.count, "record")) of this selection \(undated.count == 1 ? "has" : "have") no date, so no period holds \(undated.count == 1 ? "it" : "them") and no packet has \(undated.count == 1 ? "it" : "them"); --record ID sends one:")
            for u in undated { out.append("  \(u.title) — \(u.file) — \(u.id.prefix(12))") }
        }
        if packets.isEmpty { out.append(sending ? "no new packet and none waiting to be sent" : "no new packet") }
        return out
    }

    /// "1 record", "2 records".
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}

extension DeliveryLog.Entry {
    /// The entry as `relatoria packet --log` prints it: when it was made, for whom, its zip,
    /// its records and manifest, and whether it was sent.
    public var line: String {
        let d = delivery
        let what: String
        switch state {
        case .sent: what = "sent \(d.sentAt ?? "")"
        case .waiting: what = "not sent" + (d.error.map { ", the last try failed: \($0)" } ?? ", waiting for --send")
        case .gone: what = "not sent, its files are gone or were replaced by a later packet, so its records go in the next one"
        }
        let zip = URL(fileURLWithPath: d.zip).lastPathComponent
        return "\(d.created)  \(d.member)  \(zip)  \(PacketMaker.Report.count(d.records.count, "record"))  manifest \(d.manifestSha256.prefix(12))  \(what)"
    }
}
