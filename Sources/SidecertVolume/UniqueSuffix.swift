/// Random suffixes for temporary files, version directories and lease holders.
///
/// 64 random bits in hex: unique enough that two replicas on different hosts never pick the same name.
enum UniqueSuffix {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<8).map { _ in UInt8.random(in: .min ... .max, using: &generator) }.hexString
    }
}
