import Foundation
import Logging
import SidecertACME
import SidecertTestSupport
import Synchronization
import Testing

@testable import Sidecert
@testable import SidecertVolume

/// Every path of the ensure algorithm with a scripted issuer: no CA, no network, a real volume (lease,
/// ledger, publishing), each test on its own.
struct EnsureOperationTests {
    static let logger = Logger(label: "ensure-test") { _ in SwiftLogNoOpLogHandler() }

    let volume: TemporaryVolume
    var layout: VolumeLayout { VolumeLayout(root: volume.path) }

    init() throws {
        volume = try TemporaryVolume(prefix: "ensure-operation")
    }

    func request(_ names: [String] = ["app.example.com"], usages: [String] = []) throws -> CertificateRequest {
        var flags = SettingLayer()
        flags.flag(.domain, names)
        flags.flag(.requiredUsage, usages)
        return try CertificateRequest(reading: Settings(layers: [flags]))
    }

    /// The lease is long (60 s) because no test here waits for one to expire: a busy machine stalling the
    /// holder's heartbeat for a few seconds must not make it lose the lease midway.
    func operation(
        _ issuer: ScriptedIssuer, purpose: EnsurePurpose = .ensure, request: CertificateRequest? = nil, wait: Duration = .seconds(10),
        steps: StepRecorder? = nil
    ) throws -> EnsureOperation {
        EnsureOperation(
            layout: layout, request: try request ?? self.request(), issuer: issuer, wait: wait, purpose: purpose, leaseDuration: .seconds(60),
            logger: Self.logger, onStep: { step in steps?.record(step) })
    }

    func ledger(_ name: String = "app.example.com") throws -> IssuanceLedger {
        try IssuanceLedger.load(layout: layout, name: name).ledger
    }

    func failure(_ code: SidecertError.Code = .failure, problem: ACMEProblemType? = nil, retryAfter: Date? = nil) -> IssuanceFailure {
        IssuanceFailure(SidecertError(code, "scripted failure"), problemType: problem?.rawValue, retryAfter: retryAfter)
    }

    /// Issues a first certificate and returns it.
    @discardableResult
    func issueFirst() async throws -> InstalledCertificate {
        let outcome = try await operation(ScriptedIssuer(layout: layout, answers: [.issue])).run()
        guard case .issued(let certificate) = outcome else { throw HarnessError("expected an issuance, got \(outcome)") }
        return certificate
    }

    // MARK: - No issuance needed

    @Test func aUsableCertificateNotDueReturnsWithoutLeaseOrIssuer() async throws {
        let first = try await issueFirst()
        let issuer = ScriptedIssuer(layout: layout, answers: [])
        let before = try volume.snapshot()
        let outcome = try await operation(issuer).run()
        guard case .alreadyUsable(let certificate) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(certificate.serialHex == first.serialHex)
        #expect(issuer.orderCount == 0)
        #expect(try volume.snapshot() == before, "nothing written, no lease taken")
    }

    // MARK: - Issuing

    @Test func nothingOnTheVolumeIssuesPublishesRecordsAndReportsEveryStepInOrder() async throws {
        let steps = StepRecorder()
        let issuer = ScriptedIssuer(layout: layout, answers: [.issue])
        let outcome = try await operation(issuer, steps: steps).run()
        guard case .issued(let certificate) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(try InstalledCertificate.load(layout: layout, name: "app.example.com")?.serialHex == certificate.serialHex)
        #expect(steps.steps == [.certificateDownloaded, .versionWritten, .liveSwapped, .ledgerWritten])
        let ledger = try ledger()
        #expect(ledger.attempts.map(\.result) == [.succeeded])
        #expect(ledger.attempts.last?.directory == "https://ca.test/dir")
        #expect(ledger.issued.map(\.serial) == [certificate.serialHex])
        #expect(issuer.orders.withLock { $0.first?.replacing } == nil)
        #expect(LeaseFile.inspect(layout: layout, name: "app.example.com")?.releasedAt != nil, "the lease is released")
    }

