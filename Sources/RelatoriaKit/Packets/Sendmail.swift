import Foundation
import RelatoriaCore
import Glibc

/// A sendmail-compatible command (`/usr/sbin/sendmail -t -i`, `msmtp -t`, ...): the message
/// on standard input, recipients from its headers.
struct Sendmail {
    let command: String
    var timeLimit: Double = 120

    /// nil when sent, else why not.
    func send(_ eml: URL) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = err
        do { p.standardInput = try FileHandle(forReadingFrom: eml) } catch { return "cannot read \(eml.path): \(error.localizedDescription)" }
        do { try p.run() } catch { return "cannot run \(command): \(error.localizedDescription)" }
        let deadline = Date().addingTimeInterval(timeLimit)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        if p.isRunning {
            p.terminate()
            p.waitUntilExit()
            return "\(command) did not finish within \(Int(timeLimit)) s"
        }
        let output = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingSpacesAndNewlines()
        guard p.terminationStatus == 0 else {
            return "\(command) exited with status \(p.terminationStatus)" + (output.isEmpty ? "" : ": \(output.split(separator: "\n").last ?? "")")
        }
        return nil
    }
}
