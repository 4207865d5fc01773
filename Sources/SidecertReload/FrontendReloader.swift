/// Makes one frontend (nginx, haproxy, anything a command can poke) pick up a certificate version that
/// has just appeared under `live/<name>/`.
///
/// A protocol because this is where deployments differ: a signal to a pidfile's process, a command, or
/// HAProxy's runtime API. Each sidecar reloads only its own frontend, whichever replica issued.
public protocol FrontendReloader: Sendable {
    /// What this reloader does, for logs ("signal HUP to the process in /run/nginx.pid").
    var description: String { get }

    /// Makes the frontend serve `certificate`; throws a ``ReloadError`` saying what to fix.
    func reload(certificate: ReloadedCertificate) async throws
}
