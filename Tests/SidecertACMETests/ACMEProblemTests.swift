import Foundation
import Testing

@testable import SidecertACME

@Suite struct ACMEProblemTests {
    @Test func decodesACompoundProblemWithSubproblems() throws {
        let json = #"""
            {
              "type": "urn:ietf:params:acme:error:malformed",
              "detail": "Some of the identifiers requested were rejected",
              "status": 400,
              "unknownMember": {"ignored": true},
              "subproblems": [
                {
                  "type": "urn:ietf:params:acme:error:malformed",
                  "detail": "Invalid underscore in DNS name \"_example.org\"",
                  "identifier": {"type": "dns", "value": "_example.org"}
                },
                {
                  "type": "urn:ietf:params:acme:error:rejectedIdentifier",
                  "detail": "This CA will not issue for \"example.net\"",
                  "identifier": {"type": "dns", "value": "example.net"}
                }
              ]
            }
            """#
        let problem = try JSONDecoder().decode(ACMEProblem.self, from: Data(json.utf8))
        #expect(problem.type == .malformed)
        #expect(problem.status == 400)
        #expect(problem.subproblems.count == 2)
        #expect(problem.subproblems[0].identifier == .dns("_example.org"))
        #expect(problem.subproblems[1].type == .rejectedIdentifier)
        #expect(problem.subproblems[1].identifier == .dns("example.net"))
        #expect(problem.description.contains("example.net: rejectedIdentifier: This CA will not issue"))
    }

    @Test func keepsTheFullURNAndMatchesByValue() throws {
        let problem = try JSONDecoder().decode(
            ACMEProblem.self,
            from: Data(#"{"type":"urn:ietf:params:acme:error:rateLimited","detail":"too many"}"#.utf8)
        )
        #expect(problem.type == .rateLimited)
        #expect(problem.type != .badNonce)
        #expect(problem.type.rawValue == "urn:ietf:params:acme:error:rateLimited")
        #expect(problem.type.name == "rateLimited")
        #expect(problem.subproblems.isEmpty)
        #expect(problem.identifier == nil)
    }

    @Test(arguments: [
        (ACMEProblemType.accountDoesNotExist, "accountDoesNotExist"), (.alreadyRevoked, "alreadyRevoked"),
        (.badCSR, "badCSR"), (.badNonce, "badNonce"), (.badPublicKey, "badPublicKey"),
        (.badRevocationReason, "badRevocationReason"), (.badSignatureAlgorithm, "badSignatureAlgorithm"),
        (.caa, "caa"), (.compound, "compound"), (.connection, "connection"), (.dns, "dns"),
        (.externalAccountRequired, "externalAccountRequired"), (.incorrectResponse, "incorrectResponse"),
        (.invalidContact, "invalidContact"), (.malformed, "malformed"), (.orderNotReady, "orderNotReady"),
        (.rateLimited, "rateLimited"), (.rejectedIdentifier, "rejectedIdentifier"),
        (.serverInternal, "serverInternal"), (.tls, "tls"), (.unauthorized, "unauthorized"),
        (.unsupportedContact, "unsupportedContact"), (.unsupportedIdentifier, "unsupportedIdentifier"),
        (.userActionRequired, "userActionRequired"), (.alreadyReplaced, "alreadyReplaced"),
        (.invalidProfile, "invalidProfile"),
    ])
    func everyACMETypeIsInTheNamespace(type: ACMEProblemType, name: String) {
        #expect(type.rawValue == "urn:ietf:params:acme:error:" + name)
        #expect(type == .acme(name))
        #expect(type.name == name)
    }

    @Test func unknownAndMissingTypesStillDecode() throws {
        let custom = try JSONDecoder().decode(ACMEProblem.self, from: Data(#"{"type":"https://ca.test/oops"}"#.utf8))
        #expect(custom.type.name == "https://ca.test/oops")
        let bare = try JSONDecoder().decode(ACMEProblem.self, from: Data(#"{"detail":"no type"}"#.utf8))
        #expect(bare.type == .blank)
    }

    @Test func rateLimitAdviceSaysToWait() {
        let problem = ACMEProblem(type: .rateLimited, detail: "too many certificates")
        #expect(problem.advice?.contains("do not retry") == true)
        #expect(ACMEProblem(type: .blank, status: 503).advice?.contains("try again later") == true)
        #expect(ACMEProblem(type: .blank, status: 404).advice == nil)
    }
}
