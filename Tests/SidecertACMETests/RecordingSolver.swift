import Foundation

@testable import SidecertACME

/// A challenge solver that only remembers what it was asked to do, batch by batch.
actor RecordingSolver: ChallengeSolver {
    nonisolated let challengeType: ACMEChallengeType
    private(set) var presentedBatches: [[ChallengeAnswer]] = []
    private(set) var waitedFor: [[ChallengeAnswer]] = []
    private(set) var cleanedUpBatches: [[ChallengeAnswer]] = []

    init(challengeType: ACMEChallengeType = .http01) {
        self.challengeType = challengeType
    }

    /// Every answer presented, in order.
    var presented: [(identifier: ACMEIdentifier, token: String, keyAuthorization: String)] {
        presentedBatches.flatMap { $0 }.map { ($0.identifier, $0.token, $0.keyAuthorization) }
    }

    /// Every answer cleaned up, in order.
    var cleanedUp: [(identifier: ACMEIdentifier, token: String)] {
        cleanedUpBatches.flatMap { $0 }.map { ($0.identifier, $0.token) }
    }

    func present(_ answers: [ChallengeAnswer]) async throws {
        presentedBatches.append(answers)
    }

    func waitUntilVisible(_ answers: [ChallengeAnswer], deadline: Date) async throws {
        waitedFor.append(answers)
    }

    func cleanUp(_ answers: [ChallengeAnswer]) async throws {
        cleanedUpBatches.append(answers)
    }
}