    @Test func aForcedRenewalReplacesAUsableCertificateAndNamesWhatItReplaces() async throws {
        let first = try await issueFirst()
        let issuer = ScriptedIssuer(layout: layout, answers: [.issue])
        let outcome = try await operation(issuer, purpose: .force).run()
        guard case .issued(let second) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(second.serialHex != first.serialHex)
        #expect(issuer.orders.withLock { $0.first?.replacing?.serialHex } == first.serialHex)
    }

    @Test func severalKeyTypesAreOneOrderEachAndOneVersion() async throws {
        var flags = SettingLayer()
        flags.flag(.domain, ["app.example.com"])
        flags.flag(.keyType, ["ecdsa-p256,rsa-2048"])
        let pair = try CertificateRequest(reading: Settings(layers: [flags]))
        let issuer = ScriptedIssuer(layout: layout, answers: [.issue, .issue])
        guard case .issued(let version) = try await operation(issuer, request: pair).run() else {
            Issue.record("the pair issues")
            return
        }
        #expect(issuer.orders.withLock { $0.map(\.keyType) } == [.ecdsaP256, .rsa2048])
        #expect(version.credentials.map(\.keyType) == [.ecdsaP256, .rsa2048])
        #expect(try ledger().issued.count == 2, "the CA's duplicate limit counts each certificate")
        let renewed = ScriptedIssuer(layout: layout, answers: [.issue, .issue])
        _ = try await operation(renewed, purpose: .force, request: pair).run()
        let replaced = renewed.orders.withLock { $0.map { $0.replacedCredential?.serialHex } }
        #expect(replaced == version.credentials.map(\.serialHex), "each order names the certificate of its own key type")
    }

    @Test func aPairWhoseSecondOrderFailsPublishesNothingAndCountsTheFirst() async throws {
        var flags = SettingLayer()
        flags.flag(.domain, ["app.example.com"])
        flags.flag(.keyType, ["ecdsa-p256", "rsa-2048"])
        let pair = try CertificateRequest(reading: Settings(layers: [flags]))
        let issuer = ScriptedIssuer(layout: layout, answers: [.issue, .fail(failure())])
        await #expect(throws: SidecertError.self) { try await operation(issuer, request: pair).run() }
        #expect(try InstalledCertificate.load(layout: layout, name: "app.example.com") == nil)
        #expect(try ledger().issued.count == 1)
        #expect(try ledger().consecutiveFailures == 1)
    }

    // MARK: - The guards

    @Test func insideTheBackoffWithNothingUsableIsTryLaterAndAsksNoCA() async throws {
        var ledger = IssuanceLedger()
        ledger.recordFailure(names: ["app.example.com"], problemType: nil, detail: "down", retryAfter: nil, failedValidations: [], now: Date())
        try ledger.save(layout: layout, name: "app.example.com")
        let issuer = ScriptedIssuer(layout: layout, answers: [])
        let error = await #expect(throws: SidecertError.self) { try await operation(issuer).run() }
        #expect(error?.code == .tryLater)
        #expect(error?.message.contains("1 failed attempt") == true)
        #expect(issuer.orderCount == 0)
    }

    @Test func insideTheBackoffAUsableDueCertificateIsKept() async throws {
        let first = try await issueFirst()
        var ledger = try ledger()
        ledger.recordFailure(names: ["app.example.com"], problemType: nil, detail: "down", retryAfter: nil, failedValidations: [], now: Date())
        try ledger.save(layout: layout, name: "app.example.com")
        let issuer = ScriptedIssuer(layout: layout, answers: [])
        guard case .keptCurrent(let kept, let warning) = try await operation(issuer, purpose: .replace(version: first.version)).run() else {
            Issue.record("the current certificate must be kept")
            return
        }
        #expect(kept.serialHex == first.serialHex)
        #expect(warning.contains("--force"))
        #expect(issuer.orderCount == 0)
        // The operator's override goes through.
        guard case .issued = try await operation(ScriptedIssuer(layout: layout, answers: [.issue]), purpose: .force).run() else {
            Issue.record("--force must issue")
            return
        }
    }

