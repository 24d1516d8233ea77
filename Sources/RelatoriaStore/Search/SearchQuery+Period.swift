extension SearchQuery {
    /// Sets the period of `--from` and `--to` options, checked as every command checks them
    /// (`search`, `packet`): each a date `search` reads (`2006`, `2006-3`, `2006-03-14`), the
    /// end not before the start. One function, so the commands accept and refuse the same and
    /// say it with the same words.
    /// - Throws: ``Invalid`` naming the option: "--from: ..." for a malformed date, "the
    ///   period ends before it starts: --to X is before --from Y".
    public mutating func setPeriod(from: String?, to: String?) throws {
        for (key, value) in [("from", from), ("to", to)] {
            guard let value else { continue }
            do { try setFilter(key, value) } catch let e as Invalid { throw Invalid(message: "--\(key): \(e.message)") }
        }
        if let from, let to, let start = self.from, let end = self.to, end < start {
            throw Invalid(message: "the period ends before it starts: --to \(to) is before --from \(from)")
        }
    }
}
