/// What a ``DebouncedReloader`` has done so far, for metrics (`reloads`, `reload failures`) and tests.
public struct ReloadStatistics: Sendable, Equatable {
    /// Certificates asked for (each certificate of a `request(_:)` counts).
    public var requested = 0
    /// Reloads that succeeded, one per batch.
    public var succeeded = 0
    /// Attempts that failed, one per batch, retries included.
    public var failedAttempts = 0
    /// Batches given up after the last retry.
    public var abandoned = 0
    /// The last failure's message, until a reload succeeds.
    public var lastFailure: String?

    public init() {}
}
