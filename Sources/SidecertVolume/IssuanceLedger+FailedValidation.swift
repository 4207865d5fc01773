import Foundation

extension IssuanceLedger {
    /// An authorization the CA could not validate for one name.
    public struct FailedValidation: Codable, Sendable, Equatable {
        public var time: Date
        /// The identifier, lowercased.
        public var name: String

        public init(time: Date, name: String) {
            self.time = time
            self.name = name.lowercased()
        }
    }
}