    @Test func aGuardReachingPastExpiryGetsOneLastAttemptRecordedInTheLedger() async throws {
        let first = try await issueFirst()
        var ledger = try ledger()
        // The CA asked for a pause far beyond the certificate's 30 days.
        ledger.recordFailure(
            names: ["app.example.com"], problemType: ACMEProblemType.rateLimited.rawValue, detail: "slow down", retryAfter: Date() + 100 * 86_400,
            failedValidations: [], now: Date())
        try ledger.save(layout: layout, name: "app.example.com")

        // Due, but before the last chance (a day before expiry): refused, and the refusal says when.
        let issuer = ScriptedIssuer(layout: layout, answers: [.issue, .issue])
        var early = try operation(issuer)
        early.now = { first.notAfter - 2 * 86_400 }
        guard case .keptCurrent(_, let warning) = try await early.run() else {
            Issue.record("refused until the last chance")
            return
        }
        #expect(warning.contains("one last attempt is planned"))
        #expect(issuer.orderCount == 0)

        // An hour before expiry: the one last attempt goes, and the ledger says it was made.
        var late = try operation(issuer)
        late.now = { first.notAfter - 3_600 }
        guard case .issued(let renewed) = try await late.run() else {
            Issue.record("the last chance issues")
            return
        }
        #expect(renewed.serialHex != first.serialHex)
        #expect(try self.ledger().lastChances.map(\.serial) == [first.serialHex])
    }

    @Test func theLastChanceIsTakenOnceForTheWholeFleet() async throws {
        let first = try await issueFirst()
        var ledger = try ledger()
        ledger.recordLastChance(serial: first.serialHex, now: first.notAfter - 7_200)
        ledger.recordFailure(
            names: ["app.example.com"], problemType: ACMEProblemType.rateLimited.rawValue, detail: "slow down", retryAfter: Date() + 100 * 86_400,
            failedValidations: [], now: first.notAfter - 7_100)
        try ledger.save(layout: layout, name: "app.example.com", now: first.notAfter - 7_100)
        let issuer = ScriptedIssuer(layout: layout, answers: [])
        var again = try operation(issuer)
        again.now = { first.notAfter - 3_600 }
        guard case .keptCurrent(_, let warning) = try await again.run() else {
            Issue.record("a second last chance for the same certificate is refused")
            return
        }
        #expect(warning.contains("the one last attempt before expiry was made"))
        #expect(issuer.orderCount == 0)
    }

    // MARK: - Failures

    @Test func aFailureWithNothingUsableThrowsWithTheNextAttemptAndIsRecorded() async throws {
        let retryAfter = Date() + 3_600
        let issuer = ScriptedIssuer(
            layout: layout, answers: [.fail(failure(.tryLater, problem: .rateLimited, retryAfter: retryAfter.addingTimeInterval(0)))])
        let error = await #expect(throws: SidecertError.self) { try await operation(issuer).run() }
        #expect(error?.code == .tryLater)
        #expect(error?.hint?.contains("the next attempt is allowed at") == true)
        let ledger = try ledger()
        #expect(ledger.attempts.map(\.result) == [.failed])
        #expect(ledger.attempts.last?.problemType == ACMEProblemType.rateLimited.rawValue)
        #expect(ledger.nextAttemptAllowed().map { abs($0.timeIntervalSince(retryAfter)) < 1 } == true)
    }

    @Test func aFailedRenewalKeepsServingTheCurrentCertificate() async throws {
        let first = try await issueFirst()
        let issuer = ScriptedIssuer(layout: layout, answers: [.fail(failure())])
        guard case .keptCurrent(let kept, let warning) = try await operation(issuer, purpose: .replace(version: first.version)).run() else {
            Issue.record("a failed renewal keeps the current certificate")
            return
        }
        #expect(kept.serialHex == first.serialHex && warning.contains("renewal failed"))
        #expect(try InstalledCertificate.load(layout: layout, name: "app.example.com")?.serialHex == first.serialHex)
        #expect(try ledger().consecutiveFailures == 1)
    }

