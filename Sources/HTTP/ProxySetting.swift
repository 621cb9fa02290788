/// Which proxy a request goes through.
public enum ProxySetting: Sendable, Equatable {
    /// The environment, as curl reads it: `https_proxy`/`HTTPS_PROXY` for `https` URLs,
    /// `http_proxy` (lower case only) for `http` URLs, `all_proxy`/`ALL_PROXY` for both, and
    /// `no_proxy`/`NO_PROXY` for the hosts that bypass the proxy.
    case environment
    /// This proxy URL (kubeconfig `proxy-url`), whatever the environment says.
    case url(String)
    /// No proxy at all (instance metadata, loopback peers).
    case none
}
