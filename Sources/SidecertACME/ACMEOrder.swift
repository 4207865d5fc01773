#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An order object (RFC 8555 §7.1.3), the members the order flow reads.
struct ACMEOrder: Decodable, Sendable {
    var status: ACMEStatus
    var authorizations: [URL]
    var finalize: URL
    var certificate: URL?
    var error: ACMEProblem?
}
