#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IssuanceLedger {
    /// A certificate the CA issued.
    package struct IssuedCertificate: Codable, Sendable, Equatable {
        package var time: Date
        /// Its names, lowercased and sorted: the CA's duplicate limit counts exact sets.
        package var names: [String]
        /// Its serial number, hex.
        package var serial: String

        package init(time: Date, names: Set<String>, serial: String) {
            self.time = time
            self.names = IssuanceLedger.normalized(names)
            self.serial = serial
        }
    }
}
