import Foundation
import Logging
import SidecertTestSupport
import SidecertVolume

/// A fresh directory standing in for the shared volume, removed afterwards.
func withTemporaryVolume<T>(_ body: (VolumeLayout) async throws -> T) async throws -> T {
    let root = try TemporaryDirectory.make(prefix: "sidecert-volume-tests")
    defer { TemporaryDirectory.remove(root) }
    return try await body(VolumeLayout(root: root))
}

/// Tests are quiet; the library's log lines are exercised, not printed.
let quietLogger = Logger(label: "sidecert.tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// A fixed instant the date-dependent tests are built around.
let referenceDate = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28
