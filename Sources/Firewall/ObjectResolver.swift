import LPM

/// Resolves object and group names of a config into members.
///
/// Each object-group is expanded once, without recursion, and its distinct members are cached:
/// nesting costs time in proportion to the groups and `group-object` lines, whatever its depth
/// or shape (chains, diamonds, groups re-opened many times). Groups that nest each other in a
/// cycle are found with visited marks (Tarjan's strongly connected components); the cycle is
/// reported once and every group on it stands for the union of the cycle's members. Nesting
/// deeper than `FirewallLimits.maxGroupDepth` and groups larger than
/// `FirewallLimits.maxExpandedMembers` are reported and resolve to nothing. Unknown names resolve
/// to unmatchable members.
internal struct ObjectResolver {
    /// A problem met while resolving, with the config line that carries the reference.
    internal struct Issue {
        let line: Int
        let problem: ConfigDiagnostic.Problem
    }

    internal let config: FirewallConfig
    /// Problems met so far. Problems inside a group are met once, when it is first expanded.
    internal var issues: [Issue] = []

    private var networkGroups: [String: GroupExpansion<AddressMember>] = [:]
    private var portGroups: [String: GroupExpansion<PortOperator>] = [:]
    private var serviceGroups: [String: GroupExpansion<ServiceTerm>] = [:]
    private var icmpGroups: [String: GroupExpansion<ICMPMatch>] = [:]
    private var icmp6Groups: [String: GroupExpansion<ICMPMatch>] = [:]

    /// A group on the depth-first path of `expand`, with its Tarjan index and low link.
    private struct Frame {
        let group: ObjectGroup
        let index: Int
        var lowLink: Int
        var next = 0
    }

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
            let expansion = networkGroup(group)
            if let limit = expansion.exceeded {
                issues.append(Issue(line: line, problem: .limitExceeded(limit, subject: "object-group \(name)")))
                return [.unresolved(name)]
            }
            return expansion.members
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

