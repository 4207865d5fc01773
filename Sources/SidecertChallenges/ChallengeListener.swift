/// A listener answering challenges from the volume, which `ensure` opens only while it issues.
package protocol ChallengeListener: Sendable {
    /// Stops accepting connections.
    func close() async
}

extension ChallengeListener {
    /// Runs `body` with `listener` open, and closes it afterwards whether `body` returns or throws.
    static func closing<T: Sendable>(_ listener: Self, after body: () async throws -> T) async throws -> T {
        do {
            let result = try await body()
            await listener.close()
            return result
        } catch {
            await listener.close()
            throw error
        }
    }
}
