import Foundation
import TestSupport
import Testing

/// The live peers of the console's fault tests: the Kubernetes stand-in serving the demo bundle
/// and moto seeded with the demo scenario, with ways to read each server's own objects (not
/// Gatewatch's view of them) and to change them.
final class LiveFaultPeers {
    let kube: PeerProcess
    let moto: PeerProcess
    let home: URL

    init() throws {
        kube = try DemoPeers.kubeStandIn()
        moto = try DemoPeers.moto()
        home = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-faults-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    deinit {
        kube.stop()
        moto.stop()
        try? FileManager.default.removeItem(at: home)
    }

    /// The console's environment: no user configuration, static keys for moto unless `aws` replaces them.
    func environment(aws: String = "AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing") -> String {
        "TERM=xterm-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent AWS_EC2_METADATA_DISABLED=true \(aws)"
    }

    // MARK: The servers' objects

    /// The Elastic IPs moto holds, as `allocation-id public-ip`, from its own DescribeAddresses.
    func motoAddresses() throws -> Set<String> {
        let xml = try DemoPeers.curl(["-H", Self.fakeSigV4, "--data", "Action=DescribeAddresses&Version=2016-11-15",
                                 try moto.string("url") + "/"])
        return Set(zip(Self.values("allocationId", in: xml), Self.values("publicIp", in: xml)).map { "\($0) \($1)" })
    }

    /// Allocates one more Elastic IP in moto (behind Gatewatch's back, as another team would).
    func allocateAddress() throws {
        _ = try DemoPeers.curl(["-H", Self.fakeSigV4, "--data", "Action=AllocateAddress&Domain=vpc&Version=2016-11-15",
                           try moto.string("url") + "/"])
    }

    /// The gateway pods the stand-in serves (pods in the gateways' `*-egw` namespaces), by name.
    func kubeGatewayPods() throws -> Set<String> {
        let body = try DemoPeers.curl(["-k", "-H", "Authorization: Bearer \(try kube.string("token"))",
                                  try kube.string("url") + "/api/v1/pods"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let items = list["items"] as? [[String: Any]] ?? []
        return Set(items.compactMap { item -> String? in
            guard let metadata = item["metadata"] as? [String: Any], let namespace = metadata["namespace"] as? String,
                  namespace.hasSuffix("-egw") else { return nil }
            return metadata["name"] as? String
        })
    }

    /// One pod object as the stand-in serves it.
    func kubePod(namespace: String, name: String) throws -> [String: Any] {
        let body = try DemoPeers.curl(["-k", "-H", "Authorization: Bearer \(try kube.string("token"))",
                                  try kube.string("url") + "/api/v1/namespaces/\(namespace)/pods/\(name)"])
        return try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }

    // MARK: What the console shows

    /// The Elastic IPs on the Elastic IPs view, as `allocation-id public-ip`.
    static func screenAddresses(_ screen: String) -> Set<String> {
        Set(matches(#"(eipalloc-[0-9a-f]+) +([0-9]+\.[0-9]+\.[0-9]+\.[0-9]+)"#, in: screen).map { "\($0[1]) \($0[2])" })
    }

    /// The gateway pods on the Gateways view, by name.
    static func screenGatewayPods(_ screen: String) -> Set<String> {
        Set(matches(#"\b([a-z0-9-]+-egw-[a-z0-9]+-[a-z0-9]{5})\b"#, in: screen).map { $0[1] })
    }

    /// The header row (where STALE and its reasons are).
    static func header(_ screen: String) -> String {
        screen.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }

    // MARK: Plumbing

    /// An Authorization header moto accepts (it routes by the service in the scope and checks no signature).
    static let fakeSigV4 = "Authorization: AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/ec2/aws4_request, "
        + "SignedHeaders=host, Signature=0"

    private static func values(_ element: String, in xml: String) -> [String] {
        matches("<\(element)>([^<]*)</\(element)>", in: xml).map { $0[1] }
    }

    private static func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).map { match in
            (0..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }
}
