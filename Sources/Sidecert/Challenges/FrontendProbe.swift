import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import SidecertACME
import SidecertShell
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Asks the frontend, through its own port-80 address (`--http-probe`), for an answer this process wrote to
/// the volume's `acme-challenge/`: what the CA's HTTP-01 request will do, without spending one of the CA's
/// failed validations when the frontend is not up yet or does not serve the volume.
package struct FrontendProbe: Sendable {
    /// The frontend's port-80 base URL as this process reaches it: `http://127.0.0.1:80`.
    package var base: URL
    package var layout: VolumeLayout

    package init(base: URL, layout: VolumeLayout) {
        self.base = base
        self.layout = layout
    }

    /// `--http-probe` as a base URL: `http://HOST[:PORT]`, nothing after the authority (the path is HTTP-01's).
    package static func baseURL(parsing text: String, source: SettingOrigin) throws(SidecertError) -> URL {
        guard let url = URL(string: text), url.scheme?.lowercased() == "http", let host = url.host, !host.isEmpty,
            url.path.isEmpty || url.path == "/", url.query == nil
        else {
            throw .badInput(
                "\(source.quoting(text)) is not the frontend's port-80 address",
                hint: "give http://HOST[:PORT] as this container reaches the frontend, for example http://127.0.0.1:80")
        }
        return url
    }

    /// The URL the probe answer `token` is asked for at.
    package func url(token: String) -> String {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return "\(text)/.well-known/acme-challenge/\(token)"
    }

    /// Writes a fresh probe answer, asks the frontend for it, removes it. Nil when the frontend served it;
    /// otherwise what it did instead, in words.
    package func check() async -> String? {
        let token = "sidecert-probe-" + UUID().uuidString.replacing("-", with: "")
        let answer = "sidecert probe \(UUID().uuidString)"
        let challenges = ChallengeDirectory(layout: layout)
        do {
            try challenges.write(token: token, keyAuthorization: answer)
        } catch {
            return "the probe answer cannot be written to \(layout.challengeDirectory): \(error)"
        }
        defer { try? challenges.remove(token: token) }
        let url = url(token: token)
        do {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(2))
            let body = String(buffer: try await response.body.collect(upTo: 4096))
            guard response.status == .ok else { return "\(url) answered HTTP \(response.status.code)" }
            guard body.trimmingWhitespace() == answer else {
                return "\(url) answered, but not with the answer on the volume: the frontend does not serve \(layout.challengeDirectory)"
            }
            return nil
        } catch {
            return "\(url) cannot be fetched: \(error)"
        }
    }
}
