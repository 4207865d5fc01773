#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A challenge object (RFC 8555 §7.1.5), the members the order flow reads.
struct ACMEChallenge: Decodable, Sendable {
    var type: String
    var url: URL
    var token: String?
    /// Required by RFC 8555; one that is absent counts as answered (the authorization's polls then tell).
    var status: ACMEStatus?
    var error: ACMEProblem?
}
