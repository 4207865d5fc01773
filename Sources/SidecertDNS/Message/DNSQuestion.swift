/// An entry of the question section (in an UPDATE: the zone section).
package struct DNSQuestion: Hashable, Sendable {
    /// The name asked about (in an UPDATE: the zone's apex).
    package var name: DNSName
    /// The type asked for (in an UPDATE: SOA).
    package var type: DNSRecordType
    /// The class, almost always ``DNSClass/internet``.
    package var recordClass: DNSClass

    package init(name: DNSName, type: DNSRecordType, recordClass: DNSClass = .internet) {
        self.name = name
        self.type = type
        self.recordClass = recordClass
    }
}
