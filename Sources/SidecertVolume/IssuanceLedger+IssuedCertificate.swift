import Foundation

extension IssuanceLedger {
    /// A certificate the CA issued.
    public struct IssuedCertificate: Codable, Sendable, Equatable {
        public var time: Date
        /// Its names, lowercased and sorted: the CA's duplicate limit counts exact sets.
        public var names: [String]
        /// Its serial number, hex.
        public var serial: String

        public init(time: Date, names: Set<String>, serial: String) {
            self.time = time
            self.names = IssuanceLedger.normalized(names)
            self.serial = serial
        }
    }
}
