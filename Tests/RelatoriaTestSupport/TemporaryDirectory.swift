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

/// Where the package's own files are: config/, Tests/ fixtures, the built binary.
public enum PackagePaths {
    /// The package root, found from this source file's location.
    public static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static var config: URL { root.appendingPathComponent("config") }
}
