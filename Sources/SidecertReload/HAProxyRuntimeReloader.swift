import Foundation

/// Swaps the certificate inside a running haproxy through its runtime API (`stats socket PATH level
/// admin`), with no reload at all: `set ssl cert <path> <<` with the new `bundle.pem` (key, certificate,
/// chain) opens a transaction, `commit ssl cert <path>` makes new handshakes use it. Existing connections
/// and the process are untouched.
///
/// The change lives in haproxy's memory only; since `crt` points at `live/<name>/bundle.pem`, a later
/// restart loads the same version from the volume.
public struct HAProxyRuntimeReloader: FrontendReloader {
    /// haproxy's admin-level stats socket.
    public let socketPath: String
    /// The certificate's name inside haproxy: exactly the path its `crt` option names. When nil,
    /// `<live directory>/bundle.pem`.
    public let certificatePath: String?
    /// How long each exchange with the socket may take.
    public let timeout: Duration

    public init(socketPath: String, certificatePath: String? = nil, timeout: Duration = .seconds(10)) {
        self.socketPath = socketPath
        self.certificatePath = certificatePath
        self.timeout = timeout
    }

    public var description: String { "HAProxy runtime API at \(socketPath)" }

    public func reload(certificate: ReloadedCertificate) async throws {
        let name = certificatePath ?? certificate.path("bundle.pem")
        try Self.validateCertificatePath(name)
        let bundlePath = certificate.path("bundle.pem")
        let bundle: String
        do {
            bundle = try String(contentsOfFile: bundlePath, encoding: .utf8)
        } catch {
            throw ReloadError(
                code: .certificateUnreadable,
                message:
                    "cannot read \(bundlePath) for haproxy (\(error.localizedDescription)): sidecert needs read access to the volume's private keys"
            )
        }
        let socket = UNIXSocketExchange(path: socketPath, timeout: timeout)
        let setAnswer = try await socket.exchange(Self.setCommand(certificatePath: name, bundlePEM: bundle))
        try Self.checkSetAnswer(setAnswer, certificatePath: name)
        let commitAnswer: String
        do {
            commitAnswer = try await socket.exchange(Self.commitCommand(certificatePath: name))
            try Self.checkCommitAnswer(commitAnswer, certificatePath: name)
        } catch {
            // Leave no half-open transaction behind: the next attempt starts clean either way.
            _ = try? await socket.exchange(Self.abortCommand(certificatePath: name))
            throw error
        }
    }
}