    @Test func aConfigurationErrorIsNotAnAttemptAndLeavesNoBackoff() async throws {
        let issuer = ScriptedIssuer(layout: layout, answers: [.fail(failure(.badInput))])
        let error = await #expect(throws: SidecertError.self) { try await operation(issuer).run() }
        #expect(error?.code == .badInput)
        #expect(try ledger().attempts.isEmpty, "the started entry is taken back")
        #expect(try ledger().nextAttemptAllowed() == nil)
    }

    @Test func aPreflightFailureWritesNothing() async throws {
        let issuer = ScriptedIssuer(layout: layout, answers: [], preflightFailure: .badInput("no --agree-tos"))
        let before = try volume.snapshot()
        let error = await #expect(throws: SidecertError.self) { try await operation(issuer).run() }
        #expect(error?.code == .badInput)
        #expect(try volume.snapshot() == before)
    }

    @Test func aCertificateTheRequestCannotUseIsRecordedAndBacksOff() async throws {
        let issuer = ScriptedIssuer(layout: layout, answers: [.issueWithoutClientAuth])
        let error = await #expect(throws: SidecertError.self) {
            try await operation(issuer, request: try request(usages: ["clientAuth"])).run()
        }
        #expect(error?.code == .failure)
        #expect(error?.message.contains("not usable") == true)
        let ledger = try ledger()
        #expect(ledger.issued.count == 1, "the CA issued it: it counts against its limits")
        #expect(ledger.nextAttemptAllowed() != nil, "and the next order backs off")
    }

    // MARK: - Other replicas

    @Test func alreadyReplacedWithANewerVersionOnTheVolumeStopsWithoutOrderingAgain() async throws {
        let first = try await issueFirst()
        let layout = self.layout
        let replica = try operation(ScriptedIssuer(layout: layout, answers: [.issue]), purpose: .force)
        let alreadyReplaced = IssuanceFailure(SidecertError(.failure, "replaced"), problemType: ACMEProblemType.alreadyReplaced.rawValue)
        // While this holder's order is refused, another replica publishes (its lease expired, say).
        let issuer = ScriptedIssuer(
            layout: layout,
            answers: [.after({ _ = try await Self.publishAsAnotherReplica(replica, layout: layout) }, then: .fail(alreadyReplaced))])
        let outcome = try await operation(issuer, purpose: .replace(version: first.version)).run()
        guard case .publishedByAnotherReplica(let other) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(other.serialHex != first.serialHex)
        #expect(issuer.orderCount == 1)
    }

    @Test func alreadyReplacedWithNothingNewerOrdersAgainWithoutReplaces() async throws {
        let first = try await issueFirst()
        let alreadyReplaced = IssuanceFailure(SidecertError(.failure, "replaced"), problemType: ACMEProblemType.alreadyReplaced.rawValue)
        let issuer = ScriptedIssuer(layout: layout, answers: [.fail(alreadyReplaced), .issue])
        guard case .issued = try await operation(issuer, purpose: .replace(version: first.version)).run() else {
            Issue.record("the second order issues")
            return
        }
        let replacing = issuer.orders.withLock { $0.map { $0.replacing?.serialHex } }
        #expect(replacing == [first.serialHex, nil])
    }

    @Test func aReplicaWaitingForTheLeaseStopsWhenAnotherPublishes() async throws {
        let layout = self.layout
        let other = try operation(ScriptedIssuer(layout: layout, answers: [.issue]))
        let held = try await BackgroundLease.hold(layout: layout, name: "app.example.com", logger: Self.logger)
        let issuer = ScriptedIssuer(layout: layout, answers: [])
        let waiter = Task { try await operation(issuer).run() }
        try await Task.sleep(for: .milliseconds(300))
        let published = try await Self.publishAsAnotherReplica(other, layout: layout)
        let outcome = try await waiter.value
        guard case .publishedByAnotherReplica(let seen) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(seen.serialHex == published.serialHex)
        #expect(issuer.orderCount == 0)
        try await held.release()
    }

    @Test func aWaitThatRunsOutIsTryLater() async throws {
        let held = try await BackgroundLease.hold(layout: layout, name: "app.example.com", logger: Self.logger)
        let issuer = ScriptedIssuer(layout: layout, answers: [])
        let error = await #expect(throws: SidecertError.self) { try await operation(issuer, wait: .milliseconds(300)).run() }
        #expect(error?.code == .tryLater)
        #expect(error?.hint?.contains("--wait") == true)
        #expect(issuer.orderCount == 0)
        try await held.release()
    }

    @Test func aHolderThatLostItsLeaseDoesNotPublishAndCountsTheCertificate() async throws {
        let layout = self.layout
        // While the order runs, another replica takes the lease over (this holder was paused past it, say).
        let issuer = ScriptedIssuer(
            layout: layout,
            answers: [.after({ try BackgroundLease.steal(layout: layout, name: "app.example.com", logger: Self.logger) }, then: .issue)])
        let error = await #expect(throws: SidecertError.self) { try await operation(issuer).run() }
        #expect(error?.message.contains("was not published") == true, "\(error?.message ?? "")")
        #expect(try InstalledCertificate.load(layout: layout, name: "app.example.com") == nil)
        #expect(try ledger().issued.count == 1, "it was issued: the CA counts it")
    }

    /// Publishes a certificate as another replica would, with `operation`'s issuer.
    static func publishAsAnotherReplica(_ operation: EnsureOperation, layout: VolumeLayout, bypassingLease: Bool = false) async throws
        -> InstalledCertificate
    {
        let key = try CertificateKey.generate(operation.request.keyType)
        let chain = try await operation.issuer.issue(
            CertificateOrder(
                request: operation.request, keyType: key.type, csrDER: try operation.request.names.certificateSigningRequestDER(key: key.privateKey),
                replacing: nil))
        let files = try CertificateFiles(certificateChainPEM: chain.certificateChainPEM, key: key, metadata: chain.metadata)
        try CertificatePublisher(layout: layout, logger: logger).publish(name: operation.request.certName, files: files, fence: {})
        return try #require(try InstalledCertificate.load(layout: layout, name: operation.request.certName))
    }
}

