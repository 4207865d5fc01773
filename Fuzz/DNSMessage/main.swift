// libFuzzer target: SidecertDNS's message decoder (Sources/SidecertDNS/Message, compiled in; see
// `sources`). Build and run with `scripts/fuzz DNSMessage SECONDS`.
//
// Besides "never traps", it checks what must hold for every input the decoder accepts: the message
// re-encodes, decodes back to an equal message, and its names print in a form that parses back.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDNSMessage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let message: DNSMessage
    do {
        message = try DNSMessage(wire: bytes)
    } catch {
        guard error.code == .malformedMessage else { fatalError("decoding threw \(error.code), not malformedMessage") }
        return 0
    }
    let wire: [UInt8]
    do {
        wire = try message.wireFormat()
    } catch {
        fatalError("a decoded message does not encode: \(error)")
    }
    guard let again = try? DNSMessage(wire: wire), again == message else {
        fatalError("decode(encode(message)) differs from message")
    }
    let names = message.questions.map(\.name) + (message.answers + message.authorities + message.additionals).map(\.name)
    for name in names {
        guard let parsed = try? DNSName(name.description), parsed == name, parsed.labels == name.labels else {
            fatalError("the name '\(name)' does not parse back from its printed form")
        }
    }
    return 0
}
