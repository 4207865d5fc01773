/// An entry of the question section (in an UPDATE: the zone section).
public struct DNSQuestion: Hashable, Sendable {
    /// The name asked about (in an UPDATE: the zone's apex).
    public var name: DNSName
    /// The type asked for (in an UPDATE: SOA).
    public var type: DNSRecordType
    /// The class, almost always ``DNSClass/internet``.
    public var recordClass: DNSClass

    public init(name: DNSName, type: DNSRecordType, recordClass: DNSClass = .internet) {
        self.name = name
        self.type = type
        self.recordClass = recordClass
    }
}
