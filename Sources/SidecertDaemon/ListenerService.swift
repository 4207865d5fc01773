import ServiceLifecycle

/// Keeps an already-bound listener open until graceful shutdown, then closes it. Binding happens before
/// the service group starts, so that a taken port is a configuration error (exit 2), not a crash later.
public struct ListenerService: Service {
    let close: @Sendable () async -> Void

    public init(close: @escaping @Sendable () async -> Void) {
        self.close = close
    }

    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }
}
