/// An authorization object (RFC 8555 §7.1.4), the members the order flow reads.
struct ACMEAuthorization: Decodable, Sendable {
    var identifier: ACMEIdentifier
    var status: ACMEStatus
    var challenges: [ACMEChallenge]
    var wildcard: Bool?

    /// The first challenge that fails with a problem: the reason an invalid authorization gives.
    var firstProblem: ACMEProblem? {
        challenges.lazy.compactMap(\.error).first
    }
}
