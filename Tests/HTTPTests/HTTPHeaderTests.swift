import HTTP
import Testing

@Suite("HTTP headers")
struct HTTPHeaderTests {
    @Test("credential headers are secret whatever the caller says")
    func credentialHeadersAreSecret() {
        #expect(HTTPHeader("Authorization", "Bearer x").isSecret)
        #expect(HTTPHeader("x-amz-security-token", "t").isSecret)
        #expect(HTTPHeader("X-aws-ec2-metadata-token", "t").isSecret)
        #expect(!HTTPHeader("Accept", "application/json").isSecret)
        #expect(HTTPHeader("X-Custom", "v", isSecret: true).isSecret)
    }

    @Test("response header lookup ignores case")
    func responseHeaderLookupIgnoresCase() {
        let response = HTTPResponse(status: 200, headers: [HTTPHeader("Content-Type", "application/json")], body: [])
        #expect(response.header("content-type") == "application/json")
        #expect(response.header("X-Missing") == nil)
    }
}
