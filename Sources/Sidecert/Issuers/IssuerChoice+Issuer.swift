import Logging
import SidecertVolume

extension IssuerChoice {
    /// The issuer this choice names, for the volume at `layout`: ACME CAs through the process's `sessions`.
    ///
    /// - Parameter listeners: where this process answers HTTP-01 and TLS-ALPN-01 itself while an order runs.
    package func makeIssuer(layout: VolumeLayout, sessions: ACMESessions, listeners: ChallengeListeners = .none, logger: Logger)
        -> any CertificateIssuer
    {
        switch self {
        case .acme(let settings):
            ACMEIssuer(
                settings: settings, session: sessions.session(for: settings, layout: layout), listeners: listeners, layout: layout, logger: logger)
        case .localCA:
            LocalCAIssuer(layout: layout, logger: logger)
        }
    }
}
