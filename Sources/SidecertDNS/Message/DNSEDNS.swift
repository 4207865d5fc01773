/// A message's EDNS0 pseudo-record (OPT, RFC 6891): the largest UDP answer the sender accepts,
/// flags and options. The extended RCODE bits it carries are folded into ``DNSMessage/responseCode``.
package struct DNSEDNS: Hashable, Sendable {
    /// One EDNS option: a code and its data, kept as bytes.
    package struct Option: Hashable, Sendable {
        /// The option code (10 = cookie, 15 = extended error, …).
        package var code: UInt16
        /// The option's data.
        package var data: [UInt8]

        package init(code: UInt16, data: [UInt8]) {
            self.code = code
            self.data = data
        }
    }

    /// The largest UDP payload the sender can receive (the OPT record's CLASS).
    package var udpPayloadSize: UInt16
    /// The EDNS version; only 0 exists.
    package var version: UInt8
    /// The DO bit: the sender wants DNSSEC records.
    package var dnssecOK: Bool
    /// The options, in order.
    package var options: [Option]

    /// EDNS with a 1232-byte payload, the size DNS Flag Day 2020 settled on to avoid IP fragmentation.
    package init(udpPayloadSize: UInt16 = 1232, version: UInt8 = 0, dnssecOK: Bool = false, options: [Option] = []) {
        self.udpPayloadSize = udpPayloadSize
        self.version = version
        self.dnssecOK = dnssecOK
        self.options = options
    }
}
