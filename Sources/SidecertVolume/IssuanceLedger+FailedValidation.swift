#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IssuanceLedger {
    /// An authorization the CA could not validate for one name.
    package struct FailedValidation: Codable, Sendable, Equatable {
        package var time: Date
        /// The identifier, lowercased.
        package var name: String

        package init(time: Date, name: String) {
            self.time = time
            self.name = name.lowercased()
        }
    }
}
