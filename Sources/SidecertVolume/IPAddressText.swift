#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// IP address text: recognizing it, putting it in canonical form (`::0001` → `::1`), classifying it.
/// Shared by name validation (what users type) and inspection (what certificates carry), so both agree.
package enum IPAddressText {
    /// The canonical text of an IPv4 or IPv6 address, or nil when `text` is not one.
    package static func canonical(_ text: String) -> String? {
        if let bytes = bytes(of: text) { return Self.text(of: bytes) }
        return nil
    }

    /// The address's network-order bytes (4 or 16), or nil when `text` is not an address.
    package static func bytes(of text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if !text.contains("%"), inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    /// The canonical text of 4 or 16 network-order bytes.
    package static func text(of bytes: [UInt8]) -> String? {
        let family = bytes.count == 4 ? AF_INET : (bytes.count == 16 ? AF_INET6 : -1)
        guard family != -1 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let ok = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil
        }
        guard ok else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// 127.0.0.0/8 and ::1: this host only.
    package static func isLoopback(_ text: String) -> Bool {
        guard let b = bytes(of: text) else { return false }
        return b.count == 4 ? b[0] == 127 : (b[0..<15].allSatisfy { $0 == 0 } && b[15] == 1)
    }

    /// Loopback, private (RFC 1918, RFC 4193), link-local and CGNAT addresses: no public CA certifies them.
    package static func isLoopbackOrPrivate(_ text: String) -> Bool {
        guard let b = bytes(of: text) else { return false }
        if b.count == 4 {
            return b[0] == 127 || b[0] == 10 || (b[0] == 172 && (16...31).contains(b[1]))
                || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && (64...127).contains(b[1]))
        }
        let isUniqueLocal = (b[0] & 0xFE) == 0xFC
        let isLinkLocal = b[0] == 0xFE && (b[1] & 0xC0) == 0x80
        return isLoopback(text) || isUniqueLocal || isLinkLocal
    }
}
