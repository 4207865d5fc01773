@testable import SidecertACME

/// A challenge solver that only remembers what it was asked to do.
actor RecordingSolver: ChallengeSolver {
    nonisolated let challengeType: String
    private(set) var presented: [(identifier: ACMEIdentifier, token: String, keyAuthorization: String)] = []
    private(set) var cleanedUp: [(identifier: ACMEIdentifier, token: String)] = []

    init(challengeType: String = "http-01") {
        self.challengeType = challengeType
    }

    func present(identifier: ACMEIdentifier, token: String, keyAuthorization: String) async throws {
        presented.append((identifier, token, keyAuthorization))
    }

    func cleanUp(identifier: ACMEIdentifier, token: String) async {
        cleanedUp.append((identifier, token))
    }
}
