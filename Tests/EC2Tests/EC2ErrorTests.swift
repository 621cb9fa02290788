import Foundation
import Testing
@testable import EC2

@Suite("EC2 error documents")
struct EC2ErrorTests {
    struct Document: Sendable, CustomTestStringConvertible {
        let file: String
        let status: Int
        let code: String?
        let requestID: String?
        var testDescription: String { file }
    }

    static let documents: [Document] = {
        guard let manifest = try? Fixtures.json("errors/manifest.json") as? [String: Any],
              let list = manifest["documents"] as? [[String: Any]] else { return [] }
        return list.compactMap { entry in
            guard let file = entry["file"] as? String, let status = entry["status"] as? Int else { return nil }
            return Document(file: file, status: status, code: entry["code"] as? String, requestID: entry["requestId"] as? String)
        }
    }()

    @Test("every XML error document maps to its code, request id and status",
          arguments: EC2ErrorTests.documents.filter { $0.file.hasSuffix(".xml") })
    func errorDocument(_ document: Document) throws {
        let error = EC2ResponseDecoder.error(body: try Fixtures.bytes("errors", document.file), status: document.status,
                                             operation: "DescribeAddresses")
        guard case .service(let service) = error else {
            Issue.record("expected a service error, got \(error)")
            return
        }
        #expect(service.code == document.code)
        #expect(service.requestID == document.requestID)
        #expect(service.httpStatus == document.status)
    }

    @Test("UnauthorizedOperation names the missing IAM action and omits the encoded message")
    func unauthorized() throws {
        let error = EC2ResponseDecoder.error(body: try Fixtures.bytes("errors", "UnauthorizedOperation.xml"), status: 403,
                                             operation: "DescribeAddresses")
        #expect(error.missingIAMAction == "ec2:DescribeAddresses")
        #expect(error.description.contains("ec2:DescribeAddresses"))
        #expect(error.description.contains("502ff3cd-b8ef-5e7c-8217-c92278e343a2"))
        #expect(!error.description.contains("a0k3jqhx3DTF4UM1"))
    }

    @Test("the plain UnauthorizedOperation names GetSubnetCidrReservations")
    func unauthorizedPlain() throws {
        let error = EC2ResponseDecoder.error(body: try Fixtures.bytes("errors", "UnauthorizedOperation-plain.xml"),
                                             status: 403, operation: "GetSubnetCidrReservations")
        #expect(error.missingIAMAction == "ec2:GetSubnetCidrReservations")
    }

    @Test("a proxy's HTML 502 page is classified by its status as transient")
    func proxyPage() throws {
        let error = EC2ResponseDecoder.error(body: try Fixtures.bytes("errors", "proxy-502.html"), status: 502,
                                             operation: "DescribeVpcs")
        guard case .httpStatus(_, 502, _) = error else {
            Issue.record("expected an HTTP status error, got \(error)")
            return
        }
        #expect(error.category == .transient)
    }

    @Test("a well-formed load balancer 502 page without <Errors> is classified by its status")
    func elbPage() throws {
        let error = EC2ResponseDecoder.error(body: try Fixtures.bytes("errors", "elb-502.html"), status: 502,
                                             operation: "DescribeVpcs")
        #expect(error.category == .transient)
        #expect(error.missingIAMAction == nil)
    }

    @Test("an STS error document (ErrorResponse) maps to code and request id")
    func stsError() throws {
        let error = EC2ResponseDecoder.error(body: try Fixtures.bytes("sts", "AccessDenied.xml"), status: 403,
                                             operation: "AssumeRole", service: "sts")
        guard case .service(let service) = error else {
            Issue.record("expected a service error")
            return
        }
        #expect(service.code == "AccessDenied")
        #expect(service.requestID == "203ca2bc-0ad0-5bbd-b408-3bdfc01bcf12")
        #expect(error.missingIAMAction == "sts:AssumeRole")
    }

    @Test("throttling, transient, expiry, permission and request errors are classified as the SDKs do")
    func categories() {
        #expect(EC2ErrorCategory(code: "RequestLimitExceeded", status: 503) == .throttling)
        #expect(EC2ErrorCategory(code: "InternalError", status: 500) == .transient)
        #expect(EC2ErrorCategory(code: "ExpiredToken", status: 400) == .expired)
        #expect(EC2ErrorCategory(code: "RequestExpired", status: 400) == .expired)
        #expect(EC2ErrorCategory(code: "UnauthorizedOperation", status: 403) == .permission)
        #expect(EC2ErrorCategory(code: "AuthFailure", status: 401) == .credentials)
        #expect(EC2ErrorCategory(code: "InvalidParameterValue", status: 400) == .other)
        #expect(!EC2ErrorCategory.other.isRetryable && EC2ErrorCategory.throttling.isRetryable)
    }
}
