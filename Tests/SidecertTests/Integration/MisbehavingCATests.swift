import Foundation
import SidecertTestSupport
import Testing

/// A CA that misbehaves: a real Pebble behind `ACMEFaultProxy`, which answers chosen requests with the CA's
/// own trouble (5xx, with and without `Retry-After`), a rate limit, a reset connection, a truncated or garbled
/// body, or silence. What must hold each time: the exit code says whether trying later helps (75) or not; a
/// failed attempt's backoff holds every replica back without contacting the CA; an order is not given up for
/// a failure the same read could ride out (counted at Pebble); the message says what happened.
@Suite("When the CA misbehaves", .serialized)
struct MisbehavingCATests {
    /// The CA's own trouble answered to `newOrder`.
    struct Trouble: Sendable, CustomTestStringConvertible {
        var status: Int
        var retryAfter: Int?
        var problem: Bool

        var testDescription: String {
            "HTTP \(status)" + (retryAfter.map { ", Retry-After \($0)" } ?? "") + (problem ? ", serverInternal problem" : ", empty body")
        }

        var fault: ACMEFaultProxy.Fault {
            .init(
                .post, "^/order-plz$", nth: [1],
                .status(
                    status, retryAfter: retryAfter.map(String.init),
                    problem: problem
                        ? .init(type: "urn:ietf:params:acme:error:serverInternal", detail: "the database is down", status: status) : nil))
        }
    }

