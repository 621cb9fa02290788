import Testing
import Firewall
import LPM

/// The non-ACL parts of a running-config: hostname, interfaces, objects, groups, routes, clock,
/// and how unknown commands are skipped.
@Suite("Config parser")
struct ConfigParserTests {
    let edge = fixtureConfig("edge-asa.cfg")

    @Test func readsHostname() {
        #expect(edge.hostname == "edge-asa")
    }

    @Test func readsInterfaceNameSecurityLevelAndAddresses() throws {
        let outside = try #require(edge.interface(named: "outside"))
        #expect(outside.hardwareID == "GigabitEthernet0/0")
        #expect(outside.securityLevel == 0)
        #expect(outside.ipv4 == [.init(address: IPv4Address(198, 51, 100, 2), mask: IPv4Address(255, 255, 255, 248),
                                       standby: IPv4Address(198, 51, 100, 3))])
        #expect(outside.ipv6.map(\.prefixLength) == [64])
        #expect(outside.addresses == [ip("198.51.100.2"), ip("2001:db8:100::2")])
    }

    @Test func insideWithoutSecurityLevelDefaultsTo100() throws {
        let inside = try #require(edge.interface(named: "inside"))
        #expect(inside.securityLevel == nil)
        #expect(inside.effectiveSecurityLevel == 100)
    }

    @Test func readsManagementOnlyAndShutdown() throws {
        #expect(try #require(edge.interface(named: "management")).isManagementOnly)
        let unnamed = try #require(edge.interfaces.first { $0.hardwareID == "GigabitEthernet0/4" })
        #expect(unnamed.name == nil)
        #expect(unnamed.isShutdown)
    }

    @Test func readsEveryNetworkObjectKind() {
        #expect(edge.networkObjects["web-vip6"]?.value == .host(ip("2001:db8:192::80")))
        #expect(edge.networkObjects["app-subnet"]?.value
            == .subnet(IPv4Address(10, 10, 20, 0), mask: IPv4Address(255, 255, 255, 0)))
        #expect(edge.networkObjects["db6-subnet"]?.value == .ipv6Subnet(prefix("2001:db8:10:30::/64")))
        #expect(edge.networkObjects["batch-pool"]?.value == .range(ip("10.10.40.10"), ip("10.10.40.37")))
        #expect(edge.networkObjects["partner-api"]?.value == .fqdn("api.partner.example.net", family: .v4))
    }

    @Test func laterNatBlockDoesNotEraseObjectAddress() {
        #expect(edge.networkObjects["web-vip"]?.value == .host(ip("192.0.2.80")))
        #expect(edge.networkObjects["web-vip"]?.description == "Load-balanced web front end")
    }

    @Test func readsServiceObjectWithSourceAndDestinationPorts() {
        let service = edge.serviceObjects["ssh-from-high"]?.service
        #expect(service == ServiceSpecification(serviceProtocol: .number(6), sourcePort: .greaterThan(1023),
                                                destinationPort: .equal(22)))
    }

    @Test func readsGroupKinds() {
        #expect(edge.objectGroups["backend"]?.kind == .network)
        #expect(edge.objectGroups["dns-ports"]?.kind == .ports(.tcpUDP))
        #expect(edge.objectGroups["web-ports"]?.kind == .ports(.tcp))
        #expect(edge.objectGroups["mgmt-services"]?.kind == .services)
        #expect(edge.objectGroups["tunnels"]?.kind == .protocols)
        #expect(edge.objectGroups["diagnostics"]?.kind == .icmpTypes)
    }

    @Test func keepsGroupMembersInOrderWithTheirLines() throws {
        let group = try #require(edge.objectGroups["backend"])
        #expect(group.entries.map(\.member) == [.group("app-tier"), .group("db-tier")])
        #expect(group.entries[0].line < group.entries[1].line)
    }

    @Test func serviceObjectMembersKeepProtocolAndPorts() throws {
        let group = try #require(edge.objectGroups["mgmt-services"])
        #expect(group.entries.map(\.member) == [
            .serviceObject("ssh-from-high"),
            .service(ServiceSpecification(serviceProtocol: .number(6), destinationPort: .equal(443))),
            .service(ServiceSpecification(serviceProtocol: .number(1), icmp: ICMPMatch(type: 8))),
            .service(ServiceSpecification(serviceProtocol: .number(17), destinationPort: .range(161, 162))),
        ])
    }

    @Test func nameAliasesResolveInGroups() throws {
        let group = try #require(edge.objectGroups["dns-servers"])
        #expect(group.entries.first?.member == .network(.host(ip("192.0.2.53"))))
    }

    @Test func readsAccessGroupsInAndOutAndGlobal() {
        #expect(edge.accessGroup(interface: "outside", direction: .in)?.accessList == "outside_in")
        #expect(edge.accessGroup(interface: "outside", direction: .out)?.accessList == "outside_out")
        #expect(edge.globalAccessGroup?.accessList == "global_acl")
        #expect(edge.accessGroup(interface: "inside", direction: .in) == nil)
    }

    @Test func readsStaticRoutesOfBothFamilies() {
        #expect(edge.routes.map(\.prefix) == [prefix("0.0.0.0/0"), prefix("10.0.0.0/8"), prefix("198.18.0.0/15"),
                                              prefix("::/0"), prefix("2001:db8:10::/48")])
        #expect(edge.routes.first?.gateway == ip("198.51.100.1"))
    }

    @Test func readsClockTimezoneOffset() {
        #expect(edge.clock.timeZoneName == "CET")
        #expect(edge.clock.utcOffsetMinutes == 60)
    }

    @Test func readsTimeRangeDefinitionsAfterTheirUse() throws {
        let business = try #require(edge.timeRanges["business-hours"])
        #expect(business.periodic.count == 1)
        let maintenance = try #require(edge.timeRanges["maintenance"])
        #expect(maintenance.absoluteStart == local(2026, 3, 1, 0, 0))
        #expect(maintenance.absoluteEnd == local(2026, 3, 2, 6, 0))
    }

    @Test func readsSameSecurityTrafficPermit() {
        #expect(edge.permitsSameSecurityInterInterface)
    }

    @Test func skipsAndCountsUnknownCommandsWithTheirSubLines() {
        #expect(edge.skippedCommands["policy-map"] == 4)
        #expect(edge.skippedCommands["crypto"] == 4)
        #expect(edge.skippedLineCount == edge.skippedCommands.values.reduce(0, +))
    }

    @Test func skipsAndCountsStandardAndEthertypeAccessLists() {
        #expect(edge.skippedCommands["access-list standard"] == 1)
        #expect(edge.skippedCommands["access-list ethertype"] == 1)
        #expect(edge.accessLists["STD_MGMT"] == nil)
    }

    @Test func cleanFixturesHaveNoErrors() {
        #expect(edge.errors.isEmpty)
        #expect(fixtureConfig("ftd-lina.cfg").errors.isEmpty)
    }

    @Test func shippedDemoConfigParsesWithoutErrors() {
        let demo = FirewallConfig.parse(fixtureText("../../../Sources/Inventory/Demo/firewall/ftd-egress.cfg"))
        #expect(demo.errors.isEmpty)
        #expect(demo.accessLists["inside_access_in"]?.lines.count == 21)
    }

    @Test func acceptsWindowsLineEndings() {
        let parsed = FirewallConfig.parse("hostname crlf-asa\r\ninterface Gi0/0\r\n nameif outside\r\n")
        #expect(parsed.hostname == "crlf-asa")
        #expect(parsed.interface(named: "outside") != nil)
    }

    @Test func keywordsAreCaseInsensitiveAndNamesCaseSensitive() {
        let parsed = config("OBJECT NETWORK Web", " HOST 10.0.0.1", "object network web", " host 10.0.0.2")
        #expect(parsed.networkObjects["Web"]?.value == .host(ip("10.0.0.1")))
        #expect(parsed.networkObjects["web"]?.value == .host(ip("10.0.0.2")))
    }

    @Test func repeatedObjectGroupBlocksAppendMembers() {
        let parsed = config("object-group network g", " network-object host 10.0.0.1",
                            "object-group network g", " network-object host 10.0.0.2")
        #expect(parsed.objectGroups["g"]?.entries.count == 2)
    }
}

/// A prefix known to be valid (test data).
func prefix(_ text: String) -> IPPrefix {
    guard let parsed = try? IPPrefix(text) else { preconditionFailure("bad test prefix \(text)") }
    return parsed
}
