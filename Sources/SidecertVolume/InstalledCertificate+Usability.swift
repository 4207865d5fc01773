import Foundation
import X509

extension InstalledCertificate {
    /// Whether a certificate can be served as it is, and if not, every reason why (for logs and `status`).
    public enum Usability: Sendable, Equatable {
        case usable
        case unusable(reasons: [String])

        /// True for ``usable``.
        public var isUsable: Bool { self == .usable }
    }

    /// Decides whether this certificate serves the requested names right now.
    ///
    /// Usable means: the key matches the leaf; the leaf's names are exactly `requestedNames`
    /// (case-insensitive; IP addresses in canonical form); `now` is in [notBefore, notAfter); every
    /// required extended key usage is listed (or `anyExtendedKeyUsage` is); it is not a placeholder.
    public func usability(
        requestedNames: Set<String>,
        requiredUsages: Set<ExtendedKeyUsageName> = [],
        now: Date
    ) -> Usability {
        var reasons: [String] = []
        if !keyMatchesCertificate {
            reasons.append("the private key does not belong to the certificate")
        }
        let requested = Set(requestedNames.map { $0.lowercased() })
        let missing = requested.subtracting(names).sorted()
        let extra = names.subtracting(requested).sorted()
        if !missing.isEmpty {
            reasons.append("it does not cover \(missing.joined(separator: ", "))")
        }
        if !extra.isEmpty {
            reasons.append("it also covers \(extra.joined(separator: ", ")), which were not requested")
        }
        if now < notBefore {
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
        if isPlaceholder {
            reasons.append("it is a self-signed placeholder")
        }
        return reasons.isEmpty ? .usable : .unusable(reasons: reasons)
    }
}
