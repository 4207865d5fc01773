import SidecertACME
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The volume's ACME account for one CA: its key (0600, never a certificate key) and URL, shared by every
/// replica so a fleet registers one account, not one per container.
struct ACMEAccountStore: Sendable {
    let directory: String

    init(layout: VolumeLayout, directoryURL: URL) {
        self.directory = layout.accountDirectory(directoryURL: directoryURL.absoluteString)
    }

    private var keyPath: String { directory + "/account-key.pem" }
    private var recordPath: String { directory + "/account.json" }

    private struct Record: Codable {
        var url: URL
    }

    /// Whether an account key is stored: then no new terms of service need agreeing to.
    var hasAccount: Bool { FileManager.default.fileExists(atPath: keyPath) }

    /// The stored account key, or a new one installed so that racing replicas end up with the same key.
    func loadOrCreateKey() throws -> AccountKey {
        if let key = try loadKey() { return key }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let key = try AccountKey.generate()
        try AtomicFile.installIfAbsent(Array(key.pemRepresentation.utf8), at: keyPath, mode: 0o600)
        guard let installed = try loadKey() else {
            throw SidecertError.failure("the account key at \(keyPath) vanished while it was being created")
        }
        return installed
    }

    private func loadKey() throws -> AccountKey? {
        guard let text = try? String(contentsOfFile: keyPath, encoding: .utf8) else { return nil }
        do {
            return try AccountKey(pemRepresentation: text)
        } catch {
            throw SidecertError.failure(
                "the ACME account key at \(keyPath) cannot be read: \(error)", hint: "move \(directory) aside to register a new account")
        }
    }

    var accountURL: URL? {
        guard let data = FileManager.default.contents(atPath: recordPath) else { return nil }
        return try? JSONDecoder().decode(Record.self, from: data).url
    }

    func saveAccountURL(_ url: URL) throws {
        let data = try JSONEncoder().encode(Record(url: url))
        try AtomicFile.write(Array(data), to: recordPath, mode: 0o644)
    }
}
