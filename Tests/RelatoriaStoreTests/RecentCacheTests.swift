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

    @Test func whenFullTheLeastRecentlyUsedGo() {
        let cache = RecentCache<Int, Int>(capacity: 8)
        for k in 1...8 { cache.store(k * 10, for: k, version: 0) }
        _ = cache.value(1, version: 0)  // 1 is used again: 2, 3 and 4 are now the least recent
        cache.store(90, for: 9, version: 0)
        // Over capacity, a quarter goes at once: down to 6.
        #expect(cache.count == 6)
        #expect(cache.value(2, version: 0) == nil && cache.value(3, version: 0) == nil && cache.value(4, version: 0) == nil)
        #expect(cache.value(1, version: 0) == 10 && cache.value(5, version: 0) == 50 && cache.value(9, version: 0) == 90)
        let none = RecentCache<Int, Int>(capacity: 0)
        none.store(1, for: 1, version: 0)
        #expect(none.value(1, version: 0) == nil)
    }
}
