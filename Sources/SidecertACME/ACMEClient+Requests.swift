import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension ACMEClient {
    /// Sends one request, keeps the nonce of the response, and turns transport failures into
    /// ``ACMEError/Code/unreachable``. Any status comes back.
    func exchange(_ request: ACMEHTTPRequest) async throws -> ACMEHTTPResponse {
        let response: ACMEHTTPResponse
        do {
            response = try await transport.send(request)
        } catch let error as ACMEError {
            throw error
        } catch  where Task.isCancelled {
            throw CancellationError()
        } catch {
            throw ACMEError(
                code: .unreachable,
                message: "Could not reach the ACME server (\(request.method) \(request.url.absoluteString)): "
                    + "\(error).",
                underlyingError: error
            )
        }
        nonces.add(response.value(forHeader: "Replay-Nonce"))
        logger.debug(
            "ACME exchange",
            metadata: [
                "acme.method": "\(request.method)", "acme.url": "\(request.url.absoluteString)",
                "acme.status": "\(response.status)",
            ]
        )
        return response
    }

    /// An unauthenticated GET (directory, renewal information); error statuses throw.
    func get(_ url: URL) async throws -> ACMEHTTPResponse {
        let request = ACMEHTTPRequest(method: .get, url: url)
        let response = try await exchange(request)
        guard response.isSuccess else { throw problemError(for: request, response: response) }
        return response
    }

    /// A signed POST of a JSON payload, by the account unless `signer` says otherwise.
    func post(_ url: URL, payload: some Encodable, signer: JWS.Signer? = nil) async throws -> ACMEHTTPResponse {
        try await post(url, payloadBytes: try ACMEJSON.encode(payload), signer: signer)
    }

    /// A POST-as-GET (RFC 8555 §6.3): how every resource is read, since CAs such as Pebble refuse plain GETs.
    func postAsGet(_ url: URL, accept: String? = nil) async throws -> ACMEHTTPResponse {
        try await post(url, payloadBytes: nil, accept: accept)
    }

    /// Reads and decodes a resource, with the `Retry-After` the CA sent along.
    func fetch<Resource: Decodable>(_ type: Resource.Type, at url: URL) async throws -> (Resource, Date?) {
        let response = try await postAsGet(url)
        let resource = try ACMEJSON.decode(type, from: response.body, url: url)
        return (resource, RetryAfter.date(from: response.value(forHeader: "Retry-After"), now: Date()))
    }

    /// The signed-request core: a nonce from the pool (or `newNonce`), the JWS, and on `badNonce` the same
    /// request again with the fresh nonce that came with the error, a few times.
    private func post(
        _ url: URL,
        payloadBytes: [UInt8]?,
        signer: JWS.Signer? = nil,
        accept: String? = nil
    ) async throws -> ACMEHTTPResponse {
        var attempt = 0
        while true {
            attempt += 1
            let nonce = try await takeNonce()
            let jws = try JWS(
                payload: payloadBytes,
                url: url,
                nonce: nonce,
                signer: try signer ?? accountSigner(),
                key: try requireAccountKey()
            )
            let request = ACMEHTTPRequest(
                method: .post,
                url: url,
                body: try ACMEJSON.encode(jws),
                contentType: ACMEHTTPRequest.joseContentType,
                accept: accept
            )
            let response = try await exchange(request)
            if response.isSuccess {
                return response
            }
            let error = problemError(for: request, response: response)
            guard error.problem?.type == .badNonce, attempt <= Self.badNonceRetries else { throw error }
            logger.debug("ACME server rejected a nonce; retrying", metadata: ["acme.url": "\(url.absoluteString)"])
        }
    }

    /// A nonce from the pool, or a fresh one from `newNonce` when the pool is empty.
    private func takeNonce() async throws -> String {
        if let nonce = nonces.take() {
            return nonce
        }
        let newNonceURL = try await directory().newNonce
        let request = ACMEHTTPRequest(method: .head, url: newNonceURL)
        let response = try await exchange(request)
        guard response.isSuccess else { throw problemError(for: request, response: response) }
        guard let nonce = nonces.take() else {
            throw ACMEError(
                code: .invalidResponse,
                message: "The ACME server's newNonce (\(newNonceURL.absoluteString)) answered without a "
                    + "Replay-Nonce header."
            )
        }
        return nonce
    }

    /// The `kid` signer of the current account.
    func accountSigner() throws -> JWS.Signer {
        .accountURL(try requireAccountURL())
    }

    /// The account URL, or ``ACMEError/Code/noAccount`` when no account was found, created or set yet.
    func requireAccountURL() throws -> URL {
        guard let accountURL else {
            throw ACMEError(
                code: .noAccount,
                message: "No ACME account is set: call findAccount(), createAccount(…) or useAccount(url:) first."
            )
        }
        return accountURL
    }

    /// The `Location` header, which names a new account or order; a CA that leaves it out breaks RFC 8555.
    func location(of response: ACMEHTTPResponse, requestURL: URL) throws -> URL {
        guard let value = response.value(forHeader: "Location"),
            let location = URL(string: value, relativeTo: requestURL)?.absoluteURL
        else {
            throw ACMEError(
                code: .invalidResponse,
                message: "The ACME server answered \(requestURL.absoluteString) without a Location header."
            )
        }
        return location
    }

    /// The error for a non-2xx response: its problem document (or, when the body is not one, a blank problem
    /// with the HTTP status) and its `Retry-After`.
    func problemError(for request: ACMEHTTPRequest, response: ACMEHTTPResponse) -> ACMEError {
        var problem =
            (try? JSONDecoder().decode(ACMEProblem.self, from: Data(response.body)))
            ?? ACMEProblem(type: .blank, detail: "HTTP \(response.status) without a problem document")
        problem.status = problem.status ?? response.status
        let retryAfter = RetryAfter.date(from: response.value(forHeader: "Retry-After"), now: Date())
        return ACMEError(
            code: .problem,
            message:
                "The ACME server refused \(request.method) \(request.url.absoluteString) (HTTP \(response.status))."
                + (problem.advice.map { " " + $0 } ?? ""),
            problem: problem,
            retryAfter: retryAfter
        )
    }
}
