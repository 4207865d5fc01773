import Foundation
import Testing

@testable import SidecertACME

@Suite struct ACMEHTTPResponseTests {
    @Test func headerLookupIgnoresCase() {
        let response = ACMEHTTPResponse(
            status: 201,
            headers: [(name: "replay-nonce", value: "a"), (name: "Link", value: "1"), (name: "LINK", value: "2")]
        )
        #expect(response.value(forHeader: "Replay-Nonce") == "a")
        #expect(response.values(forHeader: "link") == ["1", "2"])
        #expect(response.value(forHeader: "Location") == nil)
        #expect(response.isSuccess)
        #expect(!ACMEHTTPResponse(status: 302).isSuccess)
    }

    @Test func errorStatusWithoutAProblemDocumentStillBecomesAProblem() async throws {
        let fixture = try ClientFixture()
        let request = ACMEHTTPRequest(method: .post, url: URL(string: "https://ca.test/new-order")!)
        let response = ACMEHTTPResponse(
            status: 502,
            headers: [(name: "Content-Type", value: "text/html"), (name: "Retry-After", value: "30")],
            body: Array("<html>Bad Gateway</html>".utf8)
        )

        let error = await fixture.client.problemError(for: request, response: response)

        #expect(error.code == .problem)
        #expect(error.problem?.type == .blank)
        #expect(error.problem?.status == 502)
        #expect(error.retryAfter != nil)
        #expect(error.description.contains("try again later"))
    }
}