/// The issuance steps an operation reported, in order.
final class StepRecorder: Sendable {
    private let recorded = Mutex<[IssuanceStep]>([])

    func record(_ step: IssuanceStep) { recorded.withLock { $0.append(step) } }

    var steps: [IssuanceStep] { recorded.withLock { $0 } }
}

/// Another replica's order under way is not a failure to back off from.
extension EnsureOperationTests {
    @Test func anotherReplicasOrderUnderWayAfterACrashIsWaitedForNotCountedAsAFailure() async throws {
        // A holder crashed mid-order: one interrupted attempt, which alone imposes no backoff.
        var crashed = IssuanceLedger()
        crashed.record(IssuanceLedger.Attempt(time: Date(), names: ["app.example.com"], result: .started))
        try crashed.save(layout: layout, name: "app.example.com")

        // Its successor takes the lease and orders; the CA takes a moment.
        let slowCA = ScriptedIssuer(layout: layout, answers: [.after({ try await Task.sleep(for: .seconds(1)) }, then: .issue)])
        let successor = Task { try await operation(slowCA, wait: .seconds(120)).run() }
        while try ledger().attempts.count < 2 { try await Task.sleep(for: .milliseconds(10)) }

        // Meanwhile another replica starts: it waits for the successor's certificate instead of seeing two
        // failures in a row and exiting 75.
        let issuer = ScriptedIssuer(layout: layout, answers: [])
        let outcome = try await operation(issuer, wait: .seconds(120)).run()
        guard case .publishedByAnotherReplica = outcome else { Issue.record("got \(outcome)"); return }
        #expect(issuer.orderCount == 0)
        guard case .issued = try await successor.value else { Issue.record("the successor issued"); return }
    }
}
