import SidecertShell

/// The runtime API's text protocol, pure so that commands and answers are unit-tested without haproxy.
extension HAProxyRuntimeReloader {
    /// `set ssl cert <path> <<` followed by the PEM and an empty line, which ends the payload. Empty lines
    /// inside the PEM would end it early, so they are dropped.
    static func setCommand(certificatePath: String, bundlePEM: String) -> String {
        let lines = bundlePEM.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            .map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }
        return "set ssl cert \(certificatePath) <<\n" + lines.joined(separator: "\n") + "\n\n"
    }

    /// Makes the transaction's certificate the one new handshakes use.
    static func commitCommand(certificatePath: String) -> String {
        "commit ssl cert \(certificatePath)\n"
    }

    /// Drops an uncommitted transaction.
    static func abortCommand(certificatePath: String) -> String {
        "abort ssl cert \(certificatePath)\n"
    }

    /// Asks whether haproxy's configuration names a certificate file.
    static func showCommand(certificatePath: String) -> String {
        "show ssl cert \(certificatePath)\n"
    }

    /// `show ssl cert <path>` describes a certificate haproxy loaded, starting with `Filename: <path>`; for one it
    /// does not know it says so ("not referenced by the configuration").
    static func isKnown(showAnswer answer: String, certificatePath: String) -> Bool {
        answer.split(whereSeparator: \.isNewline).contains { $0.trimmingWhitespace() == "Filename: \(certificatePath)" }
    }

    /// haproxy answers "Transaction created for certificate <path>!" (or "updated" when one was open).
    static func checkSetAnswer(_ answer: String, certificatePath: String) throws {
        guard answer.contains("Transaction created") || answer.contains("Transaction updated") else {
            throw ReloadError(
                code: .frontendRejected,
                message: "haproxy refused `set ssl cert \(certificatePath)`: \(shown(answer)). "
                    + "The path must be exactly the one haproxy's `crt` option names (live/<name>/bundle.pem), and the socket must be `level admin`"
            )
        }
    }

    /// haproxy answers "Committing <path>" and, once every SNI context has the new certificate, "Success!".
    static func checkCommitAnswer(_ answer: String, certificatePath: String) throws {
        guard answer.contains("Success!") else {
            throw ReloadError(
                code: .frontendRejected,
                message: "haproxy refused `commit ssl cert \(certificatePath)`: \(shown(answer)). haproxy keeps serving the previous certificate"
            )
        }
    }

    /// Spaces separate the runtime API's arguments: a path with whitespace cannot be named there.
    static func validateCertificatePath(_ path: String) throws {
        guard !path.isEmpty, !path.contains(where: { $0.isWhitespace || $0 == ";" }) else {
            throw ReloadError(
                code: .frontendRejected,
                message: "the haproxy certificate path '\(path)' is empty or holds whitespace or ';', which the runtime API cannot take: "
                    + "move the volume to a path without them"
            )
        }
    }

    /// An answer on one line, bounded, for an error message.
    private static func shown(_ answer: String) -> String {
        let text = answer.trimmingWhitespace().split(whereSeparator: \.isNewline).joined(separator: " / ")
        if text.isEmpty { return "(no answer)" }
        return text.count > 500 ? String(text.prefix(500)) + "…" : "'\(text)'"
    }
}
