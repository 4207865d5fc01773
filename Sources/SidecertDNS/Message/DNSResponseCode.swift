/// A DNS RCODE (RFC 1035, 2136, 6891), extended to 12 bits with EDNS, and the TSIG error values
/// (RFC 8945) that share its numbering.
package struct DNSResponseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The numeric code (0…4095 in a message; TSIG errors are 16 bits).
    package let rawValue: UInt16

    package init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// No error.
    package static let noError = DNSResponseCode(rawValue: 0)
    /// The server could not parse the request.
    package static let formatError = DNSResponseCode(rawValue: 1)
    /// The server failed internally (often: it could not load the zone).
    package static let serverFailure = DNSResponseCode(rawValue: 2)
    /// The name does not exist.
    package static let nameError = DNSResponseCode(rawValue: 3)
    /// The server does not implement the request's opcode.
    package static let notImplemented = DNSResponseCode(rawValue: 4)
    /// The server refuses by policy (an update not allowed for this key or client, recursion off, …).
    package static let refused = DNSResponseCode(rawValue: 5)
    /// UPDATE prerequisite: a name exists that should not.
    package static let yxDomain = DNSResponseCode(rawValue: 6)
    /// UPDATE prerequisite: an RRset exists that should not.
    package static let yxRRSet = DNSResponseCode(rawValue: 7)
    /// UPDATE prerequisite: an RRset that should exist does not.
    package static let nxRRSet = DNSResponseCode(rawValue: 8)
    /// The server is not authoritative for the zone, or the request was not authenticated (TSIG).
    package static let notAuthoritative = DNSResponseCode(rawValue: 9)
    /// A name in the update is not inside the zone being updated.
    package static let notZone = DNSResponseCode(rawValue: 10)
    /// EDNS version not supported (in a message's RCODE) — or, in a TSIG error field, BADSIG.
    package static let badVersionOrSignature = DNSResponseCode(rawValue: 16)
    /// TSIG: the key is not known to the server.
    package static let badKey = DNSResponseCode(rawValue: 17)
    /// TSIG: the signature's time is outside the fudge window.
    package static let badTime = DNSResponseCode(rawValue: 18)
    /// TKEY: bad mode.
    package static let badMode = DNSResponseCode(rawValue: 19)
    /// TKEY: duplicate key name.
    package static let badName = DNSResponseCode(rawValue: 20)
    /// TSIG/TKEY: the algorithm is not supported.
    package static let badAlgorithm = DNSResponseCode(rawValue: 21)
    /// TSIG: the MAC was truncated too much.
    package static let badTruncation = DNSResponseCode(rawValue: 22)
    /// Bad or missing server cookie.
    package static let badCookie = DNSResponseCode(rawValue: 23)

    /// The mnemonic, as dig prints it (`REFUSED`, `NOTAUTH`, …), or `RCODE<n>`.
    package var description: String {
        switch rawValue {
        case 0: "NOERROR"
        case 1: "FORMERR"
        case 2: "SERVFAIL"
        case 3: "NXDOMAIN"
        case 4: "NOTIMP"
        case 5: "REFUSED"
        case 6: "YXDOMAIN"
        case 7: "YXRRSET"
        case 8: "NXRRSET"
        case 9: "NOTAUTH"
        case 10: "NOTZONE"
        case 16: "BADVERS"
        case 17: "BADKEY"
        case 18: "BADTIME"
        case 19: "BADMODE"
        case 20: "BADNAME"
        case 21: "BADALG"
        case 22: "BADTRUNC"
        case 23: "BADCOOKIE"
        default: "RCODE\(rawValue)"
        }
    }

    /// What the code means for a request, in words.
    package var meaning: String {
        switch rawValue {
        case 0: "no error"
        case 1: "the server could not parse the request"
        case 2: "the server failed to process the request (is the zone loaded?)"
        case 3: "the name does not exist"
        case 4: "the server does not support this kind of request"
        case 5: "the server refused the request (is this client or key allowed to do it?)"
        case 6: "a name that must not exist exists"
        case 7: "a record set that must not exist exists"
        case 8: "a record set that must exist does not"
        case 9: "the server is not authoritative for the zone, or did not accept the request's authentication"
        case 10: "a name in the request is not inside the zone"
        case 16: "the server does not support this EDNS version"
        default: "error code \(rawValue)"
        }
    }
}
