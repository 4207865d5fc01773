import SidecertChallenges
import SidecertHTTPServer
import Testing

@testable import SidecertDaemon

@Suite("How many connections each of run's listeners may hold")
struct ListenerBudgetTests {
    @Test("the public listeners share what the open-file limit leaves after the reserve and the admin share")
    func publicListenersShare() {
        let alone = ListenerBudget(openFileLimit: 256, publicListeners: 1)
        #expect(alone.http01.maximumConnections == 256 - ListenerBudget.reserved - ListenerBudget.adminConnections)
        let both = ListenerBudget(openFileLimit: 256, publicListeners: 2)
        #expect(both.http01.maximumConnections == (256 - ListenerBudget.reserved - ListenerBudget.adminConnections) / 2)
        #expect(both.tlsALPN01.maximumConnections == both.http01.maximumConnections)
        #expect(both.admin.maximumConnections == ListenerBudget.adminConnections)
        let total = both.http01.maximumConnections + both.tlsALPN01.maximumConnections + both.admin.maximumConnections
        #expect(total + ListenerBudget.reserved <= 256, "every connection at once still leaves the reserve")
    }

    @Test("a tiny limit still admits a few connections; a huge one is capped")
    func bounds() {
        #expect(ListenerBudget(openFileLimit: 64, publicListeners: 2).tlsALPN01.maximumConnections == 8)
        let huge = ListenerBudget(openFileLimit: 1 << 20, publicListeners: 2)
        #expect(huge.http01.maximumConnections == 512 * 8)
        #expect(huge.tlsALPN01.maximumConnections == 512 * 8)
    }
}
