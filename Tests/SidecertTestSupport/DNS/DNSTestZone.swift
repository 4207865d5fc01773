/// The zones every DNS peer of the tests serves, the TSIG key it takes updates with, and the names the
/// DNS-01 tests certify.
///
/// `example.test` holds the names. `validation.test` is a dedicated validation zone (acme-dns style):
/// `_acme-challenge.delegated.example.test` is a CNAME into it, so a DNS-01 record for
/// `delegated.example.test` belongs there. Both zones name their servers with their real loopback
/// addresses, so the NS records the propagation check follows are true.
package enum DNSTestZone {
    package static let zone = "example.test"
    package static let validationZone = "validation.test"
    package static let keyName = "sidecert-test-key"
    /// 32 bytes, base64, as `tsig-keygen` prints them.
    package static let secret = "c2lkZWNlcnQtZG5zMDEtdGVzdC1zZWNyZXQtMzJieXQ="

    /// The names of the wildcard + apex certificate, and where both of their TXT values go.
    package static let wildcardDomains = ["*.x.example.test", "x.example.test"]
    package static let wildcardCertName = "_wildcard.x.example.test"
    package static let challengeName = "_acme-challenge.x.example.test"
    /// The name whose `_acme-challenge` is delegated, and where the CNAME points.
    package static let delegatedDomain = "delegated.example.test"
    package static let delegatedChallengeName = "_acme-challenge.delegated.example.test"
    package static let delegatedTarget = "delegated.validation.test"

    /// A TXT value someone else put at each name a record of ours goes to; it must survive every test.
    package static let preExistingValue = "pre-existing, not sidecert's"

    /// The zone file of `example.test` (`secondary`: also name a second server).
    package static func mainZoneFile(primary: String, secondary: String?) -> String {
        """
        $TTL 60
        @ IN SOA ns1.example.test. hostmaster.example.test. ( 1 3600 600 86400 60 )
        @ IN NS ns1.example.test.
        \(secondary == nil ? "" : "@ IN NS ns2.example.test.")
        ns1 IN A \(primary)
        \(secondary.map { "ns2 IN A \($0)" } ?? "")
        _acme-challenge.x IN TXT "\(preExistingValue)"
        _acme-challenge.delegated IN CNAME \(delegatedTarget).

        """
    }

    /// The zone file of `validation.test`, served by the same servers.
    package static func validationZoneFile(secondary: String?) -> String {
        """
        $TTL 60
        @ IN SOA ns1.example.test. hostmaster.example.test. ( 1 3600 600 86400 60 )
        @ IN NS ns1.example.test.
        \(secondary == nil ? "" : "@ IN NS ns2.example.test.")
        delegated IN TXT "\(preExistingValue)"

        """
    }
}
