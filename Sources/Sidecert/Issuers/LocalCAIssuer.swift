import Foundation
import Logging
import SidecertVolume
import SwiftASN1
import X509

/// Issues from the volume's embedded CA: no network, same lease, ledger and publishing as ACME.
struct LocalCAIssuer: CertificateIssuer {
    let layout: VolumeLayout
    let logger: Logger

    func preflight(_ request: CertificateRequest) async throws(SidecertError) {}

    func issue(_ request: CertificateRequest, replacing current: InstalledCertificate?) async throws(IssuanceFailure) -> CertificateFiles {
        do {
            let ca = try LocalCA.loadOrCreate(layout: layout)
            let key = try CertificateKey.generate(request.keyType)
            let leaf = try ca.issueLeaf(names: request.names, publicKey: key.privateKey.publicKey)
            logger.info("issued from the local CA", metadata: ["names": "\(request.names.values.sorted().joined(separator: ","))"])
            return try CertificateFiles(
                certificateChainPEM: leaf.serializeAsPEM().pemString,
                key: key,
                metadata: VersionMetadata(issuerKind: .localCA, issuedAt: Date())
            )
        } catch let error as SidecertError {
            throw IssuanceFailure(error)
        } catch {
            throw IssuanceFailure(.failure("the local CA could not issue: \(error)"))
        }
    }
}
