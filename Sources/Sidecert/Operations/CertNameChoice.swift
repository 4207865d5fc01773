import Logging
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Which `live/` directory a request without `--cert-name` uses.
///
/// The default is the first `--domain` (`*.` as `_wildcard.`), so the same names given in another order
/// would look under another directory, miss the certificate already there (one imported from certbot,
/// whose lineage is named after its first domain, say) and order a duplicate. So when the default
/// directory holds no usable certificate for the request and the directory of another of its names does,
/// for exactly these names, that one is used. Only the slow path pays for the look, and only one look per
/// name of the request: a volume of 10,000 certificates is not read for each one issued.
package enum CertNameChoice {
    /// The same request under another of its names' directories, when `request` has no `--cert-name` and that
    /// directory holds a usable certificate for it (the first in name order); nil otherwise. The default
    /// directory is not looked at: the caller has.
    package static func adopted(_ request: CertificateRequest, layout: VolumeLayout, now: Date) -> CertificateRequest? {
        guard !request.hasChosenCertName else { return nil }
        let others = Set(request.names.values.map { CertificateNameSet.defaultCertName(firstDomain: $0) }).subtracting([request.certName])
        return others.sorted().lazy.map { request.named($0) }.first { isUsable($0, layout: layout, now: now) }
    }

    /// `request` under its directory, settled: the one ``adopted(_:layout:now:)`` finds when its own holds no
    /// usable certificate, else its own; `adoptedFrom` is the default name passed over.
    package static func settled(_ request: CertificateRequest, layout: VolumeLayout, now: Date) -> (request: CertificateRequest, adoptedFrom: String?)
    {
        if !request.hasChosenCertName, !isUsable(request, layout: layout, now: now), let found = adopted(request, layout: layout, now: now) {
            return (found, request.certName)
        }
        return (request.named(request.certName), nil)
    }

    /// Each spec under its directory, ``settled(_:layout:now:)`` once (`run` follows the same directories for
    /// its whole life); the log says which were found under another name.
    package static func settle(_ specs: [CertificateSpec], layout: VolumeLayout, now: Date, logger: Logger) -> [CertificateSpec] {
        specs.map { spec in
            let (request, adoptedFrom) = settled(spec.request, layout: layout, now: now)
            if let adoptedFrom { announce(request, insteadOf: adoptedFrom, logger: logger) }
            return CertificateSpec(request: request, issuer: spec.issuer)
        }
    }

    /// The log line saying that `request` is kept under another directory than its default.
    package static func announce(_ request: CertificateRequest, insteadOf defaultName: String, logger: Logger) {
        logger.notice(
            "using the certificate for these names under live/\(request.certName): no --cert-name was given, and live/\(defaultName) holds none",
            metadata: ["cert": "\(request.certName)", "names": "\(request.names.values.sorted().joined(separator: ","))"])
    }

    private static func isUsable(_ request: CertificateRequest, layout: VolumeLayout, now: Date) -> Bool {
        guard let installed = try? request.installed(on: layout) else { return false }
        return request.usability(of: installed, now: now) == .usable
    }
}
