import Foundation
import RelatoriaKit
import Synchronization

/// A ``ProgressMeter`` drawn on standard error when it is a terminal: one line, redrawn in
/// place, then left on the screen when the work ends. Silent when standard error is not a
/// terminal (a pipe, a log, a test) or when `enabled` is false (`--json`).
final class TerminalProgress: Sendable {
    private let state: Mutex<(meter: ProgressMeter, drawn: Bool)>
    private let enabled: Bool

    init(counting singular: String, plural: String? = nil, enabled: Bool = true) {
        state = Mutex((ProgressMeter(counting: singular, plural: plural), false))
        self.enabled = enabled && (stderrIsTerminal || ProcessInfo.processInfo.environment["RELATORIA_PROGRESS"] == "1")
    }

    /// Draws `done` of `total` when the meter says a line is due.
    func update(done: Int, total: Int) {
        guard enabled else { return }
        state.withLock { s in
            guard let line = s.meter.line(done: done, total: total) else { return }
            s.drawn = true
            FileHandle.standardError.write(Data("\r  \(line)\u{1B}[K".utf8))
        }
    }

    /// Ends the line, if one was drawn, so what follows starts on a line of its own.
    func finish() {
        guard enabled else { return }
        state.withLock { s in
            if s.drawn { FileHandle.standardError.write(Data("\n".utf8)) }
            s.drawn = false
        }
    }
}
