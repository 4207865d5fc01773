/// This build's version, sent in the ACME User-Agent and printed by `--version`.
///
/// The container image sets it: the Dockerfile's `VERSION` build argument replaces the literal on the
/// `current` line before compiling (keep that line's shape: one string literal). Any other build keeps
/// this default.
package enum SidecertVersion {
    package static let current = "0.1.0"
}
