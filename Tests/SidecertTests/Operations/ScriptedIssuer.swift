import Foundation
import Logging
import SwiftASN1
import Synchronization
import X509

@testable import Sidecert
@testable import SidecertVolume

/// An issuer that does what the test tells it, one scripted answer per order, and signs real certificates
/// (through the volume's embedded CA) when told to issue: `EnsureOperation`'s every branch without a CA.
final class ScriptedIssuer: CertificateIssuer {
    /// What one order gets.
    indirect enum Answer: Sendable {
        /// A certificate for the request, as a CA would issue it.
        case issue
        /// A certificate without the `clientAuth` usage (a CA profile that dropped it).
        case issueWithoutClientAuth
        /// This failure.
        case fail(IssuanceFailure)
        /// Runs `action` first (another replica publishing, say), then answers `then`.
        case after(@Sendable () async throws -> Void, then: Answer)
    }

    let layout: VolumeLayout
    let rateLimits: CARateLimits
    let directoryURL: URL?
    private let answers: Mutex<[Answer]>
    /// The orders received: what the operation asked for.
    let orders = Mutex<[CertificateOrder]>([])
    /// A failure of the checks made before the lease.
    let preflightFailure: SidecertError?

    init(
        layout: VolumeLayout, answers: [Answer], rateLimits: CARateLimits = .unstated, directoryURL: URL? = URL(string: "https://ca.test/dir"),
        preflightFailure: SidecertError? = nil
    ) {
        self.layout = layout
        self.answers = Mutex(answers)
        self.rateLimits = rateLimits
        self.directoryURL = directoryURL
        self.preflightFailure = preflightFailure
    }

    var orderCount: Int { orders.withLock { $0.count } }

    func preflight(_ request: CertificateRequest) async throws(SidecertError) {
        if let preflightFailure { throw preflightFailure }
    }

    func issue(_ order: CertificateOrder) async throws(IssuanceFailure) -> IssuedChain {
        orders.withLock { $0.append(order) }
        let answer = answers.withLock { $0.isEmpty ? Answer.issue : $0.removeFirst() }
        return try await respond(answer, to: order)
    }

    private func respond(_ answer: Answer, to order: CertificateOrder) async throws(IssuanceFailure) -> IssuedChain {
        switch answer {
        case .issue:
            return try sign(order, usages: [.serverAuth, .clientAuth])
        case .issueWithoutClientAuth:
            return try sign(order, usages: [.serverAuth])
        case .fail(let failure):
            throw failure
        case .after(let action, let then):
            do {
                try await action()
            } catch {
                throw IssuanceFailure(.failure("the scripted action failed: \(error)"))
            }
            return try await respond(then, to: order)
        }
    }

    private func sign(_ order: CertificateOrder, usages: [ExtendedKeyUsage.Usage]) throws(IssuanceFailure) -> IssuedChain {
        do {
            let ca = try LocalCA.loadOrCreate(layout: layout)
            let publicKey = try CertificateSigningRequest(derEncoded: order.csrDER).publicKey
            let leaf = try ca.issueLeaf(names: order.request.names, publicKey: publicKey, usages: usages)
            let kind: VersionMetadata.IssuerKind = directoryURL == nil ? .localCA : .acme
            return IssuedChain(
                certificateChainPEM: try leaf.serializeAsPEM().pemString, metadata: VersionMetadata(issuerKind: kind, issuedAt: Date()))
        } catch {
            throw IssuanceFailure(.failure("the scripted issuer could not sign: \(error)"))
        }
    }
}
