// libFuzzer target: a published version's PEM files as every replica loads them from the volume
// (Sources/SidecertVolume, compiled in; swift-certificates and swift-crypto linked, see `packages`). Build and
// run with `scripts/fuzz VolumeCredential SECONDS`.
//
// The input is a full chain, a NUL byte, and a key (`fullchain.pem` and `privkey.pem`; without a NUL, both
// are the whole input). Besides "never traps": a refusal is a VolumeError naming the file, and what loads is
// judged as `ensure` judges it (usable for its own names or not, when it is due) and, when its key matches,
// can be published again as it would be (the chain re-parses and keeps its leaf).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVolumeCredential(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let parts = bytes.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
    let chain = String(decoding: parts[0], as: UTF8.self)
    let key = parts.count > 1 ? String(decoding: parts[1], as: UTF8.self) : chain
    let credential: InstalledCredential
    do {
        credential = try InstalledCredential(fullchainPEM: chain, keyPEM: key, chainPath: "live/x/fullchain.pem", keyPath: "live/x/privkey.pem")
    } catch let error as VolumeError {
        guard error.path == "live/x/fullchain.pem" || error.path == "live/x/privkey.pem" else { fatalError("an error naming no file: \(error)") }
        return 0
    } catch {
        fatalError("loading threw \(error), not a VolumeError")
    }
    let installed = InstalledCertificate(
        name: "x", version: "20261130T000000.000000Z-acme", directory: "archive/x/v", primary: credential, others: [], missingKeyTypes: [])
    _ = installed.usability(requestedNames: installed.names, requiredUsages: [.clientAuth], now: Date(timeIntervalSince1970: 1_800_000_000))
    _ = installed.isDueForRenewal(now: Date(timeIntervalSince1970: 1_800_000_000))
    _ = (installed.serialHex, installed.issuer, installed.extendedKeyUsages)
    guard credential.keyMatchesCertificate, let parsedKey = try? CertificateKey(pemEncoded: key) else { return 0 }
    guard let again = try? CertificateCredential(certificateChainPEM: chain, key: parsedKey) else {
        fatalError("a matching chain and key that load do not make a credential to publish")
    }
    guard let reloaded = try? InstalledCredential(fullchainPEM: again.fullchainPEM, keyPEM: again.keyPEM, chainPath: "a", keyPath: "b"),
        reloaded.leaf == credential.leaf
    else { fatalError("a published credential does not load back with the same leaf") }
    return 0
}