    @Test(
        "the CA's trouble on new-order: exit 75, the backoff (the Retry-After when longer) on the volume, three replicas started after it do not contact the CA",
        arguments: [
            Trouble(status: 500, retryAfter: nil, problem: true), Trouble(status: 503, retryAfter: 300, problem: false),
            Trouble(status: 500, retryAfter: 300, problem: true), Trouble(status: 503, retryAfter: nil, problem: false),
        ])
    func newOrderRefusedByTheCAsTrouble(_ trouble: Trouble) async throws {
        let (scenario, proxy) = try await Self.start([trouble.fault])
        defer { scenario.stop() }
        let started = Date()
        let arguments = Self.ensure(scenario, proxy, "trouble.example")

        let first = try await scenario.sidecert(arguments)
        #expect(first.status == 75, "stderr: \(first.stderr)")
        #expect(first.stderr.contains("HTTP \(trouble.status)") && first.stderr.contains("the CA's trouble"), "says what happened: \(first.stderr)")
        #expect(first.stderr.contains("next attempt is allowed at"), "says when to try again: \(first.stderr)")
        if trouble.problem { #expect(first.stderr.contains("the database is down"), "passes on the CA's words: \(first.stderr)") }
        #expect(scenario.pebble.orderCount() == 0)

        let backoff = TimeInterval(max(60, trouble.retryAfter ?? 0))
        try await Self.expectBackoff(scenario, proxy, arguments, cert: "trouble.example", atLeastUntil: started.addingTimeInterval(backoff - 1))
    }

    @Test("the directory unavailable (503, Retry-After): exit 75, the Retry-After is the fleet's backoff")
    func directoryUnavailable() async throws {
        let (scenario, proxy) = try await Self.start([.init(.get, "^/dir$", .status(503, retryAfter: "600"))])
        defer { scenario.stop() }
        let started = Date()
        let arguments = Self.ensure(scenario, proxy, "nodir.example")

        let first = try await scenario.sidecert(arguments)
        #expect(first.status == 75, "stderr: \(first.stderr)")
        #expect(first.stderr.contains("/dir (HTTP 503)"), "names the request and status: \(first.stderr)")
        try await Self.expectBackoff(scenario, proxy, arguments, cert: "nodir.example", atLeastUntil: started.addingTimeInterval(599))
    }

    @Test("rateLimited with Retry-After: exit 75, no replica contacts the CA until then; --force does, and issues")
    func rateLimitedNewOrder() async throws {
        let limited = ACMEFaultProxy.Fault(
            .post, "^/order-plz$", nth: [1],
            .status(
                429, retryAfter: "3600",
                problem: .init(
                    type: "urn:ietf:params:acme:error:rateLimited", detail: "too many new orders (300) from this account in the last 3h0m0s",
                    status: 429)))
        let (scenario, proxy) = try await Self.start([limited])
        defer { scenario.stop() }
        let started = Date()
        let arguments = Self.ensure(scenario, proxy, "limited.example")

        let first = try await scenario.sidecert(arguments)
        #expect(first.status == 75, "stderr: \(first.stderr)")
        #expect(first.stderr.contains("rateLimited") && first.stderr.contains("too many new orders"), "says which limit: \(first.stderr)")
        #expect(first.stderr.contains("rate limit"), "says what to do: \(first.stderr)")
        try await Self.expectBackoff(scenario, proxy, arguments, cert: "limited.example", atLeastUntil: started.addingTimeInterval(3599))

        let forced = try await scenario.sidecert(arguments + ["--force"])
        #expect(forced.status == 0, "stderr: \(forced.stderr)")
        #expect(scenario.pebble.orderCount() == 1)
    }

    @Test("5xx on polls of the order and the authorization and on the download: retried within the order, one order, exit 0")
    func pollsRideOutTheCAsTrouble() async throws {
        let (scenario, proxy) = try await Self.start([
            .init(.post, "^/my-order/", nth: [1], .status(503)),
            .init(
                .post, "^/authZ/", nth: [2],
                .status(500, problem: .init(type: "urn:ietf:params:acme:error:serverInternal", detail: "try again", status: 500))),
            .init(.post, "^/certZ/", nth: [1], .status(503, retryAfter: "1")),
        ])
        defer { scenario.stop() }

        let result = try await scenario.sidecert(Self.ensure(scenario, proxy, "polls.example"))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(proxy.faulted().count == 3, "every fault was met: \(proxy.faulted().map(\.path))")
        #expect(result.stderr.contains("trying again"), "the failures are logged: \(result.stderr)")
        #expect(scenario.pebble.orderCount() == 1, "the order was not given up")
        #expect(scenario.pebble.issuedCertificateCount() == 1)
        let ledger = try #require(try await scenario.status().certificates.first { $0.certName == "polls.example" }?.ledger)
        #expect(ledger.consecutiveFailures == 0)
    }

    @Test("a connection reset mid-order (the challenge before the CA saw it, the finalize after): one order, one certificate, exit 0")
    func connectionResetMidOrder() async throws {
        let (scenario, proxy) = try await Self.start([
            .init(.post, "^/chalZ/", nth: [1], .reset),
            .init(.post, "^/finalize-order/", nth: [1], pebbleHandlesIt: true, .reset),
        ])
        defer { scenario.stop() }

        let result = try await scenario.sidecert(Self.ensure(scenario, proxy, "reset.example"))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(proxy.faulted().count == 2, "both resets happened: \(proxy.faulted().map(\.path))")
        #expect(proxy.requests().filter { $0.path.hasPrefix("/finalize-order/") }.count == 1, "the CA took the CSR: it is not sent twice")
        #expect(scenario.pebble.orderCount() == 1)
        #expect(scenario.pebble.issuedCertificateCount() == 1, "the certificate the CA issued is the one published")
    }

    @Test("a garbled or truncated body mid-order (new-order's body, two polls): read again, one order, exit 0")
    func garbledAnswersMidOrder() async throws {
        let (scenario, proxy) = try await Self.start([
            .init(.post, "^/order-plz$", nth: [1], pebbleHandlesIt: true, .garbage),
            .init(.post, "^/my-order/", nth: [1], .garbage),
            .init(.post, "^/my-order/", nth: [2], pebbleHandlesIt: true, .truncate),
        ])
        defer { scenario.stop() }

        let result = try await scenario.sidecert(Self.ensure(scenario, proxy, "garbled.example"))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(proxy.faulted().count == 3, "every fault was met: \(proxy.faulted().map(\.path))")
        #expect(result.stderr.contains("it is not JSON"), "says what was wrong with the body: \(result.stderr)")
        #expect(scenario.pebble.orderCount() == 1, "the order whose answer was garbled is the one completed")
    }

    @Test("new-order's answer lost (reset before the CA saw it, truncated after): exit 75 saying so, the backoff holds the replicas")
    func newOrderAnswerLost() async throws {
        for (fault, words, orders) in [
            (ACMEFaultProxy.Fault(.post, "^/order-plz$", nth: [1], .reset), "reset", 0),
            (ACMEFaultProxy.Fault(.post, "^/order-plz$", nth: [1], pebbleHandlesIt: true, .truncate), "closed before the whole answer", 1),
        ] {
            let (scenario, proxy) = try await Self.start([fault])
            defer { scenario.stop() }
            let started = Date()
            let arguments = Self.ensure(scenario, proxy, "lost.example")
            let first = try await scenario.sidecert(arguments)
            #expect(first.status == 75, "stderr: \(first.stderr)")
            #expect(
                first.stderr.contains("Could not reach the ACME server (POST") && first.stderr.contains(words), "says what happened: \(first.stderr)")
            // Pebble may log the order it made after the truncated answer reached sidecert.
            let counted = try await eventually(within: .seconds(60)) { scenario.pebble.orderCount() >= orders }
            #expect(counted && scenario.pebble.orderCount() == orders, "an order the CA made but whose URL never arrived cannot be completed")
            try await Self.expectBackoff(scenario, proxy, arguments, cert: "lost.example", atLeastUntil: started.addingTimeInterval(59))
        }
    }

