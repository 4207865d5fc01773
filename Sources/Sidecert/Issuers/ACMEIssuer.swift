import Logging
import SidecertACME
import SidecertChallenges
import SidecertDNS
import SidecertHTTPServer
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Issues from an ACME CA through the process's session with it: the volume's account, one order, the
/// challenges answered by the spec's solvers (journaled on the volume so a crash leaves nothing behind).
struct ACMEIssuer: CertificateIssuer {
    let settings: ACMESettings
    let session: ACMESession
    /// Where this process answers HTTP-01 and TLS-ALPN-01 itself while an order runs.
    let listeners: ChallengeListeners
    let layout: VolumeLayout
    let logger: Logger

    var rateLimits: CARateLimits { settings.rateLimits }
    var directoryURL: URL? { settings.directoryURL }

    /// A missing `--agree-tos`, a listen address that cannot be bound, DNS credentials the provider refuses, and
    /// a directory that cannot be trusted or is none (``ACMEDirectoryCheck``) are caught here, before the lease
    /// and before anything is written.
    func preflight(_ request: CertificateRequest) async throws(SidecertError) {
        try await checkListenAddresses()
        try await checkDNSAccess(request)
        let directory = try await checkedDirectory()
        guard !session.accounts.hasAccount, !settings.agreeToTermsOfService else { return }
        let terms = directory?.meta.termsOfService
        throw .badInput(
            "no ACME account for \(settings.directoryURL.absoluteString) on this volume, and the CA's terms of service were not agreed to",
            hint:
                "read \(terms?.absoluteString ?? "the CA's terms of service (the directory's meta.termsOfService)") and pass --agree-tos (or SIDECERT_AGREE_TOS=true)"
        )
    }

    /// The CA's directory, read once for the whole process; nil when the CA cannot be reached now (the order
    /// then fails and backs off as before). A failure that proves the configuration wrong is exit 2.
    private func checkedDirectory() async throws(SidecertError) -> ACMEDirectory? {
        do {
            return try await session.directory()
        } catch {
            if let wrong = ACMEDirectoryCheck.configurationError(error, directoryURL: settings.directoryURL, caBundlePath: settings.caBundlePath) {
                throw wrong
            }
            return nil
        }
    }

    /// With DNS-01: asks the provider, without writing, whether it takes the configured credentials.
    private func checkDNSAccess(_ request: CertificateRequest) async throws(SidecertError) {
        guard settings.challenge == .dns01, let dns = settings.dns else { return }
        do {
            try await dns.makeSolver(logger: logger).checkAccess(for: request.names.names.map(\.value))
        } catch let error as DNSError {
            throw SidecertError(dnsError: error, while: "checking the DNS provider's access")
        } catch {
            throw .failure("checking the DNS provider's access failed: \(error)")
        }
    }

    func issue(_ order: CertificateOrder) async throws(IssuanceFailure) -> IssuedChain {
        do {
            return try await issueOrThrow(order)
        } catch let failure as IssuanceFailure {
            throw failure
        } catch let error as SidecertError {
            throw IssuanceFailure(error)
        } catch let error as ACMEError {
            if let dnsError = error.underlyingError as? DNSError {
                // The ACME message quotes the DNS error already; said once, with the certificate's names.
                let names = order.request.names.names.map(\.value).joined(separator: ", ")
                throw IssuanceFailure(SidecertError(dnsError: dnsError, while: "DNS-01 for \(names)"))
            }
            throw IssuanceFailure(acmeError: error, directoryURL: settings.directoryURL, caBundlePath: settings.caBundlePath)
        } catch let error as DNSError {
            throw IssuanceFailure(SidecertError(dnsError: error, while: "publishing the DNS-01 record"))
        } catch let error as CancellationError {
            throw IssuanceFailure(.failure("issuing was cancelled: \(error)"))
        } catch {
            throw IssuanceFailure(.failure("issuing from \(settings.directoryURL.absoluteString) failed: \(error)"))
        }
    }

    private func issueOrThrow(_ order: CertificateOrder) async throws -> IssuedChain {
        let client = try await session.accountClient(onStep: order.onStep)
        let directory = try await client.directory()
        let profile = try checkedProfile(in: directory)
        let solvers = try await journaledSolvers(for: order.request)
        let identifiers = order.request.names.names.map { name in
            name.kind == .dns ? ACMEIdentifier.dns(name.value) : ACMEIdentifier.ip(name.value)
        }
        let request = ACMEIssuanceRequest(
            identifiers: identifiers, csrDER: order.csrDER, profile: profile, replaces: replacesIdentifier(order, directory))
        let observer: ACMEIssuanceObserver = { event in
            if let step = event.step { try await order.onStep(step) }
        }
        let issued = try await whileListening {
            do {
                return try await client.issue(request, solvers: solvers, observer: observer)
            } catch let error as ACMEError where request.replaces != nil && error.problem?.type == .malformed {
                // The CA does not know the certificate named in `replaces` (it came from another CA or
                // account): a renewal without it is still a renewal.
                logger.warning(
                    "the CA refused `replaces`; ordering without it", metadata: ["replaces": "\(request.replaces ?? "")", "problem": "\(error)"])
                var plain = request
                plain.replaces = nil
                return try await client.issue(plain, solvers: solvers, observer: observer)
            }
        }
        return IssuedChain(
            certificateChainPEM: issued.certificateChainPEM,
            metadata: VersionMetadata(issuerKind: .acme, issuedAt: Date(), alternateChainURLs: issued.alternateChainURLs.map(\.absoluteString)))
    }

    /// Runs `body` with this process's own listeners open, `--http-listen` and `--tls-alpn-listen`, only while
    /// it issues (`run` keeps its own for its whole life and passes none).
    private func whileListening<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        let http = listeners.http.map { (host: $0.host, port: $0.port) }
        let tlsALPN = listeners.tlsALPN.map { (host: $0.host, port: $0.port) }
        return try await HTTP01Listener.whileListening(on: http, challenges: ChallengeDirectory(layout: layout), logger: logger) {
            try await TLSALPN01Listener.whileListening(on: tlsALPN, challenges: TLSALPNChallengeDirectory(layout: layout), logger: logger, body)
        }
    }

    /// The listeners `ensure` opens while issuing must be able to bind: a taken or forbidden address is the
    /// operator's to fix (exit 2), found before the lease and before anything is written.
    private func checkListenAddresses() async throws(SidecertError) {
        for (address, flag) in listeners.flagged {
            do {
                try await address.checkAvailable()
            } catch {
                throw .badInput("\(flag) \(address) cannot be bound: \(error)", hint: "pick a free address this process may listen on")
            }
        }
    }

    /// The spec's solvers, each recording what it presents on the volume first; leftovers of a holder that
    /// crashed mid-order are removed before anything new is presented.
    private func journaledSolvers(for request: CertificateRequest) async throws -> [any ChallengeSolver] {
        let journal = try PresentationJournal(layout: layout, name: request.certName)
        let solver = JournaledSolver(try settings.makeSolver(layout: layout, logger: logger), journal: journal)
        // HTTP-01 and TLS-ALPN-01 leftovers are only files on the volume: removable whatever the challenge is now.
        var cleaners: [any ChallengeSolver] = [solver]
        if solver.challengeType != .http01 {
            cleaners.append(JournaledSolver(VolumeHTTP01Solver(challenges: ChallengeDirectory(layout: layout), logger: logger), journal: journal))
        }
        if solver.challengeType != .tlsALPN01 {
            cleaners.append(
                JournaledSolver(VolumeTLSALPN01Solver(challenges: TLSALPNChallengeDirectory(layout: layout), logger: logger), journal: journal))
        }
        try await JournaledSolver.removeLeftovers(in: journal, using: cleaners, logger: logger)
        return [solver]
    }

    /// The ARI identifier of the certificate being renewed, when the CA offers ARI and this CA (an ACME
    /// issuance, not an import or a placeholder) could know it.
    private func replacesIdentifier(_ order: CertificateOrder, _ directory: ACMEDirectory) -> String? {
        guard directory.renewalInfo != nil, order.replacing?.issuerKind == .acme, let replaced = order.replacedCredential else { return nil }
        return ACMEClient.certificateID(for: replaced.leaf)
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
}

