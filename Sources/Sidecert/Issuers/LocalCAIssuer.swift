import Logging
import SidecertVolume
import SwiftASN1
import X509

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Issues from the volume's embedded CA: no network, same lease, ledger and publishing as ACME.
struct LocalCAIssuer: CertificateIssuer {
    let layout: VolumeLayout
    let logger: Logger

    var rateLimits: CARateLimits { .unstated }
    var directoryURL: URL? { nil }

    func preflight(_ request: CertificateRequest) async throws(SidecertError) {}

    func issue(_ order: CertificateOrder) async throws(IssuanceFailure) -> IssuedChain {
        do {
            let ca = try LocalCA.loadOrCreate(layout: layout)
            let signingRequest = try CertificateSigningRequest(derEncoded: order.csrDER)
            let leaf = try ca.issueLeaf(names: order.request.names, publicKey: signingRequest.publicKey)
            logger.info("issued from the local CA", metadata: ["names": "\(order.request.names.values.sorted().joined(separator: ","))"])
            return IssuedChain(
                certificateChainPEM: try leaf.serializeAsPEM().pemString, metadata: VersionMetadata(issuerKind: .localCA, issuedAt: Date()))
        } catch let error as SidecertError {
            throw IssuanceFailure(error)
        } catch {
            throw IssuanceFailure(.failure("the local CA could not issue: \(error)"))
        }
    }
}
