/// The end of what a shell command (a reload or notify command) printed, bounded so that a chatty or
/// runaway command cannot grow the sidecar's memory or flood its log: only the last `limit` bytes are
/// kept (errors come last).
struct CapturedOutput: Sendable {
    /// How many bytes are kept at most.
    let limit: Int
    private(set) var kept: [UInt8] = []
    /// How many bytes were printed in all.
    private(set) var total = 0

    init(limit: Int) {
        self.limit = limit
    }

    mutating func append(_ bytes: some Collection<UInt8>) {
        total += bytes.count
        kept.append(contentsOf: bytes)
        if kept.count > limit {
            kept.removeFirst(kept.count - limit)
        }
    }

    /// The kept text, prefixed with how much was dropped when the output was longer than `limit`.
    var text: String {
        let body = String(decoding: kept, as: UTF8.self)
        guard total > kept.count else { return body }
        return "[… \(total - kept.count) earlier bytes dropped …]" + body
    }
}
