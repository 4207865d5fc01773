import Foundation
import Testing

@testable import SidecertACME

@Suite struct ACMEClientIssuanceTests {
    @Test func happyIssuanceRetriesABadNonce() async throws {
        let fixture = try await ClientFixture().withAccount()
        await fixture.ca.configure { $0.badNonceFor = ["/new-order"] }
        let solver = RecordingSolver()

        let issued = try await fixture.client.issue(
            ClientFixture.request("a.example.com", "b.example.com"),
            solvers: [solver]
        )

        #expect(issued.certificateChainPEM == ScriptedCA.chainPEM)
        #expect(issued.orderURL.absoluteString == "https://ca.test/order/1")
        #expect(
            issued.alternateChainURLs.map(\.absoluteString) == ["https://ca.test/cert/1/1", "https://ca.test/cert/2"]
        )

        let received = await fixture.ca.received
        let newOrders = received.filter { $0.path == "/new-order" }
        #expect(newOrders.count == 2, "the badNonce answer is retried")
        #expect(newOrders[0].nonce != newOrders[1].nonce)
        #expect(received.filter { $0.method == .head }.count == 1, "nonces come from responses after the first")
        #expect(received.filter { $0.method == .get }.count == 1, "the directory is fetched once")
        for post in received where post.method == .post {
            #expect(post.contentType == "application/jose+json")
            #expect(post.hasJWK == (post.path == "/new-account"))
            #expect(post.kid == (post.path == "/new-account" ? nil : "https://ca.test/acct/1"))
        }
        #expect(await fixture.ca.csr == Base64URL.encode([0x30, 0x82, 0x01, 0xFF]))
        let newOrder = try #require(await fixture.ca.newOrders.last)
        #expect(newOrder.identifiers == ["a.example.com", "b.example.com"])
        #expect(newOrder.profile == nil)
        #expect(newOrder.replaces == nil)

