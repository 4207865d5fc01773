import X509

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension InstalledCertificate {
    /// Whether a certificate can be served as it is, and if not, every reason why (for logs and `status`).
    package enum Usability: Sendable, Equatable {
        case usable
        case unusable(reasons: [String])

        /// True for ``usable``.
        package var isUsable: Bool { self == .usable }
    }

    /// Decides whether this version serves the requested names right now.
    ///
    /// Usable means, for every credential loaded: the key matches the leaf; the leaf's names are exactly
    /// `requestedNames` (case-insensitive; IP addresses in canonical form); `now` is in [notBefore, notAfter),
    /// give or take ``notBeforeAllowance`` at the start;
    /// every required extended key usage is listed (or `anyExtendedKeyUsage` is). The version is not a
    /// placeholder. With several key types requested, it holds a certificate of each, the first one's in the
    /// plain file names. With one, a certificate of another type still serves until it is renewed (with the
    /// requested type): changing `--key-type` costs no certificate.
    package func usability(
        requestedNames: Set<String>,
        requiredUsages: Set<ExtendedKeyUsageName> = [],
        requestedKeyTypes: [CertificateKeyType] = [],
        now: Date
    ) -> Usability {
        var reasons: [String] = []
        let requested = Set(requestedNames.map { $0.lowercased() })
        for credential in credentials {
            let which = others.isEmpty ? "" : " (\(credential.keyType.rawValue))"
            reasons += credential.problems(requestedNames: requested, requiredUsages: requiredUsages, now: now).map { $0 + which }
        }
        if requestedKeyTypes.count > 1, let first = requestedKeyTypes.first, primary.keyType != first {
            reasons.append("its main certificate (fullchain.pem) is \(primary.keyType.rawValue), not \(first.rawValue)")
        }
        for keyType in missingKeyTypes {
            reasons.append("it has no \(keyType.rawValue) certificate")
        }
        if isPlaceholder {
            reasons.append("it is a self-signed placeholder")
        }
        return reasons.isEmpty ? .usable : .unusable(reasons: Self.unique(reasons))
    }

    /// How long before its notBefore a certificate already counts as valid: a replica whose clock runs slow
    /// sees a certificate just issued as not valid yet, and ordering another would bring one stamped the
    /// same way by the CA's clock. Let's Encrypt backdates notBefore by an hour for clients with slow clocks;
    /// other CAs (Pebble, some private ones) do not backdate at all.
    package static let notBeforeAllowance: TimeInterval = 3_600

    private static func unique(_ reasons: [String]) -> [String] {
        var seen = Set<String>()
        return reasons.filter { seen.insert($0).inserted }
    }
}

extension InstalledCredential {
    /// Why this credential cannot be served for the request; empty when it can.
    func problems(requestedNames requested: Set<String>, requiredUsages: Set<ExtendedKeyUsageName>, now: Date) -> [String] {
        var reasons: [String] = []
        if !keyMatchesCertificate {
            reasons.append("the private key does not belong to the certificate")
        }
        let missing = requested.subtracting(names).sorted()
        let extra = names.subtracting(requested).sorted()
        if !missing.isEmpty {
            reasons.append("it does not cover \(missing.joined(separator: ", "))")
        }
        if !extra.isEmpty {
            reasons.append("it also covers \(extra.joined(separator: ", ")), which \(extra.count == 1 ? "was" : "were") not requested")
        }
        if now < notBefore.addingTimeInterval(-InstalledCertificate.notBeforeAllowance) {
            reasons.append("it is not valid before \(notBefore.formatted(.iso8601))")
        }
        if now >= notAfter {
            reasons.append("it expired at \(notAfter.formatted(.iso8601))")
        }
        let lacking = requiredUsages.filter { !usages.contains($0.usage) && !usages.contains(.any) }
        if !lacking.isEmpty {
            let list = lacking.map(\.rawValue).sorted().joined(separator: ", ")
            reasons.append("it lacks the extended key usage \(list)")
        }
        return reasons
    }
}
