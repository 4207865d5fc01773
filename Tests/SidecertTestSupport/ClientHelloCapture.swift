import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The first bytes a real TLS client sends: a listening socket on 127.0.0.1 that accepts one connection and
/// records what arrives, never answering. For parsing real ClientHellos, not hand-made ones.
package enum ClientHelloCapture {
    /// Runs `openssl s_client` against a silent socket with these options and returns what it sent once
    /// `enough` says it is enough; throws if openssl stops or a minute passes first (on a busy machine openssl
    /// alone can take seconds to start: partial bytes would fail the test for the wrong reason).
    package static func openssl(_ options: [String], enough: @escaping @Sendable ([UInt8]) -> Bool) async throws -> [UInt8] {
        #if canImport(Glibc)
            let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let listener = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard listener >= 0 else { throw HarnessError("socket() failed: errno \(errno)") }
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        guard bound, listen(listener, 1) == 0 else { throw HarnessError("cannot listen on 127.0.0.1: errno \(errno)") }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let command = (["exec", "openssl", "s_client", "-connect", "127.0.0.1:\(port)"] + options).map { "'\($0)'" }.joined(separator: " ")
        let client = try ChildProcess("/bin/sh", ["-c", command + " </dev/null"], environment: ProcessInfo.processInfo.environment)
        defer { client.terminate(grace: .milliseconds(100)) }

        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(60))
        var listening = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        while poll(&listening, 1, 0) == 0 {
            guard clock.now < deadline else { throw HarnessError("openssl did not connect:\n\(client.capturedStandardError)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { throw HarnessError("accept() failed: errno \(errno)") }
        defer { close(connection) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while !enough(received), clock.now < deadline {
            var readable = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            guard poll(&readable, 1, 0) > 0 else {
                try await Task.sleep(for: .milliseconds(20))
                continue
            }
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        guard enough(received) else {
            throw HarnessError("openssl sent \(received.count) bytes, not a whole ClientHello:\n\(client.capturedStandardError)")
        }
        return received
    }
}
