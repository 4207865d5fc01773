#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Traefik v2/v3's `acme.json`: for every certificates resolver, its account and certificates,
/// `{ "<resolver>": { "Account": {…}, "Certificates": [ { "domain": { "main": "a.example", "sans": […] },
/// "certificate": "<base64 PEM>", "key": "<base64 PEM>", "Store": "default" } ] } }`.
///
/// The cert-name is `domain.main`, `*.` written `_wildcard.` as everywhere in Sidecert.
struct TraefikACMEStore: Sendable {
    /// A store holds every certificate of every resolver (a few KiB each), so it may pass the 1 MiB a
    /// single PEM file may have; still bounded, as every read of Sidecert's is.
    static let readLimit = 32 << 20

    let path: String

    func candidates() throws(SidecertError) -> [ImportCandidate] {
        let label = "--from traefik \(path)"
        let file = try SourceText.read(path, label: label, limit: Self.readLimit)
        let resolvers: [String: Resolver]
        do {
            resolvers = try JSONDecoder().decode([String: Resolver].self, from: Data(file.text.utf8))
        } catch {
            throw .badInput(
                "\(label) is not a Traefik v2/v3 acme.json: \(Self.describe(error))",
                hint: "give the file named by Traefik's certificatesResolvers.<name>.acme.storage")
        }
        var candidates: [ImportCandidate] = []
        for (resolver, store) in resolvers.sorted(by: { $0.key < $1.key }) {
            for (index, entry) in (store.certificates ?? []).enumerated() {
                let place = "\(path) resolver '\(resolver)' certificate \(index + 1)"
                candidates.append(
                    ImportCandidate(
                        origin: "resolver '\(resolver)': \(entry.domain.main)",
                        certName: CertificateNameSet.defaultCertName(firstDomain: entry.domain.main),
                        certNameLabel: "\(place): domain.main",
                        certificate: try Self.decoded(entry.certificate, label: "\(place) (\(entry.domain.main)): certificate"),
                        chain: nil,
                        key: try Self.decoded(entry.key, label: "\(place) (\(entry.domain.main)): key")
                    ))
            }
        }
        return candidates
    }

    /// Traefik stores PEM as Go's `[]byte` in JSON: standard base64.
    private static func decoded(_ base64: String, label: String) throws(SidecertError) -> SourceText {
        guard let data = Data(base64Encoded: base64) else {
            throw .badInput("\(label) is not base64", hint: "the store is damaged; let Traefik rewrite it, or import its certificates as files")
        }
        return SourceText(text: String(decoding: data, as: UTF8.self), label: label)
    }

    /// Where the JSON went wrong, without quoting it (it holds private keys).
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "it does not parse as JSON" }
        switch error {
        case .typeMismatch(_, let context): return describe(context, "has the wrong type")
        case .valueNotFound(_, let context): return describe(context, "is null")
        case .keyNotFound(let key, let context): return describe(context, "lacks \"\(key.stringValue)\"")
        case .dataCorrupted(let context): return describe(context, "does not parse as JSON")
        @unknown default: return "it does not parse"
        }
    }

    /// `le.Certificates[0] lacks "key"`.
    private static func describe(_ context: DecodingError.Context, _ problem: String) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "the file \(problem)" : "\(path.drop { $0 == "." }) \(problem)"
    }

    /// One certificates resolver's part of the store.
    private struct Resolver: Decodable {
        var certificates: [Entry]?

        enum CodingKeys: String, CodingKey {
            case certificates = "Certificates"
        }
    }

    /// One certificate of a resolver.
    private struct Entry: Decodable {
        var domain: Domain
        var certificate: String
        var key: String
    }

    /// The names Traefik asked for; `main` names the certificate.
    private struct Domain: Decodable {
        var main: String
    }
}
