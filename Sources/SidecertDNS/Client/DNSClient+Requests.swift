/// Queries and updates, with their RCODEs checked.
extension DNSClient {
    /// Asks `server` for the `type` records at `name`. NOERROR and NXDOMAIN answers are returned (an
    /// absent name is an answer); any other RCODE throws ``DNSError/Code/serverRejected``.
    ///
    /// - Parameter recursionDesired: true to ask a resolver; false to ask an authoritative server what
    ///   it holds itself.
    package func query(
        _ name: DNSName,
        type: DNSRecordType,
        at server: DNSServerAddress,
        recursionDesired: Bool = true
    ) async throws -> DNSMessage {
        let response = try await exchange(.query(name: name, type: type, recursionDesired: recursionDesired), with: server)
        guard response.responseCode == .noError || response.responseCode == .nameError else {
            throw DNSError.rejected(response.responseCode, request: "the query for \(type) at '\(name)'", server: "\(server)")
        }
        return response
    }

    /// Sends an UPDATE (see ``DNSMessage/updateAddingTXT(id:zone:name:ttl:value:)``), signed with `key`
    /// when given, and throws unless the server answered NOERROR: ``DNSError/Code/serverRejected`` for
    /// REFUSED, NOTAUTH, NOTZONE and the rest, the TSIG codes for a key the server rejected.
    @discardableResult
    package func update(_ update: DNSMessage, at server: DNSServerAddress, key: TSIGKey?) async throws -> DNSMessage {
        let response = try await exchange(update, with: server, key: key)
        guard response.responseCode == .noError else {
            let zone = update.questions.first.map { "'\($0.name)'" } ?? "(no zone)"
            throw DNSError.rejected(response.responseCode, request: "the update of zone \(zone)", server: "\(server)")
        }
        return response
    }
}
