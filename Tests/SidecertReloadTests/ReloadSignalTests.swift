import Testing

@testable import SidecertReload

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--reload-signal` and pidfile contents: pure parsers, every shape an operator might write.
struct ReloadSignalTests {
    @Test(arguments: [
        ("HUP", SIGHUP), ("SIGHUP", SIGHUP), ("hup", SIGHUP), (" sighup\n", SIGHUP),
        ("USR1", SIGUSR1), ("SIGUSR1", SIGUSR1), ("USR2", SIGUSR2), ("sigusr2", SIGUSR2),
    ])
    func acceptsReloadSignalsByName(text: String, number: Int32) throws {
        #expect(try ReloadSignal(parsing: text).number == number)
    }

    @Test(arguments: ["KILL", "SIGKILL", "STOP", "TERM", "sigterm", "INT", "QUIT", "WINCH"])
    func refusesSignalsThatStopTheFrontend(text: String) {
        let error = #expect(throws: ReloadError.self) { try ReloadSignal(parsing: text) }
        #expect(error?.code == .invalidSignal)
        #expect(error?.message.contains("stops the frontend") == true)
        #expect(error?.message.contains("HUP") == true)
    }

    @Test(arguments: ["", "1", "9", "SIG", "RELOAD", "HUP2", "SIGHUP SIGUSR2"])
    func refusesNumbersAndUnknownNames(text: String) {
        let error = #expect(throws: ReloadError.self) { try ReloadSignal(parsing: text) }
        #expect(error?.code == .invalidSignal)
        #expect(error?.message.contains("USR2") == true)
    }

    @Test
    func signalsDescribeThemselvesWithTheirPrefix() {
        #expect(ReloadSignal.hangup.description == "SIGHUP")
        #expect(ReloadSignal.user2.description == "SIGUSR2")
    }

    @Test(arguments: [("1234", Int32(1234)), ("1234\n", 1234), ("  42  \n", 42), ("1", 1)])
    func readsAProcessIDFromAPIDFile(contents: String, pid: Int32) throws {
        #expect(try PIDFile.parse(contents, path: "/run/x.pid") == pid)
    }

    @Test(arguments: ["", "\n", "0", "-5", "+5", "12a", "12 34", "nginx", "99999999999", "0x10", "1.5"])
    func refusesAnythingButAPositiveInteger(contents: String) {
        let error = #expect(throws: ReloadError.self) { try PIDFile.parse(contents, path: "/run/x.pid") }
        #expect(error?.code == .invalidPIDFile)
        #expect(error?.message.contains("/run/x.pid") == true)
    }
}
