public import Foundation
import RelatoriaCore

/// The files the archive set aside in `failed/` (each with its `.error.txt`), and their
/// retry: a file fixed (a reader added, a lexicon changed) goes back to the inbox under the
/// name it arrived with, and the watcher takes it again as any other. `relatoria retry` and
/// the intake page of the web application both call this.
///
/// Nothing is lost or overwritten: the file is first moved aside within the archive
/// (`failed/.retry/`, where the ingest does not look for kept copies), then copied into the
/// inbox under a name no file has there (`O_EXCL`), flushed, and only then removed from the
/// archive; when the copy cannot be made the file is moved back.
public struct FailedFiles: Sendable {
    public let archiveRoot: URL
    public let inbox: URL

    public init(archiveRoot: URL, inbox: URL) {
        self.archiveRoot = archiveRoot
        self.inbox = inbox
    }

    var folder: URL { archiveRoot.appendingPathComponent("failed") }
    var aside: URL { folder.appendingPathComponent(".retry") }

    /// A file kept in `failed/`.
    public struct Entry: Sendable, Codable, Equatable {
        /// Its name in `failed/` (the time it failed, then the name it arrived with).
        public var name: String
        /// The name it arrived with, which a retry gives it in the inbox.
        public var file: String
        /// When it failed, as its `.error.txt` says (ISO 8601), if it says.
        public var time: String?
        /// Why it failed, as its `.error.txt` says.
        public var reason: String?
        public var bytes: Int
    }

    /// Why a retry was refused.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        /// Not a name of `failed/` (a path, a hidden file, an `.error.txt`).
        case invalidName(String)
        /// No such file in `failed/`.
        case unknown(String)
        /// A file of that name is already in the inbox.
        case inInbox(String)
        /// The file could not be moved (the message says why); it stays in `failed/`.
        case cannotMove(String)

        public var description: String {
            switch self {
            case .invalidName(let n): "\(n.escapingControls) is not the name of a file in failed/"
            case .unknown(let n): "no file named \(n.escapingControls) in failed/"
            case .inInbox(let n): "a file named \(n.escapingControls) is already in the inbox; retry once the watcher has taken it"
            case .cannotMove(let m): m
            }
        }
    }

    /// Every file kept in `failed/`, newest first (with any a retry cut off left aside).
    public func list() -> [Entry] {
        let fm = FileManager.default
        var out: [Entry] = []
        for (dir, names) in [(folder, (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []),
                             (aside, (try? fm.contentsOfDirectory(atPath: aside.path)) ?? [])] {
            for name in names where Self.isKeptName(name) {
                let url = dir.appendingPathComponent(name)
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue,
                      !out.contains(where: { $0.name == name }) else { continue }
                let note = self.note(name)
                let size = (try? fm.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
                out.append(Entry(name: name, file: Self.arrivalName(name, note: note["file"]), time: note["time"], reason: note["reason"], bytes: size))
            }
        }
        return out.sorted { ($0.name) > ($1.name) }
    }

    /// Moves `name` from `failed/` back into the inbox.
    /// - Returns: the name the file has in the inbox.
    /// - Throws: ``Refusal``.
    public func retry(_ name: String) throws -> String {
        guard Self.isKeptName(name) else { throw Refusal.invalidName(name) }
        let fm = FileManager.default
        let kept = folder.appendingPathComponent(name), held = aside.appendingPathComponent(name)
        func isFile(_ u: URL) -> Bool {
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: u.path, isDirectory: &isDir) && !isDir.boolValue
        }
        guard isFile(kept) || isFile(held) else { throw Refusal.unknown(name) }
        let target = Self.arrivalName(name, note: note(name)["file"])
        let destination = inbox.appendingPathComponent(target)
        if fm.fileExists(atPath: destination.path) { throw Refusal.inInbox(target) }
        do { try fm.createDirectory(at: inbox, withIntermediateDirectories: true) } catch {
            throw Refusal.cannotMove("the inbox cannot be created: \(error.localizedDescription)")
        }
        // Aside first, so that the file failing again meanwhile is kept anew, not taken for this copy.
        if isFile(kept) {
            do { try fm.createDirectory(at: aside, withIntermediateDirectories: true) } catch {
                throw Refusal.cannotMove("the archive's failed folder cannot be written: \(error.localizedDescription)")
            }
            // A copy of the same name left aside by a retry that was cut off: neither is replaced.
            if isFile(held) {
                throw Refusal.cannotMove("an earlier retry of \(name.escapingControls) was cut off and left a copy in failed/.retry/; move that copy to the inbox by hand first")
            }
            guard rename(kept.path, held.path) == 0 else {
                throw Refusal.cannotMove("\(name.escapingControls) cannot be moved: \(String(cString: strerror(errno)))")
            }
        }
        do {
            try Self.copyExclusively(held, to: destination)
        } catch let e as Refusal {
            // Back where it was, unless the ingest kept a new copy there meanwhile.
            if !fm.fileExists(atPath: kept.path) { _ = rename(held.path, kept.path) }
            throw e
        }
        try? fm.removeItem(at: held)
        try? fm.removeItem(at: folder.appendingPathComponent(name + ".error.txt"))
        return target
    }

    /// A plain name of a file `failed/` keeps: no path, not hidden, not an `.error.txt`.
    static func isKeptName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.contains("/") && !name.contains("\\") && !name.hasSuffix(".error.txt")
            && !name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } && name.utf8.count <= 255
    }

    /// The `file:`, `time:` and `reason:` lines of a kept file's `.error.txt`.
    func note(_ name: String) -> [String: String] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(name + ".error.txt"), encoding: .utf8) else { return [:] }
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            if ["file", "time", "reason"].contains(key), out[key] == nil {
                out[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return out
    }

    /// The name a kept file arrived with: its note's, else its name without the time
    /// (`20261207T021400-acta.docx`, `20261207T021400-2-acta.docx`); the kept name itself
    /// when neither is a usable plain name.
    static func arrivalName(_ kept: String, note: String?) -> String {
        if let n = note.map({ $0.replacingOccurrences(of: "/", with: "_") }), isKeptName(n) { return n }
        if let m = kept.wholeMatch(of: /[0-9]{8}T[0-9]{6}-(?:[0-9]+-)?(.+)/), isKeptName(String(m.1)) { return String(m.1) }
        return kept
    }

    /// Copies `source` to `destination`, which must not exist, flushed and closed.
    static func copyExclusively(_ source: URL, to destination: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: source) } catch {
            throw Refusal.cannotMove("the kept file cannot be read: \(error.localizedDescription)")
        }
        switch NewFile.write(data, to: destination.path) {
        case .written: return
        case .exists: throw Refusal.inInbox(destination.lastPathComponent)
        case .cannotCreate(let code):
            throw Refusal.cannotMove("cannot create \(destination.lastPathComponent.escapingControls) in the inbox: \(NewFile.reason(code))")
        case .cannotWrite(let code):
            throw Refusal.cannotMove("cannot write \(destination.lastPathComponent.escapingControls) into the inbox: \(NewFile.reason(code))")
        }
    }
}