extension ACMEIssuanceEvent {
    /// The issuance step this ACME event is; nil for the download, which ``EnsureOperation`` reports for every
    /// issuer once the chain is in hand.
    var step: IssuanceStep? {
        switch self {
        case .orderCreated: .orderCreated
        case .challengesPresented: .challengePresented
        case .challengesAnswered: .challengeAnswered
        case .finalized: .finalized
        case .certificateDownloaded: nil
        }
    }
}

extension IssuanceFailure {
    /// What an ACME failure means for the user (exit status), with the remedy in the user's terms (flags,
    /// the volume), and what the ledger must remember of it.
    ///
    /// - Parameter caBundlePath: `--ca-bundle`, named when the server's certificate turns out not to be trusted.
    init(acmeError: ACMEError, directoryURL: URL, caBundlePath: String? = nil) {
        let problemType = acmeError.problem?.type.rawValue
        let failedNames = acmeError.code == .validationFailed ? [acmeError.identifier?.value].compactMap { $0 } : []
        if acmeError.code == .unreachable,
            let wrong = ACMEDirectoryCheck.configurationError(acmeError, directoryURL: directoryURL, caBundlePath: caBundlePath)
        {
            // An untrusted server certificate is configuration, whichever request met it first.
            self.init(wrong)
            return
        }
        let code: SidecertError.Code
        var hint: String? = nil
        switch acmeError.code {
        case .unreachable, .timedOut:
            code = .tryLater
            hint = "check --directory and the network; \(directoryURL.host ?? "the CA") may be down"
        case .problem where acmeError.problem?.type == .rateLimited:
            code = .tryLater
            hint = "the CA's rate limit applies fleet-wide; wait until the time it gave"
        case .problem where (acmeError.problem?.status ?? 0) >= 500:
            code = .tryLater
        case .invalidCABundle:
            code = .badInput
            hint = "--ca-bundle must be a readable file of PEM certificates"
        case .notADirectory:
            code = .badInput
            hint = "--directory must be the CA's ACME directory URL (Let's Encrypt: \(IssuerChoice.letsEncryptProduction.absoluteString))"
        case .unsupportedProfile:
            code = .badInput
            hint = "choose a --profile the CA offers, or leave --profile out"
        case .termsOfServiceNotAgreed:
            code = .badInput
            hint = "read them and pass --agree-tos"
        case .externalAccountRequired, .invalidExternalAccountBinding:
            code = .badInput
            hint = "pass --eab-kid and --eab-hmac-key exactly as the CA shows them"
        case .noMatchingChallenge:
            code = .badInput
            hint = "choose a --challenge the CA offers (wildcards need dns-01)"
        case .validationFailed:
            code = .failure
            hint = Self.validationHint(acmeError.challengeType, problem: acmeError.problem?.type, name: acmeError.identifier?.value ?? "NAME")
        default:
            code = .failure
        }
        self.init(
            SidecertError(code, "\(acmeError)", hint: hint), problemType: problemType, retryAfter: acmeError.retryAfter,
            failedValidations: failedNames)
    }

