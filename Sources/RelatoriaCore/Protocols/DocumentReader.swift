public import Foundation

/// Turns the bytes of one format into a ``NormalizedDocument``.
public protocol DocumentReader: Sendable {
    /// Reads `data`.
    /// - Throws: ``ReadFailure`` with a reason a person understands.
    func read(_ data: Data, limits: ReaderLimits) throws -> NormalizedDocument
}