    private mutating func networkGroup(_ group: ObjectGroup) -> GroupExpansion<AddressMember> {
        if let done = networkGroups[group.name] { return done }
        var cache = networkGroups
        networkGroups = [:]
        let result = expand(group, cache: &cache) { resolver, entry in
            guard case .network(let spec) = entry.member else { return [] }
            return resolver.addresses(spec, line: entry.line)
        }
        networkGroups = cache
        return result
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
            switch group.kind {
            case .protocols, .services:
                let expansion = serviceGroup(group)
                if let limit = expansion.exceeded {
                    issues.append(Issue(line: line, problem: .limitExceeded(limit, subject: "object-group \(name)")))
                    return []
                }
                return expansion.members
            default:
                issues.append(Issue(line: line, problem: .wrongKind(name: name,
                                                                    expected: "a protocol or service object-group",
                                                                    found: "object-group \(group.kind)")))
                return []
            }
        }
    }

    internal static func terms(_ service: ServiceSpecification) -> [ServiceTerm] {
        let numbers: [UInt8?] = service.serviceProtocol.numbers.map { $0.map(Optional.some) } ?? [nil]
        return numbers.map {
            ServiceTerm(protocolNumber: $0, sourcePort: service.sourcePort, destinationPort: service.destinationPort,
                        icmp: service.icmp)
        }
    }

    private mutating func serviceGroup(_ group: ObjectGroup) -> GroupExpansion<ServiceTerm> {
        if let done = serviceGroups[group.name] { return done }
        var cache = serviceGroups
        serviceGroups = [:]
        let result = expand(group, cache: &cache) { resolver, entry in
            switch entry.member {
            case .protocolNumber(let n): return [ServiceTerm(protocolNumber: n)]
            case .service(let service): return ObjectResolver.terms(service)
            case .serviceObject(let name):
                guard let object = resolver.config.serviceObjects[name] else {
                    resolver.issues.append(Issue(line: entry.line,
                                                 problem: .unknownName(kind: "service object", name: name)))
                    return []
                }
                return object.service.map(ObjectResolver.terms) ?? []
            default:
                return []
            }
        }
        serviceGroups = cache
        return result
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
            let expansion = portGroup(group)
            if let limit = expansion.exceeded {
                issues.append(Issue(line: line, problem: .limitExceeded(limit, subject: "object-group \(name)")))
                return []
            }
            return expansion.members
        }
    }

    private mutating func portGroup(_ group: ObjectGroup) -> GroupExpansion<PortOperator> {
        if let done = portGroups[group.name] { return done }
        var cache = portGroups
        portGroups = [:]
        let result = expand(group, cache: &cache) { _, entry in
            guard case .port(let op) = entry.member else { return [] }
            return [op]
        }
        portGroups = cache
        return result
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
            let expansion = icmpGroup(group, icmp6: icmp6)
            if let limit = expansion.exceeded {
                issues.append(Issue(line: line, problem: .limitExceeded(limit, subject: "object-group \(name)")))
                return []
            }
            return expansion.members
        }
    }

    private mutating func icmpGroup(_ group: ObjectGroup, icmp6: Bool) -> GroupExpansion<ICMPMatch> {
        if let done = (icmp6 ? icmp6Groups : icmpGroups)[group.name] { return done }
        var cache = icmp6 ? icmp6Groups : icmpGroups
        if icmp6 { icmp6Groups = [:] } else { icmpGroups = [:] }
        let result = expand(group, cache: &cache) { resolver, entry in
            guard case .icmpType(let text) = entry.member else { return [] }
            guard let type = ICMPTypeTable.type(for: text, icmp6: icmp6) else {
                resolver.issues.append(Issue(line: entry.line, problem: .expected(
                    icmp6 ? "an ICMPv6 type name" : "an ICMP type name", found: text)))
                return []
            }
            return [ICMPMatch(type: type)]
        }
        if icmp6 { icmp6Groups = cache } else { icmpGroups = cache }
        return result
    }

    // MARK: - Whole groups (validation)

    /// Resolves every member of `group` (once), collecting its issues (cycles, unknown names,
    /// limits).
    internal mutating func validate(_ group: ObjectGroup) {
        switch group.kind {
        case .network:
            _ = networkGroup(group)
        case .ports:
            _ = portGroup(group)
        case .services, .protocols:
            _ = serviceGroup(group)
        case .icmpTypes:
            // Type names are checked when the group is used: they depend on icmp vs icmp6.
            let before = issues.count
            _ = icmpGroup(group, icmp6: false)
            issues = Array(issues[..<before]) + issues[before...].filter { issue in
                if case .expected = issue.problem { return false }
                return true
            }
        }
    }

    // MARK: - Nesting

    /// The group `name` nested in `parent`, or nil (reported) when unknown or of another kind.
    private mutating func nestedGroup(_ name: String, in parent: ObjectGroup, line: Int) -> ObjectGroup? {
        guard let nested = config.objectGroups[name] else {
            issues.append(Issue(line: line, problem: .unknownName(kind: "object-group", name: name)))
            return nil
        }
        guard parent.kind.canNest(nested.kind) else {
            issues.append(Issue(line: line, problem: .wrongKind(name: name, expected: "object-group \(parent.kind)",
                                                                found: "object-group \(nested.kind)")))
            return nil
        }
        return nested
    }

    /// The group `name` nested in `parent`, or nil when it cannot be (already reported).
    private func quietNestedGroup(_ name: String, in parent: ObjectGroup) -> ObjectGroup? {
        guard let nested = config.objectGroups[name], parent.kind.canNest(nested.kind) else { return nil }
        return nested
    }

    /// Expands `root` and every group below it not yet in `cache`, each once, with an explicit
    /// stack (Tarjan's strongly connected components): a group is finished when the groups it
    /// nests are, so its members are its own plus their cached members.
    private mutating func expand<Member: Hashable>(
        _ root: ObjectGroup, cache: inout [String: GroupExpansion<Member>],
        leaf: (inout ObjectResolver, ObjectGroup.Entry) -> [Member]
    ) -> GroupExpansion<Member> {
        var frames = [Frame(group: root, index: 0, lowLink: 0)]
        var indexOf: [String: Int] = [root.name: 0]
        var pathPosition: [String: Int] = [root.name: 0]
        var componentStack: [ObjectGroup] = [root]
        var onComponentStack: Set<String> = [root.name]
        var counter = 1
        while let top = frames.last {
            let group = top.group
            if top.next < group.entries.count {
                let entry = group.entries[top.next]
                frames[frames.count - 1].next += 1
                guard case .group(let name) = entry.member,
                      let nested = nestedGroup(name, in: group, line: entry.line),
                      cache[name] == nil
                else { continue }
                if let index = indexOf[name] {
                    // Seen and unfinished: on the stack of the component being built, so a cycle.
                    guard onComponentStack.contains(name) else { continue }
                    frames[frames.count - 1].lowLink = min(frames[frames.count - 1].lowLink, index)
                    if let position = pathPosition[name] {
                        let path = frames[position...].map(\.group.name) + [name]
                        issues.append(Issue(line: entry.line, problem: .groupCycle(path)))
                    }
                    continue
                }
                indexOf[name] = counter
                pathPosition[name] = frames.count
                frames.append(Frame(group: nested, index: counter, lowLink: counter))
                componentStack.append(nested)
                onComponentStack.insert(name)
                counter += 1
            } else {
                frames.removeLast()
                pathPosition[group.name] = nil
                if !frames.isEmpty {
                    frames[frames.count - 1].lowLink = min(frames[frames.count - 1].lowLink, top.lowLink)
                }
                guard top.lowLink == top.index else { continue }
                var component: [ObjectGroup] = []
                while let member = componentStack.popLast() {
                    onComponentStack.remove(member.name)
                    component.append(member)
                    if member.name == group.name { break }
                }
                let expansion = finish(group, component: Set(component.map(\.name)), cache: cache, leaf: leaf)
                for member in component { cache[member.name] = expansion }
            }
        }
        return cache[root.name] ?? GroupExpansion(members: [], depth: 1, exceeded: nil)
    }

    /// The expansion shared by the groups of one component (one group, or the groups of a cycle),
    /// walked from `head` in config order; nested groups outside the component are in `cache`.
    private mutating func finish<Member: Hashable>(
        _ head: ObjectGroup, component: Set<String>, cache: [String: GroupExpansion<Member>],
        leaf: (inout ObjectResolver, ObjectGroup.Entry) -> [Member]
    ) -> GroupExpansion<Member> {
        var members: [Member] = []
        var seen: Set<Member> = []
        var depth = 1
        var deepest: (group: String, line: Int)?
        var exceeded: FirewallLimits.Limit?
        var visited: Set<String> = [head.name]
        var stack: [(group: ObjectGroup, next: Int)] = [(head, 0)]
        while let top = stack.last {
            guard top.next < top.group.entries.count else {
                stack.removeLast()
                continue
            }
            let entry = top.group.entries[top.next]
            stack[stack.count - 1].next += 1
            var found: [Member]
            if case .group(let name) = entry.member {
                guard let nested = quietNestedGroup(name, in: top.group) else { continue }
                if component.contains(name) {
                    if visited.insert(name).inserted { stack.append((nested, 0)) }
                    continue
                }
                guard let child = cache[name] else { continue }
                if let limit = child.exceeded {
                    exceeded = exceeded ?? limit
                    continue
                }
                if child.depth + 1 > depth {
                    depth = child.depth + 1
                    deepest = (top.group.name, entry.line)
                }
                found = child.members
            } else {
                found = leaf(&self, entry)
            }
            guard exceeded == nil else { continue }
            for member in found where seen.insert(member).inserted {
                members.append(member)
            }
            if members.count > FirewallLimits.maxExpandedMembers {
                exceeded = .expandedMembers
                issues.append(Issue(line: head.line, problem: .limitExceeded(.expandedMembers,
                                                                            subject: "object-group \(head.name)")))
            }
        }
        if exceeded == nil, depth > FirewallLimits.maxGroupDepth, let deepest {
            exceeded = .groupDepth
            issues.append(Issue(line: deepest.line, problem: .limitExceeded(.groupDepth,
                                                                           subject: "object-group \(deepest.group)")))
        }
        if exceeded != nil { members = [] }
        return GroupExpansion(members: members, depth: depth, exceeded: exceeded)
    }
}
