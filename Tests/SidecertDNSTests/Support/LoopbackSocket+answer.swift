import Foundation
import SidecertTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension LoopbackSocket {
    /// Answers each of the next `count` datagrams with the datagrams `reply` makes of it, on a thread
    /// of its own (a server that misbehaves on purpose); the thread gives up after 60 s of silence.
    func answer(count: Int, _ reply: @escaping @Sendable ([UInt8]) -> [[UInt8]]) {
        let descriptor = self.descriptorForThreads
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let thread = Thread {
            for _ in 0..<count {
                var buffer = [UInt8](repeating: 0, count: 65535)
                var peer = sockaddr_storage()
                var peerLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
                let received = withUnsafeMutablePointer(to: &peer) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(descriptor, &buffer, buffer.count, 0, $0, &peerLength) }
                }
                guard received > 0 else { return }
                for datagram in reply(Array(buffer[0..<received])) {
                    _ = withUnsafePointer(to: &peer) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(descriptor, datagram, datagram.count, 0, $0, peerLength) }
                    }
                }
            }
        }
        thread.start()
    }
}
