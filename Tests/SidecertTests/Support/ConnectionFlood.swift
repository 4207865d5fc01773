import Foundation
import SidecertTestSupport

/// Thousands of idle TCP connections held by a separate process (python3), so that the test runner itself
/// never holds them: Foundation's `Process` misbehaves when the spawning process has thousands of
/// descriptors open, and other tests spawn processes all the time.
///
/// The flood opens its connections, sends nothing, and reports how many the server has closed.
struct ConnectionFlood: Sendable {
    private let child: ChildProcess

    /// How many connections it opened.
    let opened: Int

    private static let script = #"""
        import resource, select, socket, sys
        port, count = int(sys.argv[1]), int(sys.argv[2])
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        held = {}
        for _ in range(min(count, hard - 50)):
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=5)
                held[s.fileno()] = s
            except OSError:
                pass
        print("opened", len(held), flush=True)
        poller = select.epoll()
        for fd in held:
            poller.register(fd, select.EPOLLIN | select.EPOLLRDHUP)
        closed = 0
        print("closed", closed, flush=True)
        while True:
            for fd, _ in poller.poll(0.25):
                try:
                    data = held[fd].recv(4096, socket.MSG_DONTWAIT)
                except BlockingIOError:
                    continue
                except OSError:
                    data = b""
                if not data:
                    poller.unregister(fd)
                    closed += 1
                    print("closed", closed, flush=True)
        """#

    /// Opens `count` connections to `127.0.0.1:port` and returns once they are open.
    static func start(port: Int, count: Int) async throws -> ConnectionFlood {
        let child = try ChildProcess("python3", ["-c", script, "\(port)", "\(count)"], environment: ProcessInfo.processInfo.environment)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(60))
        while clock.now < deadline {
            if let line = child.capturedStandardOutput.split(separator: "\n").first(where: { $0.hasPrefix("opened ") }),
                let opened = Int(line.dropFirst("opened ".count))
            {
                return ConnectionFlood(child: child, opened: opened)
            }
            guard !child.hasExited else { throw HarnessError("the connection flood ended early:\n\(child.capturedStandardError)") }
            try await Task.sleep(for: .milliseconds(100))
        }
        child.terminate()
        throw HarnessError("the connection flood did not open its connections within 60 s")
    }

    /// How many of its connections the server has closed, as last reported.
    var closedByServer: Int {
        child.capturedStandardOutput.split(separator: "\n").last { $0.hasPrefix("closed ") }.flatMap { Int($0.dropFirst("closed ".count)) } ?? 0
    }

    /// Closes every connection.
    func stop() {
        child.terminate(grace: .seconds(1))
    }
}
