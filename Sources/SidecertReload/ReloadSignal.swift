import SidecertShell

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A signal that asks a frontend to reload: `HUP` (nginx), `USR2` (haproxy's master), `USR1`.
///
/// Only these are accepted: a typo such as `TERM` or `KILL` in `--reload-signal` would take the
/// frontend down at the moment a new certificate lands, so it is refused when the flag is parsed.
package struct ReloadSignal: Sendable, Hashable, CustomStringConvertible {
    /// The name without `SIG`, e.g. `HUP`.
    package let name: String
    /// The signal number on this platform.
    package let number: Int32

    /// nginx re-reads its configuration and certificates on `SIGHUP`.
    package static let hangup = ReloadSignal(name: "HUP", number: SIGHUP)
    /// Frontend-specific; some reopen files or reload on `SIGUSR1`.
    package static let user1 = ReloadSignal(name: "USR1", number: SIGUSR1)
    /// haproxy's master process (`-W`/`-Ws`) reloads its workers on `SIGUSR2`.
    package static let user2 = ReloadSignal(name: "USR2", number: SIGUSR2)

    /// Every signal `--reload-signal` accepts.
    package static let accepted: [ReloadSignal] = [.hangup, .user1, .user2]

    /// Signals that stop or freeze a process instead of reloading it, refused by name.
    static let refused: Set<String> = ["KILL", "STOP", "TERM", "INT", "QUIT", "ABRT", "TSTP", "WINCH"]

    /// Outside this module, ``init(parsing:)`` is the only way in. Internal so that tests can send a
    /// real-time signal, which the kernel queues instead of merging, and so count the signals sent.
    init(name: String, number: Int32) {
        self.name = name
        self.number = number
    }

    /// Parses `HUP`, `SIGHUP`, `hup` and the like; throws a ``ReloadError`` (`invalidSignal`) that says
    /// which names are accepted.
    package init(parsing text: String) throws {
        let trimmed = text.trimmingWhitespace().uppercased()
        let name = trimmed.hasPrefix("SIG") ? String(trimmed.dropFirst(3)) : trimmed
        if let signal = Self.accepted.first(where: { $0.name == name }) {
            self = signal
            return
        }
        let acceptedNames = Self.accepted.map(\.name).joined(separator: ", ")
        if Self.refused.contains(name) {
            throw ReloadError(
                code: .invalidSignal,
                message: "--reload-signal \(text): SIG\(name) stops the frontend instead of reloading it; use one of \(acceptedNames) "
                    + "(HUP for nginx, USR2 for the haproxy master)"
            )
        }
        if !name.isEmpty, name.allSatisfy(\.isNumber) {
            throw ReloadError(
                code: .invalidSignal,
                message: "--reload-signal \(text): give the signal by name, one of \(acceptedNames) (numbers differ between systems)"
            )
        }
        throw ReloadError(
            code: .invalidSignal,
            message: "--reload-signal '\(text)' is not a reload signal; use one of \(acceptedNames) (HUP for nginx, USR2 for the haproxy master)"
        )
    }

    package var description: String { "SIG" + name }
}
