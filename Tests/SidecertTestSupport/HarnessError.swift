import Foundation

/// A failure of the test harness itself (a peer that did not start, a tool that is missing, a
/// child that timed out), as opposed to a failed expectation about Sidecert.
package struct HarnessError: Error, CustomStringConvertible {
    /// What went wrong, with the command, path or log tail that explains it.
    package var description: String

    package init(_ description: String) {
        self.description = description
    }
}
