import Logging
import SidecertACME
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Answers TLS-ALPN-01 (RFC 8737) from the shared volume: each answer goes to
/// `tls-alpn-01/<server name>/<token>`, where every replica's ``TLSALPN01Listener`` finds it by the handshake's
/// SNI and makes the validation certificate, so the CA's connection may land on any replica. What is written is
/// at once what the listeners answer with: there is nothing to wait for.
package struct VolumeTLSALPN01Solver: ChallengeSolver {
    package let challengeType = ACMEChallengeType.tlsALPN01
    let challenges: TLSALPNChallengeDirectory
    let logger: Logger

    package init(challenges: TLSALPNChallengeDirectory, logger: Logger) {
        self.challenges = challenges
        self.logger = logger
    }

    package func present(_ answers: [ChallengeAnswer]) async throws {
        for answer in answers {
            try challenges.write(try Self.encode(answer), serverName: try Self.serverName(of: answer), token: answer.token)
            logger.debug("TLS-ALPN-01 answer on the volume", metadata: ["identifier": "\(answer.identifier.value)", "token": "\(answer.token)"])
        }
    }

    /// Removes exactly the files ``present(_:)`` wrote for these answers: another order's answer for the same
    /// name stays.
    package func cleanUp(_ answers: [ChallengeAnswer]) async throws {
        var firstError: (any Error)?
        for answer in answers {
            do {
                try challenges.remove(serverName: try Self.serverName(of: answer), token: answer.token)
            } catch {
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
    }

    /// The answer a listener should give for `serverName` (a client's SNI, untrusted), or nil when the volume
    /// has none: the newest one presented for that name, checked to be a TLS-ALPN-01 answer for that very name.
    package static func answer(for serverName: String, in challenges: TLSALPNChallengeDirectory) -> ChallengeAnswer? {
        guard let name = try? TLSALPNChallengeDirectory.validated(serverName: serverName),
            let bytes = try? challenges.newest(serverName: name),
            let answer = try? JSONDecoder().decode(ChallengeAnswer.self, from: Data(bytes)),
            answer.type == .tlsALPN01, answer.identifier.tlsALPNServerName == name
        else { return nil }
        return answer
    }

    static func serverName(of answer: ChallengeAnswer) throws -> String {
        guard let name = answer.identifier.tlsALPNServerName else {
            throw VolumeError(
                code: .invalidName, path: nil,
                message: "TLS-ALPN-01 cannot validate the \(answer.identifier.type) identifier \(answer.identifier.value)")
        }
        return try TLSALPNChallengeDirectory.validated(serverName: name)
    }

    private static func encode(_ answer: ChallengeAnswer) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(answer))
    }
}
