/// A DNS message (RFC 1035 §4.1): header, question and three record sections, plus the EDNS (OPT)
/// and TSIG pseudo-records, which are kept apart from the additional section they travel in.
///
/// In an UPDATE (RFC 2136) the sections are named differently but laid out the same way:
/// zone = ``questions``, prerequisites = ``answers``, updates = ``authorities``.
package struct DNSMessage: Hashable, Sendable {
    /// Matches an answer to its request; random in every request this module sends.
    package var id: UInt16
    /// QR: set in answers.
    package var isResponse: Bool
    /// What kind of request this is.
    package var opcode: DNSOpcode
    /// AA: the answer comes from a server authoritative for the name.
    package var isAuthoritativeAnswer: Bool
    /// TC: the answer did not fit (UDP); ask again over TCP.
    package var isTruncated: Bool
    /// RD: asks a resolver to recurse. Cleared when asking an authoritative server directly.
    package var recursionDesired: Bool
    /// RA: the server offers recursion.
    package var recursionAvailable: Bool
    /// AD: the resolver validated the answer with DNSSEC.
    package var authenticData: Bool
    /// CD: DNSSEC checking disabled.
    package var checkingDisabled: Bool
    /// The full RCODE: the header's four bits, extended by EDNS's eight when present.
    package var responseCode: DNSResponseCode
    /// The question section (UPDATE: the zone).
    package var questions: [DNSQuestion]
    /// The answer section (UPDATE: prerequisites).
    package var answers: [DNSResourceRecord]
    /// The authority section (UPDATE: the updates).
    package var authorities: [DNSResourceRecord]
    /// The additional section, without OPT and TSIG.
    package var additionals: [DNSResourceRecord]
    /// The EDNS0 pseudo-record, written before the TSIG record.
    package var edns: DNSEDNS?
    /// The TSIG pseudo-record, always written last.
    package var tsig: DNSTSIGRecord?

    package init(
        id: UInt16,
        isResponse: Bool = false,
        opcode: DNSOpcode = .query,
        isAuthoritativeAnswer: Bool = false,
        isTruncated: Bool = false,
        recursionDesired: Bool = false,
        recursionAvailable: Bool = false,
        authenticData: Bool = false,
        checkingDisabled: Bool = false,
        responseCode: DNSResponseCode = .noError,
        questions: [DNSQuestion] = [],
        answers: [DNSResourceRecord] = [],
        authorities: [DNSResourceRecord] = [],
        additionals: [DNSResourceRecord] = [],
        edns: DNSEDNS? = nil,
        tsig: DNSTSIGRecord? = nil
    ) {
        self.id = id
        self.isResponse = isResponse
        self.opcode = opcode
        self.isAuthoritativeAnswer = isAuthoritativeAnswer
        self.isTruncated = isTruncated
        self.recursionDesired = recursionDesired
        self.recursionAvailable = recursionAvailable
        self.authenticData = authenticData
        self.checkingDisabled = checkingDisabled
        self.responseCode = responseCode
        self.questions = questions
        self.answers = answers
        self.authorities = authorities
        self.additionals = additionals
        self.edns = edns
        self.tsig = tsig
    }

    /// A query for `type` at `name`, with EDNS0 (so larger answers fit in UDP).
    ///
    /// - Parameter recursionDesired: true when asking a resolver; false when asking an authoritative
    ///   server what it itself holds.
    package static func query(
        id: UInt16 = .random(in: .min ... .max),
        name: DNSName,
        type: DNSRecordType,
        recursionDesired: Bool = true
    ) -> DNSMessage {
        DNSMessage(
            id: id,
            recursionDesired: recursionDesired,
            questions: [DNSQuestion(name: name, type: type)],
            edns: DNSEDNS()
        )
    }
}
