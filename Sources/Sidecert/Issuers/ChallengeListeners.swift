import SidecertHTTPServer

/// The addresses on which `ensure` answers challenges itself while an order runs: `--http-listen` and
/// `--tls-alpn-listen`. `run` passes none: it keeps its own listeners up for its whole life, since any
/// replica's order may need them.
package struct ChallengeListeners: Sendable {
    package var http: ListenAddress?
    package var tlsALPN: ListenAddress?

    package init(http: ListenAddress? = nil, tlsALPN: ListenAddress? = nil) {
        self.http = http
        self.tlsALPN = tlsALPN
    }

    package static let none = ChallengeListeners()

    /// `--http-listen` and `--tls-alpn-listen` as `settings` give them.
    package init(reading settings: Settings) throws(SidecertError) {
        self.init(http: try settings.listenAddress(.httpListen), tlsALPN: try settings.listenAddress(.tlsALPNListen))
    }

    /// Each given address with the flag that names it.
    package var flagged: [(address: ListenAddress, flag: String)] {
        [(http, "--http-listen"), (tlsALPN, "--tls-alpn-listen")].compactMap { address, flag in address.map { ($0, flag) } }
    }
}
