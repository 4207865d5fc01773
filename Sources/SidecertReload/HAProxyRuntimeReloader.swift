#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Swaps the certificate inside a running haproxy through its runtime API (`stats socket PATH level
/// admin`), with no reload at all: `set ssl cert <path> <<` with the new `bundle.pem` (key, certificate,
/// chain) opens a transaction, `commit ssl cert <path>` makes new handshakes use it. Existing connections
/// and the process are untouched.
///
/// The change lives in haproxy's memory only; since `crt` points at `live/<name>/bundle.pem`, a later
/// restart loads the same version from the volume. A version of several key types swaps each key type's
/// bundle (`bundle.rsa-2048.pem` beside `bundle.pem`, each its own `crt` line). A batch swaps each of its
/// certificates, each in its own transaction: one that fails does not keep the others from being swapped.
package struct HAProxyRuntimeReloader: FrontendReloader {
    /// haproxy's admin-level stats socket.
    package let socketPath: String
    /// The certificate's name inside haproxy: exactly the path its `crt` option names. When nil,
    /// `<live directory>/bundle.pem`. A fixed path names one certificate: a batch of several is refused.
    /// Further key types' bundles are named after it (`….rsa-2048.pem`).
    package let certificatePath: String?
    /// How long each exchange with the socket may take.
    package let timeout: Duration

    package init(socketPath: String, certificatePath: String? = nil, timeout: Duration = .seconds(10)) {
        self.socketPath = socketPath
        self.certificatePath = certificatePath
        self.timeout = timeout
    }

    package var description: String { "HAProxy runtime API at \(socketPath)" }

    package func reload(_ certificates: [ReloadedCertificate]) async throws {
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

    /// Swaps every key type's bundle of the certificate's version: `bundle.pem`, then each `bundle.<key type>.pem`
    /// (an RSA certificate beside an ECDSA one, which haproxy picks between by the client's signature algorithms).
    ///
    /// The bundles are read from the version directory `live/<name>` points to when the reload starts, so that
    /// a version published meanwhile cannot mix into this swap. A further key type's bundle that haproxy's
    /// configuration does not name (no `crt` line for it) is not served, so there is nothing to swap: it is
    /// skipped. The main bundle must be named: its refusal is an error. Each bundle is its own transaction:
    /// between two commits (milliseconds), clients of one key type already get the new certificate and the
    /// others still the old one, each a complete certificate of its type.
    private func swap(_ certificate: ReloadedCertificate) async throws {
        let bundles = try Self.bundles(of: certificate)
        let socket = UNIXSocketExchange(path: socketPath, timeout: timeout)
        for bundle in bundles {
            let name = Self.nameInHAProxy(of: bundle.file, liveDirectory: certificate.liveDirectory, certificatePath: certificatePath)
            try Self.validateCertificatePath(name)
            if bundle.file != Self.mainBundleFile {
                let shown = try await socket.exchange(Self.showCommand(certificatePath: name))
                guard Self.isKnown(showAnswer: shown, certificatePath: name) else { continue }
            }
            try await swap(bundlePEM: bundle.pem, as: name, socket: socket)
        }
    }

    /// `set ssl cert` + `commit ssl cert` for one bundle; `abort ssl cert` when the commit fails.
    private func swap(bundlePEM: String, as name: String, socket: UNIXSocketExchange) async throws {
        let setAnswer = try await socket.exchange(Self.setCommand(certificatePath: name, bundlePEM: bundlePEM))
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
