/// What a ``DebouncedReloader`` has done so far, for metrics (`reloads`, `reload failures`) and tests.
package struct ReloadStatistics: Sendable, Equatable {
    /// Certificates asked for (each certificate of a `request(_:)` counts).
    package var requested = 0
    /// Reloads that succeeded, one per batch.
    package var succeeded = 0
    /// Attempts that failed, one per batch, retries included.
    package var failedAttempts = 0
    /// Batches given up after the last retry.
    package var abandoned = 0
    /// The last failure's message, until a reload succeeds.
    package var lastFailure: String?

    package init() {}
}
