/// What a ``DebouncedReloader`` has done so far, for metrics (`reloads`, `reload failures`) and tests.
public struct ReloadStatistics: Sendable, Equatable {
    /// Requests received (`request(_:)` calls).
    public var requested = 0
    /// Reloads that succeeded.
    public var succeeded = 0
    /// Attempts that failed, retries included.
    public var failedAttempts = 0
    /// Reloads given up after the last retry (a newer request superseding a failing one is not counted).
    public var abandoned = 0
    /// The last failure's message, until a reload succeeds.
    public var lastFailure: String?

    public init() {}
}
