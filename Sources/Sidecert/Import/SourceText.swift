import SidecertVolume

/// The text of one input of an import, and how messages name it (`--cert /tmp/a.pem`,
/// `/etc/letsencrypt/live/a/privkey.pem`), so every refusal points at the file to fix.
struct SourceText: Sendable {
    /// The file's content (PEM or JSON), decoded as UTF-8.
    var text: String
    /// The file as error messages name it.
    var label: String

    /// Reads a small regular file; a missing, special or oversized one is refused, naming `label`.
    ///
    /// Links are followed: callers that must stay inside a tree resolve the path first (``SourceTree``).
    static func read(_ path: String, label: String, limit: Int = AtomicFile.readLimit) throws(SidecertError) -> SourceText {
        let bytes: [UInt8]?
        do {
            bytes = try AtomicFile.readIfPresent(path, limit: limit)
        } catch let error as VolumeError {
            throw .badInput("\(label): \(error.message)")
        } catch {
            throw .badInput("\(label): \(error)")
        }
        guard let bytes else {
            throw .badInput("\(label) cannot be read: there is no such file", hint: "check the path")
        }
        return SourceText(text: String(decoding: bytes, as: UTF8.self), label: label)
    }
}
