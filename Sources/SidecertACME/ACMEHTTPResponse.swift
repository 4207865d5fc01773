/// The complete HTTP response to an ``ACMEHTTPRequest``.
///
/// Headers keep their order and repetitions because ACME reads several `Link` headers from one response.
package struct ACMEHTTPResponse: Sendable {
    /// The HTTP status code.
    package var status: Int
    /// The headers in the order received; names as sent (look them up with ``value(forHeader:)``).
    package var headers: [(name: String, value: String)]
    /// The response body.
    package var body: [UInt8]

    /// Creates a response.
    package init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, with the name matched case-insensitively as HTTP requires.
    package func value(forHeader name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every value of a header, in order, with the name matched case-insensitively.
    package func values(forHeader name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// Whether the status is 2xx: ACME answers everything else with a problem document.
    package var isSuccess: Bool {
        (200..<300).contains(status)
    }
}
