/// A resource record of the answer, authority or additional section (in an UPDATE: prerequisite
/// and update sections).
package struct DNSResourceRecord: Hashable, Sendable {
    /// The owner name.
    package var name: DNSName
    /// The class; in an UPDATE, ``DNSClass/none`` deletes this exact record.
    package var recordClass: DNSClass
    /// Time to live, in seconds.
    package var ttl: UInt32
    /// The typed data, which also gives the record's type.
    package var data: DNSRecordData

    package init(name: DNSName, recordClass: DNSClass = .internet, ttl: UInt32, data: DNSRecordData) {
        self.name = name
        self.recordClass = recordClass
        self.ttl = ttl
        self.data = data
    }

    /// The record type, from its data.
    package var type: DNSRecordType { data.type }
}
