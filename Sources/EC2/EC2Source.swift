import Foundation
import HTTP
import Inventory

/// The live EC2 source: reads the cluster's VPCs (found from the nodes' instances) with
/// read-only operations, and polls them: the eight of the foundation, then the packet path
/// (security groups, network ACLs, VPC endpoints, egress-only IGWs by VPC; the transit gateways
/// and prefix lists the routes and rules name; the nodes' instance types, each asked for once).
/// A denied operation leaves the others working and is reported with the IAM action it needs;
/// an operation that fails after having worked keeps its last good data, named as stale.
public actor EC2Source {
    /// The resolved configuration.
    public let configuration: AWSConfiguration
    private let transport: any HTTPTransport
    private let clock: AWSClock
    private var client: EC2Client?
    private var cache: CredentialCache?
    /// Instance types never change: each is asked for once.
    private var instanceTypeCache: [String: InstanceTypeInfo] = [:]
    /// The last good data of each operation, kept for a poll in which that operation fails.
    private var lastGood = AWSState()
    /// The operations `lastGood` holds data of.
    private var goodOperations: Set<String> = []

    /// A source over a transport (the libcurl `HTTPClient` in the product).
    public init(configuration: AWSConfiguration, transport: any HTTPTransport, clock: AWSClock = .system) {
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
    }

    /// The region in use: the configured one, or the instance's from IMDS.
    public func region() async throws(EC2Error) -> String {
        try await connectedClient().region
    }

    /// The credential cache (tests check refreshes with it).
    public func credentialCache() async throws(EC2Error) -> CredentialCache {
        _ = try await connectedClient()
        guard let cache else { throw .credentials("not connected") }
        return cache
    }

    /// Reads everything once. `instanceIDs` are the nodes' instances (`Node.instanceID`); their VPCs scope the
    /// listings (empty: the whole region). Throws when nothing at all could be read, or the
    /// credentials fail; single failed operations come back as `problems`.
    public func fetchOnce(instanceIDs: [String]) async throws(EC2Error) -> EC2FetchResult {
        let client = try await connectedClient()
        var problems: [EC2Error] = []
        var attempted = 0

        // 1. The nodes' instances → their VPCs.
        var vpcIDs: [String] = []
        if !instanceIDs.isEmpty {
            attempted += 1
            let unique = Array(Set(instanceIDs)).sorted()
            var nodes: [Instance] = []
            do {
                for chunk in stride(from: 0, to: unique.count, by: 200).map({ Array(unique[$0..<min($0 + 200, unique.count)]) }) {
                    nodes += try await client.describeInstances(filters: [EC2Filter("instance-id", chunk)])
                }
                vpcIDs = Array(Set(nodes.compactMap(\.vpcID))).sorted()
            } catch {
                if error.category == .credentials || error.category == .expired { throw error }
                problems.append(error)
            }
        }
        let scope = vpcIDs.isEmpty ? [] : [EC2Filter("vpc-id", vpcIDs)]
        let scopedVPCs = vpcIDs

        async let vpcs = Self.capture { () async throws(EC2Error) in
            try await client.describeVpcs(filters: scope)
        }
        async let subnets = Self.capture { () async throws(EC2Error) in try await client.describeSubnets(filters: scope) }
        async let interfaces = Self.capture { () async throws(EC2Error) in
            try await client.describeNetworkInterfaces(filters: scope)
        }
        async let instances = Self.capture { () async throws(EC2Error) in try await client.describeInstances(filters: scope) }
        async let routeTables = Self.capture { () async throws(EC2Error) in
            try await client.describeRouteTables(filters: scope)
        }
        async let natGateways = Self.capture { () async throws(EC2Error) in
            try await client.describeNatGateways(filters: scope)
        }
        // Elastic IPs are regional, not in a VPC.
        async let addresses = Self.capture { () async throws(EC2Error) in try await client.describeAddresses() }
        async let securityGroups = Self.capture { () async throws(EC2Error) in
            try await client.describeSecurityGroups(filters: scope)
        }
        async let networkAcls = Self.capture { () async throws(EC2Error) in
            try await client.describeNetworkAcls(filters: scope)
        }
        async let vpcEndpoints = Self.capture { () async throws(EC2Error) in
            try await client.describeVpcEndpoints(filters: scope)
        }
        // DescribeEgressOnlyInternetGateways has no vpc-id filter: keep those attached to the VPCs.
        async let egressOnlyGateways = Self.capture { () async throws(EC2Error) in
            try await client.describeEgressOnlyInternetGateways().filter { gateway in
                scopedVPCs.isEmpty || gateway.attachments.contains { scopedVPCs.contains($0.vpcID) }
            }
        }

        var state = AWSState()
        var succeeded = 0
        var failedOperations: Set<String> = []
        func take<T>(_ result: Result<[T], EC2Error>, into list: inout [T]) {
            attempted += 1
            switch result {
            case .success(let items):
                list = items
                succeeded += 1
            case .failure(let error):
                problems.append(error)
                if let operation = error.operation { failedOperations.insert(operation) }
            }
        }
        take(await vpcs, into: &state.vpcs)
        take(await subnets, into: &state.subnets)
        take(await interfaces, into: &state.networkInterfaces)
        take(await instances, into: &state.instances)
        take(await routeTables, into: &state.routeTables)
        take(await natGateways, into: &state.natGateways)
        take(await addresses, into: &state.elasticIPs)
        take(await securityGroups, into: &state.securityGroups)
        take(await networkAcls, into: &state.networkAcls)
        take(await vpcEndpoints, into: &state.vpcEndpoints)
        take(await egressOnlyGateways, into: &state.egressOnlyInternetGateways)
        // Failed listings keep their last good data, so what the routes name is still followed.
        var staleOperations = settle(&state, failed: failedOperations, among: Self.listingOperations)

        // 3. What the routes and rules name: transit gateways, prefix lists; the nodes' instance types.
        let packetPath = await Self.packetPath(for: state, client: client)
        attempted += packetPath.attempted
        succeeded += packetPath.succeeded
        problems += packetPath.problems
        failedOperations.formUnion(packetPath.problems.compactMap(\.operation))
        state.transitGatewayAttachments = packetPath.state.transitGatewayAttachments
        state.transitGatewayRouteTables = packetPath.state.transitGatewayRouteTables
        state.transitGatewayRouteTableAssociations = packetPath.state.transitGatewayRouteTableAssociations
        state.transitGatewayRoutes = packetPath.state.transitGatewayRoutes
        state.managedPrefixLists = packetPath.state.managedPrefixLists
        state.prefixListEntries = packetPath.state.prefixListEntries
        let nodeInstances = instanceIDs.isEmpty ? state.instances : state.instances.filter { instanceIDs.contains($0.instanceID) }
        let types = Array(Set(nodeInstances.compactMap(\.instanceType))).sorted()
        let missing = types.filter { instanceTypeCache[$0] == nil }
        if !missing.isEmpty {
            attempted += 1
            do throws(EC2Error) {
                for chunk in stride(from: 0, to: missing.count, by: 100).map({ Array(missing[$0..<min($0 + 100, missing.count)]) }) {
                    for info in try await client.describeInstanceTypes(chunk) { instanceTypeCache[info.instanceType] = info }
                }
                succeeded += 1
            } catch {
                problems.append(error)
                failedOperations.insert("DescribeInstanceTypes")
            }
        }
        state.instanceTypes = types.compactMap { instanceTypeCache[$0] }

        // 2. CIDR reservations, one call per subnet (up to 4 at a time); one denial is enough to report.
        if !state.subnets.isEmpty {
            attempted += 1
            let reservations = await Self.reservations(for: state.subnets.map(\.subnetID), client: client)
            switch reservations {
            case .success(let items):
                state.subnetCidrReservations = items
                succeeded += 1
            case .failure(let error):
                problems.append(error)
                failedOperations.insert("GetSubnetCidrReservations")
            }
        }
        staleOperations += settle(&state, failed: failedOperations, among: Self.followOnOperations)

        if succeeded == 0, let first = problems.first, problems.allSatisfy({ $0.missingIAMAction == nil }) {
            throw first
        }
        if let fatal = problems.first(where: { $0.category == .credentials || $0.category == .expired }), succeeded == 0 {
            throw fatal
        }
        return EC2FetchResult(state: state, problems: problems, vpcIDs: vpcIDs, staleOperations: staleOperations)
    }

    /// How one operation's lists are carried from one state to another.
    private typealias Carrier = (operation: String, copy: @Sendable (inout AWSState, AWSState) -> Void)

    /// The listings made with the VPC scope alone.
    private static let listingOperations: [Carrier] = [
        ("DescribeVpcs", { $0.vpcs = $1.vpcs }), ("DescribeSubnets", { $0.subnets = $1.subnets }),
        ("DescribeNetworkInterfaces", { $0.networkInterfaces = $1.networkInterfaces }),
        ("DescribeInstances", { $0.instances = $1.instances }), ("DescribeRouteTables", { $0.routeTables = $1.routeTables }),
        ("DescribeNatGateways", { $0.natGateways = $1.natGateways }), ("DescribeAddresses", { $0.elasticIPs = $1.elasticIPs }),
        ("DescribeSecurityGroups", { $0.securityGroups = $1.securityGroups }),
        ("DescribeNetworkAcls", { $0.networkAcls = $1.networkAcls }),
        ("DescribeVpcEndpoints", { $0.vpcEndpoints = $1.vpcEndpoints }),
        ("DescribeEgressOnlyInternetGateways", { $0.egressOnlyInternetGateways = $1.egressOnlyInternetGateways }),
    ]

    /// The calls that follow from the listings.
    private static let followOnOperations: [Carrier] = [
        ("GetSubnetCidrReservations", { $0.subnetCidrReservations = $1.subnetCidrReservations }),
        ("DescribeTransitGatewayAttachments", { $0.transitGatewayAttachments = $1.transitGatewayAttachments }),
        ("DescribeTransitGatewayRouteTables", { $0.transitGatewayRouteTables = $1.transitGatewayRouteTables }),
        ("GetTransitGatewayRouteTableAssociations", {
            $0.transitGatewayRouteTableAssociations = $1.transitGatewayRouteTableAssociations
        }),
        ("SearchTransitGatewayRoutes", { $0.transitGatewayRoutes = $1.transitGatewayRoutes }),
        ("DescribeManagedPrefixLists", { $0.managedPrefixLists = $1.managedPrefixLists }),
        ("GetManagedPrefixListEntries", { $0.prefixListEntries = $1.prefixListEntries }),
        ("DescribeInstanceTypes", { $0.instanceTypes = $1.instanceTypes }),
    ]

    /// Puts the last good lists of the failed operations into `state` (returning those
    /// operations, which are now stale), and remembers the lists of the others as good.
    private func settle(_ state: inout AWSState, failed: Set<String>, among carriers: [Carrier]) -> [String] {
        var stale: [String] = []
        for carrier in carriers {
            if failed.contains(carrier.operation) {
                guard goodOperations.contains(carrier.operation) else { continue }
                carrier.copy(&state, lastGood)
                stale.append(carrier.operation)
            } else {
                carrier.copy(&lastGood, state)
                goodOperations.insert(carrier.operation)
            }
        }
        return stale
    }

    /// Polls every `interval` until the task is cancelled. Each poll hands over the state and the
    /// status; after a failure the last good state is handed over again, marked stale.
    public func run(instanceIDs: @escaping @Sendable () -> [String], interval: Duration = .seconds(30),
                    onUpdate: @escaping @Sendable (AWSState, EC2SourceStatus) -> Void) async {
        var lastState = AWSState()
        var lastSuccess: Date?
        onUpdate(lastState, EC2SourceStatus(phase: .connecting, region: configuration.region))
        while !Task.isCancelled {
            // A poll that waits longer than `slowPollGrace` for a credential helper is shown STALE
            // while it goes on, naming the helper; its own result follows when it ends. (Requests
            // have HTTP deadlines of their own; a large account's slow poll is not a fault.)
            let shown = lastState
            let since = lastSuccess
            let region = client?.region ?? configuration.region
            let watchdog = Task { [clock] in
                do { try await clock.sleep(Self.slowPollGrace) } catch { return }
                guard let why = await self.slowPollReason(), !Task.isCancelled else { return }
                onUpdate(shown, EC2SourceStatus(phase: .stale, lastSuccess: since, error: why, region: region))
            }
            defer { watchdog.cancel() }
            do {
                let result = try await fetchOnce(instanceIDs: instanceIDs())
                watchdog.cancel()
                await watchdog.value
                lastState = result.state
                lastSuccess = clock.now()
                onUpdate(lastState, EC2SourceStatus(phase: .live, lastSuccess: lastSuccess, problems: result.problems,
                                                    region: client?.region, staleOperations: result.staleOperations))
            } catch {
                watchdog.cancel()
                await watchdog.value
                if Task.isCancelled { return }
                onUpdate(lastState, EC2SourceStatus(phase: .stale, lastSuccess: lastSuccess, error: error,
                                                    region: client?.region ?? configuration.region))
            }
            do { try await clock.sleep(interval) } catch { return }
        }
    }

    /// How long a poll may wait for a credential helper before it is shown STALE (the header
    /// then names the helper); well within the 15 s in which a failing source must be seen.
    public static let slowPollGrace: Duration = .seconds(10)

    /// The credential helper the poll in flight waits for, as an error to show; nil when it waits
    /// for no helper.
    private func slowPollReason() async -> EC2Error? {
        guard let cache, let helper = await cache.pendingHelper else { return nil }
        return .credentials("\(helper) has not answered for \(Self.slowPollGrace.components.seconds) s "
                            + "(still waiting; it is stopped after \(ProcessCredentialProvider.defaultTimeoutSeconds) s)")
    }

    // MARK: Private

    private func connectedClient() async throws(EC2Error) -> EC2Client {
        if let client { return client }
        let region = try await configuration.resolvedRegion(transport: transport)
        let provider = configuration.credentialSource.provider(configuration: configuration, region: region,
                                                               transport: transport, clock: clock)
        let cache = CredentialCache(provider: provider, clock: clock)
        let made = EC2Client(endpoint: configuration.ec2Endpoint(region: region), region: region, transport: transport,
                             credentials: cache, retryPolicy: RetryPolicy(maxAttempts: configuration.maxAttempts, clock: clock),
                             clock: clock, tls: configuration.tls)
        self.cache = cache
        client = made
        return made
    }

    private static func capture<T>(_ body: () async throws(EC2Error) -> T) async -> Result<T, EC2Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    /// The transit gateways the route tables name (their attachments, route tables, associations
    /// and routes), then the managed prefix lists the routes, TGW routes and security group rules
    /// name (with their entries). Each operation that fails is one problem; the rest still load.
    private static func packetPath(for state: AWSState, client: EC2Client) async
        -> (state: AWSState, attempted: Int, succeeded: Int, problems: [EC2Error]) {
        var out = AWSState()
        var attempted = 0
        var succeeded = 0
        var problems: [EC2Error] = []
        func run<T>(_ body: () async throws(EC2Error) -> T) async -> T? {
            attempted += 1
            switch await capture(body) {
            case .success(let value):
                succeeded += 1
                return value
            case .failure(let error):
                problems.append(error)
                return nil
            }
        }

        var transitGateways = Set<String>()
        for table in state.routeTables {
            for route in table.routes {
                if case .transitGateway(let id) = route.target { transitGateways.insert(id) }
            }
        }
        if !transitGateways.isEmpty {
            let filter = [EC2Filter("transit-gateway-id", transitGateways.sorted())]
            out.transitGatewayAttachments = await run { () async throws(EC2Error) in
                try await client.describeTransitGatewayAttachments(filters: filter)
            } ?? []
            // Subnets and appliance mode of the VPC attachments; without them the TRANSIT-GATEWAY
            // phase skips its zone checks (a failure is a problem, never a changed route).
            let vpcAttachments = await run { () async throws(EC2Error) in
                try await client.describeTransitGatewayVpcAttachments(filters: filter)
            } ?? []
            out.mergeTransitGatewayVpcAttachments(vpcAttachments)
            out.transitGatewayRouteTables = await run { () async throws(EC2Error) in
                try await client.describeTransitGatewayRouteTables(filters: filter)
            } ?? []
            let tableIDs = out.transitGatewayRouteTables.map(\.transitGatewayRouteTableID).sorted()
            if !tableIDs.isEmpty {
                out.transitGatewayRouteTableAssociations = await run { () async throws(EC2Error) in
                    var all: [TransitGatewayRouteTableAssociation] = []
                    for id in tableIDs { all += try await client.getTransitGatewayRouteTableAssociations(routeTableID: id) }
                    return all
                } ?? []
                out.transitGatewayRoutes = await run { () async throws(EC2Error) in
                    var all: [TransitGatewayRoute] = []
                    for id in tableIDs { all += try await client.searchTransitGatewayRoutes(routeTableID: id).routes }
                    return all
                } ?? []
            }
        }

        var prefixLists = Set<String>()
        for table in state.routeTables {
            for route in table.routes { if let id = route.destinationPrefixListID { prefixLists.insert(id) } }
        }
        for group in state.securityGroups {
            for rule in group.ingress + group.egress { prefixLists.formUnion(rule.prefixListIDs.map(\.prefixListID)) }
        }
        prefixLists.formUnion(out.transitGatewayRoutes.compactMap(\.prefixListID))
        if !prefixLists.isEmpty {
            let ids = prefixLists.sorted()
            out.managedPrefixLists = await run { () async throws(EC2Error) in
                try await client.describeManagedPrefixLists(ids: ids)
            } ?? []
            out.prefixListEntries = await run { () async throws(EC2Error) in
                var all: [PrefixListEntry] = []
                for id in ids { all += try await client.getManagedPrefixListEntries(prefixListID: id) }
                return all
            } ?? []
        }
        return (out, attempted, succeeded, problems)
    }

    private static func reservations(for subnetIDs: [String], client: EC2Client) async
        -> Result<[SubnetCidrReservation], EC2Error> {
        await withTaskGroup(of: (Int, Result<[SubnetCidrReservation], EC2Error>).self) { group in
            var results: [Int: [SubnetCidrReservation]] = [:]
            var failure: EC2Error?
            var next = 0
            func add(_ index: Int) {
                let subnetID = subnetIDs[index]
                group.addTask {
                    let result = await capture { () async throws(EC2Error) in
                        try await client.getSubnetCidrReservations(subnetID: subnetID)
                    }
                    return (index, result)
                }
            }
            while next < min(4, subnetIDs.count) {
                add(next)
                next += 1
            }
            for await (index, result) in group {
                switch result {
                case .success(let items): results[index] = items
                case .failure(let error):
                    // A subnet deleted between the two listings is no problem.
                    if case .service(let service) = error, service.code == "InvalidSubnetID.NotFound" { break }
                    if failure == nil { failure = error }
                }
                if failure == nil, next < subnetIDs.count {
                    add(next)
                    next += 1
                }
            }
            if let failure { return .failure(failure) }
            return .success(subnetIDs.indices.flatMap { results[$0] ?? [] })
        }
    }
}
