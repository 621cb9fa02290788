import LPM

extension Snapshot {
    /// This Snapshot with `policies` replacing the policies of the same name (and added when new):
    /// the "after" side of a what-if.
    public func replacing(policies: [EgressGatewayPolicy]) -> Snapshot {
        var cluster = self.cluster
        let replaced = Set(policies.map(\.name))
        cluster.policies = cluster.policies.filter { !replaced.contains($0.name) } + policies
        return Snapshot(source: source, cluster: cluster, aws: aws, config: config, firewallConfigs: firewallConfigs)
    }

    /// This Snapshot with the configuration text of the firewall file at `path` replaced.
    public func replacing(firewallConfig path: String, text: String) -> Snapshot {
        var files = firewallConfigs.filter { $0.path != path }
        files.append(FirewallConfigFile(path: path, text: text))
        return Snapshot(source: source, cluster: cluster, aws: aws, config: config, firewallConfigs: files)
    }
}
