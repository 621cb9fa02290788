import LPM

/// Resolves object and group names of a config into members, expanding `group-object` nesting
/// to any depth. A name seen again on the current path is a cycle: it is reported and not
/// followed, so resolution always ends. Unknown names resolve to unmatchable members.
internal struct ObjectResolver {
    /// A problem met while resolving, with the config line that carries the reference.
    internal struct Issue {
        let line: Int
        let problem: ConfigDiagnostic.Problem
    }

    internal let config: FirewallConfig
    /// Problems met so far (only collected when validating).
    internal var issues: [Issue] = []

    internal init(config: FirewallConfig) {
        self.config = config
    }

    // MARK: - Network

    /// The members a source or destination stands for.
    internal mutating func addresses(_ spec: AddressSpecifier, line: Int) -> [AddressMember] {
        switch spec {
        case .any: return [.any]
        case .any4: return [.any4]
        case .any6: return [.any6]
        case .host(let address): return [.prefix(IPPrefix(host: address))]
        case .network(let address, let mask):
            if let length = NetworkMask.prefixLength(of: mask.value) {
                return [.prefix(IPPrefix(containing: .v4(address), length: length))]
            }
            return [.maskedIPv4(address: address.value & mask.value, mask: mask.value)]
        case .ipv6Prefix(let prefix): return [.prefix(prefix)]
        case .object(let name): return [networkObject(name, line: line)]
        case .objectGroup(let name):
            guard let group = config.objectGroups[name] else {
                issues.append(Issue(line: line, problem: .unknownName(kind: "network object-group", name: name)))
                return [.unresolved(name)]
            }
            guard group.kind == .network else {
                issues.append(Issue(line: line, problem: .wrongKind(name: name, expected: "a network object-group",
                                                                    found: "object-group \(group.kind)")))
                return [.unresolved(name)]
            }
            var seen: Set<AddressMember> = []
            var result: [AddressMember] = []
            networkGroup(group, path: [], into: &result, seen: &seen)
            return result
        case .interface(let name):
            guard let interface = config.interface(named: name) else {
                issues.append(Issue(line: line, problem: .unknownName(kind: "interface", name: name)))
                return [.unresolved("interface \(name)")]
            }
            return [.interface(name, interface.addresses)]
        }
    }

    internal mutating func networkObject(_ name: String, line: Int) -> AddressMember {
        guard let object = config.networkObjects[name] else {
            issues.append(Issue(line: line, problem: .unknownName(kind: "network object", name: name)))
            return .unresolved(name)
        }
        switch object.value {
        case nil: return .unresolved(name)
        case .host(let address): return .prefix(IPPrefix(host: address))
        case .subnet(let address, let mask):
            if let length = NetworkMask.prefixLength(of: mask.value) {
                return .prefix(IPPrefix(containing: .v4(address), length: length))
            }
            return .maskedIPv4(address: address.value & mask.value, mask: mask.value)
        case .ipv6Subnet(let prefix): return .prefix(prefix)
        case .range(let first, let last): return .range(first, last)
        case .fqdn(let fqdn, _): return .fqdn(object: name, name: fqdn)
        }
    }

    private mutating func networkGroup(_ group: ObjectGroup, path: [String], into result: inout [AddressMember],
                                       seen: inout Set<AddressMember>) {
        let path = path + [group.name]
        for entry in group.entries {
            switch entry.member {
            case .network(let spec):
                for member in addresses(spec, line: entry.line) where seen.insert(member).inserted {
                    result.append(member)
                }
            case .group(let name):
                guard let nested = nestedGroup(name, in: group, path: path, line: entry.line) else { continue }
                networkGroup(nested, path: path, into: &result, seen: &seen)
            default:
                continue
            }
        }
    }

    /// The group `name` nested in `parent`, or nil (reported) when unknown, of another kind, or
    /// already on the path (a cycle).
    private mutating func nestedGroup(_ name: String, in parent: ObjectGroup, path: [String],
                                      line: Int) -> ObjectGroup? {
        guard let nested = config.objectGroups[name] else {
            issues.append(Issue(line: line, problem: .unknownName(kind: "object-group", name: name)))
            return nil
        }
        guard parent.kind.canNest(nested.kind) else {
            issues.append(Issue(line: line, problem: .wrongKind(name: name, expected: "object-group \(parent.kind)",
                                                                found: "object-group \(nested.kind)")))
            return nil
        }
        if path.contains(name) {
            issues.append(Issue(line: line, problem: .groupCycle(path + [name])))
            return nil
        }
        return nested
    }

    // MARK: - Protocols and services

    /// The members the protocol position stands for, in order, duplicates removed.
    internal mutating func services(_ spec: AccessControlEntry.ProtocolSpecifier, icmp6Context: Bool,
                                    line: Int) -> [ServiceTerm] {
        switch spec {
        case .ip: return [ServiceTerm(protocolNumber: nil)]
        case .number(let n): return [ServiceTerm(protocolNumber: n)]
        case .object(let name):
            guard let object = config.serviceObjects[name] else {
                issues.append(Issue(line: line, problem: .unknownName(kind: "service object", name: name)))
                return []
            }
            guard let service = object.service else {
                issues.append(Issue(line: line, problem: .incomplete("service object \(name) has no 'service' line")))
                return []
            }
            return ObjectResolver.terms(service)
        case .objectGroup(let name):
            guard let group = config.objectGroups[name] else {
                issues.append(Issue(line: line, problem: .unknownName(kind: "protocol or service object-group",
                                                                      name: name)))
                return []
            }
            var result: [ServiceTerm] = []
            var seen: Set<ServiceTerm> = []
            switch group.kind {
            case .protocols, .services:
                serviceGroup(group, path: [], into: &result, seen: &seen)
            default:
                issues.append(Issue(line: line, problem: .wrongKind(name: name,
                                                                    expected: "a protocol or service object-group",
                                                                    found: "object-group \(group.kind)")))
            }
            return result
        }
    }

