/// The data of an SOA record: the zone's primary server, contact and timers (RFC 1035 §3.3.13).
package struct DNSSOAData: Hashable, Sendable {
    /// The primary name server (MNAME).
    package var primaryServer: DNSName
    /// The zone contact's mailbox, as a name (RNAME).
    package var responsibleMailbox: DNSName
    /// The zone's version; secondaries transfer when it grows.
    package var serial: UInt32
    /// How often secondaries check the serial, in seconds.
    package var refresh: UInt32
    /// How soon a secondary retries after a failed check, in seconds.
    package var retry: UInt32
    /// When a secondary that cannot reach the primary stops answering, in seconds.
    package var expire: UInt32
    /// The TTL of negative answers (RFC 2308), in seconds.
    package var minimum: UInt32

    package init(
        primaryServer: DNSName,
        responsibleMailbox: DNSName,
        serial: UInt32,
        refresh: UInt32,
        retry: UInt32,
        expire: UInt32,
        minimum: UInt32
    ) {
        self.primaryServer = primaryServer
        self.responsibleMailbox = responsibleMailbox
        self.serial = serial
        self.refresh = refresh
        self.retry = retry
        self.expire = expire
        self.minimum = minimum
    }
}
