import Logging
import SidecertACME
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A solver that records on the volume what it is about to present, before presenting it, and forgets it
/// once it is removed: a holder that crashes in between leaves a journal the next lease holder cleans up
/// with ``removeLeftovers(in:using:logger:)``, removing exactly what was presented and nothing else.
struct JournaledSolver: ChallengeSolver {
    let solver: any ChallengeSolver
    let journal: PresentationJournal

    init(_ solver: any ChallengeSolver, journal: PresentationJournal) {
        self.solver = solver
        self.journal = journal
    }

    var challengeType: ACMEChallengeType { solver.challengeType }

    func present(_ answers: [ChallengeAnswer]) async throws {
        try journal.record(answers)
        try await solver.present(answers)
    }

    func waitUntilVisible(_ answers: [ChallengeAnswer], deadline: Date) async throws {
        try await solver.waitUntilVisible(answers, deadline: deadline)
    }

    func cleanUp(_ answers: [ChallengeAnswer]) async throws {
        try await solver.cleanUp(answers)
        try journal.forget(answers)
    }

    /// Removes what a previous holder presented and did not clean up, with the solver of each answer's type.
    /// Answers of a type no solver here handles stay in the journal, for a holder that has one; so do those
    /// whose removal fails (a DNS provider that is down, a zone that moved): that is logged, and the
    /// issuance goes on, since a stale answer costs little and a journal no one can empty must not stop
    /// every issuance to come.
    static func removeLeftovers(in journal: PresentationJournal, using solvers: [any ChallengeSolver], logger: Logger) async throws {
        let leftovers = try journal.entries(of: ChallengeAnswer.self)
        guard !leftovers.isEmpty else { return }
        for solver in solvers {
            let answers = leftovers.filter { $0.type == solver.challengeType }
            guard !answers.isEmpty else { continue }
            let identifiers = answers.map(\.identifier.value).joined(separator: ",")
            logger.notice(
                "removing challenge answers a previous holder left behind",
                metadata: ["challenge": "\(solver.challengeType)", "identifiers": "\(identifiers)"])
            do {
                try await solver.cleanUp(answers)
            } catch let error as CancellationError {
                throw error
            } catch {
                logger.warning(
                    "could not remove the challenge answers a previous holder left behind; they stay in the journal for the next holder",
                    metadata: ["challenge": "\(solver.challengeType)", "identifiers": "\(identifiers)", "error": "\(error)"])
                continue
            }
            try journal.forget(answers)
        }
    }
}
