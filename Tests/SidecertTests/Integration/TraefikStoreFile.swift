import Foundation

/// A Traefik v2/v3 `acme.json` written by the test, in the shape Traefik's own store writes: per
/// resolver an `Account` and `Certificates` whose `certificate` and `key` are base64 of the PEM.
struct TraefikStoreFile {
    /// One certificate of a resolver.
    struct Entry {
        var main: String
        var sans: [String] = []
        var certificatePEM: String
        var keyPEM: String
    }

    /// The resolvers' certificates, by resolver name.
    var resolvers: [String: [Entry]]

    func write(to path: String) throws {
        var store: [String: Any] = [:]
        for (resolver, entries) in resolvers {
            store[resolver] =
                [
                    "Account": ["Email": "ops@example.com", "Registration": ["body": ["status": "valid"], "uri": "https://ca.test/acct/1"]],
                    "Certificates": entries.map { entry in
                        [
                            "domain": ["main": entry.main, "sans": entry.sans],
                            "certificate": Data(entry.certificatePEM.utf8).base64EncodedString(),
                            "key": Data(entry.keyPEM.utf8).base64EncodedString(),
                            "Store": "default",
                        ] as [String: Any]
                    },
                ] as [String: Any]
        }
        try JSONSerialization.data(withJSONObject: store, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: path))
    }
}
