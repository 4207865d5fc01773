import Sidecert
import Synchronization

/// The certificates the daemon keeps right now, shared with the admin endpoints and `/metrics`: the
/// certificates file may change them while the daemon runs.
package final class CertificateRoster: Sendable {
    private let current: Mutex<[CertificateSpec]>

    init(_ specs: [CertificateSpec]) {
        current = Mutex(specs)
    }

    /// The certificates, in the configuration's order.
    package var specs: [CertificateSpec] { current.withLock { $0 } }

    /// Their names (`live/<name>`).
    package var names: [String] { specs.map(\.request.certName) }

    package var count: Int { current.withLock { $0.count } }

    func replace(_ specs: [CertificateSpec]) {
        current.withLock { $0 = specs }
    }
}
