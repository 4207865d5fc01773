import SidecertHTTPServer

/// The addresses on which `ensure` answers challenges itself while an order runs: `--http-listen` and
/// `--tls-alpn-listen`. `run` passes none: it keeps its own listeners up for its whole life, since any
/// replica's order may need them.
public struct ChallengeListeners: Sendable {
    public var http: ListenAddress?
    public var tlsALPN: ListenAddress?

    public init(http: ListenAddress? = nil, tlsALPN: ListenAddress? = nil) {
        self.http = http
        self.tlsALPN = tlsALPN
    }

    public static let none = ChallengeListeners()

    /// `--http-listen` and `--tls-alpn-listen` as `settings` give them.
    public init(reading settings: Settings) throws(SidecertError) {
        self.init(http: try settings.listenAddress(.httpListen), tlsALPN: try settings.listenAddress(.tlsALPNListen))
    }

    /// Each given address with the flag that names it.
    public var flagged: [(address: ListenAddress, flag: String)] {
        [(http, "--http-listen"), (tlsALPN, "--tls-alpn-listen")].compactMap { address, flag in address.map { ($0, flag) } }
    }
}
