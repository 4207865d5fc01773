import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension ACMEClient {
    /// One challenge this order answers: which authorization, which solver, what to publish.
    private struct ChosenChallenge {
        var authorizationURL: URL
        var challenge: ACMEChallenge
        var answer: ChallengeAnswer
        var solver: any ChallengeSolver
    }

    /// An empty JSON object: the payload that tells the CA to validate a challenge (RFC 8555 §7.5.1).
    private struct RespondToChallenge: Encodable {}

    /// Proves control of every identifier whose authorization is not yet valid.
    ///
    /// Every answer is presented first, one batch per solver, then each solver waits until the CA can see its
    /// answers, and only then is the CA told to look at all of them, so it validates them in parallel and never
    /// before they are visible. Whatever was presented is cleaned up, on success and on failure.
    func authorize(
        _ authorizationURLs: [URL], solvers: ChallengeSolverChoice, deadline: Date, observer: ACMEIssuanceObserver
    ) async throws {
        var chosen: [ChosenChallenge] = []
        let thumbprint = try requireAccountKey().thumbprint()
        for url in authorizationURLs {
            let (authorization, _) = try await readAuthorization(at: url, deadline: deadline)
            switch AuthorizationStep.next(status: authorization.status, challengeAnswered: false) {
            case .done:
                logger.debug("Reusing valid ACME authorization", metadata: ["acme.identifier": "\(authorization.identifier)"])
            case .solve, .poll:
                chosen.append(
                    try choose(
                        for: authorization, at: url, from: solvers(authorization.identifier, authorization.wildcard == true), thumbprint: thumbprint))
            case .fail:
                throw validationError(authorization, challengeType: nil)
            case .protocolViolation(let what):
                throw ACMEError(code: .invalidResponse, message: "The ACME server sent \(what) for \(url.absoluteString).")
            }
        }
        let batches = Self.batches(chosen)
        var presented: [(solver: any ChallengeSolver, answers: [ChallengeAnswer])] = []
        do {
            for batch in batches {
                presented.append(batch)
                try await present(batch.answers, with: batch.solver)
            }
            for batch in batches {
                try await waitUntilVisible(batch.answers, with: batch.solver, deadline: deadline)
            }
            try await observer(.challengesPresented(chosen.map(\.answer)))
            for item in chosen {
                try await respond(to: item, deadline: deadline)
            }
            try await observer(.challengesAnswered)
            for item in chosen {
                try await waitUntilValid(item, deadline: deadline)
            }
        } catch {
            await cleanUp(presented)
            throw error
        }
        await cleanUp(presented)
    }

    /// The chosen challenges grouped by solver, in the order the solvers were first chosen.
    private static func batches(_ chosen: [ChosenChallenge]) -> [(solver: any ChallengeSolver, answers: [ChallengeAnswer])] {
        var batches: [(solver: any ChallengeSolver, answers: [ChallengeAnswer])] = []
        for item in chosen {
            if let index = batches.firstIndex(where: { $0.solver.challengeType == item.solver.challengeType }) {
                batches[index].answers.append(item.answer)
            } else {
                batches.append((item.solver, [item.answer]))
            }
        }
        return batches
    }

    /// The first solver, in the caller's order of preference, whose challenge type the CA offers.
    private func choose(
        for authorization: ACMEAuthorization, at url: URL, from solvers: [any ChallengeSolver], thumbprint: String
    ) throws -> ChosenChallenge {
        for solver in solvers {
            guard let challenge = authorization.challenges.first(where: { $0.type == solver.challengeType.rawValue }) else {
                continue
            }
            // Tokens become file names and DNS data: anything but base64url is the CA breaking RFC 8555 §8.1.
            guard let token = challenge.token, Base64URL.isWellFormed(token) else {
                throw ACMEError(
                    code: .invalidResponse,
                    message: "The ACME server sent a \(challenge.type) challenge for \(authorization.identifier) "
                        + "without a valid base64url token (\(challenge.url.absoluteString))."
                )
            }
            let answer = ChallengeAnswer(
                identifier: authorization.identifier, wildcard: authorization.wildcard == true, type: solver.challengeType, token: token,
                keyAuthorization: token + "." + thumbprint)
            return ChosenChallenge(authorizationURL: url, challenge: challenge, answer: answer, solver: solver)
        }
        let offered = authorization.challenges.map(\.type).joined(separator: ", ")
        let configured = solvers.map(\.challengeType.rawValue).joined(separator: ", ")
        throw ACMEError(
            code: .noMatchingChallenge,
            message: "The CA offers \(offered) for \(authorization.identifier)"
                + (authorization.wildcard == true ? " (a wildcard, which only dns-01 proves)" : "")
                + ", but only \(configured.isEmpty ? "no challenge type" : configured) is configured.",
            identifier: authorization.identifier
        )
    }

    private func present(_ answers: [ChallengeAnswer], with solver: any ChallengeSolver) async throws {
        logger.info(
            "Presenting ACME challenges",
            metadata: ["acme.identifiers": "\(answers.map(\.identifier.value).joined(separator: ","))", "acme.challenge": "\(solver.challengeType)"]
        )
        do {
            try await solver.present(answers)
        } catch {
            throw ACMEError(
                code: .solverFailed,
                message:
                    "Could not present the \(solver.challengeType) answers for \(answers.map(\.identifier.value).joined(separator: ", ")): \(error).",
                identifier: answers.first?.identifier,
                underlyingError: error
            )
        }
    }

    private func waitUntilVisible(_ answers: [ChallengeAnswer], with solver: any ChallengeSolver, deadline: Date) async throws {
        do {
            try await solver.waitUntilVisible(answers, deadline: deadline)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw ACMEError(
                code: .solverFailed,
                message: "The \(solver.challengeType) answers for \(answers.map(\.identifier.value).joined(separator: ", ")) "
                    + "did not become visible: \(error).",
                identifier: answers.first?.identifier,
                underlyingError: error
            )
        }
    }

    private func cleanUp(_ presented: [(solver: any ChallengeSolver, answers: [ChallengeAnswer])]) async {
        for batch in presented {
            do {
                try await batch.solver.cleanUp(batch.answers)
            } catch {
                logger.warning(
                    "Could not remove every ACME challenge answer",
                    metadata: ["acme.challenge": "\(batch.solver.challengeType)", "error": "\(error)"])
            }
        }
    }

    /// An authorization as the CA holds it now, read again after a transient failure.
    private func readAuthorization(at url: URL, deadline: Date) async throws -> (ACMEAuthorization, Date?) {
        try await retryingTransientFailures("POST-as-GET \(url.absoluteString)", deadline: deadline) {
            try await fetch(ACMEAuthorization.self, at: url)
        }
    }

    /// Tells the CA to validate one challenge.
    ///
    /// When the answer is lost or is the CA's own trouble, whether the CA took it is not known: the
    /// authorization, read again, says. Its challenge still `pending`: it did not, and it is told again (within
    /// the transient-retry budget); otherwise it did, and the flow polls. Telling the CA twice is refused
    /// (Pebble and Boulder answer `malformed` for a challenge that is no longer pending).
    private func respond(to item: ChosenChallenge, deadline: Date) async throws {
        var schedule = TransientRetrySchedule(policy: polling, deadline: deadline)
        while true {
            do {
                _ = try await post(item.challenge.url, payload: RespondToChallenge())
                return
            } catch let error as ACMEError {
                guard let delay = schedule.nextDelay(after: error, now: Date()) else { throw error }
                logTransientFailure(error, of: "POST \(item.challenge.url.absoluteString)", retryingIn: delay)
                try await Task.sleep(for: delay)
            }
            let (authorization, _) = try await readAuthorization(at: item.authorizationURL, deadline: deadline)
            let challenge = authorization.challenges.first { $0.url == item.challenge.url }
            guard authorization.status == .pending, challenge?.status == .pending else { return }
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
                    message: "The CA had not validated \(item.answer.identifier) (\(item.challenge.type)) after "
                        + "\(polling.timeout); it may be slow: try again later.",
                    identifier: item.answer.identifier
                )
            }
            try await Task.sleep(for: delay)
            let authorization: ACMEAuthorization
            (authorization, retryAfter) = try await readAuthorization(at: item.authorizationURL, deadline: deadline)
            switch AuthorizationStep.next(status: authorization.status, challengeAnswered: true) {
            case .done:
                logger.debug("ACME authorization valid", metadata: ["acme.identifier": "\(item.answer.identifier)"])
                return
            case .poll, .solve:
                continue
            case .fail:
                throw validationError(authorization, challengeType: item.challenge.type)
            case .protocolViolation(let what):
                throw ACMEError(
                    code: .invalidResponse,
                    message: "The ACME server sent \(what) for \(item.authorizationURL.absoluteString)."
                )
            }
        }
    }

    /// The error for an authorization that ended invalid, with the failed challenge's problem.
    private func validationError(_ authorization: ACMEAuthorization, challengeType: String?) -> ACMEError {
        let problem =
            authorization.challenges.first { $0.type == challengeType }?.error ?? authorization.firstProblem
        let name = authorization.identifier.value
        return ACMEError(
            code: .validationFailed,
            message: "The CA could not validate \(name)"
                + (challengeType.map { " with \($0)" } ?? "")
                + " (authorization \(authorization.status)).",
            problem: problem,
            identifier: authorization.identifier,
            challengeType: challengeType.flatMap(ACMEChallengeType.init(rawValue:))
        )
    }
}

/// Which solvers may answer an identifier's authorization, in order of preference; the second argument says
/// whether the authorization is for a wildcard.
package typealias ChallengeSolverChoice = @Sendable (ACMEIdentifier, Bool) -> [any ChallengeSolver]
