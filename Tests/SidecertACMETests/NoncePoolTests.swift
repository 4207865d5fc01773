import Testing

@testable import SidecertACME

@Suite struct NoncePoolTests {
    @Test func newestFirstAndEmptyWhenUsedUp() {
        var pool = NoncePool()
        pool.add("a")
        pool.add(nil)
        pool.add("  ")
        pool.add("b")
        #expect(pool.count == 2)
        #expect(pool.take() == "b")
        #expect(pool.take() == "a")
        #expect(pool.take() == nil)
    }

    @Test func keepsOnlyTheNewest() {
        var pool = NoncePool()
        for index in 0..<20 {
            pool.add("n\(index)")
        }
        #expect(pool.count == NoncePool.capacity)
        var taken: [String] = []
        while let nonce = pool.take() {
            taken.append(nonce)
        }
        #expect(taken == (12..<20).reversed().map { "n\($0)" })
    }
}
