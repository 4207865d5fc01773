/// Whether every authoritative server serves a TXT value yet.
extension DNSZoneDiscovery {
    /// Asks each server directly (RD=0, in parallel) for TXT at `name` and returns those that do not
    /// serve `value` yet, in the order given. A server that errs or does not answer counts as missing.
    package func serversMissingTXT(_ value: String, at name: DNSName, on servers: [DNSAuthoritativeServer]) async -> [DNSAuthoritativeServer] {
        let client = self.client
        let served = await withTaskGroup(of: (Int, Bool).self) { group in
            for (index, server) in servers.enumerated() {
                group.addTask {
                    let response = try? await client.query(name, type: .txt, at: server.address, recursionDesired: false)
                    let hasValue = response?.answers.contains { $0.name == name && $0.data.joinedText == value } ?? false
                    return (index, hasValue)
                }
            }
            var served = [Bool](repeating: false, count: servers.count)
            for await (index, hasValue) in group {
                served[index] = hasValue
            }
            return served
        }
        return zip(servers, served).filter { !$0.1 }.map(\.0)
    }

    /// Checks until every server serves `value` at `name`, waiting `schedule`'s growing intervals in
    /// between; `progress` is called after each check that found servers still missing it.
    ///
    /// - Throws: ``DNSError/Code/propagationTimedOut`` naming the servers still missing the value when
    ///   `deadline` passes, or `CancellationError`.
    package func waitForTXT(
        _ value: String,
        at name: DNSName,
        on servers: [DNSAuthoritativeServer],
        deadline: ContinuousClock.Instant,
        schedule: DNSPollSchedule = DNSPollSchedule(),
        progress: @Sendable ([DNSAuthoritativeServer]) -> Void = { _ in }
    ) async throws {
        let clock = ContinuousClock()
        var interval = schedule.first
        while true {
            let missing = await serversMissingTXT(value, at: name, on: servers)
            if missing.isEmpty { return }
            progress(missing)
            let now = clock.now
            guard now < deadline else {
                throw DNSError(
                    code: .propagationTimedOut,
                    message: "the TXT record at '\(name)' is still missing on \(missing.map(\.description).joined(separator: ", "))"
                )
            }
            try await clock.sleep(until: min(now.advanced(by: interval), deadline))
            interval = schedule.interval(after: interval)
        }
    }
}
