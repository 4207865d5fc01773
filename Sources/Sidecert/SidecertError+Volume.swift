import SidecertVolume

extension SidecertError {
    /// What a failure of the volume means for the user: one it cannot write to (another user's, read-only), or
    /// that holds something Sidecert did not put there (a directory where its file goes), is the operator's to
    /// fix (exit 2); a full one may recover (exit 75); anything else is a failure (exit 1).
    init(volumeError error: VolumeError, while doing: String) {
        switch error.code {
        case .permissionDenied:
            self = .badInput(
                "\(doing): \(error)", hint: "give --storage a volume this process may write to (in Kubernetes: securityContext.fsGroup)")
        case .readOnly:
            self = .badInput("\(doing): \(error)", hint: "mount --storage read-write for the replicas that issue")
        case .corruptFile:
            self = .badInput(
                "\(doing): \(error)", hint: "move away what Sidecert did not write there, then run again; the live certificate is untouched")
        case .full:
            self = .tryLater("\(doing): \(error)", hint: "free space on the volume; the live certificate is still served")
        default:
            self = .failure("\(doing): \(error)")
        }
        underlyingError = error
    }
}
