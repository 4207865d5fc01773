#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The anti-replay nonces the CA handed out and the client has not used yet (RFC 8555 §6.5).
///
/// Every response carries a fresh `Replay-Nonce`; keeping them saves a `newNonce` round trip per request.
/// Nonces are used newest first because older ones are the likelier to have expired at the CA.
struct NoncePool {
    /// Enough for a few requests in flight; older nonces are dropped beyond it.
    static let capacity = 8

    private var nonces: [String] = []

    /// Keeps a nonce from a response's `Replay-Nonce` header; `nil` and empty values are ignored.
    mutating func add(_ nonce: String?) {
        guard let nonce = nonce?.trimmingHTTPWhitespace(), !nonce.isEmpty else { return }
        nonces.append(nonce)
        if nonces.count > Self.capacity {
            nonces.removeFirst(nonces.count - Self.capacity)
        }
    }

    /// The newest unused nonce, or `nil` when a `newNonce` request is needed.
    mutating func take() -> String? {
        nonces.popLast()
    }

    /// How many nonces are waiting to be used.
    var count: Int { nonces.count }
}
