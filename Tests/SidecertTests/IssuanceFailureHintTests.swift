import Foundation
import SidecertACME
import Testing

@testable import Sidecert

/// The ACME layer says what happened in its own terms; Sidecert adds the remedy in the user's: the flag to
/// change, the volume directory to serve, and the exit status that follows.
struct IssuanceFailureHintTests {
    let directory = URL(string: "https://ca.test/directory")!

    func failure(_ error: ACMEError) -> IssuanceFailure {
        IssuanceFailure(acmeError: error, directoryURL: directory)
    }

    @Test func configurationTheCARefusesNamesTheFlagAndIsBadInput() {
        let cases: [(ACMEError.Code, String)] = [
            (.invalidCABundle, "--ca-bundle"), (.termsOfServiceNotAgreed, "--agree-tos"), (.externalAccountRequired, "--eab-kid"),
            (.invalidExternalAccountBinding, "--eab-hmac-key"), (.unsupportedProfile, "--profile"), (.noMatchingChallenge, "--challenge"),
        ]
        for (code, flag) in cases {
            let mapped = failure(ACMEError(code: code, message: "what the CA layer says"))
            #expect(mapped.error.code == .badInput, "\(code)")
            #expect(mapped.error.hint?.contains(flag) == true, "\(code): \(mapped.error.hint ?? "no hint")")
            #expect(!mapped.countsAsAttempt, "configuration is not an attempt against the CA")
        }
    }

    @Test func anUnreachableCAIsTryLaterAndSaysWhatToCheck() {
        let mapped = failure(ACMEError(code: .unreachable, message: "Could not reach the ACME server."))
        #expect(mapped.error.code == .tryLater)
        #expect(mapped.error.hint?.contains("--directory") == true && mapped.error.hint?.contains("--ca-bundle") == true)
    }

    @Test(arguments: [
        (ACMEChallengeType.http01, "/.well-known/acme-challenge/"), (.dns01, "_acme-challenge.b.example.com"), (.tlsALPN01, "acme-tls/1"),
    ])
    func aFailedValidationGetsTheHintForItsChallengeType(type: ACMEChallengeType, expected: String) {
        let mapped = failure(
            ACMEError(
                code: .validationFailed, message: "The CA could not validate b.example.com.", identifier: .dns("b.example.com"), challengeType: type))
        #expect(mapped.error.hint?.contains(expected) == true, "\(mapped.error.hint ?? "no hint")")
        #expect(mapped.failedValidations == ["b.example.com"])
    }
}
