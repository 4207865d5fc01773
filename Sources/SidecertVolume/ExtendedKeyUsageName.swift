import X509

/// Extended key usages a deployment can require of its certificate (`clientAuth` for XMPP s2s and mTLS
/// meshes, since Let's Encrypt dropped it from its default profile in 2026).
package enum ExtendedKeyUsageName: String, CaseIterable, Sendable, Codable {
    case serverAuth
    case clientAuth
    case codeSigning
    case emailProtection
    case timeStamping
    case ocspSigning

    /// The swift-certificates value with the same OID.
    var usage: ExtendedKeyUsage.Usage {
        switch self {
        case .serverAuth: .serverAuth
        case .clientAuth: .clientAuth
        case .codeSigning: .codeSigning
        case .emailProtection: .emailProtection
        case .timeStamping: .timeStamping
        case .ocspSigning: .ocspSigning
        }
    }
}
