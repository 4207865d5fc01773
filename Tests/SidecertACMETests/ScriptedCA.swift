import Crypto
import Foundation
import Testing

@testable import SidecertACME

/// An in-memory ACME server behind the ``ACMETransport`` protocol: enough of RFC 8555 (and Pebble's
/// strictness: POST-as-GET, `application/jose+json`, nonces checked, signatures verified) to drive the client
/// through whole orders without a network. Knobs inject the failures under test.
actor ScriptedCA: ACMETransport {
    /// One request as the server understood it.
    struct Received {
        var method: ACMEHTTPRequest.Method
        var path: String
        var contentType: String?
        var accept: String?
        var nonce: String?
        var kid: String?
        var hasJWK: Bool
        var payload: String?
    }

    /// The members of a `newOrder` payload the tests look at.
    struct NewOrderSeen: Sendable {
        var identifiers: [String]
        var profile: String?
        var replaces: String?
    }

    static let directoryURL = URL(string: "https://ca.test/directory")!
    static let chainPEM = """
        -----BEGIN CERTIFICATE-----
        TEVBRg==
        -----END CERTIFICATE-----
        -----BEGIN CERTIFICATE-----
        SU5URVJNRURJQVRF
        -----END CERTIFICATE-----

        """

    // Knobs.
    var termsOfService: String? = "https://ca.test/terms"
    var profiles: [String: String] = [:]
    var offersRenewalInfo = false
    /// Paths whose next POST is refused with `badNonce`, once per entry.
    var badNonceFor: [String] = []
    /// A problem answered to `newOrder` instead of an order.
    var newOrderRefusal: (status: Int, type: ACMEProblemType, retryAfter: String?)?
    /// Names whose authorization is already valid (reused from an earlier order).
    var alreadyValid: Set<String> = []
    /// Names whose validation fails.
    var failingNames: Set<String> = []
    /// How many polls an answered authorization stays pending.
    var pendingPolls = 1
    /// How many polls a finalized order stays processing.
    var processingPolls = 1
    /// Refuse to answer at all, as an unreachable server does.
    var unreachable = false

    // State and records.
    private(set) var received: [Received] = []
    private(set) var newOrders: [NewOrderSeen] = []
    private(set) var csr: String?
    private var nonceCounter = 0
    private var liveNonces: Set<String> = []
    private var accounts: [String: [String: String]] = [:]
    private var identifiers: [String] = []
    private var answered: [String: Int] = [:]
    private var finalizedPolls: Int?

    func configure(_ change: @Sendable (isolated ScriptedCA) -> Void) {
        change(self)
    }

    func send(_ request: ACMEHTTPRequest) async throws -> ACMEHTTPResponse {
        if unreachable {
            throw URLError(.cannotConnectToHost)
        }
        let path = request.url.path
        switch (request.method, path) {
        case (.get, "/directory"):
            record(request, nonce: nil, kid: nil, hasJWK: false, payload: nil)
            return json(directory(), nonce: false)
        case (.head, "/new-nonce"):
            record(request, nonce: nil, kid: nil, hasJWK: false, payload: nil)
            return ACMEHTTPResponse(status: 200, headers: [(name: "Replay-Nonce", value: freshNonce())])
        case (.get, let path) where path.hasPrefix("/renewal-info/"):
            record(request, nonce: nil, kid: nil, hasJWK: false, payload: nil)
            return json(
                [
                    "suggestedWindow": ["start": "2027-01-03T00:00:00Z", "end": "2027-01-04T12:00:00.5Z"],
                    "explanationURL": "https://ca.test/why",
                ],
                nonce: false,
                headers: [(name: "Retry-After", value: "21600")]
            )
        case (.post, _):
            return try post(request)
        default:
            return problem(405, .malformed, "unexpected \(request.method) \(path)")
        }
    }

    // MARK: Signed requests

    private func post(_ request: ACMEHTTPRequest) throws -> ACMEHTTPResponse {
        let path = request.url.path
        guard request.contentType == "application/jose+json" else {
            return problem(415, .malformed, "Content-Type must be application/jose+json")
        }
        let jws = try Self.object(request.body ?? []) as? [String: String] ?? [:]
        let protected = jws["protected"] ?? ""
        let encodedPayload = jws["payload"] ?? ""
        let header = try Self.object(Self.decoded(protected))
        let payloadBytes = try Self.decoded(encodedPayload)
        let payload = encodedPayload.isEmpty ? nil : String(decoding: payloadBytes, as: UTF8.self)
        let nonce = header["nonce"] as? String
        let kid = header["kid"] as? String
        let jwk = header["jwk"] as? [String: String]
        record(request, nonce: nonce, kid: kid, hasJWK: jwk != nil, payload: payload)

        #expect(header["url"] as? String == request.url.absoluteString, "the JWS url must be the request URL")
        guard let nonce, liveNonces.remove(nonce) != nil else {
            return problem(400, .badNonce, "unknown nonce")
        }
        if let index = badNonceFor.firstIndex(of: path) {
            badNonceFor.remove(at: index)
            return problem(400, .badNonce, "JWS has an invalid anti-replay nonce (injected)")
        }
        let signerKey = try #require(jwk ?? kid.flatMap { accounts[$0] }, "unknown account \(kid ?? "")")
        let point = try [4] + Self.decoded(signerKey["x"] ?? "") + Self.decoded(signerKey["y"] ?? "")
        let signature = try P256.Signing.ECDSASignature(rawRepresentation: try Self.decoded(jws["signature"] ?? ""))
        #expect(
            try P256.Signing.PublicKey(x963Representation: point).isValidSignature(
                signature,
                for: Array("\(protected).\(encodedPayload)".utf8)
            ),
            "the JWS signature must verify with the account key"
        )
        let body = try payload.map { try Self.object(Array($0.utf8)) }

        switch path {
        case "/new-account":
            return newAccount(body ?? [:], jwk: try #require(jwk))
        case "/new-order":
            return newOrder(try #require(body))
        case "/order/1":
            #expect(payload == nil, "orders are read with POST-as-GET")
            return json(order(), headers: [(name: "Location", value: "https://ca.test/order/1")])
        case "/order/1/finalize":
            csr = body?["csr"] as? String
            guard orderStatus() == "ready" else { return problem(403, .orderNotReady, "not ready") }
            finalizedPolls = 0
            return json(order())
        case "/cert/1":
            #expect(payload == nil)
            #expect(request.accept == "application/pem-certificate-chain")
            return ACMEHTTPResponse(
                status: 200,
                headers: [
                    (name: "Content-Type", value: "application/pem-certificate-chain"),
                    (name: "Link", value: #"</cert/1/1>;rel="alternate", <https://ca.test/directory>;rel="index""#),
                    (name: "Link", value: #"<2>;rel="alternate""#),
                    (name: "Replay-Nonce", value: freshNonce()),
                ],
                body: Array(Self.chainPEM.utf8)
            )
        case "/revoke":
            return ACMEHTTPResponse(status: 200, headers: [(name: "Replay-Nonce", value: freshNonce())])
        case let path where path.hasPrefix("/authz/"):
            #expect(payload == nil, "authorizations are read with POST-as-GET")
            return json(authorization(String(path.dropFirst("/authz/".count)), polling: true))
        case let path where path.hasPrefix("/chall/"):
            #expect(payload == "{}")
            let name = String(path.split(separator: "/")[1])
            answered[name] = 0
            return json(challenge(name, type: String(path.split(separator: "/")[2])))
        default:
            return problem(404, .malformed, "no resource at \(path)")
        }
    }

    private func newAccount(_ body: [String: Any], jwk: [String: String]) -> ACMEHTTPResponse {
        let existing = accounts.first { $0.value == jwk }?.key
        if body["onlyReturnExisting"] as? Bool == true {
            guard let existing else { return problem(400, .accountDoesNotExist, "no account for this key") }
            return json(["status": "valid"], status: 200, headers: [(name: "Location", value: existing)])
        }
        if termsOfService != nil, body["termsOfServiceAgreed"] as? Bool != true {
            return problem(403, .malformed, "must agree to terms of service")
        }
        let url = existing ?? "https://ca.test/acct/\(accounts.count + 1)"
        accounts[url] = jwk
        return json(["status": "valid"], status: existing == nil ? 201 : 200, headers: [(name: "Location", value: url)])
    }

    private func newOrder(_ body: [String: Any]) -> ACMEHTTPResponse {
        newOrders.append(
            NewOrderSeen(
                identifiers: (body["identifiers"] as? [[String: String]] ?? []).compactMap { $0["value"] },
                profile: body["profile"] as? String,
                replaces: body["replaces"] as? String
            )
        )
        if let refusal = newOrderRefusal {
            var response = problem(refusal.status, refusal.type, "refused by the script")
            if let retryAfter = refusal.retryAfter {
                response.headers.append((name: "Retry-After", value: retryAfter))
            }
            return response
        }
        identifiers = newOrders.last?.identifiers ?? []
        return json(order(), status: 201, headers: [(name: "Location", value: "https://ca.test/order/1")])
    }

    // MARK: Resources

    private func directory() -> [String: Any] {
        var meta: [String: Any] = ["profiles": profiles]
        meta["termsOfService"] = termsOfService
        var directory: [String: Any] = [
            "newNonce": "https://ca.test/new-nonce", "newAccount": "https://ca.test/new-account",
            "newOrder": "https://ca.test/new-order", "revokeCert": "https://ca.test/revoke",
            "keyChange": "https://ca.test/key-change", "meta": meta,
        ]
        if offersRenewalInfo {
            directory["renewalInfo"] = "https://ca.test/renewal-info"
        }
        return directory
    }

    private func authorizationStatus(_ name: String, polling: Bool) -> String {
        if alreadyValid.contains(name) { return "valid" }
        guard let polls = answered[name] else { return "pending" }
        if polling { answered[name] = polls + 1 }
        if polls < pendingPolls { return "pending" }
        return failingNames.contains(name) ? "invalid" : "valid"
    }

    private func authorization(_ name: String, polling: Bool) -> [String: Any] {
        let status = authorizationStatus(name, polling: polling)
        return [
            "identifier": ["type": "dns", "value": name], "status": status, "expires": "2027-01-01T00:00:00Z",
            "challenges": ["http-01", "dns-01"].map { type -> [String: Any] in
                var challenge = challenge(name, type: type)
                if status == "invalid" && type == "http-01" {
                    challenge["status"] = "invalid"
                    challenge["error"] = [
                        "type": ACMEProblemType.incorrectResponse.rawValue, "detail": "wrong key authorization",
                        "status": 403,
                    ]
                }
                return challenge
            },
        ]
    }

    private func challenge(_ name: String, type: String) -> [String: Any] {
        ["type": type, "url": "https://ca.test/chall/\(name)/\(type)", "status": "pending", "token": token(for: name)]
    }

    func token(for name: String) -> String {
        Base64URL.encode(SHA256.hash(data: Array(name.utf8)))
    }

    private func orderStatus() -> String {
        if let polls = finalizedPolls {
            return polls < processingPolls ? "processing" : "valid"
        }
        let statuses = identifiers.map { authorizationStatus($0, polling: false) }
        if statuses.contains("invalid") { return "invalid" }
        return statuses.allSatisfy { $0 == "valid" } ? "ready" : "pending"
    }

    private func order() -> [String: Any] {
        let status = orderStatus()
        if let polls = finalizedPolls { finalizedPolls = polls + 1 }
        var order: [String: Any] = [
            "status": status, "identifiers": identifiers.map { ["type": "dns", "value": $0] },
            "authorizations": identifiers.map { "https://ca.test/authz/\($0)" },
            "finalize": "https://ca.test/order/1/finalize",
        ]
        if status == "valid" { order["certificate"] = "https://ca.test/cert/1" }
        if status == "invalid" {
            order["error"] = ["type": ACMEProblemType.unauthorized.rawValue, "detail": "authorizations failed"]
        }
        return order
    }

    // MARK: Parsing and responses

    /// A request the fake cannot even parse.
    struct Malformed: Error {}

    private static func decoded(_ base64url: String) throws -> [UInt8] {
        guard let bytes = Base64URL.decode(base64url) else { throw Malformed() }
        return bytes
    }

    private static func object(_ json: [UInt8]) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else {
            throw Malformed()
        }
        return object
    }

    private func freshNonce() -> String {
        nonceCounter += 1
        let nonce = "nonce-\(nonceCounter)"
        liveNonces.insert(nonce)
        return nonce
    }

    private func json(
        _ object: [String: Any],
        status: Int = 200,
        nonce: Bool = true,
        headers: [(name: String, value: String)] = []
    ) -> ACMEHTTPResponse {
        let body = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return ACMEHTTPResponse(
            status: status,
            headers: [(name: "Content-Type", value: "application/json")]
                + (nonce ? [(name: "Replay-Nonce", value: freshNonce())] : []) + headers,
            body: Array(body)
        )
    }

    private func problem(_ status: Int, _ type: ACMEProblemType, _ detail: String) -> ACMEHTTPResponse {
        var response = json(["type": type.rawValue, "detail": detail, "status": status], status: status)
        response.headers[0].value = "application/problem+json"
        return response
    }

    private func record(_ request: ACMEHTTPRequest, nonce: String?, kid: String?, hasJWK: Bool, payload: String?) {
        received.append(
            Received(
                method: request.method,
                path: request.url.path,
                contentType: request.contentType,
                accept: request.accept,
                nonce: nonce,
                kid: kid,
                hasJWK: hasJWK,
                payload: payload
            )
        )
    }
}
