/// Polls `condition` every 200 ms until it holds or `limit` passes; returns whether it held. For what a
/// process does on its own time (a file appearing, a daemon reacting), never as a measurement.
func eventually(within limit: Duration, _ condition: () -> Bool) async throws -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: limit)
    while !condition(), clock.now < deadline {
        try await Task.sleep(for: .milliseconds(200))
    }
    return condition()
}
