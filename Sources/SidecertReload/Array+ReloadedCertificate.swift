extension Array where Element == ReloadedCertificate {
    /// The names, comma-separated (names on the volume hold no comma): `SIDECERT_CERT_NAMES` and the `cert`
    /// log metadata, so that a search for one name finds the batches it was part of.
    var joinedNames: String { map(\.name).joined(separator: ",") }

    /// The versions, comma-separated, in the order of ``joinedNames``: the `version` log metadata.
    var joinedVersions: String { map(\.version).joined(separator: ",") }

    /// "a version v1, b version v2", for messages.
    var listed: String { map(\.description).joined(separator: ", ") }
}