        let presented = await solver.presented
        let thumbprint = fixture.accountKey.thumbprint()
        #expect(presented.map(\.identifier) == [.dns("a.example.com"), .dns("b.example.com")])
        for item in presented {
            #expect(item.token == (await fixture.ca.token(for: item.identifier.value)))
            #expect(item.keyAuthorization == item.token + "." + thumbprint)
        }
        #expect(await solver.cleanedUp.map(\.identifier) == presented.map(\.identifier))
    }

    @Test func reusedAuthorizationSkipsTheSolver() async throws {
        let fixture = try await ClientFixture().withAccount()
        await fixture.ca.configure { $0.alreadyValid = ["a.example.com", "b.example.com"] }
        let solver = RecordingSolver()

        let issued = try await fixture.client.issue(
            ClientFixture.request("a.example.com", "b.example.com"),
            solvers: [solver]
        )

        #expect(issued.certificateChainPEM == ScriptedCA.chainPEM)
        #expect(await solver.presented.isEmpty)
        #expect(await solver.cleanedUp.isEmpty)
        #expect(!(await fixture.ca.received).contains { $0.path.hasPrefix("/chall/") })
    }

    @Test func onlyTheAuthorizationsNotYetValidAreSolved() async throws {
        let fixture = try await ClientFixture().withAccount()
        await fixture.ca.configure { $0.alreadyValid = ["a.example.com"] }
        let solver = RecordingSolver()

        _ = try await fixture.client.issue(ClientFixture.request("a.example.com", "b.example.com"), solvers: [solver])

        #expect(await solver.presented.map(\.identifier) == [.dns("b.example.com")])
    }

    @Test func solversAreTriedInOrderOfPreference() async throws {
        let fixture = try await ClientFixture().withAccount()
        let tlsALPN = RecordingSolver(challengeType: .tlsALPN01)
        let dns = RecordingSolver(challengeType: .dns01)
        let http = RecordingSolver(challengeType: .http01)

        _ = try await fixture.client.issue(ClientFixture.request("a.example.com"), solvers: [tlsALPN, dns, http])

        #expect(await tlsALPN.presented.isEmpty)
        #expect(await dns.presented.count == 1)
        #expect(await http.presented.isEmpty)
        #expect((await fixture.ca.received).contains { $0.path == "/chall/a.example.com/dns-01" })
    }

    @Test func rateLimitSurfacesWithRetryAfter() async throws {
        let fixture = try await ClientFixture().withAccount()
        await fixture.ca.configure { $0.newOrderRefusal = (429, .rateLimited, "3600") }
        let before = Date()

        let error = try await #require(throws: ACMEError.self) {
            try await fixture.client.issue(ClientFixture.request("a.example.com"), solvers: [RecordingSolver()])
        }

        #expect(error.code == .problem)
        #expect(error.problem?.type == .rateLimited)
        #expect(error.problem?.status == 429)
        let retryAfter = try #require(error.retryAfter)
        #expect(retryAfter >= before.addingTimeInterval(3600))
        #expect(retryAfter <= Date().addingTimeInterval(3600))
        #expect(error.description.contains("rateLimited"))
        #expect(error.description.contains("do not retry"))
    }

    @Test func badNonceEveryTimeGivesUpAfterAFewRetries() async throws {
        let fixture = try await ClientFixture().withAccount()
        await fixture.ca.configure { $0.badNonceFor = Array(repeating: "/new-order", count: 10) }

        let error = try await #require(throws: ACMEError.self) {
            try await fixture.client.issue(ClientFixture.request("a.example.com"), solvers: [RecordingSolver()])
        }

        #expect(error.problem?.type == .badNonce)
        #expect((await fixture.ca.received).filter { $0.path == "/new-order" }.count == ACMEClient.badNonceRetries + 1)
    }

    @Test func failedValidationNamesTheIdentifierAndStillCleansUp() async throws {
        let fixture = try await ClientFixture().withAccount()
        await fixture.ca.configure { $0.failingNames = ["b.example.com"] }
        let solver = RecordingSolver()

        let error = try await #require(throws: ACMEError.self) {
            try await fixture.client.issue(ClientFixture.request("a.example.com", "b.example.com"), solvers: [solver])
        }

        #expect(error.code == .validationFailed)
        #expect(error.identifier == .dns("b.example.com"))
        #expect(error.problem?.type == .incorrectResponse)
        #expect(error.challengeType == .http01, "the caller's hint depends on the type that failed")
        #expect(await solver.cleanedUp.count == 2)
    }

    @Test func noMatchingChallengeSaysWhatTheCAOffers() async throws {
        let fixture = try await ClientFixture().withAccount()

        let error = try await #require(throws: ACMEError.self) {
            try await fixture.client.issue(
                ClientFixture.request("a.example.com"),
                solvers: [RecordingSolver(challengeType: .tlsALPN01)]
            )
        }

        #expect(error.code == .noMatchingChallenge)
        #expect(error.message.contains("http-01, dns-01"))
        #expect(error.message.contains("tls-alpn-01"))
    }

    @Test func pollingGivesUpAtTheDeadline() async throws {
        let fixture = try await ClientFixture(timeout: .milliseconds(100)).withAccount()
        await fixture.ca.configure { $0.pendingPolls = .max }
        let solver = RecordingSolver()

        let error = try await #require(throws: ACMEError.self) {
            try await fixture.client.issue(ClientFixture.request("a.example.com"), solvers: [solver])
        }

        #expect(error.code == .timedOut)
        #expect(error.identifier == .dns("a.example.com"))
        #expect(await solver.cleanedUp.count == 1)
    }

    @Test func slowFinalizationIsPolled() async throws {
        let fixture = try await ClientFixture().withAccount()
        await fixture.ca.configure { $0.processingPolls = 4 }

        let issued = try await fixture.client.issue(
            ClientFixture.request("a.example.com"),
            solvers: [RecordingSolver()]
        )

        #expect(issued.certificateChainPEM == ScriptedCA.chainPEM)
        #expect((await fixture.ca.received).filter { $0.path == "/order/1" }.count >= 4)
    }

    @Test func profileMustBeAdvertised() async throws {
        let fixture = try ClientFixture()
        await fixture.ca.configure { $0.profiles = ["classic": "", "shortlived": ""] }
        _ = try await fixture.withAccount()
        var request = ClientFixture.request("a.example.com")
        request.profile = "tlsserver"

        let error = try await #require(throws: ACMEError.self) {
            try await fixture.client.issue(request, solvers: [RecordingSolver()])
        }

        #expect(error.code == .unsupportedProfile)
        #expect(error.message.contains("classic, shortlived"))
        #expect(await fixture.ca.newOrders.isEmpty, "nothing is ordered")
    }

    @Test func profileAndReplacesAreSentWhenTheCAOffersThem() async throws {
        let fixture = try ClientFixture()
        await fixture.ca.configure {
            $0.profiles = ["shortlived": "About six days"]
            $0.offersRenewalInfo = true
        }
        _ = try await fixture.withAccount()
        var request = ClientFixture.request("a.example.com")
        request.profile = "shortlived"
        request.replaces = "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE"

        _ = try await fixture.client.issue(request, solvers: [RecordingSolver()])

        let newOrder = try #require(await fixture.ca.newOrders.last)
        #expect(newOrder.profile == "shortlived")
        #expect(newOrder.replaces == "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE")
    }
}
