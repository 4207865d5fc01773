/// A message's TSIG pseudo-record (RFC 8945 §4.2), always the last record of the message.
package struct DNSTSIGRecord: Hashable, Sendable {
    /// The key's name (the record's owner name).
    package var keyName: DNSName
    /// The MAC algorithm's name, e.g. `hmac-sha256.`.
    package var algorithm: DNSName
    /// Seconds since the Unix epoch when the message was signed (48 bits).
    package var timeSigned: UInt64
    /// How many seconds of clock difference the signer allows.
    package var fudge: UInt16
    /// The MAC (empty in a BADKEY or BADSIG answer).
    package var mac: [UInt8]
    /// The message ID when signed (a forwarder may change the header's).
    package var originalID: UInt16
    /// The TSIG error: 0, or BADSIG (16), BADKEY (17), BADTIME (18), BADTRUNC (22), …
    package var error: DNSResponseCode
    /// Extra data; in a BADTIME answer, the server's own time (48 bits).
    package var otherData: [UInt8]

    package init(
        keyName: DNSName,
        algorithm: DNSName,
        timeSigned: UInt64,
        fudge: UInt16,
        mac: [UInt8],
        originalID: UInt16,
        error: DNSResponseCode = .noError,
        otherData: [UInt8] = []
    ) {
        self.keyName = keyName
        self.algorithm = algorithm
        self.timeSigned = timeSigned
        self.fudge = fudge
        self.mac = mac
        self.originalID = originalID
        self.error = error
        self.otherData = otherData
    }
}
