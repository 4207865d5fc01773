import Foundation
import Testing

@testable import SidecertACME

@Suite struct ACMEDirectoryTests {
    @Test func decodesLetsEncryptStyleDirectory() throws {
        let json = #"""
            {
              "keyChange": "https://ca.test/acme/key-change",
              "meta": {
                "caaIdentities": ["letsencrypt.org"],
                "profiles": {"classic": "The same profile as always", "shortlived": "About six days"},
                "termsOfService": "https://ca.test/terms.pdf",
                "website": "https://ca.test"
              },
              "newAccount": "https://ca.test/acme/new-acct",
              "newNonce": "https://ca.test/acme/new-nonce",
              "newOrder": "https://ca.test/acme/new-order",
              "renewalInfo": "https://ca.test/acme/renewal-info",
              "revokeCert": "https://ca.test/acme/revoke-cert",
              "xS3a1eLxfDs": "https://community.test/adding-random-entries-to-the-directory"
            }
            """#
        let directory = try JSONDecoder().decode(ACMEDirectory.self, from: Data(json.utf8))
        #expect(directory.newNonce.absoluteString == "https://ca.test/acme/new-nonce")
        #expect(directory.renewalInfo?.absoluteString == "https://ca.test/acme/renewal-info")
        #expect(directory.meta.profiles.keys.sorted() == ["classic", "shortlived"])
        #expect(directory.meta.termsOfService?.absoluteString == "https://ca.test/terms.pdf")
        #expect(directory.meta.caaIdentities == ["letsencrypt.org"])
        #expect(directory.meta.externalAccountRequired == false)
    }

    @Test func pebbleStyleDirectoryWithoutOptionalResources() throws {
        let json = #"""
            {"newAccount":"https://localhost:14000/sign-me-up","newNonce":"https://localhost:14000/nonce-plz",
             "newOrder":"https://localhost:14000/order-plz","keyChange":"https://localhost:14000/rollover-account-key",
             "revokeCert":"https://localhost:14000/revoke-cert",
             "meta":{"externalAccountRequired":false,"termsOfService":"data:text/plain,Do%20what%20thou%20wilt"}}
            """#
        let directory = try JSONDecoder().decode(ACMEDirectory.self, from: Data(json.utf8))
        #expect(directory.renewalInfo == nil)
        #expect(directory.meta.profiles.isEmpty)
        #expect(directory.meta.termsOfService != nil)
    }
}
