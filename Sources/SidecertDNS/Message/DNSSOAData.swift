/// The data of an SOA record: the zone's primary server, contact and timers (RFC 1035 §3.3.13).
public struct DNSSOAData: Hashable, Sendable {
    /// The primary name server (MNAME).
    public var primaryServer: DNSName
    /// The zone contact's mailbox, as a name (RNAME).
    public var responsibleMailbox: DNSName
    /// The zone's version; secondaries transfer when it grows.
    public var serial: UInt32
    /// How often secondaries check the serial, in seconds.
    public var refresh: UInt32
    /// How soon a secondary retries after a failed check, in seconds.
    public var retry: UInt32
    /// When a secondary that cannot reach the primary stops answering, in seconds.
    public var expire: UInt32
    /// The TTL of negative answers (RFC 2308), in seconds.
    public var minimum: UInt32

    public init(
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
