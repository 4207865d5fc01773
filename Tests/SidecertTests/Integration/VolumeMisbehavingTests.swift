import Foundation
import SidecertTestSupport
import Testing

@testable import SidecertVolume

/// The volume misbehaving: full at each write, read-only, another user's, and holding directories where
/// Sidecert's files go. Each: a clear error, the right exit code, the live certificate untouched, nothing
/// half-written left behind, and the next run fine once the volume is. The embedded local CA issues (names
/// under `.localhost`), so the volume is the only peer.
@Suite(.tags(.realPeers), .requiresRoot)
struct VolumeMisbehavingTests {
    static let name = "volume.localhost"

    @Test("a full volume at each write of a renewal: exit 75 saying so, the live certificate kept, no temporary files; then recovers")
    func fullAtEachWrite() async throws {
        let volume = try await TmpfsMount(size: 256 * 1024)
        let layout = VolumeLayout(root: volume.path)
        let ensure = ["ensure", "--storage", volume.path, "--domain", Self.name, "--lease-duration", "60s"]
        #expect(try await SidecertProcess.run(ensure).status == 0)

        var failedIn: Set<String> = []
        var succeeded = false
        // From no page left to enough: every write of a renewal is, for one of these, the one that does not fit.
        for pages in 0...10 {
            try volume.fill(leavingPages: pages)
            let before = try #require(try InstalledCertificate.load(layout: layout, name: Self.name))
            #expect(try await SidecertProcess.run(ensure).status == 0, "a usable certificate needs no space")
            let result = try await SidecertProcess.run(ensure + ["--force"])
            let after = try #require(try InstalledCertificate.load(layout: layout, name: Self.name), "pages=\(pages): live/ is loadable")
            #expect(after.keyMatchesCertificate)
            switch result.status {
            case 0:
                succeeded = true
                #expect(after.serialHex != before.serialHex, "pages=\(pages): renewed")
            case 75:
                #expect(result.stderr.contains("the volume is full"), "pages=\(pages): \(result.stderr)")
                #expect(!result.stderr.contains("Fatal"), "\(result.stderr)")
                #expect(after.serialHex == before.serialHex, "pages=\(pages): a failed renewal leaves the live certificate")
                for place in ["leases", "archive", "ledger"] where result.stderr.contains("/\(place)/") { failedIn.insert(place) }
            default:
                Issue.record("pages=\(pages): exit \(result.status), not 0 or 75: \(result.stderr)")
            }
            let leftovers = try Self.temporaryFiles(in: volume.path)
            #expect(leftovers.isEmpty, "pages=\(pages): half-written files left: \(leftovers)")
        }
        // The ledger's record of a success comes after the swap: not written then, it is logged, and the
        // renewal that is live counts as done (exit 0).
        #expect(failedIn.isSuperset(of: ["leases", "archive"]), "a full volume was met taking the lease and writing the version: \(failedIn)")
        #expect(succeeded, "with enough space the renewal goes through")

        volume.freeAll()
        let recovered = try await SidecertProcess.run(ensure + ["--force"])
        #expect(recovered.status == 0, "\(recovered.stderr)")
    }

    @Test("a read-only volume: a usable certificate is still found (exit 0); anything that must write is exit 2 saying read-only")
    func readOnly() async throws {
        let volume = try await TmpfsMount(size: 1024 * 1024)
        let ensure = ["ensure", "--storage", volume.path, "--domain", Self.name]
        #expect(try await SidecertProcess.run(ensure).status == 0)
        try await volume.remount(readOnly: true)
        #expect(try await SidecertProcess.run(ensure).status == 0)
        #expect(try await SidecertProcess.run(["status", "--storage", volume.path, "--check"]).status == 0)
        for arguments in [ensure + ["--force"], ["ensure", "--storage", volume.path, "--domain", "other.localhost"]] {
            let refused = try await SidecertProcess.run(arguments)
            #expect(refused.status == 2, "\(arguments): \(refused.stderr)")
            #expect(refused.stderr.contains("read-only"), "\(refused.stderr)")
        }
        try await volume.remount(readOnly: false)
        #expect(try await SidecertProcess.run(ensure + ["--force"]).status == 0)
    }

