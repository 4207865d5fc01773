import Testing

@testable import SidecertDNS

@Suite struct DNSServerAddressTests {
    @Test func hostPortFormsParse() throws {
        #expect(try DNSServerAddress(parsing: "127.0.0.53:5353") == DNSServerAddress(host: "127.0.0.53", port: 5353))
        #expect(try DNSServerAddress(parsing: "192.0.2.1") == DNSServerAddress(host: "192.0.2.1", port: 53))
        #expect(try DNSServerAddress(parsing: "[2001:db8::1]:53") == DNSServerAddress(host: "2001:db8::1", port: 53))
        #expect(try DNSServerAddress(parsing: "2001:db8::1") == DNSServerAddress(host: "2001:db8::1", port: 53))
        #expect(try DNSServerAddress(parsing: "bind:53") == DNSServerAddress(host: "bind", port: 53))
        #expect(try DNSServerAddress(parsing: "ns1.example.test.") == DNSServerAddress(host: "ns1.example.test.", port: 53))
        #expect(try DNSServerAddress(parsing: "[fe80::1%eth0]:5353") == DNSServerAddress(host: "fe80::1%eth0", port: 5353))
        #expect(DNSServerAddress(host: "2001:db8::1", port: 53).description == "[2001:db8::1]:53")
    }

    @Test(arguments: [
        "", ":53", "host:", "host:http", "host:0", "host:65536", "[::1", "[::1]x", "not an address", "ns1 .example.test:53", "a..example",
        "ns1/example", String(repeating: "a", count: 64) + ".example",
    ])
    func malformedAddressesAreRefused(_ text: String) {
        let error = #expect(throws: DNSError.self) { try DNSServerAddress(parsing: text) }
        #expect(error?.code == .invalidArgument)
    }

    @Test func theFirstNameserverOfResolvConfIsTheSystemResolver() {
        let text = """
            # generated
            search example.test
            nameserver fe80::1%eth0
            nameserver 192.0.2.53
            options ndots:2
            """
        #expect(DNSServerAddress.firstNameserver(inResolvConf: text) == DNSServerAddress(host: "fe80::1", port: 53))
        #expect(DNSServerAddress.firstNameserver(inResolvConf: "search x\n") == nil)
    }

    @Test func anUnreadableResolvConfSaysWhatToDo() {
        let error = #expect(throws: DNSError.self) { try DNSServerAddress.systemResolver(resolvConfPath: "/nonexistent/resolv.conf") }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("give a resolver address instead") == true)
    }

    @Test func pollIntervalsDoubleUpToTheCeiling() {
        let schedule = DNSPollSchedule(first: .milliseconds(50), maximum: .seconds(1))
        var intervals = [schedule.first]
        for _ in 0..<6 { intervals.append(schedule.interval(after: intervals.last!)) }
        #expect(intervals == [50, 100, 200, 400, 800, 1000, 1000].map { Duration.milliseconds($0) })
    }
}
