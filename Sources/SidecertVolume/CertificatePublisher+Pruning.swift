import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension CertificatePublisher {
    /// Removes old versions beyond ``retainedVersions`` (never the live one) and temporary symlinks that a
    /// crashed publish left in `live/`. Failures are logged, not thrown: the publish itself succeeded.
    func prune(name: String, liveVersion: String) {
        let files = FileManager.default
        do {
            let archive = try layout.archive(name)
            let versions = try files.contentsOfDirectory(atPath: archive).sorted(by: >)
            let old = versions.filter { $0 != liveVersion }.dropFirst(retainedVersions)
            let leftovers = try files.contentsOfDirectory(atPath: layout.liveDirectory)
                .filter { $0.hasPrefix(Self.temporaryLinkPrefix(name)) }
                .map { "\(layout.liveDirectory)/\($0)" }
            for path in old.map({ "\(archive)/\($0)" }) + leftovers {
                try files.removeItem(atPath: path)
                logger.debug("pruned", metadata: ["cert": "\(name)", "path": "\(path)"])
            }
        } catch {
            logger.warning("could not prune old certificate versions", metadata: ["cert": "\(name)", "error": "\(error)"])
        }
    }
}
