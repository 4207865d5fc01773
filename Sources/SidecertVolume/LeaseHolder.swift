#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who holds (or wants) a lease: unique across hosts, processes and attempts within a process.
package struct LeaseHolder: Sendable, Hashable, CustomStringConvertible {
    /// `<hostname>-<pid>-<random>`: readable in `status`, never reused.
    package let id: String
    /// The process it runs in, when `/proc` can say: written into the record, so that a waiter on the same
    /// host can take the lease over at once when this process has ended.
    package let process: HolderProcess?

    package init(id: String, process: HolderProcess? = nil) {
        self.id = id
        self.process = process
    }

    /// A fresh identity for this process; each call is a new contender (two calls never share a lease).
    package static func thisProcess() -> LeaseHolder {
        var buffer = [CChar](repeating: 0, count: 256)
        let host =
            gethostname(&buffer, buffer.count - 1) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : "unknown-host"
        return LeaseHolder(id: "\(host)-\(getpid())-\(UniqueSuffix.make().prefix(8))", process: HolderProcess.current)
    }

    package var description: String { id }
}
