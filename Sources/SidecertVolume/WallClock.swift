#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The wall clock that stamps what the volume's records say (lease times, ledger entries) and judges
/// certificates' validity: the system's, or in tests one set off by a fixed amount, standing for a host
/// whose clock is wrong. Waiting is measured on the monotonic clock instead; see ``LeaseExpiry``.
package struct WallClock: Sendable {
    private let read: @Sendable () -> Date

    /// A clock that reads `read`.
    package init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    /// The system's clock.
    package static let system = WallClock { Date() }

    /// The system's clock set off by `seconds` (negative: behind).
    package static func offset(by seconds: TimeInterval) -> WallClock {
        WallClock { Date().addingTimeInterval(seconds) }
    }

    /// The time now, by this clock.
    package func now() -> Date { read() }
}
