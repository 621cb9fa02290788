import Inventory
import Simulator

/// `gatewatch export`: the gateway object-groups as ASA/FTD config text, as JSON, and as FMC
/// dynamic objects.
public enum GatewayObjectsOutput {
    /// The groups as `show running-config` text that the device (and `gatewatch firewall trace`)
    /// accepts: `object-group network NAME`, a ` description` line, one ` network-object host A`
    /// per address.
    public static func asaText(_ groups: [GatewayObjectGroup]) -> String {
        var lines = ["! gatewatch export asa-objects: \(groups.count) object-group\(groups.count == 1 ? "" : "s")"]
        for group in groups {
            lines.append("object-group network \(group.name)")
            lines.append(" description \(group.descriptionText)")
            for address in group.members { lines.append(" network-object host \(address)") }
        }
        return lines.joined(separator: "\n")
    }

    /// The groups as JSON: `[{name, addresses, namespace, gateway, owner, usedBy, description, members}]`.
    public static func json(_ groups: [GatewayObjectGroup]) -> JSONValue {
        .array(groups.map { group in
            .object([("name", .string(group.name)), ("addresses", .string(group.addresses.rawValue)),
                     ("namespace", .string(group.namespace)), ("gateway", .string(group.gateway)),
                     ("owner", .string(group.owner.rawValue)),
                     ("usedBy", .array(group.usedBy.map { .string($0) })),
                     ("description", .string(group.descriptionText)),
                     ("members", .array(group.members.map { .string($0.description) }))])
        })
    }

    /// The groups as FMC dynamic objects (docs/cisco-firewall.md §8): `[{name, type: "IP", mappings}]`,
    /// `mappings` being the addresses.
    public static func fmcDynamicObjects(_ groups: [GatewayObjectGroup]) -> JSONValue {
        .array(groups.map { group in
            .object([("name", .string(group.name)), ("type", .string("IP")),
                     ("mappings", .array(group.members.map { .string($0.description) }))])
        })
    }
}
