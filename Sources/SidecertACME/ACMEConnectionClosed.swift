/// The CA's side closed the connection before its whole answer arrived: AsyncHTTPClient's
/// `remoteConnectionClosed`, or NIO's "stream ended at an unexpected time" for a body cut short, said in words.
struct ACMEConnectionClosed: Error, CustomStringConvertible {
    var description: String { "the connection was closed before the whole answer arrived" }
}
