/// How a TLS connection is verified and authenticated. Inline data (kubeconfig `*-data`) is
/// handed to libcurl in memory and never written to disk.
public struct TLSOptions: Sendable, Equatable {
    /// Verify the server certificate chain and host name (on unless the user said
    /// `insecure-skip-tls-verify`).
    public var verifyPeer: Bool
    /// Trusted CA bundle, PEM, from a file path or inline bytes; nil for the system store.
    public var certificateAuthority: PEMSource?
    /// Client certificate, PEM.
    public var clientCertificate: PEMSource?
    /// Client private key, PEM. Secret.
    public var clientKey: PEMSource?
    /// The name to verify the server certificate against instead of the URL's host
    /// (kubeconfig `tls-server-name`).
    public var serverName: String?

    /// Verified TLS against the system store, no client certificate.
    public init(verifyPeer: Bool = true, certificateAuthority: PEMSource? = nil, clientCertificate: PEMSource? = nil,
                clientKey: PEMSource? = nil, serverName: String? = nil) {
        self.verifyPeer = verifyPeer
        self.certificateAuthority = certificateAuthority
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.serverName = serverName
    }
}

/// PEM material from a file or from memory.
public enum PEMSource: Sendable, Equatable {
    /// A file path, read by libcurl.
    case file(String)
    /// The PEM bytes themselves (already base64-decoded from kubeconfig `*-data`).
    case data([UInt8])
}
