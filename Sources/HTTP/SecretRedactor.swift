/// Removes credentials from text that may reach the user: error details from libcurl, URLs.
/// It knows the secrets of one request (secret header values, bearer tokens, proxy and URL
/// passwords) and replaces every occurrence with `[redacted]`.
struct SecretRedactor: Sendable {
    /// What a secret is replaced with.
    static let placeholder = "[redacted]"

    /// The strings to hide, longest first so that a token inside a header value goes with it.
    private let secrets: [String]

    /// The secrets of this request.
    init(request: HTTPRequest) {
        var found: [String] = []
        for header in request.headers where header.isSecret {
            found.append(header.value)
            // `Bearer <token>`, `AWS4-HMAC-SHA256 Credential=…, Signature=<hex>`: the parts too.
            for part in header.value.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "=" }) {
                found.append(String(part))
            }
        }
        for url in [request.url, Self.proxyURL(request.proxy)].compactMap({ $0 }) {
            if let userInfo = Self.userInfo(of: url) {
                found.append(userInfo)
                found.append(contentsOf: userInfo.split(separator: ":").map(String.init))
            }
        }
        // Short fragments (`Bearer`, a one-letter user) would mangle ordinary words; a credential
        // is longer than that.
        secrets = Array(Set(found.filter { $0.count >= 6 && $0 != "Bearer" && $0 != "Credential" }))
            .sorted { $0.count > $1.count }
    }

    /// The text with every known secret, and any URL user information, replaced.
    func redact(_ text: String) -> String {
        var result = Self.redactingUserInfo(text)
        for secret in secrets where result.contains(secret) {
            result = result.replacing(secret, with: Self.placeholder)
        }
        return result
    }

    /// The URL (or text containing URLs) with `user:password@` replaced by `[redacted]@`.
    static func redactingUserInfo(_ text: String) -> String {
        guard text.contains("@"), text.contains("://") else { return text }
        var result = ""
        var rest = Substring(text)
        while let schemeEnd = rest.firstRange(of: "://") {
            result += rest[..<schemeEnd.upperBound]
            rest = rest[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex { "/?# \n\"'".contains($0) } ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@") {
                result += placeholder
                rest = rest[at...]
            }
        }
        return result + rest
    }

    /// The `user:password` part of a URL's authority, if it has one.
    static func userInfo(of url: String) -> String? {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return nil }
        return String(rest[..<at])
    }

    private static func proxyURL(_ proxy: ProxySetting) -> String? {
        if case .url(let url) = proxy { url } else { nil }
    }
}
