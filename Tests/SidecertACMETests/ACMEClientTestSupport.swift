import Foundation
import Logging

@testable import SidecertACME

/// A client wired to a ``ScriptedCA``, polling fast so tests take milliseconds.
struct ClientFixture {
    let ca = ScriptedCA()
    let accountKey: AccountKey
    let client: ACMEClient

    init(timeout: Duration = .seconds(60)) throws {
        accountKey = try AccountKey.generate()
        client = ACMEClient(
            directoryURL: ScriptedCA.directoryURL,
            transport: ca,
            accountKey: accountKey,
            logger: Self.logger,
            polling: ACMEPollingPolicy(
                initialDelay: .milliseconds(1),
                maximumDelay: .milliseconds(5),
                maximumRetryAfter: .milliseconds(20),
                timeout: timeout
            )
        )
    }

    static let logger = Logger(label: "sidecert.acme.test") { _ in SwiftLogNoOpLogHandler() }

    /// Another client for the same CA and account key, as a second replica or a later run would have.
    func secondClient() -> ACMEClient {
        ACMEClient(directoryURL: ScriptedCA.directoryURL, transport: ca, accountKey: accountKey, logger: Self.logger)
    }

    /// An account at the CA, as every issuance needs.
    func withAccount() async throws -> ClientFixture {
        _ = try await client.createAccount(
            contact: ["mailto:ops@example.com"],
            termsOfServiceAgreed: true,
            externalAccountBinding: nil
        )
        return self
    }

    static func request(_ names: String...) -> ACMEIssuanceRequest {
        ACMEIssuanceRequest(identifiers: names.map(ACMEIdentifier.dns), csrDER: [0x30, 0x82, 0x01, 0xFF])
    }
}
