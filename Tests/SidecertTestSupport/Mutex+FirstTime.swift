import Synchronization

extension Mutex where Value == Bool {
    /// Sets the flag and says whether this call was the first to: the "stop once, whoever asks" of the
    /// peer harnesses, whose `stop()` runs from tests, `defer` and `deinit`.
    package borrowing func setForTheFirstTime() -> Bool {
        withLock { isSet in
            defer { isSet = true }
            return !isSet
        }
    }
}