    /// What to check when the CA could not validate `name` with `type`, by what the CA met (`problem`): no DNS
    /// record, no connection, a server without the answer, or its own limit.
    static func validationHint(_ type: ACMEChallengeType?, problem: ACMEProblemType?, name: String) -> String {
        let port = type == .tlsALPN01 ? 443 : 80
        switch problem {
        case .dns? where type != .dns01:
            return "the CA could not look up \(name): publish its A/AAAA record, pointing at your load balancer, in public DNS"
        case .connection? where type != .dns01:
            return "the CA could not connect to port \(port) of \(name): check that its A/AAAA record points at your load balancer "
                + "and that port \(port) is open to the internet"
        case .rateLimited?:
            return "the CA's failed-validation limit for \(name) is spent: fix the challenge setup, then wait until the time it gave"
        default:
            break
        }
        switch type {
        case .dns01:
            return "check that the TXT record _acme-challenge.\(name) can be published and that the CA's resolvers see it"
        case .tlsALPN01:
            return "check that port 443 of \(name) reaches --tls-alpn-listen for the acme-tls/1 protocol"
        case .http01, nil:
            let serve =
                "make every replica's frontend serve <storage>/acme-challenge/ at http://\(name)/.well-known/acme-challenge/ (see the README's nginx snippet)"
            guard problem == .unauthorized || problem == .incorrectResponse else { return serve }
            return "a server answered for \(name), but not with the volume's answer: \(serve)"
        }
    }
}
