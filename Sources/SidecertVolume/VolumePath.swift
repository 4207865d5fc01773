/// String path arithmetic for the volume; plain strings keep the fast path free of URL and FileManager costs.
enum VolumePath {
    /// The directory part of `path` (`"/"` for a file at the root, `"."` for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component of `path`.
    static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
