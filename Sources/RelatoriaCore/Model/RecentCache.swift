import Foundation

/// A bounded, thread-safe memory of the most recently used answers, for work that is asked
/// again with the same question (a search repeated, paged through, narrowed and widened).
///
/// Each entry belongs to a `version` of what it was computed from (the index's search
/// generation): an answer of another version is never returned, and the first answer stored
/// for a newer version forgets all the older ones. When full, the quarter of the entries used
/// least recently goes. Values are copied in and out (value types), so a caller never sees
/// another's change.
public final class RecentCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private struct Entry {
        var value: Value
        var used: UInt64
    }

    private let lock = NSLock()
    private let capacity: Int
    private var entries: [Key: Entry] = [:]
    private var version: Int64 = .min
    private var clock: UInt64 = 0

    /// A cache of at most `capacity` entries (0 keeps nothing).
    public init(capacity: Int) { self.capacity = max(0, capacity) }

    /// The value stored for `key` at `version`, if any.
    public func value(_ key: Key, version: Int64) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        guard version == self.version, var e = entries[key] else { return nil }
        clock &+= 1
        e.used = clock
        entries[key] = e
        return e.value
    }

    /// Keeps `value` for `key` at `version`. A value of an older version than the cache's is
    /// not kept (it was computed before a change another caller has already seen).
    public func store(_ value: Value, for key: Key, version: Int64) {
        guard capacity > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        if version < self.version { return }
        if version > self.version {
            entries.removeAll(keepingCapacity: true)
            self.version = version
        }
        clock &+= 1
        entries[key] = Entry(value: value, used: clock)
        // Over capacity, the least recently used quarter goes at once (one sort per
        // capacity / 4 answers, rather than a search for the oldest at every one).
        if entries.count > capacity {
            let stale = entries.sorted { $0.value.used < $1.value.used }.prefix(max(1, entries.count - capacity * 3 / 4))
            for (k, _) in stale { entries[k] = nil }
        }
    }

    /// How many entries are kept.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }
}
