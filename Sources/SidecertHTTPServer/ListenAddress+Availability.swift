import NIOCore
import NIOPosix

extension ListenAddress {
    /// Binds this address and lets it go at once: throws when this process cannot listen there now (taken,
    /// not an address of this host, a privileged port). For listeners opened later, only while issuing, so
    /// that a taken port is found before anything is written.
    package func checkAvailable() async throws {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port)
            .get()
        try? await channel.close()
    }
}
