import Logging
import SidecertACME
import SidecertDNS
import SidecertShell

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Writes TXT records by running an operator's program, the way lego's `exec` provider does, so existing
/// scripts work: `PROGRAM present FQDN VALUE` and `PROGRAM cleanup FQDN VALUE`, FQDN with its final dot.
/// The door to every DNS API Sidecert does not speak.
package struct ExecRecordWriter: DNSRecordWriter {
    /// The program's path.
    package let program: String
    let logger: Logger
    /// How long one run may take before it is killed.
    package static let timeout: Duration = .seconds(120)
    /// How much of its output is kept for the log.
    static let outputLimit = 4_096

    package init(program: String, logger: Logger) {
        self.program = program
        self.logger = logger
    }

    package var description: String { "the program \(program)" }

    /// The program has no way to check its access without writing: its first `present` tells.
    package func checkAccess(zone: DNSName) async throws {}

    package func add(_ value: String, at name: DNSName, zone: DNSName) async throws {
        try await run("present", name: name, value: value)
    }

    package func remove(_ value: String, at name: DNSName, zone: DNSName) async throws {
        try await run("cleanup", name: name, value: value)
    }

    private func run(_ action: String, name: DNSName, value: String) async throws {
        // The arguments go through the environment, so that nothing in them is ever read by the shell.
        let command = ShellCommand(
            command: #"exec "$SIDECERT_DNS_EXEC_PROGRAM" "$SIDECERT_DNS_EXEC_ACTION" "$SIDECERT_DNS_EXEC_FQDN" "$SIDECERT_DNS_EXEC_VALUE""#,
            environment: [
                "SIDECERT_DNS_EXEC_PROGRAM": program, "SIDECERT_DNS_EXEC_ACTION": action, "SIDECERT_DNS_EXEC_FQDN": name.fullyQualifiedText,
                "SIDECERT_DNS_EXEC_VALUE": value,
            ],
            timeout: Self.timeout, outputLimit: Self.outputLimit)
        let result: ShellCommandResult
        do {
            result = try await command.run()
        } catch {
            throw DNSError(code: .connectionFailed, message: "\(program) \(action) could not be started: \(error)", underlyingError: error)
        }
        let output = result.output.trimmingWhitespace()
        logger.log(
            level: result.succeeded ? .info : .warning,
            "ran the DNS-01 program",
            metadata: ["program": "\(program)", "action": "\(action)", "record": "\(name)", "status": "\(result.status)", "output": "\(output)"])
        guard result.succeeded else {
            let ending = result.timedOut ? "ran past \(Self.timeout) and was killed" : "exited with status \(result.status)"
            throw DNSError(
                code: .serverRejected, message: "\(program) \(action) \(name.fullyQualifiedText) \(ending)" + (output.isEmpty ? "" : ": \(output)"))
        }
    }
}
