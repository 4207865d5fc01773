import SidecertDNS

/// Adds and removes one TXT value at a name in a DNS zone: the part of DNS-01 that differs between DNS
/// providers (an RFC 2136 server, the PowerDNS API, an operator's script).
///
/// Writers add exactly the value given and remove exactly that value: records someone else put at the
/// same name stay.
package protocol DNSRecordWriter: Sendable, CustomStringConvertible {
    /// Checks, without writing anything, that the provider accepts this writer's credentials for `zone` (a
    /// TSIG key the server knows, an API key that opens the API and the zone), so bad configuration fails
    /// before any order.
    func checkAccess(zone: DNSName) async throws

    /// Adds `value` as a TXT record at `name` in `zone`.
    func add(_ value: String, at name: DNSName, zone: DNSName) async throws

    /// Removes the TXT record `value` at `name` in `zone`; removing one that is not there is fine.
    func remove(_ value: String, at name: DNSName, zone: DNSName) async throws
}
