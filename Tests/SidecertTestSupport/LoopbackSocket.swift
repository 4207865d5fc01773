import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A bound IPv4 socket on a loopback address, for picking free addresses and for a server that never
/// answers.
package final class LoopbackSocket {
    /// The bound port.
    package let port: Int
    private var descriptor: Int32

    /// Binds a UDP (or TCP) socket to `address`:`port` (0 = any free port); nil when it is taken.
    package init?(address: String, port: Int = 0, udp: Bool = true) {
        let descriptor = socket(AF_INET, Int32(udp ? SOCK_DGRAM.rawValue : SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, address, &socketAddress.sin_addr) == 1 else {
            closeSocket(descriptor)
            return nil
        }
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard bound == 0, named == 0 else {
            closeSocket(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: socketAddress.sin_port))
    }

    /// The descriptor, for a thread that serves on it (valid until `close()`).
    package var descriptorForThreads: Int32 { descriptor }

    /// Closes the socket (again: a no-op).
    package func close() {
        guard descriptor >= 0 else { return }
        closeSocket(descriptor)
        descriptor = -1
    }

    deinit {
        close()
    }

    /// Whether UDP and TCP port `port` of `address` can be bound now.
    package static func isFree(address: String, port: Int) -> Bool {
        guard let udp = LoopbackSocket(address: address, port: port, udp: true) else { return false }
        defer { udp.close() }
        guard let tcp = LoopbackSocket(address: address, port: port, udp: false) else { return false }
        tcp.close()
        return true
    }
}

private func closeSocket(_ descriptor: Int32) {
    #if canImport(Glibc)
        _ = Glibc.close(descriptor)
    #else
        _ = Darwin.close(descriptor)
    #endif
}
