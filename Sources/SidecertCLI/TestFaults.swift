import Logging
import Sidecert
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fault injection for the tests, from test-only environment variables that no user sets:
///
/// - `SIDECERT_TEST_FAULT=<step>:kill` SIGKILLs this process when the issuance reaches `<step>` (an
///   ``IssuanceStep`` name: `order-created`, `version-written`, …); `<step>:pause=<duration>` holds it there;
///   `<step>:hold=<path>` holds it there until the file `<path>` exists (a test looks at the world at that
///   step for as long as it needs, then lets the issuance go on). Several are comma-separated.
/// - `SIDECERT_TEST_PAUSE_BEFORE_PUBLISH=<duration>`: `certificate-downloaded:pause=<duration>`.
/// - `SIDECERT_TEST_BUDGET_HOUR=<duration>`: the order budget's hour lasts this long (bench/many shows the
///   pace of a thousand first issuances in minutes).
/// - `SIDECERT_TEST_CLOCK_OFFSET=<seconds>`: this process's wall clock runs that far off (negative: behind).
enum TestFaults {
    private enum Action {
        case kill
        case pause(Duration)
        case holdUntilExists(String)
    }

    /// The hook that carries out the faults the environment asks for.
    static func stepHook(logger: Logger) throws(SidecertError) -> IssuanceStepHook {
        let environment = ProcessInfo.processInfo.environment
        var faults: [IssuanceStep: Action] = [:]
        if let pause = environment["SIDECERT_TEST_PAUSE_BEFORE_PUBLISH"], !pause.isEmpty {
            faults[.certificateDownloaded] = .pause(try DurationText.parse(pause, source: .environment("SIDECERT_TEST_PAUSE_BEFORE_PUBLISH")))
        }
        for fault in (environment["SIDECERT_TEST_FAULT"] ?? "").split(separator: ",") {
            let parts = fault.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let step = IssuanceStep(rawValue: parts[0]) else {
                throw .badInput("SIDECERT_TEST_FAULT='\(fault)' is not <step>:kill or <step>:pause=<duration>")
            }
            if parts[1] == "kill" {
                faults[step] = .kill
            } else if parts[1].hasPrefix("hold="), parts[1].count > 5 {
                faults[step] = .holdUntilExists(String(parts[1].dropFirst(5)))
            } else if parts[1].hasPrefix("pause=") {
                faults[step] = .pause(try DurationText.parse(String(parts[1].dropFirst(6)), source: .environment("SIDECERT_TEST_FAULT")))
            } else {
                throw .badInput("SIDECERT_TEST_FAULT='\(fault)' is not <step>:kill, <step>:pause=<duration> or <step>:hold=<path>")
            }
        }
        guard !faults.isEmpty else { return { _ in } }
        return { [faults] step in
            switch faults[step] {
            case .kill:
                logger.notice("killed at \(step.rawValue) (test fault injection)")
                kill(getpid(), SIGKILL)
            case .pause(let duration):
                logger.notice(
                    step == .certificateDownloaded
                        ? "pausing before publishing (test fault injection)" : "pausing at \(step.rawValue) (test fault injection)",
                    metadata: ["pause": "\(duration)"])
                try await Task.sleep(for: duration)
            case .holdUntilExists(let path):
                logger.notice("holding at \(step.rawValue) until \(path) exists (test fault injection)")
                while !FileManager.default.fileExists(atPath: path) {
                    try await Task.sleep(for: .milliseconds(20))
                }
            case nil:
                break
            }
        }
    }

    /// `SIDECERT_TEST_BUDGET_HOUR=<duration>`: a shorter hour for the order budget.
    static func compressBudgetHour(of process: inout ProcessSettings) {
        guard let text = ProcessInfo.processInfo.environment["SIDECERT_TEST_BUDGET_HOUR"],
            let hour = try? DurationText.parse(text, source: .environment("SIDECERT_TEST_BUDGET_HOUR"))
        else { return }
        process.orderBudgetHour = hour / .seconds(1)
    }

    /// The wall clock of `ensure`, `renew` and `status`: the system's, or with `SIDECERT_TEST_CLOCK_OFFSET=<seconds>`
    /// (test-only) one that far off, for the lease, the ledger and judging certificates. It stands for a host
    /// whose clock is wrong where libfaketime cannot (it stalls the ACME exchange); `run` keeps the system's.
    static func wallClock() throws(SidecertError) -> WallClock {
        guard let text = ProcessInfo.processInfo.environment["SIDECERT_TEST_CLOCK_OFFSET"], !text.isEmpty else { return .system }
        guard let seconds = TimeInterval(text), seconds.isFinite else {
            throw .badInput("SIDECERT_TEST_CLOCK_OFFSET='\(text)' is not a number of seconds")
        }
        return .offset(by: seconds)
    }

    /// `SIDECERT_TEST_CA_LIMITS=letsencrypt`: hold a local test CA (Pebble) to Let's Encrypt's published
    /// limits. Pebble offers no ARI, so no renewal can name what it replaces, and none is exempt.
    static func applyCALimits(to spec: inout CertificateSpec) {
        guard ProcessInfo.processInfo.environment["SIDECERT_TEST_CA_LIMITS"] == "letsencrypt", case .acme(var acme) = spec.issuer else { return }
        acme.rateLimits = .letsEncrypt
        acme.rateLimits.exemptsReplacingRenewals = false
        spec.issuer = .acme(acme)
    }
}
