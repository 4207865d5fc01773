import AsyncHTTPClient
import Logging
import SidecertACME
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One ACME CA and the volume's account at it, for the whole process: one HTTP client (one connection pool
/// to the CA), the directory read once, the account looked up or registered once. Every order, renewal and
/// renewal-information fetch of the process goes through it.
///
/// The HTTP client is made on first use, so that a process that never talks to the CA (the fast path) pays
/// nothing; ``shutdown()`` closes it (``ACMESessions/withSessions(logger:_:)`` does that at the end).
package actor ACMESession {
    package nonisolated let settings: ACMESettings
    nonisolated let accounts: ACMEAccountStore
    private let logger: Logger
    private var httpClient: HTTPClient?
    private var client: ACMEClient?
    private var hasAccount = false

    init(settings: ACMESettings, layout: VolumeLayout, logger: Logger) {
        self.settings = settings
        self.accounts = ACMEAccountStore(layout: layout, directoryURL: settings.directoryURL)
        self.logger = logger
    }

    /// The client, without an account until ``accountClient(onStep:)`` sets one: enough to read the directory
    /// and renewal information, which need no signature.
    private func anonymousClient() throws -> ACMEClient {
        if let client { return client }
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: try .acme(caBundlePath: settings.caBundlePath))
        self.httpClient = httpClient
        let transport = AsyncHTTPClientTransport(httpClient: httpClient, version: SidecertVersion.current)
        let client = ACMEClient(directoryURL: settings.directoryURL, transport: transport, logger: logger)
        self.client = client
        return client
    }

    /// The CA's directory.
    package func directory() async throws -> ACMEDirectory {
        try await anonymousClient().directory()
    }

    /// The CA's renewal window for `leaf` (ARI); nil when the CA offers none.
    package func renewalInformation(certificateID: String) async throws -> ACMERenewalInfo? {
        try await anonymousClient().renewalInfo(certificateID: certificateID)
    }

    /// The client signing with the volume's account: its key loaded (or created, so that racing replicas
    /// agree on one), the account found at the CA or registered.
    ///
    /// - Parameter onStep: told of ``IssuanceStep/accountCreated`` when a new account is registered.
    func accountClient(onStep: IssuanceStepHook) async throws -> ACMEClient {
        let client = try anonymousClient()
        guard !hasAccount else { return client }
        let directory = try await client.directory()
        await client.useAccount(key: try accounts.loadOrCreateKey(), url: accounts.accountURL)
        if accounts.accountURL == nil {
            if let url = try await client.findAccount() {
                try accounts.saveAccountURL(url)
            } else {
                try await register(client, directory: directory)
                try await onStep(.accountCreated)
            }
        }
        hasAccount = true
        return client
    }

    private func register(_ client: ACMEClient, directory: ACMEDirectory) async throws {
        guard settings.agreeToTermsOfService else {
            throw SidecertError.badInput(
                "the CA's terms of service were not agreed to",
                hint: "read \(directory.meta.termsOfService?.absoluteString ?? "them") and pass --agree-tos")
        }
        if directory.meta.externalAccountRequired, settings.externalAccountBinding == nil {
            throw SidecertError.badInput(
                "\(settings.directoryURL.absoluteString) requires external account binding",
                hint: "pass --eab-kid and --eab-hmac-key from your CA account")
        }
        let url = try await client.createAccount(
            contact: settings.contact.map { [$0.mailtoURI] } ?? [],
            termsOfServiceAgreed: true,
            externalAccountBinding: settings.externalAccountBinding
        )
        logger.info("registered an ACME account", metadata: ["account": "\(url.absoluteString)"])
        try accounts.saveAccountURL(url)
    }

    /// Closes the HTTP client; the session is not used afterwards.
    package func shutdown() async {
        try? await httpClient?.shutdown()
        httpClient = nil
        client = nil
    }
}
