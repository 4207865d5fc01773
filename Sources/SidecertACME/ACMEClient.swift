import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An ACME (RFC 8555) client for one CA and one account.
///
/// An actor because it owns mutable protocol state shared by every request: the cached directory, the pool of
/// unused nonces, the account key and URL. It knows nothing of volumes: callers store the account key and URL
/// and hand them back through ``useAccount(key:url:)``. Without an account key it still reads the directory
/// and renewal information, which need no signature.
package actor ACMEClient {
    /// The directory URL, e.g. Let's Encrypt's or a local Pebble's.
    package let directoryURL: URL
    /// The HTTP exchange underneath.
    let transport: any ACMETransport
    /// The key that signs every request, once set; replaced by ``changeAccountKey(to:)``.
    var accountKey: AccountKey?
    /// Where request-level detail goes (never key material).
    let logger: Logger
    /// How long and how often to poll orders and authorizations.
    package let polling: ACMEPollingPolicy
    /// The directory, fetched once.
    var cachedDirectory: ACMEDirectory?
    /// Nonces from earlier responses.
    var nonces = NoncePool()
    /// The account (`kid`) that signs requests, once found, created or set.
    package internal(set) var accountURL: URL?

    /// How often one request is sent again after `badNonce` (Pebble rejects 5% of nonces on purpose).
    static let badNonceRetries = 3

    /// Creates a client; nothing is sent until the first call.
    package init(
        directoryURL: URL,
        transport: any ACMETransport,
        accountKey: AccountKey? = nil,
        logger: Logger,
        polling: ACMEPollingPolicy = ACMEPollingPolicy()
    ) {
        self.directoryURL = directoryURL
        self.transport = transport
        self.accountKey = accountKey
        self.logger = logger
        self.polling = polling
    }

    /// The CA's directory, fetched on first use and cached for the client's lifetime.
    package func directory() async throws -> ACMEDirectory {
        if let cachedDirectory {
            return cachedDirectory
        }
        let response = try await get(directoryURL)
        let directory: ACMEDirectory
        do {
            directory = try JSONDecoder().decode(ACMEDirectory.self, from: Data(response.body))
        } catch {
            // A web page, a proxy's error page or another API: the URL is wrong, which trying later does not cure.
            throw ACMEError(
                code: .notADirectory,
                message: "\(directoryURL.absoluteString) answered HTTP \(response.status), but not with an ACME directory "
                    + "(a JSON object with newNonce, newAccount and newOrder URLs): \(ACMEJSON.describe(error)).",
                underlyingError: error
            )
        }
        cachedDirectory = directory
        return directory
    }

    /// Uses an account found or created earlier (its URL stored on the volume), skipping `newAccount`.
    package func useAccount(url: URL) {
        accountURL = url
    }

    /// Signs with `key` from now on, and uses the account at `url` when it is known (else ``findAccount()`` or
    /// ``createAccount(contact:termsOfServiceAgreed:externalAccountBinding:)`` finds it).
    package func useAccount(key: AccountKey, url: URL?) {
        accountKey = key
        accountURL = url
    }

    /// The account key, or an error saying none is set.
    func requireAccountKey() throws -> AccountKey {
        guard let accountKey else {
            throw ACMEError(code: .noAccount, message: "No ACME account key is set for \(directoryURL.absoluteString).")
        }
        return accountKey
    }
}
