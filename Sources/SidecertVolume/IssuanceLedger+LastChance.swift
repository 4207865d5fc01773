#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IssuanceLedger {
    /// The one attempt made before a certificate's expiry although the guards (backoff, the CA's limits)
    /// would have held it back: recorded so that the fleet makes it once per certificate, not once per replica.
    package struct LastChance: Codable, Sendable, Equatable {
        package var time: Date
        /// The serial (hex) of the certificate it tried to renew.
        package var serial: String

        package init(time: Date, serial: String) {
            self.time = time
            self.serial = serial
        }
    }

    /// Records that the last attempt before the expiry of certificate `serial` is being made.
    package mutating func recordLastChance(serial: String, now: Date) {
        lastChances.append(LastChance(time: now, serial: serial))
    }
}
