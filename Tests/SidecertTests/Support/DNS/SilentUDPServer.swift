import Foundation
import SidecertTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A UDP socket on 127.0.0.1 that is bound but never read: a DNS server that does not answer (the
/// datagrams are accepted, so no ICMP "port unreachable" tells the sender anything).
final class SilentUDPServer: Sendable {
    /// `127.0.0.1:<port>`, for `--rfc2136-server` or `--dns-resolver`.
    let address: String
    private let descriptor: Int32

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw HarnessError("socket() failed: errno \(errno)") }
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = 0
        socketAddress.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        let named = withUnsafeMutablePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard bound == 0, named == 0 else {
            close(descriptor)
            throw HarnessError("binding a UDP socket on 127.0.0.1 failed: errno \(errno)")
        }
        self.descriptor = descriptor
        self.address = "127.0.0.1:\(UInt16(bigEndian: socketAddress.sin_port))"
    }

    deinit {
        close(descriptor)
    }
}