    @Test("another user's volume: exit 2 naming this process's uid, the owner and the chown; nothing written")
    func permissionDenied() async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        #expect(try await SidecertProcess.run(["ensure", "--storage", volume.path, "--domain", Self.name]).status == 0)
        // Readable by everyone, writable by root only: what a volume prepared by another container looks like.
        try await ChildProcess.check(try ExecutableLookup.require("chmod"), ["-R", "a+rX", volume.path])
        let before = try volume.snapshot()
        let asNobody = try await ChildProcess.run(
            try ExecutableLookup.require("setpriv"),
            ["--reuid=65534", "--regid=65534", "--clear-groups", SidecertProcess.defaultBinaryPath, "ensure", "--storage", volume.path]
                + ["--domain", Self.name, "--force"])
        #expect(asNobody.status == 2, "\(asNobody.stderr)")
        #expect(asNobody.stderr.contains("uid 65534"), "\(asNobody.stderr)")
        #expect(asNobody.stderr.contains("chown -R 65534:65534"), "\(asNobody.stderr)")
        #expect(try volume.snapshot() == before, "nothing written")
    }

    /// What a hand put where Sidecert keeps a file, and what it may do then.
    struct Obstruction: Sendable, CustomTestStringConvertible {
        let testDescription: String
        /// Puts the obstruction in place on a volume holding one published certificate.
        let place: @Sendable (VolumeLayout) throws -> Void
        /// The exit status of `ensure --force` then: 2 (refused before ordering) or 0 (worked around).
        let status: Int32
    }

    static let obstructions: [Obstruction] = [
        Obstruction(testDescription: "the ledger file is a directory", place: { try replaceWithDirectory(try $0.ledger(name)) }, status: 2),
        Obstruction(testDescription: "the lease file is a directory", place: { try replaceWithDirectory(try $0.lease(name)) }, status: 2),
        Obstruction(testDescription: "live/<name> is a plain empty directory", place: { try replaceWithDirectory(try $0.live(name)) }, status: 2),
        Obstruction(
            testDescription: "the live version's fullchain.pem is a directory",
            place: { try replaceWithDirectory(try $0.live(name) + "/fullchain.pem") }, status: 0),
    ]

    @Test(
        "a directory where Sidecert keeps a file: refused before any order (exit 2, saying to move it away) or worked around", arguments: obstructions
    )
    func obstructed(_ obstruction: Obstruction) async throws {
        let volume = try TemporaryVolume()
        defer { volume.remove() }
        let layout = VolumeLayout(root: volume.path)
        let ensure = ["ensure", "--storage", volume.path, "--domain", Self.name]
        #expect(try await SidecertProcess.run(ensure).status == 0)
        try obstruction.place(layout)
        let versions = try layout.archivedVersions(of: Self.name)

        let result = try await SidecertProcess.run(ensure + ["--force"])
        #expect(result.status == obstruction.status, "\(result.stderr)")
        if obstruction.status == 2 {
            #expect(result.stderr.contains("move it away"), "\(result.stderr)")
            #expect(try layout.archivedVersions(of: Self.name) == versions, "nothing was issued")
        } else {
            #expect(try InstalledCertificate.load(layout: layout, name: Self.name)?.keyMatchesCertificate == true)
        }
    }

    private static func replaceWithDirectory(_ path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    /// Files a write left half-done: Sidecert's temporaries are `.<name>.tmp-<random>`.
    private static func temporaryFiles(in root: String) throws -> [String] {
        let walker = FileManager.default.enumerator(atPath: root)
        var found: [String] = []
        while let entry = walker?.nextObject() as? String {
            if VolumePath.lastComponent(of: entry).contains(".tmp-") { found.append(entry) }
        }
        return found
    }
}