    internal static func terms(_ service: ServiceSpecification) -> [ServiceTerm] {
        let numbers: [UInt8?] = service.serviceProtocol.numbers.map { $0.map(Optional.some) } ?? [nil]
        return numbers.map {
            ServiceTerm(protocolNumber: $0, sourcePort: service.sourcePort, destinationPort: service.destinationPort,
                        icmp: service.icmp)
        }
    }

    private mutating func serviceGroup(_ group: ObjectGroup, path: [String], into result: inout [ServiceTerm],
                                       seen: inout Set<ServiceTerm>) {
        let path = path + [group.name]
        for entry in group.entries {
            var terms: [ServiceTerm] = []
            switch entry.member {
            case .protocolNumber(let n): terms = [ServiceTerm(protocolNumber: n)]
            case .service(let service): terms = ObjectResolver.terms(service)
            case .serviceObject(let name):
                guard let object = config.serviceObjects[name] else {
                    issues.append(Issue(line: entry.line, problem: .unknownName(kind: "service object", name: name)))
                    continue
                }
                guard let service = object.service else { continue }
                terms = ObjectResolver.terms(service)
            case .group(let name):
                guard let nested = nestedGroup(name, in: group, path: path, line: entry.line) else { continue }
                serviceGroup(nested, path: path, into: &result, seen: &seen)
            default:
                continue
            }
            for term in terms where seen.insert(term).inserted { result.append(term) }
        }
    }

    // MARK: - Ports and ICMP types

    /// The comparisons a port position stands for.
    internal mutating func ports(_ spec: AccessControlEntry.PortSpecifier, line: Int) -> [PortOperator] {
        switch spec {
        case .compare(let op): return [op]
        case .objectGroup(let name):
            guard let group = config.objectGroups[name] else {
                issues.append(Issue(line: line, problem: .unknownName(kind: "port object-group", name: name)))
                return []
            }
            var result: [PortOperator] = []
            var seen: Set<PortOperator> = []
            portGroup(group, path: [], into: &result, seen: &seen)
            return result
        }
    }

    private mutating func portGroup(_ group: ObjectGroup, path: [String], into result: inout [PortOperator],
                                    seen: inout Set<PortOperator>) {
        let path = path + [group.name]
        for entry in group.entries {
            switch entry.member {
            case .port(let op): if seen.insert(op).inserted { result.append(op) }
            case .group(let name):
                guard let nested = nestedGroup(name, in: group, path: path, line: entry.line) else { continue }
                portGroup(nested, path: path, into: &result, seen: &seen)
            default: continue
            }
        }
    }

    /// The ICMP filters an ICMP position stands for; `icmp6` picks the ICMPv6 type names.
    internal mutating func icmpTypes(_ spec: AccessControlEntry.ICMPSpecifier, icmp6: Bool, line: Int) -> [ICMPMatch] {
        switch spec {
        case .type(let match): return [match]
        case .objectGroup(let name):
            guard let group = config.objectGroups[name] else {
                issues.append(Issue(line: line, problem: .unknownName(kind: "icmp-type object-group", name: name)))
                return []
            }
            var result: [ICMPMatch] = []
            var seen: Set<ICMPMatch> = []
            icmpGroup(group, icmp6: icmp6, path: [], into: &result, seen: &seen)
            return result
        }
    }

    private mutating func icmpGroup(_ group: ObjectGroup, icmp6: Bool, path: [String], into result: inout [ICMPMatch],
                                    seen: inout Set<ICMPMatch>) {
        let path = path + [group.name]
        for entry in group.entries {
            switch entry.member {
            case .icmpType(let text):
                guard let type = ICMPTypeTable.type(for: text, icmp6: icmp6) else {
                    issues.append(Issue(line: entry.line, problem: .expected(
                        icmp6 ? "an ICMPv6 type name" : "an ICMP type name", found: text)))
                    continue
                }
                let match = ICMPMatch(type: type)
                if seen.insert(match).inserted { result.append(match) }
            case .group(let name):
                guard let nested = nestedGroup(name, in: group, path: path, line: entry.line) else { continue }
                icmpGroup(nested, icmp6: icmp6, path: path, into: &result, seen: &seen)
            default: continue
            }
        }
    }

    // MARK: - Whole groups (validation)

    /// Resolves every member of `group`, collecting its issues (cycles, unknown names).
    internal mutating func validate(_ group: ObjectGroup) {
        switch group.kind {
        case .network:
            var result: [AddressMember] = []
            var seen: Set<AddressMember> = []
            networkGroup(group, path: [], into: &result, seen: &seen)
        case .ports:
            var result: [PortOperator] = []
            var seen: Set<PortOperator> = []
            portGroup(group, path: [], into: &result, seen: &seen)
        case .services, .protocols:
            var result: [ServiceTerm] = []
            var seen: Set<ServiceTerm> = []
            serviceGroup(group, path: [], into: &result, seen: &seen)
        case .icmpTypes:
            var result: [ICMPMatch] = []
            var seen: Set<ICMPMatch> = []
            // Type names are checked when the group is used: they depend on icmp vs icmp6.
            let before = issues.count
            icmpGroup(group, icmp6: false, path: [], into: &result, seen: &seen)
            issues = Array(issues[..<before]) + issues[before...].filter { issue in
                if case .expected = issue.problem { return false }
                return true
            }
        }
    }
}
