import SidecertShell

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One request and its whole response over a UNIX stream socket, the way HAProxy's runtime API talks in
/// its non-interactive mode: connect, send one command, read until HAProxy closes the connection.
///
/// Plain POSIX sockets on a thread of its own, so a slow or stuck peer never holds a thread of the
/// cooperative pool; every wait is bounded by `timeout`.
struct UNIXSocketExchange: Sendable {
    /// The socket's path.
    let path: String
    /// How long connecting, sending and reading may take, each wait counted separately.
    let timeout: Duration
    /// The largest response kept; more is read and dropped.
    let responseLimit: Int

    init(path: String, timeout: Duration, responseLimit: Int = 64 * 1024) {
        self.path = path
        self.timeout = timeout
        self.responseLimit = responseLimit
    }

    /// Sends `request` and returns the response text.
    func exchange(_ request: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            do {
                try DetachedThread.start {
                    continuation.resume(with: Result { try exchangeBlocking(Array(request.utf8)) })
                }
            } catch {
                continuation.resume(throwing: ReloadError(code: .socketUnavailable, message: "HAProxy runtime API socket \(path): \(error)"))
            }
        }
    }

    private func failure(_ what: String, _ error: Int32) -> ReloadError {
        let advice =
            error == ENOENT || error == ECONNREFUSED
            ? "is haproxy running, with `stats socket \(path) level admin` in its global section?"
            : error == EACCES ? "sidecert needs write access to the socket (its `mode`, `user` and `group` options)." : ""
        return ReloadError(
            code: .socketUnavailable,
            message: "HAProxy runtime API socket \(path): \(what) failed: \(String(cString: strerror(error))); \(advice)"
        )
    }

    private func exchangeBlocking(_ request: [UInt8]) throws -> String {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else {
            throw ReloadError(
                code: .socketUnavailable,
                message: "the HAProxy socket path \(path) is longer than \(capacity - 1) bytes, the limit for UNIX sockets: use a shorter path"
            )
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: pathBytes)
            buffer[pathBytes.count] = 0
        }
        #if canImport(Glibc)
            let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw failure("socket()", errno) }
        defer { close(descriptor) }

        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else { throw failure("connect", errno) }

        var sent = 0
        while sent < request.count {
            try wait(descriptor, for: Int16(POLLOUT), doing: "sending")
            let count = request[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw failure("sending", errno)
            }
            sent += count
        }

        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            try wait(descriptor, for: Int16(POLLIN), doing: "reading the answer")
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw failure("reading the answer", errno)
            }
            if count == 0 { break }
            if response.count < responseLimit {
                response.append(contentsOf: buffer[0..<min(count, responseLimit - response.count)])
            }
        }
        return String(decoding: response, as: UTF8.self)
    }

    private func wait(_ descriptor: Int32, for events: Int16, doing what: String) throws {
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        while true {
            let ready = poll(&entry, 1, milliseconds)
            if ready > 0 { return }
            if ready == 0 {
                throw ReloadError(
                    code: .socketUnavailable,
                    message: "HAProxy runtime API socket \(path): no progress \(what) within \(timeout); is haproxy overloaded or stuck?"
                )
            }
            if errno != EINTR { throw failure("poll", errno) }
        }
    }
}
