import Foundation
@testable import RelatoriaKit
import RelatoriaTestSupport
import Testing

/// Packets are kept, each in a folder of its own, until they are sent: a later run never
/// replaces one made and not sent, and `--send` sends every one waiting.
@Suite(.serialized)
struct PacketDeliveryTests {
    /// A sendmail command that stores each message it reads in a folder, numbered in order of
    /// arrival (`001.eml`, `002.eml`...), for machines without a mail server.
    final class FakeSendmail {
        let dir: TemporaryDirectory
        var box: URL { dir.url.appendingPathComponent("box") }
        var command: String { dir.url.appendingPathComponent("sendmail").path + " -t -i" }
        var settings: String { "packets:\n  sendmail: \"\(command)\"\n" }

        /// `delay`: seconds each message takes to "send".
        init(delay: Int = 0) throws {
            dir = try TemporaryDirectory()
            try FileManager.default.createDirectory(at: box, withIntermediateDirectories: true)
            let script = """
                #!/bin/sh
                sleep \(delay)
                box='\(box.path)'
                n=$(ls "$box" | wc -l)
                cat > "$box/$(printf %03d $((n + 1))).eml"
                """
            let url = dir.url.appendingPathComponent("sendmail")
            try Data(script.utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }

        deinit { dir.remove() }

        /// The messages received, in order.
        func messages() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: box.path).sorted().map {
                try String(decoding: Data(contentsOf: box.appendingPathComponent($0)), as: UTF8.self)
            }
        }
    }

    static func sha(_ path: Any?) throws -> String {
        RecordExtractor.sha256(try Data(contentsOf: URL(fileURLWithPath: path as? String ?? "")))
    }

    /// The done-when case without a mail server: two periods, then one --send.
    @Test func twoPeriodsThenOneSendDeliverBoth() throws {
        let mail = try FakeSendmail()
        let s = try PacketTests.Setup(settings: mail.settings)
        let (first, firstJSON) = try s.packet(["--from", "2005", "--to", "2005", "--member", "embassy-uk"])
        #expect(first.status == 0, "\(first.stderr)")
        let p1 = try #require(PacketTests.made(firstJSON)["embassy-uk"])
        let p1Zip = try Self.sha(p1["zip"]), p1Eml = try Self.sha(p1["eml"])
        let (second, secondJSON) = try s.packet(["--from", "2006", "--to", "2006", "--member", "embassy-uk"])
        #expect(second.status == 0, "\(second.stderr)")
        let p2 = try #require(PacketTests.made(secondJSON)["embassy-uk"])
        // The first packet is still there, as made.
        #expect(p1["folder"] as? String != p2["folder"] as? String)
        #expect(try Self.sha(p1["zip"]) == p1Zip && Self.sha(p1["eml"]) == p1Eml)
        #expect(Set(p1["records"] as? [String] ?? []).isDisjoint(with: p2["records"] as? [String] ?? []))

        // Before sending, the first period's records are waiting, not "already received".
        let again = try s.cli(["packet", "--from", "2005", "--to", "2005", "--member", "embassy-uk"])
        #expect(again.status == 0)
        #expect(!again.stdout.contains("already received"), "\(again.stdout)")
        let count = (p1["records"] as? [String] ?? []).count
        #expect(again.stdout.contains("embassy-uk: \(count) record\(count == 1 ? " of this selection waits" : "s of this selection wait") in a packet not sent yet, \(p1["packet"] as? String ?? "?") (--send to send it)"), "\(again.stdout)")
        #expect(try mail.messages().isEmpty)

        let (send, sendJSON) = try s.packet(["--send"])
        #expect(send.status == 0, "\(send.stderr)")
        let sent = sendJSON["packets"] as? [[String: Any]] ?? []
        #expect(sent.map { $0["zip"] as? String } == [p1["zip"] as? String, p2["zip"] as? String])
        #expect(sent.allSatisfy { $0["sent"] as? Bool == true && $0["earlier"] as? Bool == true })
        // Delivered, oldest first, each message as made.
        let messages = try mail.messages()
        #expect(messages.count == 2)
        #expect(messages.map { RecordExtractor.sha256(Data($0.utf8)) } == [p1Eml, try Self.sha(p2["eml"])])
        let log = try s.cli(["packet", "--log"])
        let lines = log.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines.allSatisfy { $0.contains("  sent ") }, "\(log.stdout)")
        let zipNames = [p1, p2].map { URL(fileURLWithPath: $0["zip"] as? String ?? "").lastPathComponent }
        #expect(zip(lines, zipNames).allSatisfy { $0.contains($1) })

        // Nothing is sent twice; now the records are received.
        let (none, _) = try s.packet(["--send"])
        #expect(none.status == 0)
        #expect(try mail.messages().count == 2)
        #expect(try s.cli(["packet", "--send"]).stdout.contains("no new packet and none waiting to be sent"))
        let received = try s.cli(["packet", "--from", "2005", "--to", "2005", "--member", "embassy-uk"])
        #expect(received.stdout.contains("of this selection already received"), "\(received.stdout)")
    }

    /// --resend makes a new packet beside the one waiting; both stay, and both are sent.
    @Test func resendNeverDestroysAnUnsentPacket() throws {
        let mail = try FakeSendmail()
        let s = try PacketTests.Setup(settings: mail.settings)
        let (_, firstJSON) = try s.packet(["--from", "2006-01", "--to", "2006-03", "--member", "secretaria"])
        let p1 = try #require(PacketTests.made(firstJSON)["secretaria"])
        let before = try FileManager.default.contentsOfDirectory(atPath: p1["folder"] as? String ?? "").sorted()
        let shas = try before.map { try Self.sha((p1["folder"] as? String ?? "") + "/" + $0) }
        let (resend, resendJSON) = try s.packet(["--from", "2006-01", "--to", "2006-03", "--member", "secretaria", "--resend"])
        #expect(resend.status == 0, "\(resend.stderr)")
        let p2 = try #require(PacketTests.made(resendJSON)["secretaria"])
        #expect(p2["records"] as? [String] == p1["records"] as? [String])
        #expect(p2["folder"] as? String != p1["folder"] as? String)
        #expect(try FileManager.default.contentsOfDirectory(atPath: p1["folder"] as? String ?? "").sorted() == before)
        #expect(try before.map { try Self.sha((p1["folder"] as? String ?? "") + "/" + $0) } == shas)
        let (send, sendJSON) = try s.packet(["--send", "--member", "secretaria"])
        #expect(send.status == 0)
        #expect((sendJSON["packets"] as? [[String: Any]])?.count == 2)
        #expect(try mail.messages().count == 2)
    }

    /// An archive whose packets were made before each had its own folder: its log still reads
    /// (no entry lost), the packet still on disk is sent, and the records of a packet a later
    /// run replaced count as never sent and go in the next packet.
    @Test func theOldLayoutStillWorks() throws {
        let mail = try FakeSendmail()
        let s = try PacketTests.Setup(settings: mail.settings)
        // Two runs of the old program: the first packet's files were replaced by the second's.
        let (_, aJSON) = try s.packet(["--from", "2005", "--to", "2005", "--member", "embassy-uk"])
        let (_, bJSON) = try s.packet(["--from", "2006", "--to", "2006", "--member", "embassy-uk"])
        let a = try #require(PacketTests.made(aJSON)["embassy-uk"]), b = try #require(PacketTests.made(bJSON)["embassy-uk"])
        let fm = FileManager.default
        let oldFolder = s.out.appendingPathComponent("embassy-uk")
        let oldZip = s.out.appendingPathComponent("embassy-uk.zip"), oldEml = s.out.appendingPathComponent("embassy-uk.eml")
        let bFolder = URL(fileURLWithPath: b["folder"] as? String ?? "")
        for name in try fm.contentsOfDirectory(atPath: bFolder.path) {
            let target = name.hasSuffix(".zip") ? oldZip : name.hasSuffix(".eml") ? oldEml : oldFolder.appendingPathComponent(name)
            try fm.moveItem(at: bFolder.appendingPathComponent(name), to: target)
        }
        try fm.removeItem(at: URL(fileURLWithPath: a["folder"] as? String ?? ""))
        try fm.removeItem(at: bFolder)
        let deliveries = s.archive.appendingPathComponent("deliveries")
        for name in try fm.contentsOfDirectory(atPath: deliveries.path) where name.hasSuffix(".json") {
            let url = deliveries.appendingPathComponent(name)
            var entry = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            entry["packet"] = nil
            (entry["folder"], entry["zip"], entry["eml"]) = (oldFolder.path, oldZip.path, oldEml.path)
            try JSONSerialization.data(withJSONObject: entry, options: [.prettyPrinted, .sortedKeys]).write(to: url)
        }

        let log = try s.cli(["packet", "--log"])
        let lines = log.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(log.stdout)")
        #expect(lines.first?.contains("its files are gone or were replaced") == true, "\(log.stdout)")
        #expect(lines.last?.contains("waiting for --send") == true, "\(log.stdout)")
        #expect(lines.allSatisfy { $0.contains("embassy-uk.zip") })

        // The records of the replaced packet are not "already received": they go in a new one.
        let (remade, remadeJSON) = try s.packet(["--from", "2005", "--to", "2006", "--member", "embassy-uk"])
        #expect(remade.status == 0, "\(remade.stderr)")
        let c = try #require(PacketTests.made(remadeJSON)["embassy-uk"])
        #expect(c["records"] as? [String] == a["records"] as? [String])
        #expect((remadeJSON["waiting"] as? [[String: Any]])?.first?["records"] as? [String] == b["records"] as? [String])
        #expect((remadeJSON["waiting"] as? [[String: Any]])?.first?["packets"] as? [String] == ["embassy-uk.zip"])
        #expect((remadeJSON["already_received"] as? [Any])?.isEmpty == true)

        // --send sends the old packet on disk and the new one; the replaced one is not sent.
        let (send, sendJSON) = try s.packet(["--send"])
        #expect(send.status == 0, "\(send.stderr)")
        #expect((sendJSON["packets"] as? [[String: Any]])?.map { $0["zip"] as? String } == [oldZip.path, c["zip"] as? String])
        #expect(try mail.messages().count == 2)
        let after = try s.cli(["packet", "--log"]).stdout.split(separator: "\n")
        #expect(after.count == 3)
        #expect(after.filter { $0.contains("  sent ") }.count == 2)
    }

    /// Two `--send` started at once: the second waits for the first, and no packet goes
    /// out twice.
    @Test func twoSendsAtOnceSendEachPacketOnce() throws {
        let mail = try FakeSendmail(delay: 1)
        let s = try PacketTests.Setup(settings: mail.settings)
        let (made, json) = try s.packet(["--from", "2006-01", "--to", "2006-03", "--member", "secretaria", "--member", "embassy-uk"])
        #expect(made.status == 0)
        #expect((json["packets"] as? [Any])?.count == 2)
        let runs = (0..<2).map { _ in
            let p = Process()
            p.executableURL = ExtractCommandTests.binary
            p.arguments = ["packet", "--send", "--archive", s.archive.path, "--config", s.config.path]
            p.standardOutput = FileHandle.nullDevice
            return p
        }
        for p in runs { try p.run() }
        for p in runs { p.waitUntilExit() }
        #expect(runs.allSatisfy { $0.terminationStatus == 0 })
        #expect(try mail.messages().count == 2)
        #expect(try s.cli(["packet", "--log"]).stdout.components(separatedBy: "  sent ").count - 1 == 2)
    }

    @Test func aMemberWithoutEmailIsToldAndItsPacketKept() throws {
        let mail = try FakeSendmail()
        let s = try PacketTests.Setup(settings: mail.settings)
        let members = s.dir.url.appendingPathComponent("members.yaml")
        try Data("members:\n  - id: sin-correo\n    name: Sin Correo\n    all: true\n".utf8).write(to: members)
        let run = try s.cli(["packet", "--members", members.path, "--from", "2006-01-20", "--to", "2006-01-20", "--out", s.out.path, "--send"])
        #expect(run.status == 75)
        #expect(run.stdout.contains("sin-correo: 1 record → "), "\(run.stdout)")
        #expect(run.stdout.contains("no email address for this member, NOT SENT: the member has no email in members.yaml"), "\(run.stdout)")
        #expect(try s.cli(["packet", "--log"]).stdout.contains("  1 record  "))
    }
}
