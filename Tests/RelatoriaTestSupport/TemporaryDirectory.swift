public import Foundation

/// A unique folder under the system's temporary directory, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("relatoria-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `data` to `name` inside the folder and returns its path.
    @discardableResult
    public func write(_ name: String, _ data: Data) throws -> String {
        let u = url.appendingPathComponent(name)
        try data.write(to: u)
        return u.path
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Creates the file `folder/name` whose name is given as bytes (a Latin-1 name, say, which no
/// String path reaches) with `contents`; false when it cannot.
public func writeFile(in folder: String, rawName: [UInt8], _ contents: String) -> Bool {
    writeFile(at: Array(folder.utf8) + [UInt8(ascii: "/")] + rawName, contents)
}

/// Creates the file at `path` (bytes) with `contents`; false when it cannot.
public func writeFile(at path: [UInt8], _ contents: String) -> Bool {
    let path = (path + [0]).map { CChar(bitPattern: $0) }
    let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    let bytes = Array(contents.utf8)
    return write(fd, bytes, bytes.count) == bytes.count
}

/// Creates the folder `folder/name` whose name is given as bytes; false when it cannot.
public func makeFolder(in folder: String, rawName: [UInt8]) -> Bool {
    mkdir((Array(folder.utf8) + [UInt8(ascii: "/")] + rawName + [0]).map { CChar(bitPattern: $0) }, 0o755) == 0
}

/// Where the package's own files are: config/, Tests/ fixtures, the built binary.
public enum PackagePaths {
    /// The package root, found from this source file's location.
    public static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static var config: URL { root.appendingPathComponent("config") }
}
