/// Why a DNS operation failed, in words a person can act on.
///
/// A struct with a ``Code`` rather than a public enum (as `ReloadError` and `ACMEError` are), so new
/// kinds of failure can be added without breaking callers that switch on the codes they care about,
/// e.g. to map ``Code/timedOut`` to "try again later".
package struct DNSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, machine-readable kind of failure.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, as shown in logs.
        package let name: String

        /// Bytes that are not a well-formed DNS message (truncated, a bad compression pointer, …).
        package static let malformedMessage = Code(name: "malformedMessage")
        /// A domain name that cannot be represented: a label over 63 bytes, a name over 255, bad escapes.
        package static let invalidName = Code(name: "invalidName")
        /// Input that cannot be used as given: a server address, a TSIG secret or algorithm, a record value.
        package static let invalidArgument = Code(name: "invalidArgument")
        /// The server did not answer in time, after every retry. Worth trying again later.
        package static let timedOut = Code(name: "timedOut")
        /// The server could not be reached (a TCP connection refused or reset, no route, …).
        package static let connectionFailed = Code(name: "connectionFailed")
        /// The server answered something that is not an answer to what was asked.
        package static let unexpectedResponse = Code(name: "unexpectedResponse")
        /// The server answered with an error RCODE (REFUSED, NOTAUTH, NOTZONE, SERVFAIL, …); see `responseCode`.
        package static let serverRejected = Code(name: "serverRejected")
        /// TSIG error BADKEY: the server does not know the key name (or not with this algorithm).
        package static let tsigUnknownKey = Code(name: "tsigUnknownKey")
        /// TSIG error BADSIG: the MAC did not verify, so the secret or the algorithm is wrong.
        package static let tsigBadSignature = Code(name: "tsigBadSignature")
        /// TSIG error BADTIME: this host's clock and the server's differ by more than the fudge.
        package static let tsigBadTime = Code(name: "tsigBadTime")
        /// TSIG error BADTRUNC: the server refused a truncated MAC.
        package static let tsigBadTruncation = Code(name: "tsigBadTruncation")
        /// Another TSIG error from the server (BADMODE, BADNAME, BADALG, …).
        package static let tsigRejected = Code(name: "tsigRejected")
        /// A signed request got an answer whose TSIG is missing, malformed or does not verify.
        package static let tsigResponseNotVerified = Code(name: "tsigResponseNotVerified")
        /// A DNS provider's API refused the credentials it was given (an API key).
        package static let accessRefused = Code(name: "accessRefused")
        /// No zone apex (SOA) was found for a name.
        package static let zoneNotFound = Code(name: "zoneNotFound")
        /// A CNAME chain loops or is longer than allowed.
        package static let cnameChainTooLong = Code(name: "cnameChainTooLong")
        /// A zone's NS records, or their addresses, could not be found.
        package static let noAuthoritativeServers = Code(name: "noAuthoritativeServers")
        /// Not every authoritative server had the record by the deadline.
        package static let propagationTimedOut = Code(name: "propagationTimedOut")

        package var description: String { name }
    }

    /// What kind of failure this is.
    package let code: Code
    /// What went wrong, with the server, name or record involved.
    package let message: String
    /// The server's RCODE, when the failure is the server's answer.
    package let responseCode: DNSResponseCode?
    /// The error underneath (a socket's), when there is one.
    package let underlyingError: (any Error)?

    /// Makes an error; `message` should say what happened in words, naming what was involved.
    package init(code: Code, message: String, responseCode: DNSResponseCode? = nil, underlyingError: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.responseCode = responseCode
        self.underlyingError = underlyingError
    }

    /// Errors are equal when they are of the same kind: what callers decide on.
    package static func == (lhs: DNSError, rhs: DNSError) -> Bool { lhs.code == rhs.code }

    package var description: String { "\(message) [\(code)]" }

    static func malformed(_ what: String, at offset: Int) -> DNSError {
        DNSError(code: .malformedMessage, message: "malformed DNS message: \(what) (at byte \(offset))")
    }
}
