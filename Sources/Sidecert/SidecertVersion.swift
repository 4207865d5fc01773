/// This build's version, sent in the ACME User-Agent and printed by `--version`.
public enum SidecertVersion {
    public static let current = "0.1.0"
}
