import Foundation
import SidecertACME
import SidecertTestSupport
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
        #expect(mapped.error.hint?.contains("--directory") == true)
    }

    /// A TLS handshake that failed on the server's certificate is configuration, whichever request met it.
    @Test func anUntrustedServerCertificateIsBadInputNamingTheBundle() {
        let tls = ACMEError(
            code: .unreachable, message: "Could not reach the ACME server (GET https://ca.test/directory): handshake failed.",
            underlyingError: HarnessError("handshakeFailed(sslError([error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED]))"))
        let mapped = IssuanceFailure(acmeError: tls, directoryURL: directory, caBundlePath: "/etc/ca.pem")
        #expect(mapped.error.code == .badInput && !mapped.countsAsAttempt)
        #expect(
            mapped.error.message
                == "the ACME server's certificate is not trusted: --ca-bundle must hold the CA that signed it, and /etc/ca.pem does not")
        #expect(!mapped.error.description.contains("SSL routines"))
    }

    /// The hint follows what the CA met: no DNS record, no connection, a server without the answer, its limit.
    @Test(arguments: [
        (ACMEProblemType.dns, "publish its A/AAAA record"), (.connection, "could not connect to port 80 of b.example.com"),
        (.unauthorized, "but not with the volume's answer"), (.rateLimited, "failed-validation limit for b.example.com is spent"),
    ])
    func aFailedValidationGetsTheHintForTheCAsProblem(problem: ACMEProblemType, expected: String) {
        let mapped = failure(
            ACMEError(
                code: .validationFailed, message: "The CA could not validate b.example.com.", problem: ACMEProblem(type: problem, detail: "x"),
                identifier: .dns("b.example.com"), challengeType: .http01))
        #expect(mapped.error.hint?.contains(expected) == true, "\(mapped.error.hint ?? "no hint")")
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
