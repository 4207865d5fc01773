import Foundation

/// Swaps the certificate inside a running haproxy through its runtime API (`stats socket PATH level
/// admin`), with no reload at all: `set ssl cert <path> <<` with the new `bundle.pem` (key, certificate,
/// chain) opens a transaction, `commit ssl cert <path>` makes new handshakes use it. Existing connections
/// and the process are untouched.
///
/// The change lives in haproxy's memory only; since `crt` points at `live/<name>/bundle.pem`, a later
/// restart loads the same version from the volume. A batch swaps each of its certificates, each in its
/// own transaction: one that fails does not keep the others from being swapped.
public struct HAProxyRuntimeReloader: FrontendReloader {
    /// haproxy's admin-level stats socket.
    public let socketPath: String
    /// The certificate's name inside haproxy: exactly the path its `crt` option names. When nil,
    /// `<live directory>/bundle.pem`. A fixed path names one certificate: a batch of several is refused.
    public let certificatePath: String?
    /// How long each exchange with the socket may take.
    public let timeout: Duration

    public init(socketPath: String, certificatePath: String? = nil, timeout: Duration = .seconds(10)) {
        self.socketPath = socketPath
        self.certificatePath = certificatePath
        self.timeout = timeout
    }

    public var description: String { "HAProxy runtime API at \(socketPath)" }

    public func reload(_ certificates: [ReloadedCertificate]) async throws {
        if let certificatePath, certificates.count > 1 {
            throw ReloadError(
                code: .frontendRejected,
                message: "the haproxy certificate path \(certificatePath) names one certificate, but \(certificates.listed) are to be swapped: "
                    + "leave the path unset so that each is named by its own live/<name>/bundle.pem"
            )
        }
        var failures: [any Error] = []
        for certificate in certificates {
            do {
                try await swap(certificate)
            } catch {
                failures.append(error)
            }
        }
        guard let first = failures.first else { return }
        if failures.count == 1 { throw first }
        throw ReloadError(
            code: (first as? ReloadError)?.code ?? .frontendRejected,
            message: "\(failures.count) of \(certificates.count) certificates were not swapped: "
                + failures.map { ($0 as? ReloadError)?.message ?? "\($0)" }.joined(separator: "; ")
        )
    }

    /// `set ssl cert` + `commit ssl cert` for one certificate; `abort ssl cert` when the commit fails.
    private func swap(_ certificate: ReloadedCertificate) async throws {
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
