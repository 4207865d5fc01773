/// A request to the CA that got no complete answer within the transport's request timeout.
struct ACMERequestTimedOut: Error, CustomStringConvertible {
    /// The timeout that ran out.
    var timeout: Duration

    var description: String {
        "no complete answer within \(timeout.components.seconds) seconds (the request timeout)"
    }
}
