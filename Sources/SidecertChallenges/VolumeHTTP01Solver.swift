import Logging
import SidecertACME
import SidecertVolume

/// Answers HTTP-01 from the shared volume: the key authorization goes to `acme-challenge/<token>`, which
/// every replica's frontend serves, so the CA's request may land on any replica behind the load balancer.
public struct VolumeHTTP01Solver: ChallengeSolver {
    public let challengeType = "http-01"
    let challenges: ChallengeDirectory
    let logger: Logger

    public init(challenges: ChallengeDirectory, logger: Logger) {
        self.challenges = challenges
        self.logger = logger
    }

    public func present(identifier: ACMEIdentifier, token: String, keyAuthorization: String) async throws {
        try challenges.write(token: token, keyAuthorization: keyAuthorization)
        logger.debug("HTTP-01 answer on the volume", metadata: ["identifier": "\(identifier.value)", "token": "\(token)"])
    }

    public func cleanUp(identifier: ACMEIdentifier, token: String) async {
        do {
            try challenges.remove(token: token)
        } catch {
            logger.warning("could not remove an HTTP-01 answer", metadata: ["token": "\(token)", "error": "\(error)"])
        }
    }
}
