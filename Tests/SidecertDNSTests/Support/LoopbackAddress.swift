import Foundation

/// An address of 127/8 added to the loopback interface for one test run, and removed after.
///
/// Linux answers on all of 127/8, but BIND listens only on addresses an interface really carries, so a
/// server on 127.53.X.2 needs `ip addr add 127.53.X.2/32 dev lo` (root). Adding fails when the address
/// is already there, which makes it a claim: two concurrent runs never share one.
struct LoopbackAddress: Sendable {
    /// The address, e.g. `127.53.17.2`.
    let host: String

    /// Adds `host`; nil when it was there already (someone else's) or its port 53 is taken.
    static func claim(_ host: String) throws -> LoopbackAddress? {
        guard LoopbackSocket.isFree(address: host, port: 53) else { return nil }
        let output = try ip(["addr", "add", "\(host)/32", "dev", "lo"])
        if output.status == 0 { return LoopbackAddress(host: host) }
        if output.text.contains("exists") || output.text.contains("already assigned") { return nil }
        throw BINDFixtureError("ip addr add \(host)/32 dev lo failed (the BIND tests need root): \(output.text)")
    }

    /// Removes the address again.
    func release() {
        _ = try? Self.ip(["addr", "del", "\(host)/32", "dev", "lo"])
    }

    private static func ip(_ arguments: [String]) throws -> (status: Int32, text: String) {
        guard let ip = DNSTestPeers.executable("ip") else {
            throw BINDFixtureError("the 'ip' command (iproute2) is not installed: run scripts/install-test-deps")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ip)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
