/// Finds where a name's records are kept, as a client writing a record with UPDATE needs it: the
/// zone (SOA walk), the final target of a CNAME chain, and the zone's authoritative servers.
///
/// Every lookup goes through one configured resolver, never the system's own lookup path: in a split
/// horizon, only the resolver the operator names may see the zone.
package struct DNSZoneDiscovery: Sendable {
    /// Sends the queries.
    package let client: DNSClient
    /// The recursive resolver every lookup goes through.
    package let resolver: DNSServerAddress
    /// The longest CNAME chain followed; longer chains (or loops) are an error.
    package var maximumCNAMEChain: Int = 8
    /// The port authoritative servers are asked on (53; tests run servers elsewhere).
    package var authoritativePort: Int = 53
    /// Whether AAAA addresses of name servers are used; turn off on hosts without IPv6 connectivity.
    package var usesIPv6: Bool = true

    /// - Parameter resolver: e.g. ``DNSServerAddress/systemResolver(resolvConfPath:)``.
    package init(client: DNSClient, resolver: DNSServerAddress) {
        self.client = client
        self.resolver = resolver
    }

    /// Discovery through `resolver` when the caller names one, else through the first `nameserver` of
    /// resolv.conf.
    package static func using(
        client: DNSClient,
        resolver: DNSServerAddress?,
        resolvConfPath: String = "/etc/resolv.conf"
    ) throws(DNSError) -> DNSZoneDiscovery {
        if let resolver {
            return DNSZoneDiscovery(client: client, resolver: resolver)
        }
        return DNSZoneDiscovery(client: client, resolver: try .systemResolver(resolvConfPath: resolvConfPath))
    }
}
