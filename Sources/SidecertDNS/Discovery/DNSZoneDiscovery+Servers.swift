import Logging

/// A zone's authoritative servers.
extension DNSZoneDiscovery {
    /// The addresses of `zone`'s name servers: its NS records, and each NS name's A (and AAAA)
    /// records, all looked up through the resolver, ordered by name. An NS name without addresses is
    /// logged and left out; none at all is an error.
    package func authoritativeServers(of zone: DNSName) async throws -> [DNSAuthoritativeServer] {
        let response = try await client.query(zone, type: .ns, at: resolver)
        var names: [DNSName] = []
        for record in response.answers where record.name == zone {
            if case .ns(let server) = record.data, !names.contains(server) {
                names.append(server)
            }
        }
        // Servers rotate RRsets; a fixed order keeps progress messages stable from one poll to the next.
        names.sort { $0.lowercased().description < $1.lowercased().description }
        guard !names.isEmpty else {
            throw DNSError(code: .noAuthoritativeServers, message: "the resolver \(resolver) knows no NS records for zone '\(zone)'")
        }
        var servers: [DNSAuthoritativeServer] = []
        for name in names {
            var addresses: [String] = []
            for type in usesIPv6 ? [DNSRecordType.a, .aaaa] : [.a] {
                for record in try await client.query(name, type: type, at: resolver).answers {
                    switch record.data {
                    case .a(let address): addresses.append(address.description)
                    case .aaaa(let address): addresses.append(address.description)
                    default: continue
                    }
                }
            }
            if addresses.isEmpty {
                client.logger.warning(
                    "A name server of the zone has no address; it cannot be checked",
                    metadata: ["dns.zone": "\(zone)", "dns.server": "\(name)"]
                )
            }
            for address in addresses.sorted() where !servers.contains(where: { $0.address.host == address }) {
                servers.append(DNSAuthoritativeServer(name: name, address: DNSServerAddress(host: address, port: authoritativePort)))
            }
        }
        guard !servers.isEmpty else {
            throw DNSError(
                code: .noAuthoritativeServers,
                message:
                    "none of zone '\(zone)''s name servers (\(names.map(\.description).joined(separator: ", "))) has an address the resolver \(resolver) knows"
            )
        }
        return servers
    }
}
