import Foundation
import Testing

@testable import SidecertACME

@Suite struct OrderStepTests {
    static let certificate = URL(string: "https://ca.test/cert/1")!

    @Test(arguments: [
        (ACMEStatus.pending, false, false, OrderStep.authorize),
        (.pending, false, true, .authorize),
        (.pending, true, false, .poll),
        (.pending, true, true, .poll),
        (.ready, false, false, .finalize),
        (.ready, true, false, .finalize),
        (.ready, true, true, .poll),
        (.ready, false, true, .poll),
        (.processing, true, true, .poll),
        (.processing, false, false, .poll),
        (.valid, true, true, .download(certificate)),
        (.valid, false, false, .download(certificate)),
        (.invalid, false, false, .fail),
        (.invalid, true, true, .fail),
        (.expired, true, true, .protocolViolation("an order with status \"expired\"")),
        (ACMEStatus(rawValue: "weird"), false, false, .protocolViolation("an order with status \"weird\"")),
    ])
    func nextStep(status: ACMEStatus, authorizationsDone: Bool, finalizeSent: Bool, expected: OrderStep) {
        let step = OrderStep.next(
            status: status,
            certificateURL: Self.certificate,
            authorizationsDone: authorizationsDone,
            finalizeSent: finalizeSent
        )
        #expect(step == expected)
    }

    @Test func validWithoutCertificateIsAProtocolViolation() {
        let step = OrderStep.next(status: .valid, certificateURL: nil, authorizationsDone: true, finalizeSent: true)
        #expect(step == .protocolViolation("a valid order without a certificate URL"))
    }

    /// A whole order walked through the state machine the way a CA moves it, without I/O.
    @Test func walksAnOrderFromPendingToDownload() {
        var authorizationsDone = false
        var finalizeSent = false
        var steps: [OrderStep] = []
        for (status, certificate) in [
            (ACMEStatus.pending, nil), (.pending, nil), (.ready, nil), (.processing, nil), (.valid, Self.certificate),
        ] as [(ACMEStatus, URL?)] {
            let step = OrderStep.next(
                status: status,
                certificateURL: certificate,
                authorizationsDone: authorizationsDone,
                finalizeSent: finalizeSent
            )
            steps.append(step)
            if step == .authorize { authorizationsDone = true }
            if step == .finalize { finalizeSent = true }
        }
        #expect(steps == [.authorize, .poll, .finalize, .poll, .download(Self.certificate)])
    }
}

@Suite struct AuthorizationStepTests {
    @Test(arguments: [
        (ACMEStatus.valid, false, AuthorizationStep.done),
        (.valid, true, .done),
        (.pending, false, .solve),
        (.pending, true, .poll),
        (.invalid, false, .fail),
        (.invalid, true, .fail),
        (.deactivated, true, .fail),
        (.expired, false, .fail),
        (.revoked, true, .fail),
        (.processing, true, .protocolViolation("an authorization with status \"processing\"")),
        (.ready, false, .protocolViolation("an authorization with status \"ready\"")),
    ])
    func nextStep(status: ACMEStatus, answered: Bool, expected: AuthorizationStep) {
        #expect(AuthorizationStep.next(status: status, challengeAnswered: answered) == expected)
    }
}
