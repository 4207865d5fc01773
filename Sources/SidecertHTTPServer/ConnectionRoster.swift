import NIOCore
import Synchronization

/// The connections one listener holds, oldest first, capped: admitting one past the cap closes the
/// oldest. Shared by the listener's connections, which live on several event loops. Public for the other
/// listeners that face the internet (the `acme-tls/1` one), which cap their connections the same way.
package final class ConnectionRoster: Sendable {
    private struct State {
        var nextID: UInt64 = 0
        var open: [UInt64: any Channel] = [:]
        /// Connection ids in the order they were admitted; ids of closed ones are skipped lazily.
        var order: [UInt64] = []
        var head = 0
    }

    private let maximum: Int
    private let state = Mutex(State())

    package init(maximum: Int) {
        self.maximum = maximum
    }

    /// How many connections are open.
    package var count: Int { state.withLock { $0.open.count } }

    /// Admits `channel`, closing the oldest connection when the listener is full; the connection leaves the
    /// roster when it closes.
    package func admit(_ channel: any Channel) {
        let (id, evicted) = state.withLock { state -> (UInt64, (any Channel)?) in
            let id = state.nextID
            state.nextID += 1
            var evicted: (any Channel)?
            if state.open.count >= maximum {
                evicted = Self.removeOldest(&state)
            }
            state.open[id] = channel
            state.order.append(id)
            return (id, evicted)
        }
        evicted?.close(promise: nil)
        channel.closeFuture.whenComplete { _ in
            self.state.withLock { state in
                state.open[id] = nil
                // Drop the already-closed prefix now and then, so the queue does not grow with churn.
                if state.head > 1_024, state.head * 2 > state.order.count {
                    state.order.removeFirst(state.head)
                    state.head = 0
                }
            }
        }
    }

    private static func removeOldest(_ state: inout State) -> (any Channel)? {
        while state.head < state.order.count {
            let id = state.order[state.head]
            state.head += 1
            if let channel = state.open.removeValue(forKey: id) { return channel }
        }
        return nil
    }
}
