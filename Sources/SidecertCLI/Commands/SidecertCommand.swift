import ArgumentParser
import Sidecert

/// `sidecert`: the root command; it only lists the subcommands.
struct SidecertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sidecert",
        abstract: "TLS certificates for a fleet of containers, from one shared volume.",
        discussion: """
            Every replica looks at the volume first; only when no usable certificate is there does one \
            replica, holding the volume's lease, ask the CA. Every flag has a SIDECERT_* environment twin.

            Exit codes (ensure, import, renew): 0 a usable certificate is on the volume; 2 bad input or \
            configuration, nothing written; 75 try again later (CA unreachable, rate limit, backoff, --wait \
            ran out); 1 anything else.
            """,
        version: SidecertVersion.current,
        subcommands: [EnsureCommand.self, RunCommand.self, RenewCommand.self, ImportCommand.self, StatusCommand.self, RemoveCommand.self]
    )
}
