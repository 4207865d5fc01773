import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import SidecertDNS

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Writes TXT records through the PowerDNS Authoritative HTTP API: the zone's TXT RRset at the name is
/// replaced with what it held plus (or minus) our value, so values someone else put there stay.
package struct PowerDNSRecordWriter: DNSRecordWriter {
    /// The API's base URL, e.g. `http://127.0.0.1:8081` (the `/api/v1` part is added).
    package let apiURL: URL
    let apiKey: String
    /// The server ID in API paths; PowerDNS calls its own `localhost`.
    package let serverID: String
    let httpClient: HTTPClient

    /// The TTL of the records written.
    package static let ttl = 60

    package init(apiURL: URL, apiKey: String, serverID: String, httpClient: HTTPClient = .shared) {
        self.apiURL = apiURL
        self.apiKey = apiKey
        self.serverID = serverID
        self.httpClient = httpClient
    }

    package var description: String { "the PowerDNS API at \(apiURL.absoluteString) (server '\(serverID)')" }

    package func checkAccess(zone: DNSName) async throws {
        _ = try await send(.GET, path: zonePath(zone), body: nil)
    }

    package func add(_ value: String, at name: DNSName, zone: DNSName) async throws {
        var values = try await txtValues(at: name, zone: zone)
        guard !values.contains(value) else { return }
        values.append(value)
        try await replace(name: name, zone: zone, values: values)
    }

    package func remove(_ value: String, at name: DNSName, zone: DNSName) async throws {
        let values = try await txtValues(at: name, zone: zone)
        guard values.contains(value) else { return }
        try await replace(name: name, zone: zone, values: values.filter { $0 != value })
    }

    // MARK: - The API

    private struct Zone: Decodable {
        var rrsets: [RRSet]
    }

    private struct RRSet: Codable {
        var name: String
        var type: String
        var ttl: Int?
        var changetype: String?
        var records: [Record]
    }

    private struct Record: Codable {
        var content: String
        var disabled: Bool
    }

    private struct Patch: Encodable {
        var rrsets: [RRSet]
    }

    private func zonePath(_ zone: DNSName) -> String {
        "/api/v1/servers/\(Self.pathSegment(serverID))/zones/\(Self.pathSegment(zone.fullyQualifiedText))"
    }

    /// The TXT values at `name` now, unquoted.
    private func txtValues(at name: DNSName, zone: DNSName) async throws -> [String] {
        let body = try await send(.GET, path: zonePath(zone), body: nil)
        let decoded: Zone
        do {
            decoded = try JSONDecoder().decode(Zone.self, from: Data(body))
        } catch {
            throw DNSError(
                code: .unexpectedResponse, message: "\(description) answered the zone '\(zone)' with something that is not a zone: \(error)")
        }
        let owner = name.fullyQualifiedText.lowercased()
        return decoded.rrsets.filter { $0.type == "TXT" && $0.name.lowercased() == owner }.flatMap(\.records).map { Self.unquoted($0.content) }
    }

    private func replace(name: DNSName, zone: DNSName, values: [String]) async throws {
        let rrset =
            values.isEmpty
            ? RRSet(name: name.fullyQualifiedText, type: "TXT", ttl: nil, changetype: "DELETE", records: [])
            : RRSet(
                name: name.fullyQualifiedText, type: "TXT", ttl: Self.ttl, changetype: "REPLACE",
                records: values.map { Record(content: "\"\($0)\"", disabled: false) })
        _ = try await send(.PATCH, path: zonePath(zone), body: try JSONEncoder().encode(Patch(rrsets: [rrset])))
    }

    private func send(_ method: HTTPMethod, path: String, body: Data?) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: apiURL.absoluteString.trimmingSlashes() + path)
        request.method = method
        request.headers.add(name: "X-API-Key", value: apiKey)
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(request, timeout: .seconds(30))
        } catch {
            throw DNSError(code: .connectionFailed, message: "cannot reach \(description): \(error)", underlyingError: error)
        }
        let bytes = Array(buffer: try await response.body.collect(upTo: 16 << 20))
        switch response.status.code {
        case 200..<300:
            return bytes
        case 401, 403:
            throw DNSError(
                code: .accessRefused, message: "\(description) refused the API key (HTTP \(response.status.code)): \(Self.errorText(bytes))")
        case 404:
            // A server ID or zone this PowerDNS does not have: configuration, not something to retry.
            throw DNSError(
                code: .zoneNotFound, message: "\(description) has no \(path) (HTTP 404): \(Self.errorText(bytes))")
        default:
            throw DNSError(
                code: .serverRejected,
                message: "\(description) answered \(method) \(path) with HTTP \(response.status.code): \(Self.errorText(bytes))")
        }
    }

    private static func errorText(_ bytes: [UInt8]) -> String {
        struct Failure: Decodable { var error: String }
        if let failure = try? JSONDecoder().decode(Failure.self, from: Data(bytes)) { return failure.error }
        return String(decoding: bytes.prefix(200), as: UTF8.self)
    }

    private static func unquoted(_ content: String) -> String {
        // TXT content is one or more quoted strings; join them as the record's value.
        guard content.hasPrefix("\"") else { return content }
        return content.split(separator: "\"", omittingEmptySubsequences: true).filter { !$0.allSatisfy(\.isWhitespace) }.joined()
    }

    /// `component` as one segment of a URL path: percent-encoded but for RFC 3986's unreserved characters,
    /// so a server id or zone name can never add a segment or a query.
    static func pathSegment(_ component: String) -> String {
        var encoded = ""
        for byte in component.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if character.isASCII && (character.isLetter || character.isNumber || "-._~".contains(character)) {
                encoded.append(character)
            } else {
                encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return encoded
    }
}

extension String {
    fileprivate func trimmingSlashes() -> String {
        var text = self
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
