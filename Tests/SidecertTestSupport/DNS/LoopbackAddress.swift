import Foundation

/// An address of 127/8 added to the loopback interface for one test, and removed after.
///
/// Linux answers on all of 127/8, but BIND, Knot and PowerDNS listen only on addresses an interface really
/// carries, so a server on 127.54.X.2 needs `ip addr add 127.54.X.2/32 dev lo` (root). Adding fails when
/// the address is already there, which makes it a claim: two concurrent tests never share one.
package struct LoopbackAddress: Sendable {
    /// The address, e.g. `127.54.17.2`.
    package let host: String

    /// Addresses 127.54.X.2, 127.54.X.3, … (`count` of them: a primary, a secondary, a resolver), X picked
    /// at random.
    package static func claimGroup(count: Int) throws -> [LoopbackAddress] {
        for _ in 0..<50 {
            let network = "127.54.\(Int.random(in: 1...254))"
            var claimed: [LoopbackAddress] = []
            for host in 2..<(2 + count) {
                guard let address = try claim("\(network).\(host)") else { break }
                claimed.append(address)
            }
            if claimed.count == count { return claimed }
            for address in claimed { address.release() }
        }
        throw HarnessError("no free group of \(count) loopback addresses 127.54.X.2… was found")
    }

    /// Adds `host`; nil when it was there already (someone else's) or its port 53 is taken.
    package static func claim(_ host: String) throws -> LoopbackAddress? {
        guard LoopbackSocket.isFree(address: host, port: 53) else { return nil }
        let output = try ip(["addr", "add", "\(host)/32", "dev", "lo"])
        if output.status == 0 { return LoopbackAddress(host: host) }
        if output.text.contains("exists") || output.text.contains("already assigned") { return nil }
        throw HarnessError("ip addr add \(host)/32 dev lo failed (the DNS tests need root): \(output.text)")
    }

    /// Removes the address again.
    package func release() {
        _ = try? Self.ip(["addr", "del", "\(host)/32", "dev", "lo"])
    }

    private static func ip(_ arguments: [String]) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ExecutableLookup.require("ip"))
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
