import SidecertYAML

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

/// `--certificates FILE`: the certificates one sidecar keeps, in YAML (what compose and Kubernetes users
/// write; a ConfigMap mounts it). Its keys are the flags' long names (`domains` is the list form of
/// `--domain`), so nothing new is learned:
///
/// ```yaml
/// defaults:                 # optional: any per-certificate setting
///   key-type: ecdsa-p256
/// certificates:
///   - domains: [shop.example.com, www.shop.example.com]
///     key-type: ecdsa-p256,rsa-2048
///   - cert-name: blog
///     domains: [blog.example.com]
///     required-usage: [clientAuth]
/// ```
///
/// What an entry and `defaults` leave out comes from the flags and the environment. Every value keeps its
/// line, so an error names the file and the line.
package struct CertificatesFile: Sendable {
    /// One entry of `certificates:`.
    package struct Entry: Sendable {
        /// Its settings.
        package var layer: SettingLayer
        /// The line it starts on.
        package var line: Int
    }

    /// Where the file is.
    package let path: String
    /// `defaults:`.
    package let defaults: SettingLayer
    /// `certificates:`, in the file's order.
    package let entries: [Entry]

    /// The largest file read: ten thousand certificates take about 1 MiB.
    static let maximumSize = 16 << 20

    /// Reads and checks the file's shape: YAML, the two sections, known keys, values of the right form.
    package static func load(path: String) throws(SidecertError) -> CertificatesFile {
        try parse(try readText(path), path: path)
    }

    /// Checks `text`, the content of the file at `path` (which errors name), as ``load(path:)`` does.
    static func parse(_ text: String, path: String) throws(SidecertError) -> CertificatesFile {
        let root: YAMLNode?
        do {
            root = try YAMLReader.read(text)
        } catch {
            throw refusal(error, path: path)
        }
        guard let mapping = root?.mapping else {
            throw .badInput("\(path) holds no certificates", hint: "write a 'certificates:' list of entries, each with 'domains:'")
        }
        var defaults = SettingLayer()
        var entries: [Entry] = []
        var sawCertificates = false
        for entry in mapping {
            switch entry.key {
            case "defaults":
                guard let section = entry.value.mapping else { throw invalid(path, entry.keyLine, "defaults: must be a mapping of settings") }
                defaults = try layer(section, path: path)
            case "certificates":
                sawCertificates = true
                guard let list = entry.value.sequence else { throw invalid(path, entry.keyLine, "certificates: must be a list of entries") }
                for item in list {
                    guard let section = item.mapping else {
                        throw invalid(path, item.line, "each certificate is a mapping of settings (- domains: [...])")
                    }
                    entries.append(Entry(layer: try layer(section, path: path), line: item.line))
                }
            default:
                throw invalid(path, entry.keyLine, "unknown section '\(entry.key)'; the file has 'defaults:' and 'certificates:'")
            }
        }
        guard sawCertificates, !entries.isEmpty else {
            throw .badInput("\(path) lists no certificates", hint: "write a 'certificates:' list of entries, each with 'domains:'")
        }
        return CertificatesFile(path: path, defaults: defaults, entries: entries)
    }

    // MARK: - Reading

    private static func readText(_ path: String) throws(SidecertError) -> String {
        // Read with a bound rather than by size: the path may name a pipe or a device (/dev/stdin, /dev/zero).
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .badInput("--certificates \(path) cannot be read (\(String(cString: strerror(errno))))", hint: "give a readable YAML file")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= maximumSize {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw .badInput("--certificates \(path) cannot be read (\(String(cString: strerror(errno))))", hint: "give a readable YAML file")
            }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        guard bytes.count <= maximumSize else { throw .badInput("--certificates \(path) is larger than \(maximumSize >> 20) MiB") }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .badInput("--certificates \(path) is not UTF-8 text") }
        return text
    }

    /// The settings a mapping gives, each value with its line; unknown keys and values of the wrong form are
    /// refused.
    private static func layer(_ mapping: [YAMLMappingEntry], path: String) throws(SidecertError) -> SettingLayer {
        var layer = SettingLayer()
        for entry in mapping {
            let name = entry.key
            guard let setting = fileSettings[name] else {
                throw invalid(path, entry.keyLine, "unknown key '\(name)'", hint: "the keys are the flags' long names: \(knownKeys)")
            }
            let origin = SettingOrigin.file(path: path, line: entry.value.line, key: name)
            let texts: [String]
            switch entry.value.content {
            case .scalar(let text):
                texts = [text]
            case .sequence(let sequence) where setting.kind == .list:
                texts = try sequence.map { item throws(SidecertError) in
                    guard let text = item.scalar else { throw invalid(path, item.line, "'\(name)' lists text values only") }
                    return text
                }
            default:
                throw invalid(
                    path, entry.value.line, setting.kind == .list ? "'\(name)' is a list or a comma-separated text" : "'\(name)' takes one value")
            }
            layer[setting] = SettingValue(texts: texts, origin: origin)
        }
        return layer
    }

    /// The settings a certificates file may give, by key.
    private static let fileSettings: [String: Setting] = Dictionary(
        uniqueKeysWithValues: Setting.all.compactMap { setting in setting.fileKey.map { ($0, setting) } })

    private static var knownKeys: String { fileSettings.keys.sorted().joined(separator: ", ") }

    private static func invalid(_ path: String, _ line: Int, _ message: String, hint: String? = nil) -> SidecertError {
        .badInput("\(path):\(line): \(message)", hint: hint)
    }

    /// The reader's refusal in the file's words: text that is not YAML as before, the rest at file:line.
    private static func refusal(_ error: YAMLError, path: String) -> SidecertError {
        switch error.code {
        case .malformed:
            .badInput("\(path) is not YAML: \(error)", hint: "see the README's certificates file example")
        case .unsupported:
            .badInput(
                "\(path):\(error.line): \(error.message)",
                hint: "the file is plain YAML: mappings, lists ([a, b] or '- a' lines), plain or quoted text, comments")
        default:
            .badInput("\(path):\(error.line): \(error.message)")
        }
    }
}
