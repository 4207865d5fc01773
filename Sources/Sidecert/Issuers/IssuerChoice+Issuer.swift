import Logging
import SidecertHTTPServer
import SidecertVolume

extension IssuerChoice {
    /// The issuer this choice names, for the volume at `layout`: ACME CAs through the process's `sessions`.
    ///
    /// - Parameter httpListen: answer HTTP-01 from this process, on this address, while an order runs.
    public func makeIssuer(layout: VolumeLayout, sessions: ACMESessions, httpListen: ListenAddress? = nil, logger: Logger) -> any CertificateIssuer {
        switch self {
        case .acme(let settings):
            ACMEIssuer(
                settings: settings, session: sessions.session(for: settings, layout: layout), httpListen: httpListen, layout: layout, logger: logger)
        case .localCA:
            LocalCAIssuer(layout: layout, logger: logger)
        }
    }
}
