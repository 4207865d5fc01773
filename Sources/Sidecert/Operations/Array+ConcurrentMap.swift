import Dispatch
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension Array where Element: Sendable {
    /// `map`, with the elements spread over every core in a few chunks each, results in order. For work that
    /// reads and parses a file per element (`status` over 10,000 certificates); `transform` must be safe to
    /// call from several threads at once.
    func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let chunks = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
        guard chunks > 1 else { return map(transform) }
        let chunkSize = (count + chunks - 1) / chunks
        let done = Mutex<[Int: [Result]]>([:])
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (chunk * chunkSize)..<Swift.min(count, (chunk + 1) * chunkSize)
            let results = self[range].map(transform)
            done.withLock { $0[chunk] = results }
        }
        return done.withLock { done in (0..<chunks).flatMap { done[$0] ?? [] } }
    }
}
