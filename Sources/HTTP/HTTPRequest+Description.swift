extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `METHOD URL`, the headers (secret values redacted) and the body size, never its content
    /// (an EC2 form can carry a session token). Credentials in the URL are redacted too.
    public var description: String {
        var text = "\(method) \(SecretRedactor.redactingUserInfo(url))"
        if !headers.isEmpty { text += " [" + headers.map(\.description).joined(separator: ", ") + "]" }
        if !body.isEmpty { text += " (\(body.count) bytes of body)" }
        return text
    }

    /// The same as `description`.
    public var debugDescription: String { description }

    /// What `dump` and debuggers show: no secret header value, no body bytes, no key material.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "method": method, "url": SecretRedactor.redactingUserInfo(url), "headers": headers,
            "bodyBytes": body.count, "tls": tls, "proxy": proxy, "connectTimeout": connectTimeout,
            "idleTimeout": idleTimeout as Any, "totalTimeout": totalTimeout as Any,
            "acceptCompressed": acceptCompressed,
        ])
    }
}
