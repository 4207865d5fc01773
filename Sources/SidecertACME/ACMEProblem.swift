/// A problem document (RFC 7807, RFC 8555 §6.7): how an ACME server says what went wrong.
///
/// Kept typed so callers can react to ``ACMEProblemType/rateLimited``, ``ACMEProblemType/badNonce`` and the
/// like without parsing text.
package struct ACMEProblem: Error, Sendable, Codable, CustomStringConvertible {
    /// What kind of problem this is.
    package var type: ACMEProblemType
    /// A human-readable explanation from the CA.
    package var detail: String?
    /// The HTTP status the CA gave.
    package var status: Int?
    /// A URL with more about this occurrence; for `userActionRequired` the page a human must visit.
    package var instance: String?
    /// The identifier this problem is about, in subproblems and validation errors.
    package var identifier: ACMEIdentifier?
    /// Per-identifier problems of a compound problem (RFC 8555 §6.7.1).
    package var subproblems: [ACMEProblem]

    /// Creates a problem document.
    package init(
        type: ACMEProblemType,
        detail: String? = nil,
        status: Int? = nil,
        instance: String? = nil,
        identifier: ACMEIdentifier? = nil,
        subproblems: [ACMEProblem] = []
    ) {
        self.type = type
        self.detail = detail
        self.status = status
        self.instance = instance
        self.identifier = identifier
        self.subproblems = subproblems
    }

    private enum CodingKeys: String, CodingKey {
        case type, detail, status, instance, identifier, subproblems
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            type: (try? container.decodeIfPresent(ACMEProblemType.self, forKey: .type)) ?? .blank,
            detail: try? container.decodeIfPresent(String.self, forKey: .detail),
            status: try? container.decodeIfPresent(Int.self, forKey: .status),
            instance: try? container.decodeIfPresent(String.self, forKey: .instance),
            identifier: try? container.decodeIfPresent(ACMEIdentifier.self, forKey: .identifier),
            subproblems: (try? container.decodeIfPresent([ACMEProblem].self, forKey: .subproblems)) ?? []
        )
    }

    /// `type: detail`, then each subproblem with its identifier.
    package var description: String {
        var text = type.name + (detail.map { ": " + $0 } ?? "")
        for subproblem in subproblems {
            text += "; " + (subproblem.identifier.map { "\($0.value): " } ?? "") + subproblem.description
        }
        return text
    }
}
