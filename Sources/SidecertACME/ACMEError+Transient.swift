extension ACMEError {
    /// Whether the same request, sent again in a moment, may well succeed: the CA could not be reached or did
    /// not answer in time or in full (``Code/unreachable``), answered with its own trouble (a 5xx status), or
    /// sent something other than the document due (``Code/unreadableDocument``: a garbled body, a proxy's error
    /// page). A rate limit never is: its `Retry-After` is for the whole fleet to honour, through the ledger.
    package var isTransient: Bool {
        switch code {
        case .unreachable, .unreadableDocument:
            true
        case .problem:
            problem?.type != .rateLimited && (problem?.status ?? 0) >= 500
        default:
            false
        }
    }
}
