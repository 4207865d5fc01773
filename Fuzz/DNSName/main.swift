// libFuzzer target: DNSName's presentation-form parser (escapes, limits). Build and run with
// `scripts/fuzz DNSName SECONDS`.
//
// Whatever text parses must print in a form that parses to the same labels, byte for byte, and fit
// the wire-form limits.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDNSName(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    let name: DNSName
    do {
        name = try DNSName(text)
    } catch {
        guard error.code == .invalidName else { fatalError("parsing threw \(error.code), not invalidName") }
        return 0
    }
    guard name.wireLength <= DNSName.maximumWireLength, name.labels.allSatisfy({ (1...63).contains($0.count) }) else {
        fatalError("'\(text)' parsed into a name beyond the limits")
    }
    for printed in [name.description, name.fullyQualifiedText] {
        guard let again = try? DNSName(printed), again.labels == name.labels else {
            fatalError("'\(printed)', printed from '\(text)', does not parse back to the same labels")
        }
    }
    return 0
}
