import Foundation
import Inventory
import LPM
import Testing

/// How the bundle loader reads the formats kubectl and the AWS CLI write, and how it reports bad input.
@Suite struct BundleLoaderTests {
    private func file(_ path: String, _ text: String) -> BundleFile {
        BundleFile(path: path, contents: Array(text.utf8))
    }

    private func load(_ files: BundleFile...) -> LoadedBundle {
        BundleLoader.load(files: files, source: .demo)
    }

    @Test func readsAKubectlListWithMixedKinds() {
        let bundle = load(file("cluster/all.yaml", """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Namespace
          metadata: {name: payments, annotations: {egress.projectcalico.org/egressGatewayPolicy: p1}}
        - apiVersion: projectcalico.org/v3
          kind: IPPool
          metadata: {name: pool-a}
          spec: {cidr: 10.0.41.0/24, blockSize: 32, awsSubnetID: subnet-0123456789abcdef0}
        """))
        #expect(bundle.diagnostics.isEmpty)
        #expect(bundle.snapshot.cluster.namespaces.map(\.name) == ["payments"])
        #expect(bundle.snapshot.cluster.ipPools.first?.awsSubnetID == "subnet-0123456789abcdef0")
    }

    @Test func readsMultiDocumentYAMLStreams() {
        let bundle = load(file("cluster/ns.yaml", """
        apiVersion: v1
        kind: Namespace
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: b}
        """))
        #expect(bundle.snapshot.cluster.namespaces.map(\.name) == ["a", "b"])
    }

    @Test func readsKubectlJSON() {
        let bundle = load(file("cluster/pods.json", """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "api-0", "namespace": "payments", "labels": {"app": "api"}},
           "spec": {"nodeName": "node-a", "containers": [{"name": "c", "ports": [{"name": "health", "containerPort": 8080}]}]},
           "status": {"phase": "Running", "podIP": "192.168.1.5", "conditions": [{"type": "Ready", "status": "True"}]}}
        ]}
        """))
        #expect(bundle.diagnostics.isEmpty)
        let pod = bundle.snapshot.cluster.pods.first
        #expect(pod?.podIP == IPAddress(parsing: "192.168.1.5"))
        #expect(pod?.ready == true)
        #expect(pod?.containerPortNames == ["health"])
    }

    @Test func reportsABadCIDRWithFileLineAndObjectAndKeepsTheRest() {
        let bundle = load(file("cluster/policies.yaml", """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: projectcalico.org/v3
          kind: EgressGatewayPolicy
          metadata: {name: broken}
          spec:
            rules:
            - destination:
                cidr: 10.0.0.300/8
        - apiVersion: projectcalico.org/v3
          kind: EgressGatewayPolicy
          metadata: {name: good}
          spec:
            rules:
            - destination: {cidr: 172.16.0.0/24}
        """))
        #expect(bundle.snapshot.cluster.policies.map(\.name) == ["good"])
        let diagnostic = bundle.diagnostics.first
        #expect(diagnostic?.severity == .error)
        #expect(diagnostic?.file == "cluster/policies.yaml")
        #expect(diagnostic?.line == 10)
        #expect(diagnostic?.object == "EgressGatewayPolicy broken")
        #expect(diagnostic?.message.contains("spec.rules[0].destination.cidr") == true)
        #expect(diagnostic?.message.contains("10.0.0.300/8") == true)
    }

    @Test func reportsTheLineOfABadObjectInJSON() {
        let bundle = load(file("aws/describe-subnets.json", """
        {
          "Subnets": [
            {"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/20"},
            {"SubnetId": "subnet-2", "VpcId": "vpc-1",
             "CidrBlock": "10.0.16.0/19"}
          ]
        }
        """))
        #expect(bundle.snapshot.aws.subnets.map(\.subnetID) == ["subnet-1"])
        #expect(bundle.diagnostics.count == 1)
        #expect(bundle.diagnostics.first?.line == 5)
        #expect(bundle.diagnostics.first?.message.contains("host bits") == true)
    }

    @Test func reportsYAMLSyntaxErrorsWithTheirLine() {
        let bundle = load(file("cluster/bad.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: [unclosed\n"),
                          file("cluster/ok.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n"))
        #expect(bundle.snapshot.cluster.namespaces.map(\.name) == ["ok"])
        #expect(bundle.diagnostics.first?.file == "cluster/bad.yaml")
        #expect(bundle.diagnostics.first?.line != nil)
        #expect(bundle.diagnostics.first?.message.hasPrefix("not valid YAML") == true)
    }

    @Test func reportsAMissingRequiredField() {
        let bundle = load(file("cluster/pool.yaml", "apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: p}\nspec: {blockSize: 26}\n"))
        #expect(bundle.snapshot.cluster.ipPools.isEmpty)
        #expect(bundle.diagnostics.first?.message == "spec.cidr: required field is missing")
        #expect(bundle.diagnostics.first?.line == 4)
    }

