/// What the order flow does next for one authorization. Pure, so every status is tested without I/O.
enum AuthorizationStep: Equatable {
    /// Valid, possibly reused from an earlier order: nothing to do, no solver involved.
    case done
    /// Present the key authorization and tell the CA to validate.
    case solve
    /// The CA is validating: wait, then fetch the authorization again.
    case poll
    /// Invalid, deactivated, expired or revoked: this identifier cannot be issued in this order.
    case fail
    /// The CA sent a status RFC 8555 does not define for authorizations.
    case protocolViolation(String)

    /// The next step for an authorization; `challengeAnswered` says the flow already told the CA to validate.
    static func next(status: ACMEStatus, challengeAnswered: Bool) -> AuthorizationStep {
        switch status {
        case .valid: .done
        case .pending: challengeAnswered ? .poll : .solve
        case .invalid, .deactivated, .expired, .revoked: .fail
        default: .protocolViolation("an authorization with status \"\(status)\"")
        }
    }
}
