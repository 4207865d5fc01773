import Logging
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the whole process is told, whatever the certificate: the volume, how long to wait for another
/// replica, the lease's period, whether the operator forces issuance.
package struct ProcessSettings: Sendable {
    /// The shared volume (`--storage`).
    package var layout: VolumeLayout
    /// How long to wait for another replica's issuance (`--wait`).
    package var wait: Duration
    /// How long a lease lasts without a heartbeat (`--lease-duration`).
    package var leaseDuration: Duration
    /// `--force`: issue now, whatever the backoff and the schedule say.
    package var force: Bool
    /// `--max-orders-per-hour`: the fleet's budget of new orders.
    package var maxOrdersPerHour: Int
    /// The budget's hour, in seconds: 3600 but in the benchmark that compresses time (test-only).
    package var orderBudgetHour: TimeInterval = 3_600

    package init(layout: VolumeLayout, wait: Duration, leaseDuration: Duration, force: Bool, maxOrdersPerHour: Int = OrderBudget.defaultPerHour) {
        self.layout = layout
        self.wait = wait
        self.leaseDuration = leaseDuration
        self.force = force
        self.maxOrdersPerHour = maxOrdersPerHour
    }

    /// The process settings `settings` describe; a `--storage` that exists but is not a directory is refused.
    package init(reading settings: Settings) throws(SidecertError) {
        self.init(
            layout: try settings.volumeLayout(), wait: try settings.duration(.wait, default: .seconds(300)),
            leaseDuration: try Self.leaseDuration(settings), force: try settings.bool(.force),
            maxOrdersPerHour: try Self.maxOrdersPerHour(settings))
    }

    /// The fleet's order budget on this volume.
    package func orderBudget(logger: Logger) -> OrderBudget {
        OrderBudget(layout: layout, perHour: maxOrdersPerHour, hour: orderBudgetHour, logger: logger)
    }

    /// `--max-orders-per-hour`, 60 when unset.
    package static func maxOrdersPerHour(_ settings: Settings) throws(SidecertError) -> Int {
        try settings.parsed(.maxOrdersPerHour, as: "a number of orders from 1 to 100000", hint: "for example 60") {
            Int($0).flatMap { (1...100_000).contains($0) ? $0 : nil }
        } ?? OrderBudget.defaultPerHour
    }

    private static func leaseDuration(_ settings: Settings) throws(SidecertError) -> Duration {
        let duration = try settings.duration(.leaseDuration, default: .seconds(60))
        guard duration >= .seconds(1) else { throw .badInput("\(settings.origin(of: .leaseDuration)) must be at least 1s") }
        return duration
    }
}

extension ProcessSettings {
    /// Refuses a `--storage` that does not exist when any of `specs` is ordered from an ACME CA: a mistyped
    /// path would otherwise become a fresh volume, and the order a certificate (counted by the CA) that no
    /// frontend reads. Creating it stays right for the embedded CA, whose certificates cost nothing.
    package func requireExistingStorage(for specs: [CertificateSpec], source: SettingOrigin) throws(SidecertError) {
        guard specs.contains(where: { $0.issuer.directoryURL != nil }), !FileManager.default.fileExists(atPath: layout.root) else { return }
        throw .badInput(
            "\(source) \(layout.root) does not exist: certificates from an ACME CA are kept only on an existing volume, "
                + "so that a mistyped path does not order a certificate nobody reads",
            hint: "mount the shared volume at \(layout.root), or create it first: mkdir -p \(layout.root)")
    }
}

extension Settings {
    /// The volume at `--storage` (default `/certs`); a path that exists but is not a directory is refused, and
    /// with `mustExist` (`status`, which only reads) so is a missing one.
    package func volumeLayout(mustExist: Bool = false) throws(SidecertError) -> VolumeLayout {
        let root = string(.storage) ?? "/certs"
        let kind = PathKind(of: root)
        if kind == .other {
            throw .badInput("\(origin(of: .storage)) \(root) is not a directory", hint: "give the shared volume's mount point")
        }
        if mustExist, kind == .missing {
            throw .badInput("\(origin(of: .storage)) \(root) does not exist", hint: "give the shared volume's mount point")
        }
        return VolumeLayout(root: root)
    }
}
