#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The CA's directory (RFC 8555 §7.1.1): the only source of the URLs the client talks to.
///
/// Decoded leniently: unknown members are ignored, and optional resources a CA leaves out stay `nil` until
/// an operation needs them.
package struct ACMEDirectory: Sendable, Decodable {
    /// Where fresh nonces come from (HEAD).
    package var newNonce: URL
    /// Creates or looks up accounts.
    package var newAccount: URL
    /// Creates orders.
    package var newOrder: URL
    /// Revokes certificates; every public CA offers it, but a test CA may not.
    package var revokeCert: URL?
    /// Rolls the account key over (RFC 8555 §7.3.5).
    package var keyChange: URL?
    /// ACME Renewal Information (RFC 9773), when the CA offers it; without it, renewal timing is the client's.
    package var renewalInfo: URL?
    /// What the CA says about itself.
    package var meta: Meta

    /// The directory's `meta` object.
    package struct Meta: Sendable, Decodable {
        /// The terms of service a new account must agree to (`--agree-tos`); never hard-coded elsewhere.
        package var termsOfService: URL?
        /// The CA's web site, for error messages.
        package var website: URL?
        /// The domains the CA recognizes in CAA records.
        package var caaIdentities: [String]
        /// Whether new accounts need an external account binding (`--eab-kid`, `--eab-hmac-key`).
        package var externalAccountRequired: Bool
        /// The profiles the CA offers (draft-ietf-acme-profiles): name → human-readable description.
        package var profiles: [String: String]

        /// An empty `meta`, for CAs that send none.
        package init(
            termsOfService: URL? = nil,
            website: URL? = nil,
            caaIdentities: [String] = [],
            externalAccountRequired: Bool = false,
            profiles: [String: String] = [:]
        ) {
            self.termsOfService = termsOfService
            self.website = website
            self.caaIdentities = caaIdentities
            self.externalAccountRequired = externalAccountRequired
            self.profiles = profiles
        }

        private enum CodingKeys: String, CodingKey {
            case termsOfService, website, caaIdentities, externalAccountRequired, profiles
        }

        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                termsOfService: try? container.decodeIfPresent(URL.self, forKey: .termsOfService),
                website: try? container.decodeIfPresent(URL.self, forKey: .website),
                caaIdentities: (try? container.decodeIfPresent([String].self, forKey: .caaIdentities)) ?? [],
                externalAccountRequired: (try? container.decodeIfPresent(Bool.self, forKey: .externalAccountRequired))
                    ?? false,
                profiles: (try? container.decodeIfPresent([String: String].self, forKey: .profiles)) ?? [:]
            )
        }
    }

    /// Creates a directory, for tests and for callers that already know the URLs.
    package init(
        newNonce: URL,
        newAccount: URL,
        newOrder: URL,
        revokeCert: URL? = nil,
        keyChange: URL? = nil,
        renewalInfo: URL? = nil,
        meta: Meta = Meta()
    ) {
        self.newNonce = newNonce
        self.newAccount = newAccount
        self.newOrder = newOrder
        self.revokeCert = revokeCert
        self.keyChange = keyChange
        self.renewalInfo = renewalInfo
        self.meta = meta
    }

    private enum CodingKeys: String, CodingKey {
        case newNonce, newAccount, newOrder, revokeCert, keyChange, renewalInfo, meta
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            newNonce: try container.decode(URL.self, forKey: .newNonce),
            newAccount: try container.decode(URL.self, forKey: .newAccount),
            newOrder: try container.decode(URL.self, forKey: .newOrder),
            revokeCert: try? container.decodeIfPresent(URL.self, forKey: .revokeCert),
            keyChange: try? container.decodeIfPresent(URL.self, forKey: .keyChange),
            renewalInfo: try? container.decodeIfPresent(URL.self, forKey: .renewalInfo),
            meta: (try? container.decodeIfPresent(Meta.self, forKey: .meta)) ?? Meta()
        )
    }
}
