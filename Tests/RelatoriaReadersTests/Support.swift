import Foundation
import RelatoriaCore
@testable import RelatoriaReaders

/// Reads bytes through the registry, as the pipeline does.
func read(_ data: Data, _ name: String, limits: ReaderLimits = .init()) throws -> NormalizedDocument {
    try ReaderRegistry(limits: limits).read(data, filename: name)
}

func read(_ text: String, _ name: String) throws -> NormalizedDocument {
    try read(Data(text.utf8), name)
}

func fixture(_ name: String) throws -> Data {
    let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)
        ?? Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name)
    return try Data(contentsOf: url)
}

extension NormalizedDocument {
    var text: String { blocks.map(\.text).joined(separator: "\n\n") }
    func blocks(_ role: Block.Role) -> [Block] { blocks.filter { $0.role == role } }
}
