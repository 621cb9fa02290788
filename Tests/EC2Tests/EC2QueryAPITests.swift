import EC2
import Testing

@Suite("EC2 Query API")
struct EC2QueryAPITests {
    @Test("requests name the 2016-11-15 API version")
    func apiVersion() {
        #expect(EC2QueryAPI.version == "2016-11-15")
        #expect(EC2QueryAPI.xmlNamespace.hasSuffix("/2016-11-15/"))
    }
}
