import Foundation
import Logging

extension ACMEClient {
    /// One challenge this order answers: which authorization, which solver, what to publish.
    private struct ChosenChallenge {
        var authorizationURL: URL
        var identifier: ACMEIdentifier
        var challenge: ACMEChallenge
        var token: String
        var solver: any ChallengeSolver
    }

    /// An empty JSON object: the payload that tells the CA to validate a challenge (RFC 8555 §7.5.1).
    private struct RespondToChallenge: Encodable {}

    /// Proves control of every identifier whose authorization is not yet valid.
    ///
    /// All answers are presented first and all challenges triggered before polling, so the CA validates them
    /// in parallel. Whatever was presented is cleaned up, on success and on failure.
    func authorize(_ authorizationURLs: [URL], solvers: [any ChallengeSolver], deadline: Date) async throws {
        var chosen: [ChosenChallenge] = []
        for url in authorizationURLs {
            let (authorization, _) = try await fetch(ACMEAuthorization.self, at: url)
            switch AuthorizationStep.next(status: authorization.status, challengeAnswered: false) {
            case .done:
                logger.debug(
                    "Reusing valid ACME authorization",
                    metadata: ["acme.identifier": "\(authorization.identifier)"]
                )
            case .solve, .poll:
                chosen.append(try choose(for: authorization, at: url, from: solvers))
            case .fail:
                throw validationError(authorization, challengeType: nil)
            case .protocolViolation(let what):
                throw ACMEError(
                    code: .invalidResponse,
                    summary: "The ACME server sent \(what) for \(url.absoluteString)."
                )
            }
        }
        var presented: [ChosenChallenge] = []
        do {
            let thumbprint = accountKey.thumbprint()
            for item in chosen {
                presented.append(item)
                try await present(item, keyAuthorization: item.token + "." + thumbprint)
            }
            for item in chosen {
                _ = try await post(item.challenge.url, payload: RespondToChallenge())
            }
            for item in chosen {
                try await waitUntilValid(item, deadline: deadline)
            }
        } catch {
            await cleanUp(presented)
            throw error
        }
        await cleanUp(presented)
    }

    /// The first solver, in the caller's order of preference, whose challenge type the CA offers.
    private func choose(
        for authorization: ACMEAuthorization,
        at url: URL,
        from solvers: [any ChallengeSolver]
    ) throws -> ChosenChallenge {
        for solver in solvers {
            guard let challenge = authorization.challenges.first(where: { $0.type == solver.challengeType }) else {
                continue
            }
            // Tokens become file names and DNS data: anything but base64url is the CA breaking RFC 8555 §8.1.
            guard let token = challenge.token, Base64URL.isWellFormed(token) else {
                throw ACMEError(
                    code: .invalidResponse,
                    summary: "The ACME server sent a \(challenge.type) challenge for \(authorization.identifier) "
                        + "without a valid base64url token (\(challenge.url.absoluteString))."
                )
            }
            return ChosenChallenge(
                authorizationURL: url,
                identifier: authorization.identifier,
                challenge: challenge,
                token: token,
                solver: solver
            )
        }
        let offered = authorization.challenges.map(\.type).joined(separator: ", ")
        let configured = solvers.map(\.challengeType).joined(separator: ", ")
        throw ACMEError(
            code: .noMatchingChallenge,
            summary: "The CA offers \(offered) for \(authorization.identifier)"
                + (authorization.wildcard == true ? " (a wildcard)" : "")
                + ", but only \(configured.isEmpty ? "no challenge type" : configured) is configured: choose one "
                + "the CA offers with --challenge (wildcards need dns-01).",
            identifier: authorization.identifier
        )
    }

    private func present(_ item: ChosenChallenge, keyAuthorization: String) async throws {
        logger.info(
            "Presenting ACME challenge",
            metadata: ["acme.identifier": "\(item.identifier)", "acme.challenge": "\(item.challenge.type)"]
        )
        do {
            try await item.solver.present(
                identifier: item.identifier,
                token: item.token,
                keyAuthorization: keyAuthorization
            )
        } catch {
            throw ACMEError(
                code: .solverFailed,
                summary: "Could not present the \(item.challenge.type) answer for \(item.identifier): \(error).",
                identifier: item.identifier,
                underlyingError: error
            )
        }
    }

    private func cleanUp(_ presented: [ChosenChallenge]) async {
        for item in presented {
            await item.solver.cleanUp(identifier: item.identifier, token: item.token)
        }
    }

    /// Polls one authorization until the CA has decided.
    private func waitUntilValid(_ item: ChosenChallenge, deadline: Date) async throws {
        var schedule = PollSchedule(policy: polling, deadline: deadline)
        var retryAfter: Date?
        while true {
            guard let delay = schedule.nextDelay(now: Date(), retryAfter: retryAfter) else {
                throw ACMEError(
                    code: .timedOut,
                    summary: "The CA had not validated \(item.identifier) (\(item.challenge.type)) after "
                        + "\(polling.timeout); it may be slow: try again later.",
                    identifier: item.identifier
                )
            }
            try await Task.sleep(for: delay)
            let authorization: ACMEAuthorization
            (authorization, retryAfter) = try await fetch(ACMEAuthorization.self, at: item.authorizationURL)
            switch AuthorizationStep.next(status: authorization.status, challengeAnswered: true) {
            case .done:
                logger.debug("ACME authorization valid", metadata: ["acme.identifier": "\(item.identifier)"])
                return
            case .poll, .solve:
                continue
            case .fail:
                throw validationError(authorization, challengeType: item.challenge.type)
            case .protocolViolation(let what):
                throw ACMEError(
                    code: .invalidResponse,
                    summary: "The ACME server sent \(what) for \(item.authorizationURL.absoluteString)."
                )
            }
        }
    }

    /// The error for an authorization that ended invalid, with the failed challenge's problem and a hint at
    /// what to check for its type.
    private func validationError(_ authorization: ACMEAuthorization, challengeType: String?) -> ACMEError {
        let problem =
            authorization.challenges.first { $0.type == challengeType }?.error ?? authorization.firstProblem
        let name = authorization.identifier.value
        let hint =
            switch challengeType {
            case "http-01":
                " Check that http://\(name)/.well-known/acme-challenge/ reaches a frontend serving the volume's "
                    + "acme-challenge directory on port 80."
            case "dns-01":
                " Check that the TXT record _acme-challenge.\(name) can be published and is visible to the CA."
            case "tls-alpn-01":
                " Check that port 443 of \(name) reaches this process for the acme-tls/1 protocol."
            default: ""
            }
        return ACMEError(
            code: .validationFailed,
            summary: "The CA could not validate \(name)"
                + (challengeType.map { " with \($0)" } ?? "")
                + " (authorization \(authorization.status))." + hint,
            problem: problem,
            identifier: authorization.identifier
        )
    }
}
