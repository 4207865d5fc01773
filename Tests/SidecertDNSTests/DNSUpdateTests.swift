import Testing

@testable import SidecertDNS

@Suite struct DNSUpdateTests {
    @Test func addingATXTRecordPutsItInTheUpdateSection() throws {
        let zone = try DNSName("example.test")
        let name = try DNSName("_acme-challenge.www.example.test")
        let update = try DNSMessage.updateAddingTXT(id: 3, zone: zone, name: name, ttl: 60, value: "token")
        #expect(update.opcode == .update)
        #expect(update.questions == [DNSQuestion(name: zone, type: .soa)])
        #expect(update.answers.isEmpty, "no prerequisites")
        #expect(update.authorities == [DNSResourceRecord(name: name, recordClass: .internet, ttl: 60, data: .txt([Array("token".utf8)]))])
        // RFC 2136 §2: opcode 5 in the header; ZOCOUNT 1, PRCOUNT 0, UPCOUNT 1, ADCOUNT 0.
        #expect(Array(try update.wireFormat()[0..<12]) == [0, 3, 0x28, 0, 0, 1, 0, 0, 0, 1, 0, 0])
    }

    @Test func deletingDeletesExactlyThatValue() throws {
        let update = try DNSMessage.updateDeletingTXT(
            zone: try DNSName("example.test"),
            name: try DNSName("_acme-challenge.example.test"),
            value: "token"
        )
        // RFC 2136 §2.5.4: class NONE, TTL 0, the record's data: only that record goes.
        #expect(update.authorities.count == 1)
        #expect(update.authorities[0].recordClass == .none)
        #expect(update.authorities[0].ttl == 0)
        #expect(update.authorities[0].data.joinedText == "token")
    }

    @Test func aNameOutsideTheZoneIsRefusedBeforeAskingTheServer() throws {
        let error = #expect(throws: DNSError.self) {
            try DNSMessage.updateAddingTXT(zone: DNSName("example.test"), name: DNSName("example.org"), ttl: 60, value: "x")
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message == "'example.org' is not inside zone 'example.test', so that zone cannot hold its record")
    }

    @Test func responseCodesHaveNamesAndWords() {
        #expect(DNSResponseCode.refused.description == "REFUSED")
        #expect(DNSResponseCode.notAuthoritative.description == "NOTAUTH")
        #expect(DNSResponseCode.notZone.description == "NOTZONE")
        #expect(DNSResponseCode(rawValue: 99).description == "RCODE99")
        let error = DNSError.rejected(.refused, request: "the update of zone 'example.test'", server: "192.0.2.53:53")
        #expect(error.code == .serverRejected)
        #expect(
            error.message
                == "the DNS server at 192.0.2.53:53 answered the update of zone 'example.test' with REFUSED: the server refused the request (is this client or key allowed to do it?)"
        )
    }
}
