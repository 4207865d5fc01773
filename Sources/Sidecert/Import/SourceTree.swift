import SidecertShell

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A directory an import reads from (certbot's config directory, lego's folder), whose files count only
/// when they resolve inside it.
///
/// certbot's `live/<name>/` files are links into `../../archive/<name>/`; a link that leads anywhere
/// else (`/etc/shadow`, another tenant's keys) is hostile input, never a certificate to copy onto a
/// shared volume. Reads are bounded like every other read of Sidecert's.
struct SourceTree: Sendable {
    /// The directory as the operator gave it, for messages.
    let path: String
    /// How the operator named it, for messages: `--from certbot`.
    let flag: String
    /// Its real path (links resolved): every file read must resolve under it.
    private let realPath: String

    /// Refuses a directory that is missing, not a directory, or cannot be resolved.
    init(_ path: String, flag: String) throws(SidecertError) {
        let kind = PathKind(of: path)
        guard kind != .missing else {
            throw .badInput("\(flag) \(path) does not exist", hint: "check the path")
        }
        guard kind == .directory else {
            throw .badInput("\(flag) \(path) is not a directory", hint: "give the directory the tool keeps its certificates in")
        }
        guard let realPath = Self.resolve(path) else {
            throw .badInput("\(flag) \(path) cannot be resolved (\(String(cString: strerror(errno))))")
        }
        self.path = path
        self.flag = flag
        self.realPath = realPath
    }

    /// Whether `relative` (`live`, `live/a.example`) is a directory, links followed.
    func isDirectory(_ relative: String) -> Bool {
        PathKind(of: display(relative)) == .directory
    }

    /// The entries of the directory `relative` ("" for the root), sorted so reports are stable.
    func names(in relative: String) throws(SidecertError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: display(relative)).sorted()
        } catch {
            throw .badInput("\(flag) \(display(relative)) cannot be listed: \(error.systemReason)", hint: "run as a user who can read it")
        }
    }

    /// The text of the file `relative`; refused when it is missing, a broken or looping link, resolves
    /// outside the tree, is not a regular file, or is too large.
    func read(_ relative: String) throws(SidecertError) -> SourceText {
        let label = display(relative)
        guard let resolved = Self.resolve(label) else {
            let reason = errno == ENOENT ? "is missing (or a link to nothing)" : "cannot be resolved (\(String(cString: strerror(errno))))"
            throw .badInput("\(label) \(reason)", hint: "\(flag) reads a complete layout; restore the file or remove its entry")
        }
        guard resolved.hasPrefix(realPath == "/" ? "/" : realPath + "/") else {
            throw .badInput(
                "\(label) resolves to \(resolved), outside \(path)",
                hint: "an import follows links only inside the source directory; copy the files in, or import them with --from files")
        }
        return try SourceText.read(resolved, label: label)
    }

    private func display(_ relative: String) -> String {
        relative.isEmpty ? path : "\(path)/\(relative)"
    }

    /// `realpath(3)`: the path with every link and `..` resolved; nil (errno set) when that fails.
    private static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
