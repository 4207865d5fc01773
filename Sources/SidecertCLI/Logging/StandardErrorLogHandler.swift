import Logging

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

/// One line per event on standard error, as text for people or JSON for log pipelines
/// (`--log-format json`). Standard output stays free for command results (`status --json`).
struct StandardErrorLogHandler: LogHandler {
    enum Format: String {
        case text
        case json
    }

    let format: Format
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(format: Format) {
        self.format = format
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let time = Date().formatted(.iso8601)
        let line: String
        switch format {
        case .text:
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoted("\($0.value)"))" }
            line = ([time, event.level.rawValue, event.message.description] + fields).joined(separator: " ")
        case .json:
            var object: [String: String] = ["time": time, "level": event.level.rawValue, "message": event.message.description]
            for (key, value) in merged where object[key] == nil { object[key] = "\(value)" }
            let data = (try? Self.jsonEncoder.encode(object)) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        }
        StandardError.write(line + "\n")
    }

    private static let jsonEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static func quoted(_ value: String) -> String {
        value.contains(where: { $0 == " " || $0 == "\"" }) ? "\"" + value.replacing("\"", with: "\\\"") + "\"" : value
    }
}
