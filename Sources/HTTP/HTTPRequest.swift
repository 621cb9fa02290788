/// One HTTP request as Gatewatch sends it: read-only towards the cluster and AWS, so in practice
/// `GET` (Kubernetes), `POST` of a form (the EC2 Query API) and `PUT` (the IMDSv2 token).
public struct HTTPRequest: Sendable {
    /// The method, upper case: `GET`, `POST`, `PUT`.
    public var method: String
    /// The absolute URL, `https://host[:port]/path?query`.
    public var url: String
    /// Request headers in the order they are sent. Values of `Authorization` and of headers
    /// marked secret never appear in descriptions or errors.
    public var headers: [HTTPHeader]
    /// The request body (empty for none).
    public var body: [UInt8]
    /// How the server is verified and how the client proves who it is.
    public var tls: TLSOptions
    /// The proxy to use; `.environment` follows `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`.
    public var proxy: ProxySetting
    /// How long connecting (TCP and TLS) may take.
    public var connectTimeout: Duration
    /// Abort when no byte arrives for this long (a stalled watch or a dead peer); nil for never.
    public var idleTimeout: Duration?
    /// Abort when the whole exchange takes longer than this; nil for no limit (watch streams).
    public var totalTimeout: Duration?
    /// Ask for a compressed response (`Accept-Encoding: gzip`) and inflate it transparently.
    public var acceptCompressed: Bool

    /// A request with the defaults: verified TLS, proxy from the environment, 10 s to connect,
    /// 30 s idle, no total limit, compression accepted.
    public init(
        method: String = "GET",
        url: String,
        headers: [HTTPHeader] = [],
        body: [UInt8] = [],
        tls: TLSOptions = TLSOptions(),
        proxy: ProxySetting = .environment,
        connectTimeout: Duration = .seconds(10),
        idleTimeout: Duration? = .seconds(30),
        totalTimeout: Duration? = nil,
        acceptCompressed: Bool = true
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.tls = tls
        self.proxy = proxy
        self.connectTimeout = connectTimeout
        self.idleTimeout = idleTimeout
        self.totalTimeout = totalTimeout
        self.acceptCompressed = acceptCompressed
    }
}
