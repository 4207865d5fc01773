import NIOCore
import SidecertChallenges
import SidecertHTTPServer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How many connections each of `run`'s listeners may hold, from the process's open-file limit.
///
/// A connection costs a file descriptor, and a process out of descriptors can accept nothing at all: not
/// the CA's validation request, not a health probe. So the public listeners (HTTP-01, `acme-tls/1`) share
/// what is left after a reserve for the volume, the CA and the reload and notify commands, each an equal part
/// no flood on the other can take, and the admin listener gets a share of its own.
package struct ListenerBudget: Sendable, Equatable {
    /// Descriptors kept for everything that is not a client connection.
    package static let reserved = 64
    /// Connections the admin listener may hold: probes and a scraper need a handful.
    package static let adminConnections = 32

    /// The HTTP-01 listener's limits.
    package var http01: PlainHTTPServer.Limits
    /// The `acme-tls/1` listener's limits.
    package var tlsALPN01: TLSALPN01Listener.Limits
    /// The admin listener's limits.
    package var admin: PlainHTTPServer.Limits

    /// The budget for a process that may open `openFileLimit` descriptors, with `publicListeners` of the
    /// HTTP-01 and `acme-tls/1` listeners open (each gets an equal part).
    package init(openFileLimit: Int, publicListeners: Int = 1) {
        let standard = PlainHTTPServer.Limits.standard
        let left = (openFileLimit - Self.reserved - Self.adminConnections) / max(1, publicListeners)
        http01 = standard
        http01.maximumConnections = max(8, min(standard.maximumConnections * 8, left))
        tlsALPN01 = .standard
        tlsALPN01.maximumConnections = max(8, min(TLSALPN01Listener.Limits.standard.maximumConnections * 8, left))
        admin = standard
        admin.maximumConnections = Self.adminConnections
    }

    /// Raises this process's soft open-file limit to its hard limit (containers often start with a low soft
    /// one), then budgets what it allows for `publicListeners` public listeners.
    package static func raisingOpenFileLimit(publicListeners: Int = 1) -> ListenerBudget {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else {
            return ListenerBudget(openFileLimit: 1_024, publicListeners: publicListeners)
        }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return ListenerBudget(openFileLimit: Int(clamping: limit.rlim_cur), publicListeners: publicListeners)
    }
}
