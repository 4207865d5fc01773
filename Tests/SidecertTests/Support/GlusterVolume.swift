import Foundation
import SidecertTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A real network filesystem for one test: a GlusterFS replica-3 volume on three local bricks (Debian's
/// `glusterfs-server`), mounted twice with FUSE, which behaves as one share seen from two hosts: `link()`,
/// `rename()` and `O_EXCL` hold across the mounts, and, as on NFS, a lookup racing the other mount's
/// rename or unlink can fail with `ESTALE`.
///
/// ```swift
/// let gluster = try await GlusterVolume.start()   // throws GlusterVolume.Unavailable where glusterd cannot run
/// defer { gluster.stop() }
/// // gluster.mounts[0] and gluster.mounts[1]: the same files
/// ```
///
/// glusterd is one daemon per machine: the system's is used when it runs, else one is started for the test
/// and stopped afterwards when no other volume remains. The volume, its bricks and mounts are the test's own.
final class GlusterVolume: Sendable {
    /// Why GlusterFS cannot run on this machine (not root, not installed, no FUSE, glusterd refused).
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// The two mount points of the one volume.
    let mounts: [String]
    /// The volume's name (`sidecert-<random>`).
    let name: String
    /// Bricks, mount points, and the log of a glusterd started here.
    let directory: String
    private let startedDaemon: Int32?

    private init(mounts: [String], name: String, directory: String, startedDaemon: Int32?) {
        self.mounts = mounts
        self.name = name
        self.directory = directory
        self.startedDaemon = startedDaemon
    }

    static func start() async throws -> GlusterVolume {
        guard getuid() == 0 else { throw Unavailable(description: "GlusterFS needs root (glusterd, FUSE mounts)") }
        for tool in ["glusterd", "gluster", "mount.glusterfs"] where ExecutableLookup.find(tool) == nil {
            throw Unavailable(description: "\(tool) is not installed: apt-get install glusterfs-server glusterfs-client")
        }
        guard FileManager.default.fileExists(atPath: "/dev/fuse") else { throw Unavailable(description: "no /dev/fuse for the FUSE mounts") }
        guard let host = try await Self.hostAddress() else {
            throw Unavailable(description: "no non-loopback address for the bricks (GlusterFS refuses 127.0.0.1)")
        }
        let directory = try TemporaryDirectory.make(prefix: "sidecert-gluster")
        let startedDaemon: Int32?
        do {
            startedDaemon = try await Self.ensureDaemon(logDirectory: directory)
        } catch {
            TemporaryDirectory.remove(directory)
            throw error
        }
        let name = "sidecert-\(UUID().uuidString.prefix(8).lowercased())"
        let volume = GlusterVolume(
            mounts: ["\(directory)/mount-a", "\(directory)/mount-b"], name: name, directory: directory, startedDaemon: startedDaemon)
        do {
            let bricks = (1...3).map { "\(host):\(directory)/brick-\($0)" }
            try await Self.gluster(["volume", "create", name, "replica", "3"] + bricks + ["force"])
            try await Self.gluster(["volume", "start", name])
            for mount in volume.mounts {
                try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
                try await Self.mount("\(host):/\(name)", at: mount, log: "\(directory)/mount.log")
            }
            try Data("seen from both mounts".utf8).write(to: URL(fileURLWithPath: "\(volume.mounts[0])/.probe"))
            guard (try? String(contentsOfFile: "\(volume.mounts[1])/.probe", encoding: .utf8)) == "seen from both mounts" else {
                throw Unavailable(description: "the two mounts of \(name) do not show the same files")
            }
            try FileManager.default.removeItem(atPath: "\(volume.mounts[0])/.probe")
        } catch {
            volume.stop()
            throw error is Unavailable ? error : Unavailable(description: "GlusterFS could not make a volume here: \(error)")
        }
        return volume
    }

    /// Unmounts, stops and deletes the volume, and stops a glusterd started for it; synchronous, for `defer`.
    func stop() {
        for mount in mounts {
            Self.runSynchronously("umount", ["-l", mount])
        }
        Self.runSynchronously("gluster", ["--mode=script", "volume", "stop", name, "force"])
        Self.runSynchronously("gluster", ["--mode=script", "volume", "delete", name])
        if let startedDaemon, Self.runSynchronously("gluster", ["--mode=script", "volume", "list"]).contains("No volumes present") {
            kill(startedDaemon, SIGTERM)
        }
        TemporaryDirectory.remove(directory)
    }

    /// A running glusterd: the system's (nil), or one started now (its pid).
    private static func ensureDaemon(logDirectory: String) async throws -> Int32? {
        if (try? await ChildProcess.run("gluster", ["--mode=script", "pool", "list"], timeout: .seconds(10)))?.status == 0 { return nil }
        let pidFile = "\(logDirectory)/glusterd.pid"
        let log = "\(logDirectory)/glusterd.log"
        guard try await runLeavingDaemon("glusterd", ["-p", pidFile, "--log-file=\(log)"], log: log) == 0 else {
            throw Unavailable(description: "glusterd did not start: \(PebbleEnvironment.tail(of: log))")
        }
        for _ in 0..<100 {
            if (try? await ChildProcess.run("gluster", ["--mode=script", "pool", "list"], timeout: .seconds(10)))?.status == 0 {
                return (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Unavailable(description: "glusterd did not answer within 10 s: \(PebbleEnvironment.tail(of: log))")
    }

    /// `mount -t glusterfs`, which leaves the FUSE daemon running.
    private static func mount(_ source: String, at mountPoint: String, log: String) async throws {
        guard try await runLeavingDaemon("mount", ["-t", "glusterfs", source, mountPoint], log: log) == 0 else {
            throw Unavailable(description: "mount -t glusterfs \(source) failed: \(PebbleEnvironment.tail(of: log))")
        }
    }

    /// Runs `tool` to completion, its output appended to `log`, and returns its exit status; for tools that
    /// leave a daemon behind. Foundation's `Process` learns of a child's exit when a socket the child
    /// inherited closes: a daemon inheriting it too keeps it open, and the exit is never seen. Here the
    /// child gets no descriptor but 0, 1 and 2 (glibc's `posix_spawn_file_actions_addclosefrom_np`).
    private static func runLeavingDaemon(_ tool: String, _ arguments: [String], log: String) async throws -> Int32 {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            throw Unavailable(description: "this C library cannot start \(tool) without descriptors (no posix_spawn_file_actions_addclosefrom_np)")
        }
        let path = try ExecutableLookup.require(tool)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, &argv, environ)
        guard spawned == 0 else { throw HarnessError("cannot start \(path): \(String(cString: strerror(spawned)))") }
        let child = pid
        // waitpid blocks: on a thread of its own, not one of the cooperative pool's two.
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(child, &status, 0) < 0, errno == EINTR {}
                continuation.resume(returning: (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f))
            }
        }
    }

    private static func gluster(_ arguments: [String]) async throws {
        try await ChildProcess.check("gluster", ["--mode=script"] + arguments, timeout: .seconds(60))
    }

    /// This machine's first non-loopback IPv4 address.
    private static func hostAddress() async throws -> String? {
        let addresses = try await ChildProcess.check("hostname", ["-I"])
        return addresses.split(separator: " ").map(String.init).first { $0.contains(".") && !$0.hasPrefix("127.") }
    }

    @discardableResult
    private static func runSynchronously(_ tool: String, _ arguments: [String]) -> String {
        guard let path = ExecutableLookup.find(tool) else { return "" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        guard (try? process.run()) != nil else { return "" }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }
}
