import Logging
import Sidecert
import SidecertACME
import SidecertReload
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Holds a certificate's first order back until the frontend can answer the CA: the CA's HTTP-01 request to
/// a frontend that is not up yet costs one of its failed validations (Let's Encrypt allows 5 per name an
/// hour) and a backoff.
///
/// Two signs, each only where it can be had: after a placeholder, the first successful reload of the
/// frontend (it runs, and has loaded what is live); with `--http-probe`, a probe answer served through the
/// frontend's own address (``FrontendProbe``). Bounded by ``limit``: past it the order goes anyway, as it
/// would have without the wait, with a warning saying what was not seen.
struct FrontendReadiness: Sendable {
    let layout: VolumeLayout
    let reloader: DebouncedReloader?
    let probe: FrontendProbe?
    let logger: Logger
    /// How long to wait at most (`--frontend-wait`).
    var limit: Duration
    /// How often to look again.
    var interval: Duration = .milliseconds(500)

    /// Waits until the frontend can answer for `spec`'s order, or ``limit`` has passed.
    func wait(for spec: CertificateSpec) async {
        let name = spec.request.certName
        let installed = try? InstalledCertificate.load(layout: layout, name: name)
        let afterPlaceholder = installed?.isPlaceholder == true ? reloader : nil
        let probe = spec.issuer.challenge == .http01 ? probe : nil
        guard afterPlaceholder != nil || probe != nil else { return }
        let awaited = [
            afterPlaceholder.map { "a successful reload of the frontend after the placeholder (\($0.reloader.description))" },
            probe.map { "the frontend serving the volume's HTTP-01 answers at \($0.url(token: "<probe>"))" },
        ].compactMap { $0 }.joined(separator: " and ")
        logger.info(
            "waiting for the frontend before ordering", metadata: ["cert": "\(name)", "for": "\(awaited)", "gives up after": "\(limit)"])
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        var reloaded = afterPlaceholder == nil
        var lastRequest = clock.now
        var probeProblem: String? = probe == nil ? nil : "not asked yet"
        while !Task.isCancelled {
            if !reloaded, let reloader = afterPlaceholder {
                reloaded = await reloader.statistics.succeeded > 0
                // The reloader gives a batch up after its retries (36 s): a frontend that starts later is asked again.
                if !reloaded, clock.now - lastRequest >= .seconds(10), let version = installed?.version, let live = try? layout.live(name) {
                    await reloader.request(ReloadedCertificate(name: name, liveDirectory: live, version: version))
                    lastRequest = clock.now
                }
            }
            if reloaded, let probe { probeProblem = await probe.check() }
            if reloaded, probeProblem == nil {
                logger.info("the frontend is ready; ordering", metadata: ["cert": "\(name)", "waited": "\(clock.now - (deadline - limit))"])
                return
            }
            guard clock.now < deadline else { break }
            try? await Task.sleep(for: interval)
        }
        guard !Task.isCancelled else { return }
        let missing = [reloaded ? nil : "no reload of the frontend succeeded", probeProblem].compactMap { $0 }.joined(separator: "; ")
        logger.warning(
            "the frontend did not get ready in time; ordering anyway", metadata: ["cert": "\(name)", "waited": "\(limit)", "why": "\(missing)"])
    }
}

extension IssuerChoice {
    /// The challenge an ACME order proves control with; nil for the embedded CA, which needs none.
    var challenge: ACMEChallengeType? {
        if case .acme(let settings) = self { return settings.challenge }
        return nil
    }
}
