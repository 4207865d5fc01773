import Foundation
import Testing

@testable import SidecertACME

@Suite struct ACMEClientAccountTests {
    @Test func findAccountIsNilUntilCreated() async throws {
        let fixture = try ClientFixture()

        #expect(try await fixture.client.findAccount() == nil)
        let created = try await fixture.client.createAccount(
            contact: [],
            termsOfServiceAgreed: true,
            externalAccountBinding: nil
        )
        #expect(created.absoluteString == "https://ca.test/acct/1")

        let other = fixture.secondClient()
        #expect(try await other.findAccount() == created)
        #expect(await other.accountURL == created)
    }

    @Test func termsOfServiceMustBeAgreed() async throws {
        let fixture = try ClientFixture()

        let error = try await #require(throws: ACMEError.self) {
            try await fixture.client.createAccount(
                contact: [],
                termsOfServiceAgreed: false,
                externalAccountBinding: nil
            )
        }

        #expect(error.code == .termsOfServiceNotAgreed)
        #expect(error.message.contains("https://ca.test/terms"))
        #expect(!error.message.contains("--"), "no command-line flag at the ACME layer")
        #expect(!(await fixture.ca.received).contains { $0.method == .post })
    }

    @Test func issuingWithoutAnAccountFailsClearly() async throws {
        let fixture = try ClientFixture()

        let error = try await #require(throws: ACMEError.self) {
            try await fixture.client.issue(ClientFixture.request("a.example.com"), solvers: [])
        }

        #expect(error.code == .noAccount)
    }

    @Test func useAccountSignsWithKid() async throws {
        let fixture = try await ClientFixture().withAccount()
        let reused = fixture.secondClient()
        await reused.useAccount(url: URL(string: "https://ca.test/acct/1")!)

        try await reused.revoke(certificateDER: [1, 2, 3], reason: 4)

        let revoke = try #require((await fixture.ca.received).last)
        #expect(revoke.path == "/revoke")
        #expect(revoke.kid == "https://ca.test/acct/1")
        #expect(revoke.payload == #"{"certificate":"AQID","reason":4}"#)
    }

    @Test func unreachableServer() async throws {
        let fixture = try ClientFixture()
        await fixture.ca.configure { $0.unreachable = true }

        let error = try await #require(throws: ACMEError.self) {
            try await fixture.client.directory()
        }

        #expect(error.code == .unreachable)
        #expect(error.underlyingError is URLError)
        #expect(error.message.contains("https://ca.test/directory"))
    }

    @Test func renewalInfoWhenOffered() async throws {
        let fixture = try ClientFixture()
        #expect(try await fixture.client.renewalInfo(certificateID: "abc.def") == nil)

        await fixture.ca.configure { $0.offersRenewalInfo = true }
        let offering = fixture.secondClient()
        let before = Date()
        let info = try #require(try await offering.renewalInfo(certificateID: "abc.def"))

        #expect(info.suggestedWindowStart == Date(timeIntervalSince1970: 1_798_934_400))
        #expect(info.suggestedWindowEnd == Date(timeIntervalSince1970: 1_799_064_000.5))
        #expect(info.explanationURL?.absoluteString == "https://ca.test/why")
        #expect(try #require(info.retryAfter) >= before.addingTimeInterval(21_600))
        #expect((await fixture.ca.received).last?.path == "/renewal-info/abc.def")
    }
}