    @Test func ignoresUnknownKindsAndFields() {
        let bundle = load(file("cluster/misc.yaml", """
        apiVersion: v1
        kind: List
        items:
        - {apiVersion: v1, kind: ConfigMap, metadata: {name: x}, data: {a: b}}
        - {apiVersion: v1, kind: Namespace, metadata: {name: n, futureField: 1}, spec: {finalizers: [kubernetes]}}
        """))
        #expect(bundle.diagnostics.isEmpty)
        #expect(bundle.snapshot.cluster.namespaces.count == 1)
    }

    @Test func acceptsBlockAffinityDeletedAsV1StringOrV3Bool() {
        let bundle = load(file("cluster/affinities.yaml", """
        apiVersion: v1
        kind: List
        items:
        - {apiVersion: crd.projectcalico.org/v1, kind: BlockAffinity, metadata: {name: a}, spec: {node: n1, cidr: 10.0.0.0/26, state: confirmed, deleted: "true"}}
        - {apiVersion: projectcalico.org/v3, kind: BlockAffinity, metadata: {name: b}, spec: {node: n2, cidr: 10.0.0.64/26, state: confirmed, deleted: false}}
        """))
        #expect(bundle.snapshot.cluster.blockAffinities.map(\.deleted) == [true, false])
    }

    @Test func warnsAboutDocumentsThatAreNeitherKubernetesNorAWSOutput() {
        let bundle = load(file("aws/internet-gateways.json", #"{"InternetGateways": []}"#))
        #expect(bundle.diagnostics.first?.severity == .warning)
        #expect(bundle.diagnostics.first?.message.contains("InternetGateways") == true)
    }

    @Test func reportsAFirewallPlacementWhoseConfigIsMissing() {
        let bundle = load(file("gatewatch.yaml", """
        firewalls:
          - {name: fw, config: firewall/fw.cfg, interface: inside, targets: [vpce-1]}
        """))
        #expect(bundle.snapshot.config.firewalls.first?.sees == .private)
        #expect(bundle.diagnostics.first?.message.contains("firewall/fw.cfg") == true)
    }

    @Test func readsTheAWSCLIShapes() {
        let bundle = load(
            file("aws/describe-instances.json", #"{"Reservations": [{"Instances": [{"InstanceId": "i-1", "PrivateDnsName": "ip-10-0-1-10.ec2.internal", "Placement": {"AvailabilityZone": "us-east-1a"}, "State": {"Name": "running"}, "NetworkInterfaces": [{"NetworkInterfaceId": "eni-1"}]}]}]}"#),
            file("aws/describe-route-tables.json", #"{"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"Main": true}], "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "vpce-0a1b", "State": "active"}, {"DestinationCidrBlock": "172.16.0.0/12", "TransitGatewayId": "tgw-1", "State": "blackhole"}]}]}"#))
        #expect(bundle.diagnostics.isEmpty)
        #expect(bundle.snapshot.aws.instances.first?.availabilityZone == "us-east-1a")
        #expect(bundle.snapshot.aws.instances.first?.networkInterfaceIDs == ["eni-1"])
        let table = bundle.snapshot.aws.routeTables.first
        #expect(table?.isMain == true)
        #expect(table?.routes.map(\.target) == [.vpcEndpoint("vpce-0a1b"), .transitGateway("tgw-1")])
        #expect(table?.routes.last?.isBlackhole == true)
    }

    @Test func warnsWithTheLineWhenAJSONFileIsNotJSONAndReadsItAsYAML() {
        let bundle = load(file("aws/describe-subnets.json", """
        {
          "Subnets": [
            {"SubnetId": 'subnet-1', "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/20"}
          ]
        }
        """))
        #expect(bundle.snapshot.aws.subnets.map(\.subnetID) == ["subnet-1"])
        #expect(bundle.diagnostics.map(\.severity) == [.warning])
        #expect(bundle.diagnostics.first?.line == 3)
        #expect(bundle.diagnostics.first?.message.hasPrefix("not valid JSON (expected a value") == true)
    }

    @Test func reportsAListWhereAnObjectWasExpected() {
        let bundle = load(file("aws/query.json", #"[["us-east-1a", "subnet-1"]]"#))
        #expect(bundle.diagnostics.map(\.severity) == [.error])
        #expect(bundle.diagnostics.first?.message.contains("found a list") == true)
    }

    @Test func failsForAMissingDirectory() {
        #expect(throws: BundleLoadError.self) { try BundleLoader.load(directory: "/nonexistent/gatewatch-bundle") }
    }
}
