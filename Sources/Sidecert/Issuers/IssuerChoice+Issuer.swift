import Logging
import SidecertVolume

extension IssuerChoice {
    /// The issuer this choice names, for the volume at `layout`: ACME CAs through the process's `sessions`.
    public func makeIssuer(layout: VolumeLayout, sessions: ACMESessions, logger: Logger) -> any CertificateIssuer {
        switch self {
        case .acme(let settings):
            ACMEIssuer(settings: settings, session: sessions.session(for: settings, layout: layout), layout: layout, logger: logger)
        case .localCA:
            LocalCAIssuer(layout: layout, logger: logger)
        }
    }
}
