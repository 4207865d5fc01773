import Sidecert
import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The certificates `run` keeps: those the flags describe (fixed for the process's life), or a certificates
/// file, read again whenever it changes (its modification time, size or inode: polling, which works on the
/// ConfigMap volumes and network filesystems where inotify does not) and on SIGHUP.
package struct CertificateCatalog: Sendable {
    enum Source: Sendable {
        case fixed([CertificateSpec])
        case file(path: String, commandLine: Settings)
    }

    let source: Source
    /// Applied to every certificate loaded (the tests hold a test CA to Let's Encrypt's limits).
    let adjust: @Sendable (inout CertificateSpec) -> Void

    /// The certificates the flags describe.
    package static func fixed(_ specs: [CertificateSpec], adjust: @escaping @Sendable (inout CertificateSpec) -> Void = { _ in })
        -> CertificateCatalog
    {
        CertificateCatalog(source: .fixed(specs), adjust: adjust)
    }

    /// The certificates of the file at `path`, entries over the command line's settings.
    package static func file(_ path: String, commandLine: Settings, adjust: @escaping @Sendable (inout CertificateSpec) -> Void = { _ in })
        -> CertificateCatalog
    {
        CertificateCatalog(source: .file(path: path, commandLine: commandLine), adjust: adjust)
    }

    /// The certificates now; a file that does not read or check is refused with the reason.
    package func load() throws(SidecertError) -> [CertificateSpec] {
        var specs: [CertificateSpec]
        switch source {
        case .fixed(let fixed): specs = fixed
        case .file(let path, let commandLine): specs = try CertificatesFile.load(path: path).specs(over: commandLine)
        }
        for index in specs.indices { adjust(&specs[index]) }
        return specs
    }

    /// What identifies the file's content without reading it; nil for flags.
    func fileStamp() -> FileStamp? {
        guard case .file(let path, _) = source else { return nil }
        return FileStamp(path: path)
    }

    /// The file's path, for logs; nil for flags.
    var path: String? {
        if case .file(let path, _) = source { return path }
        return nil
    }
}
