extension ACMEProblem {
    /// What an operator should do about this kind of problem, when there is something specific to say.
    var advice: String? {
        switch type {
        case .rateLimited:
            "A rate limit of the CA was hit: do not retry before the time it gives."
        case .userActionRequired:
            "A person must act at the CA first" + (instance.map { ": open \($0)." } ?? ".")
        case .externalAccountRequired:
            "The CA only creates accounts with an external account binding (a key ID and an HMAC key it gives)."
        case .accountDoesNotExist:
            "The stored account is unknown to this CA: remove it so that a new account is created."
        case .badCSR:
            "The CA rejected the certificate request: check the key type and the names."
        case .rejectedIdentifier, .unsupportedIdentifier:
            "The CA does not issue for one of these names."
        case .caa:
            "A CAA record of the domain does not allow this CA: add the CA to it or remove the record."
        case .invalidProfile:
            "The CA does not offer the requested profile."
        case .alreadyReplaced:
            "The certificate was already renewed by someone else: reload it from the volume."
        case .badNonce, .serverInternal:
            "This is the CA's trouble: try again later."
        default:
            (status ?? 0) >= 500 ? "This is the CA's trouble: try again later." : nil
        }
    }
}
