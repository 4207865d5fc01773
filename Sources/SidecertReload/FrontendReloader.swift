/// Makes one frontend (nginx, haproxy, anything a command can poke) pick up certificate versions that
/// have just appeared under `live/<name>/`.
///
/// A protocol because this is where deployments differ: a signal to a pidfile's process, a command, or
/// HAProxy's runtime API. Each sidecar reloads only its own frontend, whichever replica issued.
///
/// Reloads come in batches: certificates renewed together (or found together by a follower) are handed
/// over at once, so that a frontend reloaded as a whole (a signal, a command) is reloaded once, and one
/// that swaps certificates one by one (HAProxy's runtime API) gets every one of them.
package protocol FrontendReloader: Sendable {
    /// What this reloader does, for logs ("signal HUP to the process in /run/nginx.pid").
    var description: String { get }

    /// Makes the frontend serve every certificate of `certificates` (at most one version per name, in the
    /// order given); throws a ``ReloadError`` saying what to fix. An empty batch does nothing.
    func reload(_ certificates: [ReloadedCertificate]) async throws
}

extension FrontendReloader {
    /// Makes the frontend serve `certificate`: a batch of one.
    package func reload(certificate: ReloadedCertificate) async throws {
        try await reload([certificate])
    }
}
