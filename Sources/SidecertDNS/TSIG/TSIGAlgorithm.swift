import Crypto

/// A TSIG MAC algorithm (RFC 8945 §6): HMAC with SHA-256 (the default), SHA-384, SHA-512, or SHA-1
/// for old servers.
package struct TSIGAlgorithm: Hashable, Sendable, CustomStringConvertible {
    enum Hash: Sendable {
        case sha1, sha256, sha384, sha512
    }

    /// The algorithm's name as it travels in the TSIG record (`hmac-sha256.`).
    package let name: DNSName
    let hash: Hash

    private init(_ name: String, _ hash: Hash) {
        self.name = DNSName(uncheckedLabels: [Array(name.utf8)])
        self.hash = hash
    }

    /// HMAC-SHA256, the default and what every current server supports.
    package static let hmacSHA256 = TSIGAlgorithm("hmac-sha256", .sha256)
    /// HMAC-SHA384.
    package static let hmacSHA384 = TSIGAlgorithm("hmac-sha384", .sha384)
    /// HMAC-SHA512.
    package static let hmacSHA512 = TSIGAlgorithm("hmac-sha512", .sha512)
    /// HMAC-SHA1, for servers too old for SHA-2.
    package static let hmacSHA1 = TSIGAlgorithm("hmac-sha1", .sha1)

    /// Every supported algorithm.
    package static let all: [TSIGAlgorithm] = [.hmacSHA256, .hmacSHA384, .hmacSHA512, .hmacSHA1]

    /// Parses a name as BIND's key files and `nsupdate -y` write it: `hmac-sha256`, any case, with or
    /// without a trailing dot.
    package init(_ text: String) throws(DNSError) {
        let wanted = text.lowercased().hasSuffix(".") ? String(text.lowercased().dropLast()) : text.lowercased()
        guard let found = Self.all.first(where: { $0.description == wanted }) else {
            throw DNSError(
                code: .invalidArgument,
                message: "'\(text)' is not a supported TSIG algorithm; use one of \(Self.all.map(\.description).joined(separator: ", "))"
            )
        }
        self = found
    }

    /// The algorithm a TSIG record names, or nil when it is not supported.
    init?(name: DNSName) {
        guard let found = Self.all.first(where: { $0.name == name }) else { return nil }
        self = found
    }

    /// `hmac-sha256`, as key files write it.
    package var description: String { name.description }

    /// The MAC's length in bytes.
    var macLength: Int {
        switch hash {
        case .sha1: Insecure.SHA1.byteCount
        case .sha256: SHA256.byteCount
        case .sha384: SHA384.byteCount
        case .sha512: SHA512.byteCount
        }
    }

    func mac(of data: [UInt8], key: SymmetricKey) -> [UInt8] {
        switch hash {
        case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: data, using: key))
        case .sha256: Array(HMAC<SHA256>.authenticationCode(for: data, using: key))
        case .sha384: Array(HMAC<SHA384>.authenticationCode(for: data, using: key))
        case .sha512: Array(HMAC<SHA512>.authenticationCode(for: data, using: key))
        }
    }

    /// Checks `mac` in constant time.
    func isValid(mac: [UInt8], of data: [UInt8], key: SymmetricKey) -> Bool {
        switch hash {
        case .sha1: HMAC<Insecure.SHA1>.isValidAuthenticationCode(mac, authenticating: data, using: key)
        case .sha256: HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: data, using: key)
        case .sha384: HMAC<SHA384>.isValidAuthenticationCode(mac, authenticating: data, using: key)
        case .sha512: HMAC<SHA512>.isValidAuthenticationCode(mac, authenticating: data, using: key)
        }
    }
}
