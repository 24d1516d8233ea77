public import Foundation
import RelatoriaCore

/// Drops an uploaded file into the inbox the way a careful person would: written under a
/// hidden name (the watcher ignores names starting with a dot), flushed, then renamed to its
/// own name, never over another file (`acta.pdf` becomes `acta (2).pdf`).
public struct InboxDrop: Sendable {
    public let inbox: URL

    public init(inbox: URL) { self.inbox = inbox }

    /// A name safe to create in the inbox from the name a browser sent: its last path
    /// component, without control characters, not hidden; nil when nothing is left.
    public static func safeName(_ raw: String) -> String? {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var name = String(String.UnicodeScalarView(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        name = name.trimmingCharacters(in: .whitespaces)
        while name.hasPrefix(".") { name.removeFirst() }
        guard !name.isEmpty, name.utf8.count <= 200 else { return nil }
        return name
    }

    /// Writes `data` into the inbox under `name` (or a numbered variant).
    /// - Returns: the name the file now has in the inbox.
    /// - Throws: ``RelatoriaError`` when the inbox cannot be written.
    public func drop(_ data: Data, as name: String) throws -> String {
        let fm = FileManager.default
        do { try fm.createDirectory(at: inbox, withIntermediateDirectories: true) } catch {
            throw RelatoriaError(.inaccessiblePath, path: inbox.path, reason: "cannot create the inbox: \(error.localizedDescription)")
        }
        let hidden = inbox.appendingPathComponent(".upload-\(UUID().uuidString).part")
        guard fm.createFile(atPath: hidden.path, contents: data) else {
            throw RelatoriaError(.inaccessiblePath, path: inbox.path, reason: "cannot write into the inbox: \(String(cString: strerror(errno)))")
        }
        let fd = open(hidden.path, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
        let ext = (name as NSString).pathExtension
        let stem = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
        for n in 1...1000 {
            let candidate = n == 1 ? name : "\(stem) (\(n))" + (ext.isEmpty ? "" : ".\(ext)")
            // link() fails when the name exists: no file in the inbox is ever replaced.
            if link(hidden.path, inbox.appendingPathComponent(candidate).path) == 0 {
                unlink(hidden.path)
                return candidate
            }
            guard errno == EEXIST else { break }
        }
        let reason = String(cString: strerror(errno))
        unlink(hidden.path)
        throw RelatoriaError(.inaccessiblePath, path: inbox.path, reason: "cannot name the file \(name) in the inbox: \(reason)")
    }
}
