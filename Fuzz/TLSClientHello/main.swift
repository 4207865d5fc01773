// libFuzzer target: the acme-tls/1 listener's ClientHello reader (Sources/SidecertChallenges/TLSALPN01/
// ClientHello, compiled in; see `sources`). Build and run with `scripts/fuzz TLSClientHello SECONDS`.
//
// Besides "never traps", it checks that a verdict, once given, holds: bytes arriving after a complete or a
// malformed ClientHello never change what was read (the listener decides at the first verdict).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTLSClientHello(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let verdict = TLSClientHello.read(bytes)
    if case .incomplete = verdict { return 0 }
    for more in [[0], [22, 3, 1, 0, 1, 1], [UInt8](repeating: 0xFF, count: 64)] as [[UInt8]] {
        guard TLSClientHello.read(bytes + more) == verdict else {
            fatalError("the verdict \(verdict) changed when \(more.count) more bytes arrived")
        }
    }
    if case .complete(let hello) = verdict, let name = hello.serverName, name.utf8.count > 65_535 {
        fatalError("a server name longer than its 16-bit length allows")
    }
    return 0
}
