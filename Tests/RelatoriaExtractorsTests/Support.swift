import Foundation
import RelatoriaCore
import RelatoriaExtractors
import RelatoriaKit
import RelatoriaReaders
import RelatoriaTestSupport

/// The pipeline as the CLI builds it, on the repository's own configuration.
let pipeline: ExtractionPipeline = try! ExtractionPipeline(configuration: PackagePaths.config)

func record(_ text: String, _ name: String = "doc.txt", using p: ExtractionPipeline = pipeline) throws -> Record {
    try RecordExtractor(loader: DocumentLoader(), pipeline: p).record(data: Data(text.utf8), filename: name, path: name)
}

func record(fixture name: String) throws -> Record {
    let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name)
    return try RecordExtractor(loader: DocumentLoader(), pipeline: pipeline).record(at: url.path)
}

extension Record {
    /// The text an anchor points to.
    func anchored(_ a: Anchor?) -> String {
        guard let a else { return "" }
        let scalars = Array(text.unicodeScalars)
        return String(String.UnicodeScalarView(scalars[a.start..<a.end]))
    }
}
