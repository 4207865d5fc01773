import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// TCP ports on 127.0.0.1 that were free a moment ago, picked at random below the kernel's ephemeral
/// range, so that tests running in parallel never agree on a fixed port.
///
/// Below the ephemeral range, because the kernel gives ports from that range to every outgoing connection
/// (the tests make thousands: curl, openssl, the listener floods), and one of them could take a port
/// handed out here before its server binds it: nginx then failed to bind, and a test met a stranger.
/// The sockets are closed before the ports are handed out, and a server binds its port only later; so a
/// port is handed out once per test process (the tests run in parallel in one process: a port freed by one
/// test's server and handed to another's could still be held, or not yet bound, by the first). Something
/// outside the process can still take one in between, so whoever binds it retries with new ports when that
/// happens (see `PebbleEnvironment`).
package enum FreePort {
    /// Every port `allocate` has handed out in this process.
    private static let handedOut = Mutex<Set<Int>>([])

    /// Where ports are picked: from 10000 up to the start of the ephemeral range
    /// (`/proc/sys/net/ipv4/ip_local_port_range`, 32768 by default).
    package static let range: Range<Int> = {
        let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        let ephemeralStart = text.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } ?? 32_768
        return 10_000..<max(ephemeralStart, 20_000)
    }()

    /// `count` distinct free ports: every socket stays bound until all are picked.
    package static func allocate(_ count: Int) throws -> [Int] {
        var sockets: [Int32] = []
        defer {
            for descriptor in sockets {
                close(descriptor)
            }
        }
        var ports: [Int] = []
        for _ in 0..<count {
            #if canImport(Glibc)
                let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #else
                let descriptor = socket(AF_INET, SOCK_STREAM, 0)
            #endif
            guard descriptor >= 0 else {
                throw HarnessError("socket() failed: errno \(errno)")
            }
            sockets.append(descriptor)
            let length = socklen_t(MemoryLayout<sockaddr_in>.size)
            var bound = false
            for _ in 0..<200 where !bound {
                let candidate = Int.random(in: range)
                guard !handedOut.withLock({ $0.contains(candidate) }) else { continue }
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = UInt16(candidate).bigEndian
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                bound =
                    withUnsafePointer(to: &address) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
                    } == 0
            }
            guard bound else {
                throw HarnessError("no free port on 127.0.0.1 in \(range) after 200 tries: errno \(errno)")
            }
            var assigned = sockaddr_in()
            var assignedLength = length
            let named = withUnsafeMutablePointer(to: &assigned) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    getsockname(descriptor, $0, &assignedLength)
                }
            }
            guard named == 0 else {
                throw HarnessError("getsockname failed: errno \(errno)")
            }
            ports.append(Int(UInt16(bigEndian: assigned.sin_port)))
        }
        handedOut.withLock { $0.formUnion(ports) }
        return ports
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port` right now.
    package static func isAccepting(_ port: Int) -> Bool {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }

    /// Polls `isAccepting(port)` every 50 ms until it is true, `processEnded()` says the server
    /// is gone, or `timeout` passes (a minute by default: a loaded machine can take long to start a server,
    /// Pebble making its keys say, and the wait ends as soon as it accepts).
    package static func waitUntilAccepting(
        _ port: Int,
        timeout: Duration = .seconds(60),
        processEnded: () -> Bool = { false }
    ) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if isAccepting(port) { return true }
            if processEnded() { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return isAccepting(port)
    }
}
