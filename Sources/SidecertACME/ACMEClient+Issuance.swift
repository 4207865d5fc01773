import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension ACMEClient {
    /// The `newOrder` payload (RFC 8555 §7.4, RFC 9773 §5, draft-ietf-acme-profiles).
    private struct NewOrder: Encodable {
        var identifiers: [ACMEIdentifier]
        var profile: String?
        var replaces: String?
    }

    /// The `finalize` payload.
    private struct Finalize: Encodable {
        var csr: String
    }

    /// Runs one order to the end with the same solvers for every identifier.
    /// - Parameter solvers: in order of preference; each authorization uses the first one the CA offers.
    package func issue(_ request: ACMEIssuanceRequest, solvers: [any ChallengeSolver], observer: ACMEIssuanceObserver = { _ in })
        async throws -> ACMEIssuedCertificate
    {
        try await issue(request, solverFor: { _, _ in solvers }, observer: observer)
    }

    /// Runs one order to the end: create it, prove control of every identifier with the first matching solver,
    /// finalize with the CSR, wait, and download the certificate.
    ///
    /// Authorizations the CA already holds as valid are reused without calling a solver. Every presented
    /// challenge is cleaned up, whatever happens. Polling gives up after ``ACMEPollingPolicy/timeout``.
    /// - Parameters:
    ///   - solverFor: the solvers that may answer each identifier, in order of preference; each authorization
    ///     uses the first one the CA offers.
    ///   - observer: told of each step as it happens; a throw stops the order there.
    package func issue(_ request: ACMEIssuanceRequest, solverFor: ChallengeSolverChoice, observer: ACMEIssuanceObserver = { _ in })
        async throws -> ACMEIssuedCertificate
    {
        let directory = try await directory()
        try checkProfile(request.profile, in: directory)
        let deadline = Date().addingTimeInterval(polling.timeout.timeInterval)
        let newOrder = NewOrder(
            identifiers: request.identifiers,
            profile: request.profile,
            // Only a CA that speaks ARI knows what `replaces` means.
            replaces: directory.renewalInfo == nil ? nil : request.replaces
        )
        let created = try await post(directory.newOrder, payload: newOrder)
        let orderURL = try location(of: created, requestURL: directory.newOrder)
        let names = request.identifiers.map(\.value).joined(separator: ", ")
        var order: ACMEOrder
        do {
            order = try ACMEJSON.decode(ACMEOrder.self, from: created.body, url: orderURL)
        } catch let error as ACMEError {
            // The CA made the order (it named it) but its body was lost: read it rather than abandon it.
            logTransientFailure(error, of: "POST \(directory.newOrder.absoluteString)", retryingIn: .zero)
            (order, _) = try await retryingTransientFailures("POST-as-GET \(orderURL.absoluteString)", deadline: deadline) {
                try await fetch(ACMEOrder.self, at: orderURL)
            }
        }
        logger.info(
            "ACME order created",
            metadata: ["acme.order": "\(orderURL.absoluteString)", "acme.names": "\(names)"]
        )
        try await observer(.orderCreated(orderURL))

        var schedule = PollSchedule(policy: polling, deadline: deadline)
        var retryAfter: Date?
        var authorizationsDone = false
        var finalizeSent = false
        var finalizeRetries = TransientRetrySchedule(policy: polling, deadline: deadline)
        while true {
            let step = OrderStep.next(
                status: order.status,
                certificateURL: order.certificate,
                authorizationsDone: authorizationsDone,
                finalizeSent: finalizeSent
            )
            switch step {
            case .authorize:
                try await authorize(order.authorizations, solvers: solverFor, deadline: deadline, observer: observer)
                authorizationsDone = true
                (order, retryAfter) = try await readOrder(at: orderURL, deadline: deadline)
            case .finalize:
                (order, retryAfter, finalizeSent) = try await finalize(
                    order, at: orderURL, csr: Finalize(csr: Base64URL.encode(request.csrDER)), schedule: &finalizeRetries)
                if finalizeSent { try await observer(.finalized) }
            case .poll:
                guard let delay = schedule.nextDelay(now: Date(), retryAfter: retryAfter) else {
                    throw ACMEError(
                        code: .timedOut,
                        message: "The order for \(names) (\(orderURL.absoluteString)) was still \(order.status) "
                            + "after \(polling.timeout); the CA may be slow: try again later."
                    )
                }
                try await Task.sleep(for: delay)
                (order, retryAfter) = try await readOrder(at: orderURL, deadline: deadline)
            case .download(let certificateURL):
                let (chain, alternates) = try await retryingTransientFailures(
                    "POST-as-GET \(certificateURL.absoluteString)", deadline: deadline
                ) { try await downloadCertificate(from: certificateURL) }
                logger.info("ACME certificate issued", metadata: ["acme.order": "\(orderURL.absoluteString)"])
                try await observer(.certificateDownloaded)
                return ACMEIssuedCertificate(
                    certificateChainPEM: chain,
                    alternateChainURLs: alternates,
                    orderURL: orderURL
                )
            case .fail:
                throw ACMEError(
                    code: .orderFailed,
                    message: "The CA marked the order for \(names) (\(orderURL.absoluteString)) invalid.",
                    problem: order.error
                )
            case .protocolViolation(let what):
                throw ACMEError(
                    code: .invalidResponse,
                    message: "The ACME server sent \(what) for \(orderURL.absoluteString)."
                )
            }
        }
    }

    /// The order as the CA holds it now, read again after a transient failure.
    private func readOrder(at orderURL: URL, deadline: Date) async throws -> (ACMEOrder, Date?) {
        try await retryingTransientFailures("POST-as-GET \(orderURL.absoluteString)", deadline: deadline) {
            try await fetch(ACMEOrder.self, at: orderURL)
        }
    }

    /// Sends the CSR and returns the order after it, its `Retry-After`, and whether the CA took the CSR.
    ///
    /// When the answer is lost, garbled, or the CA's own trouble (5xx), whether the CA took the CSR is not known:
    /// the order, read again, says. Still `ready`: it did not, and the flow sends it again (within `schedule`);
    /// anything else: it did, and the flow polls. Finalizing a second time an order the CA is already
    /// processing would be refused (`orderNotReady`) and lose a certificate the CA issues anyway.
    private func finalize(
        _ order: ACMEOrder, at orderURL: URL, csr: Finalize, schedule: inout TransientRetrySchedule
    ) async throws -> (order: ACMEOrder, retryAfter: Date?, accepted: Bool) {
        let failure: ACMEError
        do {
            let response = try await post(order.finalize, payload: csr)
            let retryAfter = RetryAfter.date(from: response.value(forHeader: "Retry-After"), now: Date())
            do {
                return (try ACMEJSON.decode(ACMEOrder.self, from: response.body, url: order.finalize), retryAfter, true)
            } catch let error as ACMEError {
                logTransientFailure(error, of: "POST \(order.finalize.absoluteString)", retryingIn: .zero)
                let (again, _) = try await readOrder(at: orderURL, deadline: schedule.deadline)
                return (again, retryAfter, true)
            }
        } catch let error as ACMEError {
            failure = error
        }
        guard let delay = schedule.nextDelay(after: failure, now: Date()) else { throw failure }
        logTransientFailure(failure, of: "POST \(order.finalize.absoluteString)", retryingIn: delay)
        try await Task.sleep(for: delay)
        let (again, retryAfter) = try await readOrder(at: orderURL, deadline: schedule.deadline)
        return (again, retryAfter, again.status != .ready)
    }

    /// Refuses a profile the directory does not advertise, before any order counts against rate limits.
    private func checkProfile(_ profile: String?, in directory: ACMEDirectory) throws {
        guard let profile, directory.meta.profiles[profile] == nil else { return }
        let offered = directory.meta.profiles.keys.sorted()
        throw ACMEError(
            code: .unsupportedProfile,
            message: "The CA at \(directoryURL.absoluteString) does not offer the profile \"\(profile)\"; "
                + (offered.isEmpty
                    ? "it offers no profiles."
                    : "it offers: \(offered.joined(separator: ", ")).")
        )
    }
}
