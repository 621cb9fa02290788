/// An `access-group NAME in|out interface IF [control-plane]` or `access-group NAME global`
/// binding (docs/cisco-firewall.md §1).
///
/// A `control-plane` binding filters traffic addressed to the device itself; it is kept and shown,
/// but never consulted for traffic passing through.
public struct AccessGroup: Hashable, Sendable, CustomStringConvertible {
    /// The direction of an interface binding.
    public enum Direction: String, Hashable, Sendable {
        /// `in`: traffic arriving on the interface.
        case `in`
        /// `out`: traffic leaving through the interface (after the route lookup).
        case out
    }

    /// Where the access list is bound.
    public enum Binding: Hashable, Sendable {
        /// One interface, one direction.
        case interface(String, Direction)
        /// `global`: inbound on every interface, after the interface's own inbound list.
        case global
    }

    /// The bound access list.
    public let accessList: String
    /// Where it is bound.
    public let binding: Binding
    /// The config-file line it came from.
    public let line: Int
    /// True for `access-group NAME in interface IF control-plane`: the list filters traffic to the
    /// device only, not through it.
    public let isControlPlane: Bool

    /// Creates a binding.
    public init(accessList: String, binding: Binding, line: Int, isControlPlane: Bool = false) {
        self.accessList = accessList
        self.binding = binding
        self.line = line
        self.isControlPlane = isControlPlane
    }

    /// The binding as the config writes it, e.g. `access-group inside_access_in in interface inside`
    /// (with ` control-plane` for a control-plane binding).
    public var description: String {
        switch binding {
        case .interface(let name, let direction):
            return "access-group \(accessList) \(direction.rawValue) interface \(name)"
                + (isControlPlane ? " control-plane" : "")
        case .global:
            return "access-group \(accessList) global"
        }
    }
}
