import RelatoriaCore
import Testing

/// The memory of recent answers: by key and version, the least recently used going first.
struct RecentCacheTests {
    @Test func anAnswerIsGivenOnlyForItsOwnVersion() {
        let cache = RecentCache<String, Int>(capacity: 4)
        cache.store(1, for: "acta", version: 7)
        #expect(cache.value("acta", version: 7) == 1)
        #expect(cache.value("acta", version: 8) == nil)
        #expect(cache.value("acta", version: 6) == nil)
        // A newer version's first answer forgets the older ones; an older one is not kept.
        cache.store(2, for: "informe", version: 8)
        #expect(cache.value("acta", version: 7) == nil && cache.count == 1)
        cache.store(3, for: "acta", version: 7)
        #expect(cache.value("acta", version: 7) == nil && cache.value("acta", version: 8) == nil)
        #expect(cache.value("informe", version: 8) == 2)
    }

    @Test func whenFullTheLeastRecentlyUsedGoes() {
        let cache = RecentCache<Int, Int>(capacity: 3)
        for k in 1...3 { cache.store(k * 10, for: k, version: 0) }
        _ = cache.value(1, version: 0)  // 1 is used again: 2 is now the least recent
        cache.store(40, for: 4, version: 0)
        #expect(cache.count == 3)
        #expect(cache.value(2, version: 0) == nil)
        #expect(cache.value(1, version: 0) == 10 && cache.value(3, version: 0) == 30 && cache.value(4, version: 0) == 40)
        let none = RecentCache<Int, Int>(capacity: 0)
        none.store(1, for: 1, version: 0)
        #expect(none.value(1, version: 0) == nil)
    }
}
