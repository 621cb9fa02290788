/// Something that sends HTTP requests: `HTTPClient` (libcurl) in the product, the same client
/// against loopback peers in tests.
public protocol HTTPTransport: Sendable {
    /// Sends the request and returns the whole response; throws `HTTPError` when no response came.
    func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse
    /// Sends the request and delivers the response as it arrives. Ending the iteration (or
    /// cancelling the consuming task) aborts the transfer.
    func stream(_ request: HTTPRequest) -> AsyncThrowingStream<HTTPStreamEvent, any Error>
}
