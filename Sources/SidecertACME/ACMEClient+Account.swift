import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension ACMEClient {
    /// The `newAccount` payload (RFC 8555 §7.3); absent members are left out.
    private struct NewAccount: Encodable {
        var contact: [String]?
        var termsOfServiceAgreed: Bool?
        var onlyReturnExisting: Bool?
        var externalAccountBinding: JWS?
    }

    /// The inner payload of a key change (RFC 8555 §7.3.5).
    private struct KeyChange: Encodable {
        var account: String
        var oldKey: JSONWebKey
    }

    /// Looks up the account of ``accountKey`` without creating one (`onlyReturnExisting`), and uses it.
    ///
    /// - Returns: the account URL, or `nil` when the CA has no account for this key.
    package func findAccount() async throws -> URL? {
        let newAccountURL = try await directory().newAccount
        do {
            let response = try await post(
                newAccountURL,
                payload: NewAccount(onlyReturnExisting: true),
                signer: .jwk(try requireAccountKey().jwk)
            )
            let url = try location(of: response, requestURL: newAccountURL)
            accountURL = url
            logger.debug("Found existing ACME account", metadata: ["acme.account": "\(url.absoluteString)"])
            return url
        } catch let error as ACMEError where error.problem?.type == .accountDoesNotExist {
            return nil
        }
    }

    /// Creates an account for ``accountKey`` (or finds the existing one: CAs answer that with its URL), and uses it.
    ///
    /// - Parameters:
    ///   - contact: contact URLs such as `mailto:ops@example.com`; may be empty.
    ///   - termsOfServiceAgreed: the operator agreed (`--agree-tos`) to the terms in the directory's `meta`.
    ///   - externalAccountBinding: required when the directory says `externalAccountRequired`.
    package func createAccount(
        contact: [String],
        termsOfServiceAgreed: Bool,
        externalAccountBinding: ExternalAccountBinding?
    ) async throws -> URL {
        let directory = try await directory()
        if let terms = directory.meta.termsOfService, !termsOfServiceAgreed {
            throw ACMEError(
                code: .termsOfServiceNotAgreed,
                message: "The CA at \(directoryURL.absoluteString) requires agreeing to its terms of service "
                    + "(\(terms.absoluteString)) before it creates an account."
            )
        }
        if directory.meta.externalAccountRequired, externalAccountBinding == nil {
            throw ACMEError(
                code: .externalAccountRequired,
                message: "The CA at \(directoryURL.absoluteString) only creates accounts with an external account "
                    + "binding (a key ID and an HMAC key the CA gives)."
            )
        }
        let jwk = try requireAccountKey().jwk
        let payload = NewAccount(
            contact: contact.isEmpty ? nil : contact,
            termsOfServiceAgreed: termsOfServiceAgreed ? true : nil,
            externalAccountBinding: try externalAccountBinding?.signature(
                over: jwk,
                newAccountURL: directory.newAccount
            )
        )
        let response = try await post(directory.newAccount, payload: payload, signer: .jwk(jwk))
        let url = try location(of: response, requestURL: directory.newAccount)
        accountURL = url
        logger.info("ACME account ready", metadata: ["acme.account": "\(url.absoluteString)"])
        return url
    }

    /// Rolls the account over to a new key (RFC 8555 §7.3.5) and signs with it from then on.
    ///
    /// Store the new key before calling: if the CA accepts the change and the process dies before the new key
    /// is stored, the account is lost.
    package func changeAccountKey(to newKey: AccountKey) async throws {
        let directory = try await directory()
        guard let keyChangeURL = directory.keyChange else {
            throw ACMEError(
                code: .notOffered,
                message: "The CA at \(directoryURL.absoluteString) does not offer account key changes (keyChange)."
            )
        }
        let inner = try JWS(
            payload: try ACMEJSON.encode(
                KeyChange(account: try requireAccountURL().absoluteString, oldKey: try requireAccountKey().jwk)
            ),
            url: keyChangeURL,
            nonce: nil,
            signer: .jwk(newKey.jwk),
            key: newKey
        )
        _ = try await post(keyChangeURL, payload: inner)
        accountKey = newKey
        logger.info("ACME account key changed", metadata: ["acme.account": "\(accountURL?.absoluteString ?? "")"])
    }
}
