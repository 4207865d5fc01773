import SidecertDNS

/// Writes TXT records with dynamic UPDATE (RFC 2136) signed with TSIG (RFC 8945): BIND, Knot, PowerDNS,
/// and most DNS servers an operator runs.
package struct RFC2136RecordWriter: DNSRecordWriter {
    /// Where UPDATEs go: the zone's primary.
    package let server: DNSServerAddress
    package let key: TSIGKey
    let client: DNSClient
    /// The TTL of the records written: short, so that a leftover ages out of caches quickly.
    package static let ttl: UInt32 = 60

    package init(server: DNSServerAddress, key: TSIGKey, client: DNSClient) {
        self.server = server
        self.key = key
        self.client = client
    }

    package var description: String { "RFC 2136 updates to \(server) with TSIG key '\(key.name)'" }

    /// A TSIG-signed SOA query: the server verifies the signature of queries too, so BADKEY and BADSIG show
    /// here, before anything is written.
    package func checkAccess(zone: DNSName) async throws {
        let answer = try await client.exchange(.query(name: zone, type: .soa, recursionDesired: false), with: server, key: key)
        guard answer.responseCode == .noError else {
            throw DNSError(
                code: .serverRejected,
                message: "\(server) answered the signed SOA query for '\(zone)' with \(answer.responseCode): it is not the zone's server",
                responseCode: answer.responseCode)
        }
    }

    package func add(_ value: String, at name: DNSName, zone: DNSName) async throws {
        try await client.update(.updateAddingTXT(zone: zone, name: name, ttl: Self.ttl, value: value), at: server, key: key)
    }

    package func remove(_ value: String, at name: DNSName, zone: DNSName) async throws {
        try await client.update(.updateDeletingTXT(zone: zone, name: name, value: value), at: server, key: key)
    }
}
