extension ConfigParser {
    /// Checks every reference once the whole config is read: group nesting (cycles, unknown or
    /// wrongly typed members), names used by entries, time ranges, access-group targets, and
    /// objects left without an address. Each problem is reported once, at the line that makes
    /// the reference.
    internal mutating func validateReferences() {
        var resolver = ObjectResolver(config: config)
        for name in config.objectGroups.keys.sorted() {
            if let group = config.objectGroups[name] { resolver.validate(group) }
        }
        var reported: Set<ConfigDiagnostic> = []
        for issue in resolver.issues {
            reported.insert(ConfigDiagnostic(line: issue.line, severity: .error, problem: issue.problem,
                                             text: lineText(issue.line)))
        }

        var fqdnNotes: Set<ConfigDiagnostic> = []
        for list in config.orderedAccessLists {
            for line in list.lines {
                guard case .entry(let entry) = line else { continue }
                // Only the entry's own references: nested problems were reported with the group,
                // whose expansion the resolver keeps.
                var icmp6 = false
                if case .number(let n) = entry.protocolSpecifier { icmp6 = n == IPProtocolTable.icmp6 }
                let before = resolver.issues.count
                let (sources, destinations) = checkTopLevel(entry, icmp6: icmp6, resolver: &resolver)
                for issue in resolver.issues[before...] where issue.line == entry.line {
                    reported.insert(ConfigDiagnostic(line: entry.line, severity: .error, problem: issue.problem,
                                                     text: entry.text))
                }
                resolver.issues.removeSubrange(before...)
                for member in sources + destinations {
                    if case .fqdn(let object, let fqdn) = member {
                        fqdnNotes.insert(ConfigDiagnostic(line: entry.line, severity: .note,
                                                          problem: .unresolvedFQDN(object: object, fqdn: fqdn),
                                                          text: entry.text))
                    }
                }
                if let name = entry.timeRange, config.timeRanges[name] == nil {
                    reported.insert(ConfigDiagnostic(
                        line: entry.line, severity: .error, problem: .unknownName(kind: "time-range", name: name),
                        text: entry.text))
                }
                if let name = entry.sourceInterface, config.interface(named: name) == nil {
                    reported.insert(ConfigDiagnostic(line: entry.line, severity: .error,
                                                     problem: .unknownName(kind: "interface", name: name),
                                                     text: entry.text))
                }
            }
        }
        for group in config.accessGroups {
            if config.accessLists[group.accessList] == nil {
                reported.insert(ConfigDiagnostic(line: group.line, severity: .error,
                                                 problem: .unknownName(kind: "access-list", name: group.accessList),
                                                 text: group.description))
            }
            if case .interface(let name, _) = group.binding, config.interface(named: name) == nil {
                reported.insert(ConfigDiagnostic(line: group.line, severity: .error,
                                                 problem: .unknownName(kind: "interface", name: name),
                                                 text: group.description))
            }
        }
        for object in config.networkObjects.values where object.value == nil {
            reported.insert(ConfigDiagnostic(line: object.line, severity: .error,
                                             problem: .incomplete("object network \(object.name) has no address "
                                                + "(host, subnet, range or fqdn)"),
                                             text: "object network \(object.name)"))
        }
        for object in config.serviceObjects.values where object.service == nil {
            reported.insert(ConfigDiagnostic(line: object.line, severity: .error,
                                             problem: .incomplete(
                                                "object service \(object.name) has no 'service' line"),
                                             text: "object service \(object.name)"))
        }
        config.diagnostics.append(contentsOf: reported)
        config.diagnostics.append(contentsOf: fqdnNotes)
    }

    /// Resolves the entry's own positions so unknown or wrongly typed names are reported;
    /// returns the source and destination members.
    private func checkTopLevel(_ entry: AccessControlEntry, icmp6: Bool, resolver: inout ObjectResolver)
        -> (sources: [AddressMember], destinations: [AddressMember])
    {
        let line = entry.line
        _ = resolver.services(entry.protocolSpecifier, icmp6Context: icmp6, line: line)
        let sources = resolver.addresses(entry.source, line: line)
        let destinations = resolver.addresses(entry.destination, line: line)
        if let spec = entry.sourcePort { _ = resolver.ports(spec, line: line) }
        if let spec = entry.destinationPort { _ = resolver.ports(spec, line: line) }
        if let spec = entry.icmp { _ = resolver.icmpTypes(spec, icmp6: icmp6, line: line) }
        return (sources, destinations)
    }
}
