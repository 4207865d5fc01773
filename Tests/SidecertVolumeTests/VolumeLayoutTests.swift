import Foundation
import Testing

@testable import SidecertVolume

struct VolumeLayoutTests {
    @Test(arguments: [
        ("example.com", true),
        ("_wildcard.example.com", true),
        ("xn--bcher-kva.example", true),
        ("my_cert-2", true),
        ("192.0.2.1", true),
        (String(repeating: "a", count: 200), true),
        (String(repeating: "a", count: 201), false),
        ("", false),
        (".hidden", false),
        ("..", false),
        ("a..b", false),
        ("a/b", false),
        ("../etc", false),
        ("*.example.com", false),
        ("exa mple", false),
        ("bücher.example", false),
        ("a\u{0}b", false),
    ])
    func certificateNames(name: String, accepted: Bool) {
        let isAccepted = (try? VolumeLayout.validateCertName(name)) != nil
        #expect(isAccepted == accepted, "\(name.debugDescription)")
    }

    @Test func invalidNamesSayWhatIsWrong() {
        #expect {
            try VolumeLayout(root: "/certs").live("a..b")
        } throws: { error in
            let error = error as? VolumeError
            return error?.code == .invalidName && error?.message.contains("'..'") == true
        }
    }

    @Test func paths() throws {
        let layout = VolumeLayout(root: "/certs/")
        #expect(try layout.live("example.com") == "/certs/live/example.com")
        #expect(try layout.archive("example.com", version: "v1") == "/certs/archive/example.com/v1")
        #expect(try layout.liveLinkTarget("example.com", version: "v1") == "../archive/example.com/v1")
        #expect(try layout.lease("example.com") == "/certs/leases/example.com.lease")
        #expect(try layout.ledger("example.com") == "/certs/ledger/example.com.json")
        #expect(layout.challengeDirectory == "/certs/acme-challenge")
        #expect(layout.localCADirectory == "/certs/local-ca")
    }

    @Test func caIdentifiersAreReadableStableAndDistinct() {
        let production = VolumeLayout.caIdentifier(directoryURL: "https://acme-v02.api.letsencrypt.org/directory")
        let staging = VolumeLayout.caIdentifier(directoryURL: "https://acme-staging-v02.api.letsencrypt.org/directory")
        let pebble = VolumeLayout.caIdentifier(directoryURL: "https://localhost:14000/dir")
        let otherPath = VolumeLayout.caIdentifier(directoryURL: "https://localhost:14000/other")
        #expect(production.hasPrefix("acme-v02.api.letsencrypt.org_443-"))
        #expect(pebble.hasPrefix("localhost_14000-"))
        #expect(Set([production, staging, pebble, otherPath]).count == 4)
        #expect(production == VolumeLayout.caIdentifier(directoryURL: "https://acme-v02.api.letsencrypt.org/directory"))
        for identifier in [production, staging, pebble, otherPath] {
            #expect((try? VolumeLayout.validateCertName(identifier)) != nil, "\(identifier)")
        }
        #expect(VolumeLayout(root: "/certs").accountDirectory(directoryURL: "https://localhost:14000/dir") == "/certs/accounts/\(pebble)")
    }

    @Test func directoriesAreCreatedOnlyWhenWriting() async throws {
        try await withTemporaryVolume { layout in
            _ = try InstalledCertificate.load(layout: layout, name: "example.com")
            _ = try IssuanceLedger.load(layout: layout, name: "example.com")
            _ = LeaseFile.inspect(layout: layout, name: "example.com")
            #expect(try FileManager.default.contentsOfDirectory(atPath: layout.root).isEmpty)
        }
    }

    @Test func certificateNamesListLiveEntries() async throws {
        try await withTemporaryVolume { layout in
            #expect(try layout.certificateNames().isEmpty)
            let publisher = CertificatePublisher(layout: layout, logger: quietLogger)
            for name in ["b.example", "_wildcard.a.example"] {
                try publisher.publish(name: name, files: try TestCertificate().files(), fence: {})
            }
            try FileManager.default.createSymbolicLink(atPath: "\(layout.liveDirectory)/.b.example.tmp-0011", withDestinationPath: "x")
            #expect(try layout.certificateNames() == ["_wildcard.a.example", "b.example"])
        }
    }

    @Test func atomicWritesReplaceWholeFilesAndLeaveNoTemporaries() async throws {
        try await withTemporaryVolume { layout in
            let path = "\(layout.root)/deep/er/file"
            try AtomicFile.write(Array("first".utf8), to: path, mode: 0o600)
            try AtomicFile.write(Array("second".utf8), to: path, mode: 0o640)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o640)
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(layout.root)/deep/er") == ["file"])
            let directory = try FileManager.default.attributesOfItem(atPath: "\(layout.root)/deep")
            #expect((directory[.posixPermissions] as? Int) == 0o755)
        }
    }
}
