import Logging
import SidecertACME
import SidecertVolume

/// Answers HTTP-01 from the shared volume: each key authorization goes to `acme-challenge/<token>`, which
/// every replica's frontend serves, so the CA's request may land on any replica behind the load balancer.
/// What is written is at once what the CA can fetch: there is nothing to wait for.
package struct VolumeHTTP01Solver: ChallengeSolver {
    package let challengeType = ACMEChallengeType.http01
    let challenges: ChallengeDirectory
    let logger: Logger

    package init(challenges: ChallengeDirectory, logger: Logger) {
        self.challenges = challenges
        self.logger = logger
    }

    package func present(_ answers: [ChallengeAnswer]) async throws {
        for answer in answers {
            try challenges.write(token: answer.token, keyAuthorization: answer.keyAuthorization)
            logger.debug("HTTP-01 answer on the volume", metadata: ["identifier": "\(answer.identifier.value)", "token": "\(answer.token)"])
        }
    }

    package func cleanUp(_ answers: [ChallengeAnswer]) async throws {
        var firstError: (any Error)?
        for answer in answers {
            do {
                try challenges.remove(token: answer.token)
            } catch {
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
    }
}
