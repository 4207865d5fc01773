import Foundation
import Testing

@testable import SidecertVolume

/// Fencing tokens read from the volume: a lease file is written by other replicas, or by anyone.
@Suite struct LeaseTokenTests {
    @Test(
        arguments: [
            (nil, 1), (0, 1), (7, 8), (UInt64.max - 1, UInt64.max),
            // Found by the LeaseRecord fuzz target's rule: adding one trapped.
            (UInt64.max, 1),
        ] as [(UInt64?, UInt64)])
    func theSuccessorTokenIsOneMoreWithoutOverflowing(token: UInt64?, successor: UInt64) {
        let record = token.map { deadHolderRecord(token: $0, expiresAt: Date()) }
        #expect(LeaseRecord.successorToken(after: record) == successor)
    }

    @Test func aLeaseFileAtTheLargestTokenIsTakenOverInsteadOfCrashingTheReplica() async throws {
        try await withTemporaryVolume { layout in
            try writeForeignLease(layout, name: "forged.example", record: deadHolderRecord(token: .max, expiresAt: Date() - 60))
            let outcome = try await LeaseFile.withLease(
                layout: layout, name: "forged.example", duration: .seconds(60), maximumWait: .seconds(30), holder: LeaseHolder(id: "survivor"),
                pollSchedule: fastPolling, logger: quietLogger, isNoLongerNeeded: { false }, onWait: { _ in }
            ) { lease in
                try lease.checkStillHeld()
                return lease.token
            }
            guard case .ran(1) = outcome else {
                Issue.record("must take the lease over with token 1, got \(outcome)")
                return
            }
        }
    }
}
