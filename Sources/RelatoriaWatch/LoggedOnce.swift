/// The paths the watcher has logged as ignored or skipped, with the identity (device and
/// inode) of what was there: such a path is logged once, not at every rescan; the same path
/// holding another file (replaced, or renamed onto) is logged again.
///
/// Bounded: past `capacity` paths the oldest are forgotten (and would be logged once more if
/// still there), and each full rescan forgets the paths it no longer finds.
struct LoggedOnce {
    struct Identity: Equatable {
        var device: UInt64
        var inode: UInt64
    }

    let capacity: Int
    private var seen: [String: Identity?] = [:]
    /// Paths in the order first logged (may hold paths forgotten since; skipped when evicting).
    private var order: [String] = []
    private var head = 0

    init(capacity: Int = 10_000) { self.capacity = max(1, capacity) }

    var count: Int { seen.count }

    /// Whether `path` (holding `identity`; nil when unknown) is to be logged now; remembers it.
    mutating func first(_ path: String, _ identity: Identity?) -> Bool {
        if let known = seen[path] {
            if known == identity || identity == nil { return false }
            seen[path] = identity
            return true
        }
        seen[path] = identity
        order.append(path)
        while seen.count > capacity, head < order.count {
            seen[order[head]] = nil
            head += 1
        }
        if head > 1024 && head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
        return true
    }

    /// Forgets every path not in `present` (after a full rescan: files gone since).
    mutating func keep(only present: Set<String>) {
        seen = seen.filter { present.contains($0.key) }
        order = order[head...].filter { seen[$0] != nil }
        head = 0
    }
}

extension FileStamp {
    var identity: LoggedOnce.Identity { .init(device: device, inode: inode) }
}
