import SidecertACME
import SidecertVolume

extension ACMEIdentifier {
    /// The server name the CA's validator sends (SNI) when it checks this identifier with TLS-ALPN-01: the DNS
    /// name itself (RFC 8737 §3), or for an IP address its reverse-DNS name, `4.3.2.1.in-addr.arpa` or the
    /// `ip6.arpa` nibbles (RFC 8738 §6), since SNI cannot carry an address. Nil for anything else.
    package var tlsALPNServerName: String? {
        switch type {
        case "dns":
            return value.lowercased()
        case "ip":
            guard let bytes = IPAddressText.bytes(of: value) else { return nil }
            if bytes.count == 4 {
                return bytes.reversed().map(String.init).joined(separator: ".") + ".in-addr.arpa"
            }
            let nibbles = bytes.reversed().flatMap { [$0 & 0x0F, $0 >> 4] }
            return nibbles.map { String($0, radix: 16) }.joined(separator: ".") + ".ip6.arpa"
        default:
            return nil
        }
    }
}
