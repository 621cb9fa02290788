import Foundation
import HTTP
import Testing
@testable import EC2
import Inventory

/// One botocore vector from `fixtures/sigv4_vectors.json`.
struct SigV4Vector: Sendable, CustomTestStringConvertible {
    let name: String
    let method: String
    let url: String
    let headers: [HTTPHeader]
    let body: String
    let region: String
    let service: String
    let date: Date
    let credentials: AWSCredentials
    let signed: Bool
    let canonicalRequest: String?
    let stringToSign: String?
    let authorization: String?
    let wireHeaders: [[String]]?

    var testDescription: String { name }

    static func all() -> [SigV4Vector] {
        guard let object = try? Fixtures.json("sigv4_vectors.json") as? [String: Any],
              let vectors = object["vectors"] as? [[String: Any]] else { return [] }
        return vectors.compactMap { vector in
            guard let request = vector["request"] as? [String: Any], let credentials = vector["credentials"] as? [String: Any],
                  let amzDate = vector["amzDate"] as? String, let date = Timestamp.date(Self.isoFromAmz(amzDate)),
                  let expected = vector["expected"] as? [String: Any] else { return nil }
            return SigV4Vector(
                name: vector["name"] as? String ?? "?",
                method: request["method"] as? String ?? "POST",
                url: request["url"] as? String ?? "",
                headers: (request["headers"] as? [[String]] ?? []).map { HTTPHeader($0[0], $0[1]) },
                body: request["body"] as? String ?? "",
                region: vector["region"] as? String ?? "",
                service: vector["service"] as? String ?? "",
                date: date,
                credentials: AWSCredentials(accessKeyID: credentials["accessKeyId"] as? String ?? "",
                                            secretAccessKey: credentials["secretAccessKey"] as? String ?? "",
                                            sessionToken: credentials["sessionToken"] as? String, source: "vector"),
                signed: vector["signed"] as? Bool ?? false,
                canonicalRequest: expected["canonicalRequest"] as? String,
                stringToSign: expected["stringToSign"] as? String,
                authorization: expected["authorization"] as? String,
                wireHeaders: expected["wireHeaders"] as? [[String]])
        }
    }

    static func isoFromAmz(_ amz: String) -> String {
        let c = Array(amz)
        guard c.count == 16 else { return amz }
        return "\(String(c[0..<4]))-\(String(c[4..<6]))-\(String(c[6..<8]))T\(String(c[9..<11])):\(String(c[11..<13])):\(String(c[13..<15]))Z"
    }
}

@Suite("SigV4 signing against botocore")
struct SigV4SignerTests {
    static let vectors = SigV4Vector.all()
    static let signedVectors = vectors.filter(\.signed)

    @Test("the fixture holds the 13 signed botocore vectors")
    func vectorCount() {
        #expect(Self.signedVectors.count == 13)
    }

    @Test("canonical request, string to sign and Authorization are byte-identical to botocore",
          arguments: SigV4SignerTests.signedVectors)
    func matchesBotocore(_ vector: SigV4Vector) throws {
        let signature = try SigV4Signer(region: vector.region, service: vector.service).signature(
            method: vector.method, url: vector.url, headers: vector.headers, body: Array(vector.body.utf8),
            credentials: vector.credentials, date: vector.date)
        #expect(signature.canonicalRequest == vector.canonicalRequest)
        #expect(signature.stringToSign == vector.stringToSign)
        #expect(signature.authorization == vector.authorization)
    }

    @Test("signing a request adds exactly the headers botocore sends, in its order",
          arguments: SigV4SignerTests.signedVectors.filter { $0.wireHeaders != nil })
    func wireHeaders(_ vector: SigV4Vector) throws {
        var request = HTTPRequest(method: vector.method, url: vector.url, headers: vector.headers, body: Array(vector.body.utf8))
        try SigV4Signer(region: vector.region, service: vector.service).sign(&request, credentials: vector.credentials,
                                                                             date: vector.date)
        let expected = (vector.wireHeaders ?? []).filter { $0[0] != "Content-Length" }
        #expect(request.headers.map { [$0.name, $0.value] } == expected)
    }

    @Test("the session token and the Authorization header are marked secret")
    func secretHeaders() throws {
        let credentials = AWSCredentials(accessKeyID: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "token",
                                         source: "test")
        var request = HTTPRequest(method: "POST", url: "https://ec2.us-east-1.amazonaws.com/")
        try SigV4Signer(region: "us-east-1").sign(&request, credentials: credentials, date: Date(timeIntervalSince1970: 0))
        let secret = request.headers.filter(\.isSecret).map(\.name)
        #expect(secret == ["X-Amz-Security-Token", "Authorization"])
    }

    @Test("re-signing replaces the earlier signature instead of adding a second one")
    func resignReplaces() throws {
        let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret", source: "test")
        var request = HTTPRequest(method: "POST", url: "https://ec2.us-east-1.amazonaws.com/")
        let signer = SigV4Signer(region: "us-east-1")
        try signer.sign(&request, credentials: credentials, date: Date(timeIntervalSince1970: 0))
        try signer.sign(&request, credentials: credentials, date: Date(timeIntervalSince1970: 60))
        #expect(request.headers.filter { $0.name == "Authorization" }.count == 1)
        #expect(request.headers.first { $0.name == "X-Amz-Date" }?.value == "19700101T000100Z")
    }

    @Test("the form encoding of every client vector's fields reproduces botocore's body",
          arguments: SigV4SignerTests.vectors.filter { $0.wireHeaders != nil })
    func formEncoding(_ vector: SigV4Vector) {
        var fields: [(String, String)] = []
        for pair in vector.body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            fields.append((SigV4Signer.percentDecode(String(parts[0])), SigV4Signer.percentDecode(String(parts[1]))))
        }
        var rebuilt = QueryParameters(action: fields[0].1, version: fields[1].1)
        for (name, value) in fields.dropFirst(2) { rebuilt.append(name, value) }
        #expect(rebuilt.encoded == vector.body)
    }

    @Test("X-Amz-Date is UTC and rolls over at the end of the year")
    func amzDate() {
        #expect(SigV4Signer.amzDate(Date(timeIntervalSince1970: 1_798_761_599)) == "20261231T235959Z")
        #expect(SigV4Signer.amzDate(Date(timeIntervalSince1970: 1_798_761_600)) == "20270101T000000Z")
    }

    @Test("filters are flattened as Filter.N.Name and Filter.N.Value.M")
    func filters() {
        var parameters = QueryParameters(action: "DescribeSubnets")
        parameters.appendFilters([EC2Filter("vpc-id", ["vpc-1", "vpc-2"]), EC2Filter("tag:Name", ["a b"])])
        #expect(parameters.encoded == "Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=vpc-id"
            + "&Filter.1.Value.1=vpc-1&Filter.1.Value.2=vpc-2&Filter.2.Name=tag%3AName&Filter.2.Value.1=a+b")
    }
}
