// libFuzzer target: the certificates file (`--certificates`, YAML through SidecertYAML, linked instrumented; see
// `packages`), which operators write by hand and ConfigMaps mount. Build and run with
// `scripts/fuzz CertificatesFile SECONDS`.
//
// Besides "never traps": a refusal is bad input (exit 2) whose message starts with the file's path; what is
// accepted has entries, and every value it gives reads through the settings as the command line's would.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCertificatesFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let path = "/etc/sidecert/certificates.yaml"
    let file: CertificatesFile
    do {
        file = try CertificatesFile.parse(String(decoding: bytes, as: UTF8.self), path: path)
    } catch {
        guard error.code == .badInput, error.message.hasPrefix(path) else { fatalError("refused without naming the file: \(error)") }
        return 0
    }
    guard !file.entries.isEmpty else { fatalError("accepted a file without certificates") }
    let commandLine = Settings.commandLine(flags: SettingLayer(), environment: [:])
    for entry in file.entries {
        let settings = commandLine.overlaid(by: [entry.layer, file.defaults])
        for setting in entry.layer.settings + file.defaults.settings {
            _ = settings.list(setting)
            _ = settings.string(setting)
            _ = settings.origin(of: setting).description
        }
    }
    return 0
}
