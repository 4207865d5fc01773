extension VolumeLayout {
    /// The longest certificate name accepted; leaves room for suffixes under common 255-byte name limits.
    package static let maximumNameLength = 200

    /// Checks that a certificate name (user input) is safe as a single file name on every filesystem.
    ///
    /// Accepts `[A-Za-z0-9._-]`, not starting with `.` (so it never collides with Sidecert's temporary
    /// files), without `..`, at most ``maximumNameLength`` characters: `_wildcard.example.com` passes.
    /// Throws a ``VolumeError`` with code `invalidName` that says what is wrong.
    package static func validateCertName(_ name: String) throws {
        try validated(name)
        guard !reservedNames.contains(name) else {
            throw VolumeError(code: .invalidName, path: nil, message: "'\(name)' is a name Sidecert keeps for itself; choose another")
        }
    }

    /// Names the volume uses for its own lease and ledger files beside the certificates'.
    static let reservedNames: Set<String> = [orderBudgetName]

    /// The fleet's order budget's lease and ledger name (see ``OrderLog``).
    package static let orderBudgetName = "_order-budget"

    /// The name, unchanged, once it passed the rules of ``validateCertName(_:)``; `what` names it in errors.
    @discardableResult
    static func validated(_ name: String, what: String = "certificate name") throws -> String {
        let problem: String? =
            if name.isEmpty {
                "is empty"
            } else if name.utf8.count > maximumNameLength {
                "is longer than \(maximumNameLength) characters"
            } else if name.hasPrefix(".") {
                "starts with '.'"
            } else if name.contains("..") {
                "contains '..'"
            } else if let bad = name.unicodeScalars.first(where: { !isAllowed($0) }) {
                "contains '\(bad.escaped(asASCII: true))'; only letters, digits, '.', '_' and '-' are allowed"
            } else {
                nil
            }
        guard let problem else { return name }
        throw VolumeError(
            code: .invalidName,
            path: nil,
            message: "the \(what) '\(name)' \(problem); choose another \(what)"
        )
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": true
        default: false
        }
    }
}
