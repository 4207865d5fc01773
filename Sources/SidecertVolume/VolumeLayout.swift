/// Where everything lives on the shared volume.
///
/// Only `live/` and `acme-challenge/` are a contract with users; the rest is internal. Paths are plain
/// strings built on demand: nothing here touches the filesystem, so directories are created lazily by the
/// writers, and the fast path pays for no more than it reads.
package struct VolumeLayout: Sendable, Hashable {
    /// The volume's mount point in this container (`--storage`).
    package let root: String

    package init(root: String) {
        var root = root
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        self.root = root
    }

    /// `live/`: one symlink per certificate name, what frontends read.
    package var liveDirectory: String { "\(root)/live" }
    /// `live/.published`: rewritten after every publish, so a replica following thousands of certificates
    /// learns that something changed from one small read instead of a `readlink` per certificate.
    package var publishMarker: String { "\(liveDirectory)/.published" }
    /// `archive/`: every published version, each in its own directory.
    package var archiveDirectory: String { "\(root)/archive" }
    /// `acme-challenge/`: HTTP-01 key authorizations served by every replica's frontend.
    package var challengeDirectory: String { "\(root)/acme-challenge" }
    /// `tls-alpn-01/`: TLS-ALPN-01 key authorizations, read by every replica's `acme-tls/1` listener (see
    /// ``TLSALPNChallengeDirectory``). Internal: no frontend serves it.
    package var tlsALPNChallengeDirectory: String { "\(root)/tls-alpn-01" }
    /// `leases/`: one lease file per certificate name (see ``LeaseFile``).
    package var leasesDirectory: String { "\(root)/leases" }
    /// `ledger/`: one issuance ledger per certificate name (see ``IssuanceLedger``).
    package var ledgerDirectory: String { "\(root)/ledger" }
    /// `accounts/`: one ACME account per CA directory URL.
    package var accountsDirectory: String { "\(root)/accounts" }
    /// `local-ca/`: the embedded issuer's root certificate and key.
    package var localCADirectory: String { "\(root)/local-ca" }
    /// `presented/`: what an issuance in progress has published to prove control (see ``PresentationJournal``).
    package var presentedDirectory: String { "\(root)/presented" }

    /// `live/<name>`: the symlink to the current version of a certificate.
    package func live(_ name: String) throws -> String {
        "\(liveDirectory)/\(try Self.validated(name))"
    }

    /// `archive/<name>/`: all versions of a certificate.
    package func archive(_ name: String) throws -> String {
        "\(archiveDirectory)/\(try Self.validated(name))"
    }

    /// `archive/<name>/<version>/`.
    package func archive(_ name: String, version: String) throws -> String {
        "\(try archive(name))/\(try Self.validated(version, what: "version"))"
    }

    /// What `live/<name>` points to: relative, because the volume is mounted at different paths in
    /// different containers and on different hosts.
    package func liveLinkTarget(_ name: String, version: String) throws -> String {
        "../archive/\(try Self.validated(name))/\(try Self.validated(version, what: "version"))"
    }

    /// `leases/<name>.lease`.
    package func lease(_ name: String) throws -> String {
        "\(leasesDirectory)/\(try Self.validated(name))\(Self.leaseSuffix)"
    }

    /// `ledger/<name>.json`.
    package func ledger(_ name: String) throws -> String {
        "\(ledgerDirectory)/\(try Self.validated(name)).json"
    }

    /// `presented/<name>.json`.
    package func presented(_ name: String) throws -> String {
        "\(presentedDirectory)/\(try Self.validated(name)).json"
    }

    /// The file name extension of lease files in `leases/`.
    static let leaseSuffix = ".lease"
}
