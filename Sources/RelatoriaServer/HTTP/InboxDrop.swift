public import Foundation
import RelatoriaCore
import RelatoriaKit

/// Drops an uploaded file into the inbox the way a person's copy arrives: created under its
/// own name, never over another file (`acta.pdf` becomes `acta (2).pdf`), written, flushed
/// and closed; the watcher takes it once closed and settled, as any other. (Not written under
/// a hidden name and renamed: a hidden file is logged by the watcher as ignored, and a hard
/// link is not an event the watcher hears.)
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
    /// - Throws: ``RelatoriaError`` when the inbox cannot be written (nothing is left behind).
    public func drop(_ data: Data, as name: String) throws -> String {
        do { try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true) } catch {
            throw RelatoriaError(.inaccessiblePath, path: inbox.path, reason: "cannot create the inbox: \(error.localizedDescription)")
        }
        let ext = (name as NSString).pathExtension
        let stem = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
        for n in 1...1000 {
            let candidate = n == 1 ? name : "\(stem) (\(n))" + (ext.isEmpty ? "" : ".\(ext)")
            let path = inbox.appendingPathComponent(candidate).path
            // NewFile: refuses a name that exists, so no file in the inbox is ever replaced.
            switch NewFile.write(data, to: path) {
            case .written: return candidate
            case .exists: continue
            case .cannotCreate(let code):
                throw RelatoriaError(.inaccessiblePath, path: inbox.path, reason: "cannot create \(name) in the inbox: \(NewFile.reason(code))")
            case .cannotWrite(let code):
                throw RelatoriaError(.inaccessiblePath, path: inbox.path, reason: "cannot write \(candidate) into the inbox: \(NewFile.reason(code))")
            }
        }
        throw RelatoriaError(.inaccessiblePath, path: inbox.path, reason: "cannot create \(name) in the inbox: \(NewFile.reason(EEXIST))")
    }
}
