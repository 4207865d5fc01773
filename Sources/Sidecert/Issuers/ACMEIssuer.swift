import Foundation
import Logging
import NIOCore
import SidecertACME
import SidecertChallenges
import SidecertVolume
import X509

/// Issues from an ACME CA: account (reused from the volume), order, HTTP-01 from the volume, finalize.
struct ACMEIssuer: CertificateIssuer {
    let settings: ACMESettings
    let layout: VolumeLayout
    let logger: Logger

    private var accounts: ACMEAccountStore { ACMEAccountStore(layout: layout, directoryURL: settings.directoryURL) }

    /// A missing `--agree-tos` is caught here, before the lease and before anything is written.
    func preflight(_ request: CertificateRequest) async throws(SidecertError) {
        guard !accounts.hasAccount, !settings.agreeToTermsOfService else { return }
        let terms = await termsOfServiceURL()
        throw .badInput(
            "no ACME account for \(settings.directoryURL.absoluteString) on this volume, and the CA's terms of service were not agreed to",
            hint:
                "read \(terms?.absoluteString ?? "the CA's terms of service (the directory's meta.termsOfService)") and pass --agree-tos (or SIDECERT_AGREE_TOS=true)"
        )
    }

    /// The terms URL from the directory's `meta`, for the message above; best effort with a short timeout.
    private func termsOfServiceURL() async -> URL? {
        try? await AsyncHTTPClientTransport.withTransport(
            caBundlePath: settings.caBundlePath, version: SidecertVersion.current, requestTimeout: .seconds(3)
        ) {
            transport in
            let client = ACMEClient(directoryURL: settings.directoryURL, transport: transport, accountKey: try .generate(), logger: logger)
            return try await client.directory().meta.termsOfService
        }
    }

    func issue(_ request: CertificateRequest, replacing current: InstalledCertificate?) async throws(IssuanceFailure) -> CertificateFiles {
        do {
            return try await AsyncHTTPClientTransport.withTransport(caBundlePath: settings.caBundlePath, version: SidecertVersion.current) {
                transport in
                try await issue(request, replacing: current, transport: transport)
            }
        } catch let failure as IssuanceFailure {
            throw failure
        } catch let error as SidecertError {
            throw IssuanceFailure(error)
        } catch let error as ACMEError {
            throw IssuanceFailure(acmeError: error, directoryURL: settings.directoryURL)
        } catch {
            throw IssuanceFailure(.failure("issuing from \(settings.directoryURL.absoluteString) failed: \(error)"))
        }
    }

    private func issue(_ request: CertificateRequest, replacing current: InstalledCertificate?, transport: any ACMETransport) async throws
        -> CertificateFiles
    {
        let probe = ACMEClient(directoryURL: settings.directoryURL, transport: transport, accountKey: try .generate(), logger: logger)
        let directory = try await probe.directory()
        let profile = try checkedProfile(in: directory)

        let client = ACMEClient(directoryURL: settings.directoryURL, transport: transport, accountKey: try accounts.loadOrCreateKey(), logger: logger)
        try await useOrRegisterAccount(client, directory: directory)

        let key = try CertificateKey.generate(request.keyType)
        let csr = try request.names.certificateSigningRequestDER(key: key.privateKey)
        let identifiers = request.names.names.map { name in
            name.kind == .dns ? ACMEIdentifier.dns(name.value) : ACMEIdentifier.ip(name.value)
        }
        let solver = VolumeHTTP01Solver(challenges: ChallengeDirectory(layout: layout), logger: logger)
        let order = ACMEIssuanceRequest(identifiers: identifiers, csrDER: csr, profile: profile, replaces: replacesIdentifier(current, directory))
        let listen = settings.httpListen.map { (host: $0.host, port: $0.port) }
        let issued = try await HTTP01Listener.whileListening(on: listen, challenges: ChallengeDirectory(layout: layout), logger: logger) {
            do {
                return try await client.issue(order, solvers: [solver])
            } catch let error as ACMEError where order.replaces != nil && error.problem?.type == .malformed {
                // The CA does not know the certificate named in `replaces` (it came from another CA or
                // account): a renewal without it is still a renewal.
                logger.warning(
                    "the CA refused `replaces`; ordering without it", metadata: ["replaces": "\(order.replaces ?? "")", "problem": "\(error)"])
                var plain = order
                plain.replaces = nil
                return try await client.issue(plain, solvers: [solver])
            }
        }
        return try CertificateFiles(
            certificateChainPEM: issued.certificateChainPEM,
            key: key,
            metadata: VersionMetadata(issuerKind: .acme, issuedAt: Date(), alternateChainURLs: issued.alternateChainURLs.map(\.absoluteString))
        )
    }

    /// The ARI identifier of the certificate being renewed, when the CA offers ARI and this CA (an ACME
    /// issuance, not an import or a placeholder) could know it.
    private func replacesIdentifier(_ current: InstalledCertificate?, _ directory: ACMEDirectory) -> String? {
        guard directory.renewalInfo != nil, let current, current.issuerKind == .acme else { return nil }
        return ACMEClient.certificateID(for: current.leaf)
    }

    /// `--profile`, checked against what the directory advertises.
    private func checkedProfile(in directory: ACMEDirectory) throws -> String? {
        guard let profile = settings.profile else { return nil }
        let offered = directory.meta.profiles
        if offered.isEmpty {
            logger.warning("the CA advertises no profiles; ordering without --profile", metadata: ["profile": "\(profile)"])
            return nil
        }
        guard offered[profile] != nil else {
            throw SidecertError.badInput(
                "--profile '\(profile)' is not offered by \(settings.directoryURL.absoluteString)",
                hint: "use one of \(offered.keys.sorted().joined(separator: ", "))")
        }
        return profile
    }

    private func useOrRegisterAccount(_ client: ACMEClient, directory: ACMEDirectory) async throws {
        if let url = accounts.accountURL {
            await client.useAccount(url: url)
            return
        }
        if let url = try await client.findAccount() {
            try accounts.saveAccountURL(url)
            return
        }
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
}

extension IssuanceFailure {
    /// What an ACME failure means for the user (exit status) and for the ledger.
    init(acmeError: ACMEError, directoryURL: URL) {
        let problemType = acmeError.problem?.type.rawValue
        let failedNames = acmeError.code == .validationFailed ? [acmeError.identifier?.value].compactMap { $0 } : []
        let code: SidecertError.Code
        var hint: String? = nil
        switch acmeError.code {
        case .unreachable, .timedOut:
            code = .tryLater
            hint = "check that \(directoryURL.host ?? "the CA") is reachable"
        case .problem where acmeError.problem?.type == .rateLimited:
            code = .tryLater
            hint = "the CA's rate limit applies fleet-wide; wait until the time it gave"
        case .problem where (acmeError.problem?.status ?? 0) >= 500:
            code = .tryLater
        case .invalidCABundle, .unsupportedProfile, .termsOfServiceNotAgreed, .externalAccountRequired, .invalidExternalAccountBinding:
            code = .badInput
        case .validationFailed:
            code = .failure
            hint =
                "make every replica's frontend serve <storage>/acme-challenge/ at http://NAME/.well-known/acme-challenge/ (see the README's nginx snippet)"
        default:
            code = .failure
        }
        self.init(
            SidecertError(code, "\(acmeError)", hint: hint), problemType: problemType, retryAfter: acmeError.retryAfter,
            failedValidations: failedNames)
    }
}
