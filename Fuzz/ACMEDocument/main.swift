// libFuzzer target: the JSON documents an ACME server sends (Sources/SidecertACME's document types, compiled
// in; see `sources`). Build and run with `scripts/fuzz ACMEDocument SECONDS`.
//
// The same bytes are read as every document the client reads: a problem document (as `problemError` reads the
// body of a refusal), the directory, an order, an authorization, renewal information. Besides "never traps":
// a document that does not fit fails only as `unreadableDocument`, and what decodes can be used as the order
// flow uses it (its state machines decide, a problem prints with its advice, a problem re-encodes and reads
// back the same).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzACMEDocument(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let url = URL(string: "https://ca.test/acme/resource")!

    if let problem = try? JSONDecoder().decode(ACMEProblem.self, from: Data(bytes)) {
        let error = ACMEError(code: .problem, message: "refused", problem: problem)
        _ = error.description
        _ = error.isTransient
        _ = problem.advice
        guard let again = try? JSONDecoder().decode(ACMEProblem.self, from: Data(ACMEJSON.encode(problem))),
            again.description == problem.description
        else { fatalError("a problem document does not survive encoding and decoding: \(problem)") }
    }
    if let directory = decode(ACMEDirectory.self, bytes, url) {
        _ = directory.meta.profiles.keys.sorted()
    }
    if let order = decode(ACMEOrder.self, bytes, url) {
        for authorizationsDone in [false, true] {
            for finalizeSent in [false, true] {
                _ = OrderStep.next(
                    status: order.status, certificateURL: order.certificate, authorizationsDone: authorizationsDone, finalizeSent: finalizeSent)
            }
        }
        _ = order.error?.description
    }
    if let authorization = decode(ACMEAuthorization.self, bytes, url) {
        _ = AuthorizationStep.next(status: authorization.status, challengeAnswered: false)
        _ = AuthorizationStep.next(status: authorization.status, challengeAnswered: true)
        _ = authorization.firstProblem?.description
    }
    if let info = decode(ACMERenewalInfo.self, bytes, url) {
        _ = info.suggestedWindowEnd.timeIntervalSince(info.suggestedWindowStart)
    }
    return 0
}

/// The document, or nil when `ACMEJSON.decode` refuses it as it must: with `unreadableDocument`.
private func decode<Document: Decodable>(_ type: Document.Type, _ bytes: [UInt8], _ url: URL) -> Document? {
    do {
        return try ACMEJSON.decode(type, from: bytes, url: url)
    } catch let error as ACMEError {
        guard error.code == .unreadableDocument else { fatalError("decoding \(type) threw \(error.code), not unreadableDocument") }
        _ = error.description
        return nil
    } catch {
        fatalError("decoding \(type) threw \(error), not an ACMEError")
    }
}
