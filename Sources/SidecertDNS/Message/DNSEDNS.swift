/// A message's EDNS0 pseudo-record (OPT, RFC 6891): the largest UDP answer the sender accepts,
/// flags and options. The extended RCODE bits it carries are folded into ``DNSMessage/responseCode``.
public struct DNSEDNS: Hashable, Sendable {
    /// One EDNS option: a code and its data, kept as bytes.
    public struct Option: Hashable, Sendable {
        /// The option code (10 = cookie, 15 = extended error, …).
        public var code: UInt16
        /// The option's data.
        public var data: [UInt8]

        public init(code: UInt16, data: [UInt8]) {
            self.code = code
            self.data = data
        }
    }

    /// The largest UDP payload the sender can receive (the OPT record's CLASS).
    public var udpPayloadSize: UInt16
    /// The EDNS version; only 0 exists.
    public var version: UInt8
    /// The DO bit: the sender wants DNSSEC records.
    public var dnssecOK: Bool
    /// The options, in order.
    public var options: [Option]

    /// EDNS with a 1232-byte payload, the size DNS Flag Day 2020 settled on to avoid IP fragmentation.
    public init(udpPayloadSize: UInt16 = 1232, version: UInt8 = 0, dnssecOK: Bool = false, options: [Option] = []) {
        self.udpPayloadSize = udpPayloadSize
        self.version = version
        self.dnssecOK = dnssecOK
        self.options = options
    }
}
