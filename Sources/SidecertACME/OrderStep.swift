#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the order flow does next, given the CA's latest view of the order. Pure, so every status is tested
/// without I/O.
enum OrderStep: Equatable {
    /// Work through the authorizations (present, respond, poll).
    case authorize
    /// Send the CSR.
    case finalize
    /// Wait, then fetch the order again.
    case poll
    /// Download the certificate from this URL.
    case download(URL)
    /// The order is invalid: issuance failed.
    case fail
    /// The CA sent something RFC 8555 does not allow here.
    case protocolViolation(String)

    /// The next step for an order.
    /// - Parameters:
    ///   - authorizationsDone: the flow already worked through the authorizations, so a pending order is only
    ///     waiting for the CA to notice.
    ///   - finalizeSent: the CSR was sent, so a ready order is only waiting for the CA to start processing.
    static func next(
        status: ACMEStatus,
        certificateURL: URL?,
        authorizationsDone: Bool,
        finalizeSent: Bool
    ) -> OrderStep {
        switch status {
        case .pending: authorizationsDone ? .poll : .authorize
        case .ready: finalizeSent ? .poll : .finalize
        case .processing: .poll
        case .valid:
            certificateURL.map(OrderStep.download) ?? .protocolViolation("a valid order without a certificate URL")
        case .invalid: .fail
        default: .protocolViolation("an order with status \"\(status)\"")
        }
    }
}
