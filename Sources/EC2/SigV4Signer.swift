import Crypto
import Foundation
import HTTP
import Inventory

/// AWS Signature Version 4 for Query API POSTs (and GETs), byte-identical to botocore: it signs
/// every header given plus `host`, `x-amz-date` and, with temporary credentials,
/// `x-amz-security-token`; it adds no `X-Amz-Content-Sha256`.
public struct SigV4Signer: Sendable {
    /// The signing region (the credential scope's second part).
    public var region: String
    /// The signing service name: `ec2` or `sts`.
    public var service: String

    /// A signer for one region and service.
    public init(region: String, service: String = EC2QueryAPI.signingName) {
        self.region = region
        self.service = service
    }

    /// Every intermediate of one signature, for tests and the request itself.
    public struct Signature: Sendable, Equatable {
        /// The `X-Amz-Date` value, `YYYYMMDD'T'HHMMSS'Z'`.
        public var amzDate: String
        /// `YYYYMMDD/region/service/aws4_request`.
        public var credentialScope: String
        /// The canonical request (contains the session token when there is one: never log it).
        public var canonicalRequest: String
        /// The string to sign.
        public var stringToSign: String
        /// The lowercase hex signature.
        public var signature: String
        /// The `;`-joined signed header names.
        public var signedHeaders: String
        /// The lowercase hex SHA-256 of the body.
        public var payloadHash: String
        /// The `Authorization` header value.
        public var authorization: String
        /// The headers to add to the request: `X-Amz-Date`, `X-Amz-Security-Token` when present, `Authorization`.
        public var headers: [HTTPHeader]
    }

    /// Computes the signature of a request without changing it.
    public func signature(method: String, url: String, headers: [HTTPHeader], body: [UInt8],
                          credentials: AWSCredentials, date: Date) throws(EC2Error) -> Signature {
        guard let parts = URLParts(url) else { throw EC2Error.configuration("invalid endpoint URL \(url)") }
        let amzDate = Self.amzDate(date)
        let day = String(amzDate.prefix(8))

        var canonical: [(name: String, value: String)] = []
        for header in headers {
            let name = header.name.lowercased()
            guard name != "host", name != "x-amz-date", name != "authorization",
                  name != "x-amz-security-token", name != "user-agent", name != "content-length",
                  name != "expect" else { continue }
            canonical.append((name, Self.squeeze(header.value)))
        }
        canonical.append(("host", parts.hostHeader))
        canonical.append(("x-amz-date", amzDate))
        if let token = credentials.sessionToken { canonical.append(("x-amz-security-token", token)) }
        // Same-name headers are joined with "," in order of appearance.
        var merged: [String: String] = [:]
        var order: [String] = []
        for (name, value) in canonical {
            if let existing = merged[name] { merged[name] = existing + "," + value } else {
                merged[name] = value
                order.append(name)
            }
        }
        let names = order.sorted()
        let canonicalHeaders = names.map { "\($0):\(merged[$0] ?? "")\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let payloadHash = Self.hex(SHA256.hash(data: body))
        let canonicalRequest = [method.uppercased(), parts.path.isEmpty ? "/" : parts.path,
                                Self.canonicalQuery(parts.query), canonicalHeaders, signedHeaders, payloadHash]
            .joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope,
                            Self.hex(SHA256.hash(data: Array(canonicalRequest.utf8)))].joined(separator: "\n")
        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        var added = [HTTPHeader("X-Amz-Date", amzDate)]
        if let token = credentials.sessionToken { added.append(HTTPHeader("X-Amz-Security-Token", token, isSecret: true)) }
        added.append(HTTPHeader("Authorization", authorization, isSecret: true))
        return Signature(amzDate: amzDate, credentialScope: scope, canonicalRequest: canonicalRequest,
                         stringToSign: stringToSign, signature: signature, signedHeaders: signedHeaders,
                         payloadHash: payloadHash, authorization: authorization, headers: added)
    }

    /// Signs a request in place: removes any earlier signature headers and appends the new ones.
    public func sign(_ request: inout HTTPRequest, credentials: AWSCredentials, date: Date) throws(EC2Error) {
        let dropped: Set<String> = ["x-amz-date", "authorization", "x-amz-security-token"]
        request.headers.removeAll { dropped.contains($0.name.lowercased()) }
        let result = try signature(method: request.method, url: request.url, headers: request.headers,
                                   body: request.body, credentials: credentials, date: date)
        request.headers.append(contentsOf: result.headers)
    }

    /// `YYYYMMDD'T'HHMMSS'Z'` in UTC.
    public static func amzDate(_ date: Date) -> String {
        let time = Timestamp.utcComponents(secondsSince1970: date.timeIntervalSince1970)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(time.year)\(two(time.month))\(two(time.day))T\(two(time.hour))\(two(time.minute))\(two(time.second))Z"
    }

    /// Trims a header value and squeezes inner runs of spaces into one.
    static func squeeze(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// The canonical query string: pairs percent-decoded, re-encoded per RFC 3986 (`%20` for
    /// space), sorted by name then value.
    static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        let pairs: [(String, String)] = query.split(separator: "&").map { item in
            let pieces = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = percentDecode(String(pieces[0]))
            let value = pieces.count > 1 ? percentDecode(String(pieces[1])) : ""
            return (uriEncode(name), uriEncode(value))
        }
        return pairs.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    static func uriEncode(_ text: String) -> String {
        var out: [UInt8] = []
        for byte in text.utf8 {
            if QueryParameters.isUnreserved(byte) { out.append(byte) } else {
                out.append(UInt8(ascii: "%"))
                out.append(QueryParameters.hexDigits[Int(byte >> 4)])
                out.append(QueryParameters.hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func percentDecode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(0x20)
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                      let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        var out: [UInt8] = []
        for byte in digest {
            out.append(lowerHex[Int(byte >> 4)])
            out.append(lowerHex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let lowerHex: [UInt8] = Array("0123456789abcdef".utf8)
}