    @Test("a directory URL that answers with a web page: exit 2 naming --directory, no backoff recorded")
    func directoryThatIsNotACMEIsConfiguration() async throws {
        let (scenario, proxy) = try await Self.start([.init(.get, "^/dir$", .garbage)])
        defer { scenario.stop() }
        let arguments = Self.ensure(scenario, proxy, "notacme.example")

        let first = try await scenario.sidecert(arguments)
        #expect(first.status == 2, "stderr: \(first.stderr)")
        #expect(first.stderr.contains("not with an ACME directory") && first.stderr.contains("--directory"), "names the flag: \(first.stderr)")
        // Refused before the lease: no attempt in a ledger, so no backoff for the corrected rerun.
        let ledger = try await scenario.status().certificates.first { $0.certName == "notacme.example" }?.ledger
        #expect(ledger == nil, "configuration is not an attempt against the CA")
    }

    @Test("new-order answered with silence: given up after the request timeout, exit 75 saying so")
    func newOrderNeverAnswered() async throws {
        let (scenario, proxy) = try await Self.start([.init(.post, "^/order-plz$", nth: [1], .hang)])
        defer { scenario.stop() }
        let arguments = Self.ensure(scenario, proxy, "silent.example")

        let first = try await scenario.sidecert(arguments)
        #expect(first.status == 75, "stderr: \(first.stderr)")
        #expect(first.stderr.contains("no complete answer within 30 seconds"), "says what happened: \(first.stderr)")
        let ledger = try #require(try await scenario.status().certificates.first { $0.certName == "silent.example" }?.ledger)
        #expect(ledger.consecutiveFailures == 1 && ledger.nextAttemptAllowed != nil)
    }

    @Test("an order poll whose body stalls halfway: the request timeout covers the body, the poll is sent again, exit 0")
    func pollStallingMidBody() async throws {
        let (scenario, proxy) = try await Self.start([.init(.post, "^/my-order/", nth: [1], pebbleHandlesIt: true, .stall)])
        defer { scenario.stop() }

        let result = try await scenario.sidecert(Self.ensure(scenario, proxy, "stall.example"))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("no complete answer within 30 seconds"), "the stall is logged: \(result.stderr)")
        #expect(scenario.pebble.orderCount() == 1)
    }

    // MARK: - Helpers

    private static func start(_ faults: [ACMEFaultProxy.Fault]) async throws -> (PebbleScenario, ACMEFaultProxy) {
        // Without Pebble's random badNonce answers: the tests fault chosen requests and count them, and a
        // badNonce on one (a retry, an answer the fault then garbles) made a run fail in 1 of about 10.
        let scenario = try await PebbleScenario.start(rejectingNonces: false)
        do {
            return (scenario, try await ACMEFaultProxy.start(in: scenario.pebble, faults: faults))
        } catch {
            scenario.stop()
            throw error
        }
    }

    private static func ensure(_ scenario: PebbleScenario, _ proxy: ACMEFaultProxy, _ domain: String) -> [String] {
        ["ensure", "--storage", scenario.volume.path, "--domain", domain] + proxy.sidecertFlags()
    }

    /// The ledger holds the next attempt back to at least `date`, and three replicas started now all exit 75
    /// saying when, without one request reaching the CA.
    private static func expectBackoff(
        _ scenario: PebbleScenario, _ proxy: ACMEFaultProxy, _ arguments: [String], cert: String, atLeastUntil date: Date
    ) async throws {
        let ledger = try #require(try await scenario.status().certificates.first { $0.certName == cert }?.ledger)
        let next = try #require(ledger.nextAttemptAllowed.flatMap { try? Date($0, strategy: .iso8601) }, "a backoff is recorded")
        #expect(next >= date, "the backoff lasts until \(next), at least until \(date)")

        let contacts = proxy.requestCount()
        let orders = scenario.pebble.orderCount()
        let replicas = try await withThrowingTaskGroup(of: SidecertResult.self) { group in
            for _ in 0..<3 { group.addTask { try await scenario.sidecert(arguments) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for replica in replicas {
            #expect(replica.status == 75, "stderr: \(replica.stderr)")
            #expect(replica.stderr.contains("next attempt is allowed at"), "says when: \(replica.stderr)")
        }
        #expect(proxy.requestCount() == contacts, "no replica contacted the CA inside the backoff: \(proxy.requests().suffix(5).map(\.path))")
        #expect(scenario.pebble.orderCount() == orders)
    }
}
