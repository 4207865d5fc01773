#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `presented/<name>.json`: what the issuance of one certificate has published to prove control (HTTP-01
/// files, DNS-01 TXT records, …), written before each is published and cleared as each is removed.
///
/// A holder that crashes between publishing and cleaning up leaves its entries here; whichever replica next
/// holds the name's lease removes exactly those leftovers first, and nothing it did not publish. Only the
/// lease holder writes it. The entries are the caller's own Codable values: the volume knows nothing of ACME.
package struct PresentationJournal: Sendable {
    /// The journal's file.
    package let path: String

    package init(layout: VolumeLayout, name: String) throws {
        self.path = try layout.presented(name)
    }

    /// What is recorded as published and not yet removed.
    package func entries<Entry: Codable & Hashable>(of type: Entry.Type) throws -> [Entry] {
        guard let bytes = try AtomicFile.readIfPresent(path) else { return [] }
        do {
            return try VolumeJSON.decode([Entry].self, from: bytes)
        } catch {
            throw VolumeError(code: .corruptFile, path: path, message: "is not a journal of presented challenges (\(error)); remove it by hand")
        }
    }

    /// Records `added` before they are published.
    package func record<Entry: Codable & Hashable>(_ added: [Entry]) throws {
        var entries = try entries(of: Entry.self)
        entries += added.filter { !entries.contains($0) }
        try AtomicFile.write(try VolumeJSON.encode(entries), to: path, mode: 0o644)
    }

    /// Forgets `removed` once they are no longer published; the file goes with the last entry.
    package func forget<Entry: Codable & Hashable>(_ removed: [Entry]) throws {
        let entries = try entries(of: Entry.self).filter { !removed.contains($0) }
        if entries.isEmpty {
            try AtomicFile.remove(path)
        } else {
            try AtomicFile.write(try VolumeJSON.encode(entries), to: path, mode: 0o644)
        }
    }
}
