/// A domain name: a sequence of labels, compared without regard to ASCII case (RFC 1035 §2.3.3,
/// RFC 4343).
///
/// Names are always absolute. The presentation form accepts an optional trailing dot, `\.` for a dot
/// inside a label, `\\`, and `\DDD` for any byte; ``description`` prints the same escapes. Limits are
/// checked on creation: at most 63 bytes per label and 255 bytes for the whole name in wire form.
package struct DNSName: Sendable, Hashable, CustomStringConvertible {
    /// The labels, most specific first, without the empty root label. Case is kept as given.
    package let labels: [[UInt8]]

    /// The longest label, in bytes.
    package static let maximumLabelLength = 63
    /// The longest name in wire form, in bytes (length octets and the root label included).
    package static let maximumWireLength = 255

    /// The root name, `.`.
    package static let root = DNSName(uncheckedLabels: [])

    /// A name from its labels (most specific first, no root label); throws when a label is empty or
    /// too long, or the name is too long.
    package init(labels: [[UInt8]]) throws(DNSError) {
        var wireLength = 1
        for label in labels {
            guard !label.isEmpty else {
                throw DNSError(code: .invalidName, message: "a domain name cannot have an empty label")
            }
            guard label.count <= Self.maximumLabelLength else {
                throw DNSError(
                    code: .invalidName,
                    message: "the label '\(Self.presentation(of: label))' is \(label.count) bytes long; a label has at most 63"
                )
            }
            wireLength += 1 + label.count
        }
        guard wireLength <= Self.maximumWireLength else {
            throw DNSError(
                code: .invalidName,
                message: "a domain name is at most 255 bytes in wire form; this one would be \(wireLength)"
            )
        }
        self.labels = labels
    }

    /// Labels already checked (by the wire decoder, or by construction).
    init(uncheckedLabels labels: [[UInt8]]) {
        self.labels = labels
    }

    /// Whether this is the root name.
    package var isRoot: Bool { labels.isEmpty }

    /// The length of the name in uncompressed wire form.
    package var wireLength: Int {
        labels.reduce(1) { $0 + 1 + $1.count }
    }

    /// The name with its first label removed, or nil for the root.
    package var parent: DNSName? {
        isRoot ? nil : DNSName(uncheckedLabels: Array(labels.dropFirst()))
    }

    /// The name with `label` (one label, given as text without escapes) put in front, e.g. `_acme-challenge`.
    package func prepending(label: String) throws(DNSError) -> DNSName {
        try DNSName(labels: [Array(label.utf8)] + labels)
    }

    /// Whether this name equals `ancestor` or lies below it.
    package func isSubdomain(of ancestor: DNSName) -> Bool {
        guard labels.count >= ancestor.labels.count else { return false }
        return DNSName(uncheckedLabels: Array(labels.suffix(ancestor.labels.count))) == ancestor
    }

    /// The name with ASCII letters lowercased (TSIG's canonical form, RFC 4034 §6.2).
    package func lowercased() -> DNSName {
        DNSName(uncheckedLabels: labels.map { $0.map(Self.lowercase) })
    }

    package static func == (lhs: DNSName, rhs: DNSName) -> Bool {
        guard lhs.labels.count == rhs.labels.count else { return false }
        for (left, right) in zip(lhs.labels, rhs.labels) {
            guard left.count == right.count else { return false }
            for (a, b) in zip(left, right) where lowercase(a) != lowercase(b) {
                return false
            }
        }
        return true
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(labels.count)
        for label in labels {
            hasher.combine(label.count)
            for byte in label {
                hasher.combine(Self.lowercase(byte))
            }
        }
    }

    static func lowercase(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }
}
