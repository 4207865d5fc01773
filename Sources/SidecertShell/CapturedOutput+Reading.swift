#if canImport(Glibc)
    import Glibc
#endif

extension CapturedOutput {
    /// Reads `descriptor` (the read end of the command's output pipe) to its end, keeping the last `limit`
    /// bytes, then closes it. Blocks: call it on a ``DetachedThread``.
    static func read(from descriptor: Int32, limit: Int) -> CapturedOutput {
        var output = CapturedOutput(limit: limit)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                output.append(buffer[..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(descriptor)
        return output
    }
}
