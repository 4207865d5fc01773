import Foundation
import SidecertTestSupport
import Testing

/// Replicas on a real network filesystem: a GlusterFS volume mounted twice, 8 replicas on each mount at
/// once. Reads racing the other mount's renames fail with `ESTALE` there; a replica must look again, never
/// exit 1 ("opening failed: Stale file handle" on the lease was seen before).
///
/// Skipped, with the reason, where glusterd cannot run (not root, not installed, no FUSE). Rounds: 2, or
/// `SIDECERT_TEST_GLUSTER_ROUNDS` (to measure a failure rate; each round is a new certificate name).
@Suite("Replicas on GlusterFS, two mounts", .serialized)
struct GlusterFSTests {
    static let replicasPerMount = 8

    static var rounds: Int {
        ProcessInfo.processInfo.environment["SIDECERT_TEST_GLUSTER_ROUNDS"].flatMap(Int.init) ?? 2
    }

    @Test("8 + 8 replicas on two mounts at once: all exit 0, one order per certificate", .requiresPebble, .requiresNginx)
    func replicasOnTwoMounts() async throws {
        let gluster: GlusterVolume
        do {
            gluster = try await GlusterVolume.start()
        } catch let unavailable as GlusterVolume.Unavailable {
            print("GlusterFSTests skipped: \(unavailable)")
            try Test.cancel("GlusterFS cannot run here: \(unavailable)")
        }
        defer { gluster.stop() }
        let pebble = try await PebbleEnvironment.start()
        defer { pebble.stop() }
        // The CA's HTTP-01 requests are answered from the first mount; replicas on the second write there too.
        let frontend = try await NginxFrontend.start(volume: gluster.mounts[0], httpPort: pebble.httpPort)
        defer { frontend.stop() }

        var failures: [String] = []
        for round in 1...Self.rounds {
            let name = "round\(round).gluster.example"
            let results = try await withThrowingTaskGroup(of: (String, SidecertResult).self) { group in
                for mount in gluster.mounts {
                    for _ in 0..<Self.replicasPerMount {
                        group.addTask {
                            let arguments = ["ensure", "--storage", mount, "--domain", name] + pebble.sidecertFlags()
                            return (mount, try await SidecertProcess.run(arguments, timeout: .seconds(120)))
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let failed = results.filter { $0.1.status != 0 }
            print("GlusterFSTests round \(round): \(failed.count) of \(results.count) replicas failed")
            failures += failed.map { "round \(round), \($0.0): exit \($0.1.status): \($0.1.stderr.suffix(600))" }
            #expect(pebble.orderCount() == round, "round \(round) ordered more than once: \(pebble.logTail())")
        }
        #expect(failures.isEmpty, "\(failures.count) replicas failed:\n\(failures.joined(separator: "\n"))")
    }
}
