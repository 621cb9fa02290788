/// A parsed Cisco ASA / FTD `show running-config`: everything the classifier needs, the
/// diagnostics found while reading it, and how many lines it did not know.
///
/// Build one with `FirewallConfig.parse(_:)`; the value is immutable and `Sendable`.
public struct FirewallConfig: Hashable, Sendable {
    /// `hostname NAME`.
    public internal(set) var hostname: String?
    /// The `interface` blocks in config order.
    public internal(set) var interfaces: [FirewallInterface] = []
    /// `object network` definitions by name (blocks of the same name merged).
    public internal(set) var networkObjects: [String: NetworkObject] = [:]
    /// `object service` definitions by name.
    public internal(set) var serviceObjects: [String: ServiceObject] = [:]
    /// `object-group` definitions by name (blocks of the same name merged).
    public internal(set) var objectGroups: [String: ObjectGroup] = [:]
    /// `time-range` definitions by name.
    public internal(set) var timeRanges: [String: TimeRange] = [:]
    /// Extended/advanced access lists by name.
    public internal(set) var accessLists: [String: AccessList] = [:]
    /// Access-list names in order of first appearance.
    public internal(set) var accessListOrder: [String] = []
    /// `access-group` bindings in config order.
    public internal(set) var accessGroups: [AccessGroup] = []
    /// `route` and `ipv6 route` lines.
    public internal(set) var routes: [StaticRoute] = []
    /// `clock timezone` / `clock summer-time`.
    public internal(set) var clock = ClockSettings()
    /// True when `same-security-traffic permit inter-interface` is configured.
    public internal(set) var permitsSameSecurityInterInterface = false
    /// Problems found, in line order.
    public internal(set) var diagnostics: [ConfigDiagnostic] = []
    /// Lines skipped because the parser does not know their command (unknown top-level
    /// commands with their sub-lines, and `standard`/`webtype`/`ethertype` access lists).
    public internal(set) var skippedLineCount = 0
    /// The skipped commands: first keyword (two for `access-list NAME TYPE`) → line count.
    public internal(set) var skippedCommands: [String: Int] = [:]

    /// An empty config.
    public init() {}

    /// The interface with nameif `name`, if any.
    public func interface(named name: String) -> FirewallInterface? {
        interfaces.first { $0.name == name }
    }

    /// The access list bound by `access-group NAME in|out interface IF` for traffic through the
    /// device, if any (the last binding wins, as on the device where a new binding replaces the
    /// old one). `control-plane` bindings are not among them.
    public func accessGroup(interface name: String, direction: AccessGroup.Direction) -> AccessGroup? {
        accessGroups.last { $0.binding == .interface(name, direction) && !$0.isControlPlane }
    }

    /// The access list bound by `access-group NAME in interface IF control-plane` (traffic to the
    /// device itself), if any.
    public func controlPlaneAccessGroup(interface name: String) -> AccessGroup? {
        accessGroups.last { $0.binding == .interface(name, .in) && $0.isControlPlane }
    }

    /// The `access-group NAME global` binding, if any.
    public var globalAccessGroup: AccessGroup? {
        accessGroups.last { $0.binding == .global && !$0.isControlPlane }
    }

    /// The access lists in order of first appearance.
    public var orderedAccessLists: [AccessList] {
        accessListOrder.compactMap { accessLists[$0] }
    }

    /// The errors among the diagnostics.
    public var errors: [ConfigDiagnostic] {
        diagnostics.filter { $0.severity == .error }
    }
}
