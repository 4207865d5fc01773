/// A resource record of the answer, authority or additional section (in an UPDATE: prerequisite
/// and update sections).
public struct DNSResourceRecord: Hashable, Sendable {
    /// The owner name.
    public var name: DNSName
    /// The class; in an UPDATE, ``DNSClass/none`` deletes this exact record.
    public var recordClass: DNSClass
    /// Time to live, in seconds.
    public var ttl: UInt32
    /// The typed data, which also gives the record's type.
    public var data: DNSRecordData

    public init(name: DNSName, recordClass: DNSClass = .internet, ttl: UInt32, data: DNSRecordData) {
        self.name = name
        self.recordClass = recordClass
        self.ttl = ttl
        self.data = data
    }

    /// The record type, from its data.
    public var type: DNSRecordType { data.type }
}
