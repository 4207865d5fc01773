import ServiceLifecycle

/// Keeps an already-bound listener open until graceful shutdown, then closes it. Binding happens before
/// the service group starts, so that a taken port is a configuration error (exit 2), not a crash later.
package struct ListenerService: Service {
    let close: @Sendable () async -> Void

    package init(close: @escaping @Sendable () async -> Void) {
        self.close = close
    }

    package func run() async throws {
        try? await gracefulShutdown()
        await close()
    }
}
