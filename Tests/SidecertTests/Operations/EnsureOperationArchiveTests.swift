import Foundation
import Synchronization
import Testing

@testable import Sidecert
@testable import SidecertVolume

/// Self-healing: what `archive/` holds is used before anything is ordered when `live/` is gone or broken.
extension EnsureOperationTests {
    @Test func aLiveLinkRemovedByHandIsRestoredFromTheArchiveWithoutAnOrder() async throws {
        let first = try await issueFirst()
        try FileManager.default.removeItem(atPath: try layout.live("app.example.com"))
        let issuer = ScriptedIssuer(layout: layout, answers: [])
        let outcome = try await operation(issuer).run()
        guard case .restored(let restored) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(restored.serialHex == first.serialHex)
        #expect(restored.version == first.version)
        #expect(issuer.orderCount == 0)
        #expect(try InstalledCertificate.load(layout: layout, name: "app.example.com")?.serialHex == first.serialHex)
        let restorations = try ledger().restorations
        #expect(restorations.map(\.version) == [first.version])
        #expect(restorations.first?.why == "no certificate yet")
        #expect(try ledger().issued.count == 1, "nothing more counted against the CA")
    }

    @Test func aLiveLinkToADeletedVersionGetsTheNewestUsableArchivedOne() async throws {
        let first = try await issueFirst()
        let second = try await operation(ScriptedIssuer(layout: layout, answers: [.issue]), purpose: .force).run().certificate
        try FileManager.default.removeItem(atPath: try layout.archive("app.example.com", version: try #require(second.version)))
        let issuer = ScriptedIssuer(layout: layout, answers: [])
        let outcome = try await operation(issuer).run()
        guard case .restored(let restored) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(restored.version == first.version)
        #expect(issuer.orderCount == 0)
        #expect(try ledger().restorations.first?.why.contains("does not exist") == true)
    }

    @Test func aBackoffDoesNotStopARestoration() async throws {
        try await issueFirst()
        _ = try? await operation(ScriptedIssuer(layout: layout, answers: [.fail(failure())]), purpose: .force).run()
        #expect(try ledger().nextAttemptAllowed() != nil, "the failure backs off")
        try FileManager.default.removeItem(atPath: try layout.live("app.example.com"))
        let outcome = try await operation(ScriptedIssuer(layout: layout, answers: [])).run()
        guard case .restored = outcome else { Issue.record("got \(outcome)"); return }
    }

    @Test func anArchivedVersionForOtherNamesIsNotRestored() async throws {
        try await issueFirst()
        try FileManager.default.removeItem(atPath: try layout.live("app.example.com"))
        let wider = try request(["app.example.com", "www.example.com"])
        let issuer = ScriptedIssuer(layout: layout, answers: [.issue])
        guard case .issued = try await operation(issuer, request: wider).run() else { Issue.record("orders for the new names"); return }
        #expect(issuer.orderCount == 1)
        #expect(try ledger().restorations.isEmpty)
    }

    @Test func aDamagedArchivedVersionIsNotRestored() async throws {
        let first = try await issueFirst()
        let directory = try layout.archive("app.example.com", version: try #require(first.version))
        try Data("-----BEGIN CERTIFICATE-----\ntruncated".utf8).write(to: URL(fileURLWithPath: "\(directory)/fullchain.pem"))
        try FileManager.default.removeItem(atPath: try layout.live("app.example.com"))
        let issuer = ScriptedIssuer(layout: layout, answers: [.issue])
        guard case .issued = try await operation(issuer).run() else { Issue.record("orders: the archive holds nothing usable"); return }
        #expect(try ledger().restorations.isEmpty)
    }

    @Test func aRestoredVersionThatIsDueIsRenewedUnderTheSameLease() async throws {
        let first = try await issueFirst()
        try FileManager.default.removeItem(atPath: try layout.live("app.example.com"))
        let issuer = ScriptedIssuer(layout: layout, answers: [.issue])
        var operation = try operation(issuer)
        // Two thirds into its lifetime: usable, and due.
        operation.now = { first.notBefore.addingTimeInterval(first.notAfter.timeIntervalSince(first.notBefore) * 0.8) }
        guard case .issued(let renewed) = try await operation.run() else { Issue.record("renewed after restoring"); return }
        #expect(renewed.serialHex != first.serialHex)
        #expect(issuer.orders.withLock { $0.first?.replacing?.serialHex } == first.serialHex, "the renewal names the restored certificate")
        #expect(try ledger().restorations.count == 1)
    }

    @Test func aPlaceholderInTheArchiveIsNeverRestored() async throws {
        _ = try await PlaceholderBootstrap(
            layout: layout, request: try request(), leaseDuration: .seconds(60), logger: Self.logger
        ).run()
        try FileManager.default.removeItem(atPath: try layout.live("app.example.com"))
        let issuer = ScriptedIssuer(layout: layout, answers: [.issue])
        guard case .issued = try await operation(issuer).run() else { Issue.record("orders: a placeholder does not serve"); return }
        #expect(try ledger().restorations.isEmpty)
    }
}
