extension ACMEError {
    /// The kind of an ``ACMEError``. A struct rather than an enum so that new kinds do not break callers'
    /// switches; compare with `==`.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        private init(_ name: String) {
            self.name = name
        }

        package var description: String { name }

        /// The CA could not be reached: connection refused, TLS failure, timeout. Try again later.
        package static let unreachable = Code("unreachable")
        /// The CA answered with a problem document; see ``ACMEError/problem``.
        package static let problem = Code("problem")
        /// A challenge failed, so an authorization became invalid; see ``ACMEError/identifier``.
        package static let validationFailed = Code("validationFailed")
        /// The order became invalid.
        package static let orderFailed = Code("orderFailed")
        /// The CA broke the protocol: a missing header, a document that does not decode, an unknown status.
        package static let invalidResponse = Code("invalidResponse")
        /// The CA's answer was not the document due: a garbled or truncated body, an error page from a proxy in
        /// front of the CA. Reads are sent again within the order; elsewhere it fails the attempt.
        package static let unreadableDocument = Code("unreadableDocument")
        /// The directory URL answered with something that is not an ACME directory (`--directory`).
        package static let notADirectory = Code("notADirectory")
        /// Polling gave up at the deadline while the CA was still working.
        package static let timedOut = Code("timedOut")
        /// The CA has terms of service and they were not agreed to (`--agree-tos`).
        package static let termsOfServiceNotAgreed = Code("termsOfServiceNotAgreed")
        /// The CA requires an external account binding and none was given (`--eab-kid`, `--eab-hmac-key`).
        package static let externalAccountRequired = Code("externalAccountRequired")
        /// The external account binding given is unusable.
        package static let invalidExternalAccountBinding = Code("invalidExternalAccountBinding")
        /// An account operation was attempted before an account was found, created or set.
        package static let noAccount = Code("noAccount")
        /// The requested profile is not one the CA advertises (`--profile`).
        package static let unsupportedProfile = Code("unsupportedProfile")
        /// No configured solver answers any challenge the CA offers for an identifier (`--challenge`).
        package static let noMatchingChallenge = Code("noMatchingChallenge")
        /// A challenge solver could not present its answer.
        package static let solverFailed = Code("solverFailed")
        /// The stored account key cannot be used.
        package static let invalidAccountKey = Code("invalidAccountKey")
        /// The extra trust roots file cannot be used (`--ca-bundle`).
        package static let invalidCABundle = Code("invalidCABundle")
        /// The CA's directory does not offer the resource an operation needs (revocation, key change).
        package static let notOffered = Code("notOffered")
    }
}
